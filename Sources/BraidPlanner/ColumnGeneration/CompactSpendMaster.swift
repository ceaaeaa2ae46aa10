import BraidPolicy
import BraidScenario
import BraidSolver
import Foundation

/// Phase 2's compact master: the spending master told relative to one pattern per participant,
/// with a row only for the few participants who have two or more other patterns in play.
///
/// With who is served fixed, each served participant's patterns sum to 1. So one pattern of each
/// participant is their *reference*, a constant (its entries move into the linking rows' limits,
/// its cost into the objective's constant) at the weight the others leave it, and each other
/// pattern in play, an *alternative*, is a column of its difference from the reference (its cost
/// and entries less the reference's) between 0 and 1. A participant with two or more
/// alternatives has the row Σ ≤ 1 (the reference's weight ≥ 0); with one, the column's bound is
/// that row. The LP is the full master's (the same optimum and prices), but its basis has the
/// linking rows and those few rows only, so a participant moving between two patterns is a bound
/// flip, not a pivot in a row of their own.
///
/// A new pattern priced better than a participant's patterns in play *takes over* when none of
/// their columns is basic (nor their row's variable nonbasic): it becomes the reference and the
/// old reference the one alternative, at 0 (other alternatives, at 0 outside the basis, leave
/// the LP, unless the participant is sticky). That column's reduced cost is minus the new
/// pattern's, so the last basis stays dual feasible for it, and the dual simplex with the
/// long-step ratio test puts back in a few iterations, many bound flips each, whatever now
/// overruns a budget. (A pattern that cannot take over joins the alternatives at 0; the dual
/// simplex's first phase deals with its negative reduced cost.) After a solve, a participant whose
/// alternative holds them at 1 outside the basis makes it the reference again. Neither step
/// changes a basic column, so the basis stays square and nonsingular. A pattern that returns after
/// it left joins the alternatives, and its participant keeps every pattern from then on (they are
/// *sticky*: no cycling). At 100,000 applicants phase 2 takes 4 rounds instead of 7,
/// and its masters' ~17,500 rows (one per participant with two patterns) are gone
/// (docs/benchmark-history.md, "Phase 2 relative to a reference pattern").
extension ColumnGeneration {
    /// The compact spending master's state: per participant the reference pattern and the
    /// alternatives in the LP, where each alternative and each participant's row stood in the
    /// last solve's basis, and the participants that keep every pattern.
    struct SpendState {
        var reference: [Int?]
        var alternatives: [[Int]]
        /// Per alternative: its column's status in the last basis (absent: at 0).
        var status: [Int: BasisStatus] = [:]
        /// Per participant with a row: its own variable's status in the last basis (absent: basic).
        var rowStatus: [Int: BasisStatus] = [:]
        /// Participants given back a pattern that had left: keep every pattern from then on.
        var sticky: Set<Int> = []
        /// The last basis's statuses of the linking rows and of the extras and artificials.
        var linking: (rows: [BasisStatus], columns: [BasisStatus])? = nil
    }

