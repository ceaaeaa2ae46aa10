import BraidPolicy
import BraidScenario
import BraidSolver
import Foundation
import Logging

/// Finds the plan of PRODUCT.md's model in two exact phases:
/// 1. the MIP maximising the weighted number of people served;
/// 2. with who is served (and which programs run) fixed, the LP that spends streams in
///    `use_order` (earlier first), keeping the most flexible money.
/// Then amounts are rounded to cents without breaking any need, cap, budget or match.
public enum Planner {
    public static func plan(_ scenario: Scenario, options: PlanOptions = PlanOptions(), solver: any LinearSolver = GLPKSolver()) throws -> Plan {
        try plan(scenario, analyses: scenario.analyze(), options: options, solver: solver, hint: nil).plan
    }

    /// Plans with precomputed eligibility and a hint from a previous solve of the same roster
    /// (used by sweeps); returns the hint for the next one.
    public static func plan(
        _ scenario: Scenario, analyses: [ParticipantAnalysis], options: PlanOptions, solver: any LinearSolver = GLPKSolver(),
        hint: PlanHint?
    ) throws -> (plan: Plan, hint: PlanHint) {
        let started = MonotonicClock.now()
        /// Seconds left of the time limit for the steps after phase 1 (at least a moment).
        func remaining() -> Double? {
            options.timeLimit.map { max(options.tuning.minimumStepSeconds, $0 - (MonotonicClock.now() - started)) }
        }
        /// Under BRAID_VERBOSE: how long each step took.
        func log(_ step: String) {
            options.logger.debug("[\(String(format: "%.3f", MonotonicClock.now() - started)) s] \(step)")
        }
        let f = try Formulation(scenario: scenario, analyses: analyses, names: !options.method.decomposes(analyses.count, options.tuning))
        log("model built: \(f.model.variableCount) variables, \(f.model.constraintCount) rows")
        let deadline = options.timeLimit.map { started + $0 }
        var decomposition: (Decomposition, ColumnGeneration)? = nil
        var mip: ServedSearch.Outcome
        var d = Decomposition(f, scenario: scenario, tuning: options.tuning, log: options.logger)
        if d.active.count >= options.tuning.gapStopFrom { d.gapStop = options.gap }
        var start: PlanPoint? = nil
        var proofExhausted = false
        if options.method.decomposes(analyses.count, options.tuning),
            let (outcome, cg) = try d.solveServed(options: options, solver: solver, deadline: deadline, hint: hint, fallback: &start, proofExhausted: &proofExhausted)
        {
            mip = outcome
            decomposition = (d, cg)
        } else {
            var rest = options
            rest.timeLimit = remaining()
            mip = try ServedSearch.run(f, options: rest, solver: solver, hint: hint, start: start, classProofSpent: proofExhausted, pricing: d)
        }
        var status = PlanStatus.optimal
        var gap = 0.0
        switch mip.status {
        case .optimal:
            gap = abs(mip.bound - mip.objective) / max(1e-9, abs(mip.objective))
        case .timeLimit(let g):
            status = .timeLimit
            gap = g ?? 1
        default:
            throw PlanningError.unexpectedStatus(step: "phase 1 (people served)", status: mip.status)
        }
        let servedValues = f.served.map { mip.values[$0.index] }
        let runValues = f.runs.map { mip.values[$0.index] }
        let isServed = servedValues.map { $0 > 0.5 }
        let runs = runValues.map { $0 > 0.5 }
        log("phase 1 (people served): \(mip.status), \(mip.objective), bound \(mip.bound)")
        // Phase 2: fix the decisions; spend in use order.
        var lp = f.model
        for (k, y) in f.served.enumerated() { lp.setBounds(y, lower: isServed[k] ? 1 : 0, upper: isServed[k] ? 1 : 0) }
        for (k, z) in f.runs.enumerated() { lp.setBounds(z, lower: runs[k] ? 1 : 0, upper: runs[k] ? 1 : 0) }
        var objective: [(Variable, Double)] = []
        for cell in f.cells { objective.append((cell.variable, f.rank[cell.stream])) }
        for cell in f.programCells { objective.append((cell.variable, f.rank[cell.stream])) }
        lp.setObjective(.minimize, objective)
        // Leave each match a few cents of room, so that rounding to cents cannot push a
        // matching stream over rate × base (rounding moves the base by about a cent per need);
        // widen the room if a knife-edge plan still does not round, then fall back to an
        // integer program in whole cents.
        var rounding: CentRounding? = nil
        var spend: SolveStatistics? = nil
        func margined(_ factor: Double) -> LinearModel {
            var margined = lp
            for m in f.matching {
                let groups = Set(m.base.map { "\(f.cells[$0].owner)|\(f.cells[$0].category)" }).count
                margined.setBound(m.constraint, .atMost(-m.rate * factor * Double(groups + 1) / 100))
            }
            return margined
        }
        typealias SpendPoint = (values: [Double], iterations: Int, seconds: Double)
        func spendPoint(_ d: Decomposition, _ cg: ColumnGeneration, _ factor: Double) throws -> SpendPoint? {
            let clock = MonotonicClock.now()
            guard let point = try d.solveSpend(base: margined(factor), served: isServed, from: cg, solver: solver, deadline: deadline)
            else { return nil }
            return (point.values, point.iterations, MonotonicClock.now() - clock)
        }
        // With the decomposition and a match, the first margin and none are solved at once on both
        // cores: when the served set leaves no room for the margin, the second is the one used
        // (the choice below is the same either way).
        var solvedEarly: [Double: SpendPoint?] = [:]
        if let (d, cg) = decomposition, !f.matching.isEmpty {
            let factors = [options.tuning.matchMarginFactors.first!, options.tuning.matchMarginFactors.last!]
            let points = try parallelMap(2, threads: options.tuning.threads) { k in try spendPoint(d, cg, factors[k]) }
            for (factor, point) in zip(factors, points) { solvedEarly.updateValue(point, forKey: factor) }
        }
        var marginsInfeasible = false
        for factor in options.tuning.matchMarginFactors {
            // (A margin the served set cannot leave makes every wider one infeasible too.)
            if marginsInfeasible, factor > 0 { continue }
            let values: [Double]
            var statistics = SolveStatistics()
            if let (d, cg) = decomposition {
                let solved = try solvedEarly[factor] ?? spendPoint(d, cg, factor)
                guard let point = solved else {
                    marginsInfeasible = true
                    continue
                }
                values = point.values
                statistics.simplexIterations = point.iterations
                statistics.seconds = point.seconds
            } else {
                let margined = margined(factor)
                let solution = try solver.solve(margined, options: SolveOptions(timeLimit: remaining(), relaxIntegrality: true))
                guard solution.status == .optimal else {
                    marginsInfeasible = solution.status == .infeasible
                    continue
                }
                values = solution.values
                statistics = solution.statistics
            }
            spend = spend ?? statistics
            var attempt = CentRounding(formulation: f, values: values, served: isServed, runs: runs, scenario: scenario, log: options.logger)
            if (try? attempt.run()) != nil {
                rounding = attempt
                spend = statistics
                break
            }
        }
        if rounding == nil, spend == nil {
            // Out of time (or the spending LP failed): the phase-1 point is feasible; round it.
            var attempt = CentRounding(formulation: f, values: mip.values, served: isServed, runs: runs, scenario: scenario, log: options.logger)
            if (try? attempt.run()) != nil { rounding = attempt }
        }
        if rounding == nil {
            let cents = try wholeCents(lp, f, solver: solver, timeLimit: remaining(), gap: options.tuning.wholeCentsGap)
            var attempt = CentRounding(formulation: f, values: cents, served: isServed, runs: runs, scenario: scenario, log: options.logger)
            try attempt.run()
            rounding = attempt
        }
        let spendIterations = spend?.simplexIterations ?? 0, spendSeconds = spend?.seconds ?? 0
        log("phase 2 (spending) and cent rounding")
        var next = PlanHint(binaries: (f.served + f.runs).map { mip.values[$0.index] }, basis: decomposition == nil ? mip.relaxation?.basis : nil)
        if let (_, cg) = decomposition {
            next.patterns = cg.patternsForNextSolve()
            if let basis = cg.pricedBasis { next.master = MasterSnapshot(columns: cg.columns, basis: basis, margin: cg.margin, live: cg.compact ? cg.live : nil, settled: cg.compact ? cg.settled : nil) }
        }
        let marginals: [Double]
        if let (d, cg) = decomposition {
            marginals = try d.marginalValues(cg, solver: solver, deadline: deadline)
        } else {
            marginals = try marginalValues(f, mip.relaxation, solver: solver, deadline: deadline, tuning: options.tuning)
        }
        log("marginal values")
        defer { log("plan built") }
        return (buildPlan(
            scenario, f, analyses, isServed: isServed, runs: runs, cents: rounding!.cents, programCents: rounding!.programCents,
            marginals: marginals, status: status,
            gap: gap,
            statistics: PlanStatistics(
                variables: f.model.variableCount, constraints: f.model.constraintCount, entries: f.model.entryCount,
                nodes: mip.nodes, simplexIterations: mip.iterations + spendIterations,
                solveSeconds: mip.seconds + spendSeconds, objective: mip.objective, bound: mip.bound)), next)
    }

