import BraidPolicy
import BraidScenario
import BraidSolver

/// Phase 2: with who is served and which programs run fixed, the spending that uses streams in
/// `use_order` (earlier first), then rounded to cents.
///
/// Each match is left a few cents of room (``Tuning/matchMarginFactors``), so that rounding to
/// cents cannot push a matching stream over rate × base (rounding moves the base by about a cent
/// per need); the room widens if a knife-edge plan still does not round, and the last resort is
/// an integer program in whole cents.
extension PlanningRun {
    /// The rounded spending and the statistics of the LP it came from (nil when none was solved).
    struct Spending {
        /// Cents per participant cell and per program cell.
        var cents: [Int64]
        var programCents: [Int64]
        var statistics: SolveStatistics?
        /// The decomposition's spending patterns, one per served participant (empty without it).
        var patterns: [Decomposition.Column] = []

        init(rounding: CentRounding, statistics: SolveStatistics?, patterns: [Decomposition.Column] = []) {
            cents = rounding.cents
            programCents = rounding.programCents
            self.statistics = statistics
            self.patterns = patterns
        }

        /// Nothing spent.
        init(nothingIn f: Formulation) {
            cents = [Int64](repeating: 0, count: f.cells.count)
            programCents = [Int64](repeating: 0, count: f.programCells.count)
            statistics = nil
        }
    }

    /// A spending LP's point: its values, simplex iterations and seconds (and on the
    /// decomposition, the pattern each participant spends by).
    struct SpendPoint {
        var values: [Double]
        var iterations: Int
        var seconds: Double
        var patterns: [Decomposition.Column] = []
    }

    /// - Parameter previous: a sweep's previous point's spending patterns (``PlanHint/spending``).
    func spendingPhase(
        _ f: Formulation, _ mip: Phase1Outcome, _ decomposition: SolvedDecomposition?, isServed: [Bool],
        runs: [Bool], previous: [Decomposition.Column] = []
    ) throws -> Spending {
        // No one served and no program run: nothing to spend and no LP to solve (the monolithic
        // one of a large roster, after a time limit, may not fit in memory).
        if !isServed.contains(true), !runs.contains(true) { return Spending(nothingIn: f) }
        let decided = Self.decidedGoals(f, mip.values)
        let lp = Self.spendingModel(f, isServed: isServed, runs: runs, decided: decided)
        func round(_ values: [Double]) -> CentRounding? {
            var attempt = CentRounding(
                formulation: f, values: values, served: isServed, runs: runs, closed: decided.closedCells,
                scenario: scenario, tuning: options.tuning, log: options.logger)
            return (try? attempt.run()) != nil && attempt.paysEveryIndicator(decided.paid) ? attempt : nil
        }
        // (On the decomposition the margins are solved one after the other, each pricing on both
        // cores: the first usually rounds, and solving the last beside it, in case the served set
        // leaves no room for the margin, cost 1.4 s of 15 s at 100,000 applicants and a second
        // phase 2 on every point of a sweep; docs/benchmark-history.md.)
        var spend: SolveStatistics? = nil
        var marginsInfeasible = false
        for factor in options.tuning.matchMarginFactors {
            // (A margin the served set cannot leave makes every wider one infeasible too.)
            if marginsInfeasible, factor > 0 { continue }
            let values: [Double]
            var statistics = SolveStatistics()
            var patterns: [Decomposition.Column] = []
            if let solved = decomposition {
                guard
                    let point = try spendPoint(
                        solved, Self.margined(lp, f, factor), isServed: isServed, previous: previous)
                else {
                    marginsInfeasible = true
                    continue
                }
                values = point.values
                patterns = point.patterns
                statistics.simplexIterations = point.iterations
                statistics.seconds = point.seconds
            } else {
                let solution = try solver.solve(
                    Self.margined(lp, f, factor), options: SolveOptions(timeLimit: remaining(), relaxIntegrality: true))
                guard solution.status == .optimal else {
                    marginsInfeasible = solution.status == .infeasible
                    continue
                }
                statistics = solution.statistics
                if let reference = options.closeTo, analyses.count < options.tuning.closestPlanBelow,
                    let closer = try closestSpending(
                        Self.margined(lp, f, factor), f, optimum: solution.values, reference),
                    let rounding = round(closer)
                {
                    return Spending(rounding: rounding, statistics: statistics)
                }
                values = solution.values
            }
            spend = spend ?? statistics
            if let rounding = round(values) {
                return Spending(rounding: rounding, statistics: statistics, patterns: patterns)
            }
        }
        if spend == nil, let rounding = round(mip.values) {
            // Out of time (or the spending LP failed): the phase-1 point is feasible; round it.
            return Spending(rounding: rounding, statistics: nil)
        }
        let cents = try Self.wholeCents(
            lp, f, solver: solver, timeLimit: remaining(), gap: options.tuning.wholeCentsGap)
        var attempt = CentRounding(
            formulation: f, values: cents, served: isServed, runs: runs, closed: decided.closedCells,
            scenario: scenario,
            tuning: options.tuning, log: options.logger)
        try attempt.run()
        return Spending(rounding: attempt, statistics: spend)
    }