    /// Runs phase 2 on the compact master from `start` (each participant's starting pattern, the
    /// reference; their other patterns start as alternatives at 0).
    /// - Returns: the outcome and, when optimal, each pattern's weight and the extras' values.
    mutating func runCompactSpend(solver: any LinearSolver, deadline: Double?, start: [Int: Int]) throws -> (
        outcome: Outcome, lambda: [Double], extras: [Double]
    ) {
        var state = SpendState(
            reference: [Int?](repeating: nil, count: d.f.analyses.count),
            alternatives: Array(repeating: [], count: d.f.analyses.count))
        for i in active where !columnsOf[i].isEmpty {
            let first = start[i] ?? columnsOf[i][0]
            state.reference[i] = first
            state.alternatives[i] = columnsOf[i].filter { $0 != first }
        }
        let improvingLimit = max(d.tuning.newPatternsAtLeast, active.count / d.tuning.participantsPerNewPattern)
        while true {
            rounds += 1
            if let deadline, MonotonicClock.now() > deadline { return (.timeLimit, [], []) }
            let shape = CompactLayout(
                columns: active.flatMap { state.alternatives[$0] },
                rowed: active.filter { state.alternatives[$0].count >= 2 })
            let (shift, constant) = constants(of: active.compactMap { state.reference[$0] }, objective: \.spend)
            let model = compactSpendMaster(shape, state, shift: shift, constant: constant)
            // (The first solve starts from a crash basis, with the primal simplex; later ones from
            // the last basis, which the patterns that took over leave dual feasible: the dual
            // simplex, whose first phase deals with any pattern that joined at 0 instead.)
            let (warm, fromLast) = spendBasis(model, shape, state)
            var options = SolveOptions(
                algorithm: fromLast ? .dualSimplex : .primalSimplex, presolve: false,
                timeLimit: MonotonicClock.secondsLeft(until: deadline), relaxIntegrality: true, warmStart: warm)
            options.longStep = true
            let t0 = MonotonicClock.now()
            let raw = try solver.solve(model, options: options)
            let seconds = MonotonicClock.now() - t0
            masterSeconds += seconds
            iterations += raw.statistics.simplexIterations
            switch raw.status {
            case .optimal: break
            case .timeLimit: return (.timeLimit, [], [])
            default: throw PlanningError.unexpectedStatus(step: "phase 2's compact master LP", status: raw.status)
            }
            record(raw, shape, &state)
            let lambda = spendWeights(raw, shape, state)
            let pi = Array(raw.duals[0..<d.f.linkingRows.count])
            let t1 = MonotonicClock.now()
            let priced = try price(pi, convexityPrices(pi, state), solver: solver)
            pricingSeconds += MonotonicClock.now() - t1
            pricings += 1
            var improving: [(gain: Double, participant: Int, cents: [Int64])] = []
            for (n, i) in active.enumerated() {
                guard let p = priced[n] else { continue }
                if -p.value > Tolerance.reducedValue * (1 + abs(p.spend)) {
                    improving.append((-p.value / (1 + abs(p.spend)), i, p.cents))
                }
            }
            log.debug(
                "  spend round \(rounds): master \(raw.objectiveValue) (\(raw.statistics.simplexIterations) it, \(String(format: "%.3f", seconds)) s, \(d.f.linkingRows.count + shape.rowed.count) rows, \(shape.columns.count) columns), \(improving.count) improving"
            )
            let chosen = improving.sorted { ($0.gain, -$0.participant) > ($1.gain, -$1.participant) }
                .prefix(improvingLimit)
            if !chosen.isEmpty { rebase(&state) }
            let d = self.d
            var changed = false
            for column in inHalves(
                Array(chosen), from: d.tuning.halvesFrom, { d.column(d.blocks[$0.participant]!, $0.cents) })
            where open(column, &state) {
                changed = true
            }
            // (Nothing changed: every pattern priced better was in play already, so the LP had it
            // and pricing's reduced value differs from the LP's only by rounding.)
            if !changed {
                return (
                    usesArtificial(raw) ? .infeasible : .optimal, lambda,
                    (0..<d.extras.count).map { raw.values[$0] }
                )
            }
        }
    }

    /// Gives `column` a place in the LP. A new pattern of a participant whose alternatives are
    /// all at 0 outside the basis (their row's variable, if any, basic) takes over: it becomes the
    /// reference, the old reference the one alternative at 0 (a sticky participant keeps the
    /// others too). Otherwise it joins the alternatives at 0; a pattern identical to one that
    /// left comes back instead of a copy, and its participant becomes sticky.
    /// - Returns: whether the LP changed (false: the pattern was in play already).
    private mutating func open(_ column: Decomposition.Column, _ state: inout SpendState) -> Bool {
        let i = column.participant
        if state.reference[i] == nil {
            // (A served participant without a pattern yet: this one pays for them, at 1.)
            columnsOf[i].append(columns.count)
            columns.append(column)
            state.reference[i] = columns.count - 1
            return true
        }
        let known = columnsOf[i].first { columns[$0].cells == column.cells && columns[$0].cents == column.cents }
        if known == nil, let old = state.reference[i], state.rowStatus[i] ?? .basic == .basic,
            state.alternatives[i].allSatisfy({ state.status[$0] ?? .atLower == .atLower })
        {
            columnsOf[i].append(columns.count)
            columns.append(column)
            state.reference[i] = columns.count - 1
            if !state.sticky.contains(i) {
                for c in state.alternatives[i] { state.status[c] = nil }
                state.alternatives[i] = []
                state.rowStatus[i] = nil
            }
            state.alternatives[i].append(old)
            state.status[old] = .atLower
            return true
        }
        if let known {
            guard known != state.reference[i], !state.alternatives[i].contains(known) else { return false }
            state.alternatives[i].append(known)
            state.sticky.insert(i)
            return true
        }
        columnsOf[i].append(columns.count)
        columns.append(column)
        state.alternatives[i].append(columns.count - 1)
        return true
    }

