import BraidPolicy
import BraidScenario
import BraidSolver
import Foundation

/// Phase 2's compact master: the spending master
/// with a convexity row only for participants who have two or more patterns in play.
///
/// With who is served fixed, each served participant's patterns sum to 1. A participant with one
/// pattern is *held*: that pattern is a constant at 1 (its entries move into the linking rows'
/// limits, its cost into the objective's constant), and their convexity price is the one that
/// gives it a reduced cost of 0 (an equality row's price is free). So the LP holds only the
/// linking rows and the participants whose spending may still move; the prices, and every
/// reduced value pricing computes, are the full master's. A participant priced a better pattern
/// gets a row, the held pattern basic in it and the new one at 0; after a solve, a participant
/// whose one basic pattern holds them at 1 is held again and their patterns at 0 leave the LP
/// (removing a row and the one basic column in it keeps the basis square and nonsingular, and
/// the point unchanged). At 100,000 applicants the full master had 70,000 rows and each simplex
/// iteration cost 2.3 ms; this one has the rows of one round's new patterns.
extension ColumnGeneration {
    /// The compact spending master's state: per participant the held pattern or the patterns in
    /// the LP, the participants that may not be held again, and the last solve's layout.
    struct SpendState {
        var held: [Int?]
        var open: [[Int]]
        /// Participants given back a dropped pattern: kept with a row from then on (no cycling).
        var sticky: Set<Int> = []
        var layout = CompactLayout(columns: [], rowed: [])
        var basis: Basis? = nil
    }

    /// Runs phase 2 on the compact master from `start` (each participant's starting pattern).
    /// - Returns: the outcome and, when optimal, each pattern's weight and the extras' values.
    mutating func runCompactSpend(solver: any LinearSolver, deadline: Double?, start: [Int: Int]) throws -> (
        outcome: Outcome, lambda: [Double], extras: [Double]
    ) {
        var state = SpendState(
            held: [Int?](repeating: nil, count: d.f.analyses.count),
            open: Array(repeating: [], count: d.f.analyses.count))
        for i in active where !columnsOf[i].isEmpty {
            if columnsOf[i].count == 1 { state.held[i] = columnsOf[i][0] } else { state.open[i] = columnsOf[i] }
        }
        let improvingLimit = max(d.tuning.newPatternsAtLeast, active.count / d.tuning.participantsPerNewPattern)
        while true {
            rounds += 1
            if let deadline, MonotonicClock.now() > deadline { return (.timeLimit, [], []) }
            let shape = CompactLayout(
                columns: active.flatMap { state.open[$0] }, rowed: active.filter { !state.open[$0].isEmpty })
            let (shift, constant) = heldConstants(state)
            let model = compactSpendMaster(shape, shift: shift, constant: constant)
            let warm = spendBasis(model, shape, state, start: start)
            let t0 = MonotonicClock.now()
            let raw = try solver.solve(
                model,
                options: SolveOptions(
                    algorithm: .primalSimplex, presolve: false, timeLimit: MonotonicClock.secondsLeft(until: deadline),
                    relaxIntegrality: true, warmStart: warm))
            let seconds = MonotonicClock.now() - t0
            masterSeconds += seconds
            iterations += raw.statistics.simplexIterations
            switch raw.status {
            case .optimal: break
            case .timeLimit: return (.timeLimit, [], [])
            default: throw PlanningError.unexpectedStatus(step: "phase 2's compact master LP", status: raw.status)
            }
            state.layout = shape
            state.basis = raw.basis
            let lambda = spendWeights(raw, shape, state)
            let t1 = MonotonicClock.now()
            let priced = try price(
                Array(raw.duals[0..<d.f.linkingRows.count]), convexityPrices(raw, shape, state), solver: solver)
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
            if improving.isEmpty {
                return (
                    usesArtificial(raw) ? .infeasible : .optimal, lambda,
                    (0..<d.extras.count).map { raw.values[$0] }
                )
            }
            let chosen = improving.sorted { ($0.gain, -$0.participant) > ($1.gain, -$1.participant) }
                .prefix(improvingLimit)
            release(&state, raw, shape, keeping: Set(chosen.map(\.participant)))
            let d = self.d
            for column in inHalves(
                Array(chosen), from: d.tuning.halvesFrom, { d.column(d.blocks[$0.participant]!, $0.cents) })
            {
                open(column, &state)
            }
        }
    }