    /// Phase 1's gates and indicators, which phase 2 keeps: the cells they close (closed gates'
    /// tiers, streams that pay nothing for a participant) and the indicators that are on.
    struct DecidedGoals {
        var binaries: [(Variable, Double)] = []
        var closedCells = Set<Int>()
        var paid: [PaidIndicator] = []
    }

    static func decidedGoals(_ f: Formulation, _ values: [Double]) -> DecidedGoals {
        var decided = DecidedGoals()
        for gate in f.gates {
            let open = values[gate.variable.index] > 0.5
            decided.binaries.append((gate.variable, open ? 1 : 0))
            let partial = gate.partial.map { values[$0.index] > 0.5 } ?? false
            if let h = gate.partial { decided.binaries.append((h, partial ? 1 : 0)) }
            if !open && !partial { decided.closedCells.formUnion(gate.cells) }
        }
        for indicator in f.indicators {
            // (On only for someone served: a MIP's tolerance can leave one on beside cells of a
            // few tenths of a cent for a participant it does not serve.)
            let on =
                values[indicator.variable.index] > 0.5 && values[f.served[indicator.participant].index] > 0.5
            decided.binaries.append((indicator.variable, on ? 1 : 0))
            if on { decided.paid.append(indicator) } else { decided.closedCells.formUnion(indicator.cells) }
        }
        return decided
    }

    /// The phase-1 model with the decisions fixed and the objective Σ rank × dollars.
    static func spendingModel(_ f: Formulation, isServed: [Bool], runs: [Bool], decided: DecidedGoals) -> LinearModel {
        var lp = f.model
        for (k, y) in f.served.enumerated() { lp.setBounds(y, lower: isServed[k] ? 1 : 0, upper: isServed[k] ? 1 : 0) }
        for (k, z) in f.runs.enumerated() { lp.setBounds(z, lower: runs[k] ? 1 : 0, upper: runs[k] ? 1 : 0) }
        for (v, x) in decided.binaries { lp.setBounds(v, lower: x, upper: x) }
        var objective: [(Variable, Double)] = []
        // An ordering rule's later payer comes after use_order (``Formulation/cellCost``): no
        // split that moves a dollar to it from an earlier stream is cheaper.
        for (k, cell) in f.cells.enumerated() { objective.append((cell.variable, f.cellCost[k])) }
        for cell in f.programCells { objective.append((cell.variable, f.rank[cell.stream])) }
        lp.setObjective(.minimize, objective)
        return lp
    }

    /// The spending model with each match's room: `factor` cents per matched need, plus one.
    static func margined(_ lp: LinearModel, _ f: Formulation, _ factor: Double) -> LinearModel {
        var margined = lp
        for m in f.matching {
            let groups = Set(m.base.map { "\(f.cells[$0].owner)|\(f.cells[$0].category)" }).count
            margined.setBound(m.constraint, .atMost(-m.rate * factor * Double(groups + 1) / 100))
        }
        return margined
    }

    /// The decomposition's spending at `base` (nil when the served set cannot meet its rows).
    func spendPoint(
        _ solved: SolvedDecomposition, _ base: LinearModel, isServed: [Bool], previous: [Decomposition.Column]
    ) throws -> SpendPoint? {
        let clock = MonotonicClock.now()
        guard
            let point = try solved.decomposition.solveSpend(
                base: base, served: isServed, from: solved.master, previous: previous, solver: solver,
                deadline: deadline)
        else { return nil }
        return SpendPoint(
            values: point.values, iterations: point.iterations, seconds: MonotonicClock.now() - clock,
            patterns: point.patterns)
    }

    /// Phase 2 as an integer program in cents: the same rows, each amount a whole number of cents.
    static func wholeCents(
        _ lp: LinearModel, _ f: Formulation, solver: any LinearSolver, timeLimit: Double?, gap: Double
    ) throws -> [Double] {
        let amounts = f.cells.map(\.variable) + f.programCells.map(\.variable)
        let model = lp.scalingColumns(amounts, by: 100, integer: true)
        let solution = try solver.solve(model, options: SolveOptions(timeLimit: timeLimit, relativeGap: gap))
        guard solution.status.hasSolution else {
            throw PlanningError.roundingFailed("no whole-cent split of the plan was found (\(solution.status))")
        }
        var values = solution.values
        for v in amounts { values[v.index] = values[v.index].rounded() / 100 }
        return values
    }
}