    /// After a solve: each participant whose one alternative at 1 sits outside the basis, with
    /// the others at 0 outside it and their row's variable (if any) basic, takes it as the
    /// reference, the old reference an alternative at 0. No basic column changes, so the basis
    /// stays square and nonsingular and the point the same.
    private func rebase(_ state: inout SpendState) {
        for i in active where !state.alternatives[i].isEmpty {
            let statuses = state.alternatives[i].map { state.status[$0] ?? .atLower }
            guard !statuses.contains(.basic), state.rowStatus[i] ?? .basic == .basic,
                statuses.count(where: { $0 == .atUpper }) == 1, let old = state.reference[i],
                let k = statuses.firstIndex(of: .atUpper)
            else { continue }
            state.reference[i] = state.alternatives[i][k]
            state.status[state.alternatives[i][k]] = nil
            state.alternatives[i][k] = old
            state.status[old] = .atLower
        }
    }

    /// The compact spending master for `shape`: the extras, the artificials, each alternative's
    /// difference from its participant's reference (between 0 and 1); the linking rows less the
    /// references, then Σ alternatives ≤ 1 per participant with a row.
    private func compactSpendMaster(_ shape: CompactLayout, _ state: SpendState, shift: [Double], constant: Double)
        -> LinearModel
    {
        let f = d.f
        var m = LinearModel(name: "spend")
        var rowTerms = [[(Variable, Double)]](repeating: [], count: f.linkingRows.count)
        for (e, v) in d.extras.enumerated() {
            let x = m.addVariable("", lower: base.lowerBounds[v.index], upper: base.upperBounds[v.index])
            if e >= f.runs.count, e < f.runs.count + f.programCells.count {
                m.setObjectiveCoefficient(x, f.rank[f.programCells[e - f.runs.count].stream])
            }
            for entry in d.extraEntries[e] { rowTerms[Int(entry.row)].append((x, entry.coefficient)) }
        }
        addArtificials(
            &m, &rowTerms, extrasAt: d.extras.map { base.lowerBounds[$0.index] }, allowed: true, constants: shift)
        var difference = [Double](repeating: 0, count: f.linkingRows.count)
        var position = [Int: Int]()
        for c in shape.columns {
            let reference = columns[state.reference[columns[c].participant]!]
            position[c] = m.variableCount
            let x = m.addVariable("", upper: 1)
            m.setObjectiveCoefficient(x, columns[c].spend - reference.spend)
            for entry in columns[c].entries { difference[Int(entry.row)] += entry.coefficient }
            for entry in reference.entries { difference[Int(entry.row)] -= entry.coefficient }
            // (Each row once, in the order the entries name them; a row whose entries cancel is left out.)
            for entries in [columns[c].entries, reference.entries] {
                for entry in entries where difference[Int(entry.row)] != 0 {
                    rowTerms[Int(entry.row)].append((x, difference[Int(entry.row)]))
                    difference[Int(entry.row)] = 0
                }
            }
        }
        for j in 0..<f.linkingRows.count {
            m.addConstraint("", rowTerms[j], base.bound(of: f.linkingRows[j], less: shift[j]))
        }
        for i in shape.rowed {
            m.addConstraint("", state.alternatives[i].map { (Variable(index: position[$0]!), 1.0) }, .atMost(1))
        }
        m.setObjective(
            .minimize,
            (0..<m.variableCount).map { (Variable(index: $0), m.objectiveCoefficients[$0]) }.filter { $0.1 != 0 },
            constant: constant)
        return m
    }
}