    static func buildPlan(
        _ scenario: Scenario, _ f: Formulation, _ analyses: [ParticipantAnalysis], isServed: [Bool], runs: [Bool], cents: [Int64],
        programCents: [Int64], marginals: [Double], status: PlanStatus, gap: Double, statistics: PlanStatistics
    ) -> Plan {
        let streams = scenario.streams
        var allocations: [Allocation] = []
        for (k, cell) in f.cells.enumerated() where cents[k] > 0 {
            allocations.append(Allocation(owner: analyses[cell.owner].person.id, stream: streams[cell.stream].id, category: cell.category, cents: cents[k]))
        }
        var programAllocations: [Allocation] = []
        for (k, cell) in f.programCells.enumerated() where programCents[k] > 0 {
            programAllocations.append(Allocation(owner: scenario.programs[cell.owner].info.id, stream: streams[cell.stream].id, category: cell.category, cents: programCents[k]))
        }
        var used = [Int64](repeating: 0, count: streams.count)
        for (k, cell) in f.cells.enumerated() { used[cell.stream] += cents[k] }
        for (k, cell) in f.programCells.enumerated() { used[cell.stream] += programCents[k] }
        let uses = streams.enumerated().map { s, stream in
            StreamUse(
                id: stream.id, budget: stream.limit, used: used[s],
                marginalValue: marginals[s])
        }
        var served: [String] = []
        var notServed: [NotServed] = []
        var weighted = 0.0
        for (i, a) in analyses.enumerated() {
            if isServed[i] {
                served.append(a.person.id)
                weighted += a.weight
            } else {
                notServed.append(
                    NotServed(
                        id: a.person.id,
                        reason: reason(for: i, scenario, f, analyses, runs: runs, used: used, timedOutEmpty: status == .timeLimit && gap >= 1)))
            }
        }
        return Plan(
            scenario: scenario.name, status: status, gap: gap, served: served, notServed: notServed, allocations: allocations,
            programAllocations: programAllocations, programsRun: scenario.programs.indices.filter { runs[$0] }.map { scenario.programs[$0].info.id },
            streams: uses, statistics: statistics, weightedServed: weighted)
    }