    /// Gives `column` a place in the LP: the participant's held pattern (if any) goes into the LP
    /// with it; a pattern identical to one dropped earlier comes back instead of a copy.
    private mutating func open(_ column: Decomposition.Column, _ state: inout SpendState) {
        let i = column.participant
        if let held = state.held[i] {
            state.open[i] = [held]
            state.held[i] = nil
        }
        if let c = columnsOf[i].first(where: { columns[$0].cells == column.cells && columns[$0].cents == column.cents })
        {
            if !state.open[i].contains(c) {
                state.open[i].append(c)
                state.sticky.insert(i)
            }
            return
        }
        columnsOf[i].append(columns.count)
        columns.append(column)
        state.open[i].append(columns.count - 1)
    }

    /// Holds again each participant with a row, not `keeping` a new pattern and not sticky, whose
    /// one basic pattern holds them at 1 with the row's own variable nonbasic; their patterns
    /// at 0 leave the LP.
    private func release(_ state: inout SpendState, _ s: Solution, _ shape: CompactLayout, keeping: Set<Int>) {
        guard let b = s.basis else { return }
        let m = d.f.linkingRows.count
        var position: [Int: Int] = [:]
        for (k, c) in shape.columns.enumerated() { position[c] = firstColumn + k }
        for (k, i) in shape.rowed.enumerated() where !keeping.contains(i) && !state.sticky.contains(i) {
            guard b.status(ofRow: m + k) != .basic else { continue }
            let basic = state.open[i].filter { b.isBasic(column: position[$0]!) }
            guard basic.count == 1, s.values[position[basic[0]]!] > 1 - Tolerance.used else { continue }
            state.held[i] = basic[0]
            state.open[i] = []
        }
    }

    /// What the held patterns put in each linking row, and their cost.
    private func heldConstants(_ state: SpendState) -> (shift: [Double], constant: Double) {
        var shift = [Double](repeating: 0, count: d.f.linkingRows.count)
        var constant = 0.0
        for i in active {
            guard let c = state.held[i] else { continue }
            constant += columns[c].spend
            for entry in columns[c].entries { shift[Int(entry.row)] += entry.coefficient }
        }
        return (shift, constant)
    }

    /// The compact spending master for `shape`: the extras, the artificials, the patterns in
    /// play; the linking rows less the held patterns, then Σ patterns = 1 per participant with a
    /// row.
    private func compactSpendMaster(_ shape: CompactLayout, shift: [Double], constant: Double) -> LinearModel {
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
        var position = [Int: Int]()
        for c in shape.columns {
            position[c] = m.variableCount
            let x = m.addVariable("")
            m.setObjectiveCoefficient(x, columns[c].spend)
            for entry in columns[c].entries { rowTerms[Int(entry.row)].append((x, entry.coefficient)) }
        }
        for j in 0..<f.linkingRows.count {
            m.addConstraint("", rowTerms[j], base.bound(of: f.linkingRows[j], less: shift[j]))
        }
        for i in shape.rowed {
            // (Every pattern in play of a participant with a row is in `shape.columns`.)
            m.addConstraint(
                "", columnsOf[i].compactMap { c in position[c].map { (Variable(index: $0), 1.0) } }, .equal(1))
        }
        m.setObjective(
            .minimize,
            (0..<m.variableCount).map { (Variable(index: $0), m.objectiveCoefficients[$0]) }.filter { $0.1 != 0 },
            constant: constant)
        return m
    }
}