    /// Phase 2 as an integer program in cents: the same rows, each amount a whole number of cents.
    static func wholeCents(_ lp: LinearModel, _ f: Formulation, solver: any LinearSolver, timeLimit: Double?, gap: Double) throws -> [Double] {
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

    /// People served per extra dollar of each stream's budget: the right-hand derivative of the
    /// LP relaxation's optimum, found by re-solving it (warm) with the budget raised by 0.1%
    /// (at least $1). At a degenerate optimum the simplex duals are not unique, so they are not
    /// used directly; a budget that is not fully used has marginal value 0.
    /// After the deadline no more are computed: those are NaN (`null` in JSON, "not computed").
    static func marginalValues(_ f: Formulation, _ relaxation: Solution?, solver: any LinearSolver, deadline: Double?, tuning: Tuning) throws -> [Double] {
        guard let relaxation, relaxation.status == .optimal else { return f.budgetRows.map { _ in .nan } }
        return try f.budgetRows.map { row -> Double in
            guard let row else { return 0 }
            if let deadline, MonotonicClock.now() > deadline { return .nan }
            return try derivative(limit: f.model.rowUpper[row.index], activity: relaxation.activity(of: row), optimum: relaxation.objectiveValue, failed: 0, tuning: tuning) {
                var bigger = f.model
                bigger.setBound(row, .atMost($0))
                let again = try solver.solve(bigger, options: SolveOptions(presolve: false, relaxIntegrality: true, warmStart: relaxation.basis))
                return again.status == .optimal ? again.objectiveValue : nil
            }
        }
    }

    /// Whether a budget's `activity` reaches its `limit` (up to the LP's tolerance): only then can
    /// more of it be worth anything.
    static func usedUp(limit: Double, activity: Double) -> Bool { activity >= limit - Tolerance.bound * max(1, limit) }

    /// The right-hand derivative of an LP optimum in one budget: 0 when the budget is not used
    /// up; otherwise the gain per dollar when `resolve` re-solves with the limit a little higher
    /// (``Tuning/marginalStep``; `failed` when it cannot).
    static func derivative(
        limit: Double, activity: Double, optimum: Double, failed: Double, tuning: Tuning, resolve: (Double) throws -> Double?
    ) rethrows -> Double {
        guard usedUp(limit: limit, activity: activity) else { return 0 }
        let delta = max(tuning.marginalStepAtLeast, limit * tuning.marginalStep)
        guard let again = try resolve(limit + delta) else { return failed }
        let value = (again - optimum) / delta
        return value < Tolerance.zero ? 0 : value
    }

    /// The binding reason a participant is not served.
    static func reason(
        for i: Int, _ scenario: Scenario, _ f: Formulation, _ analyses: [ParticipantAnalysis], runs: [Bool], used: [Int64],
        timedOutEmpty: Bool
    ) -> String {
        let a = analyses[i]
        if let blocker = a.blocker { return blocker }
        if timedOutEmpty { return "the time limit was reached before any plan was found; raise --time-limit" }
        if let p = scenario.programs.firstIndex(where: { $0.info.id == a.person.program }), !runs[p] {
            let program = scenario.programs[p]
            return "program \(program.info.id) does not run: fewer than its minimum enrollment of \(program.minEnrollment) could be funded"
                + (program.costs.isEmpty ? "" : " together with its program costs")
        }
        var parts: [String] = []
        for (category, need, payers) in a.payers {
            let names = payers.map { s -> String in
                let stream = scenario.streams[s]
                guard let limit = stream.limit else { return "\(stream.id) (capped for this participant)" }
                return "\(stream.id) (\(formatMoney(limit - used[s])) left)"
            }
            parts.append("\(category) \(formatMoney(need)) payable by \(names.joined(separator: ", "))")
        }
        let total = a.person.totalNeed
        return "budgets exhausted: serving them costs \(formatMoney(total)) and the money that may pay it is spent on others who count as much or more — "
            + parts.joined(separator: "; ")
    }
}
