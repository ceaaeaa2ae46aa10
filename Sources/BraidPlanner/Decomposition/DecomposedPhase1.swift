import BraidPolicy
import BraidScenario
import BraidSolver
import Foundation
import Logging

extension Decomposition {
    /// Phase 1 on the decomposition: the LP bound by column generation, then a small MIP over
    /// the participants at the margin. Nil when the decomposition cannot decide (the planner then
    /// uses the monolithic model).
    /// - Parameter beating: a value the plan is of no use below (the gate search's best plan):
    ///   when the relaxation's proven bound cannot beat it, no plan is sought, and the outcome is
    ///   "no plan" with that bound.
    /// - Parameter handover: when nil is returned, what the monolithic search starts from: the
    ///   best plan found (a point of the monolithic model and its value), whether the class proof
    ///   spent its whole node budget, and the nodes spent.
    func solveServed(
        options: PlanOptions, solver: any LinearSolver, deadline: Double?, hint: PlanHint? = nil,
        beating: Double? = nil, handover: inout Phase1Handover
    ) throws -> (Phase1Outcome, ColumnGeneration)? {
        let started = MonotonicClock.now()
        let f = self.f
        var cg: ColumnGeneration
        var stopped = false
        // Column generation gets a share of the time (``Tuning/columnGenerationTimeShare``): at a
        // limit it stops at the last master solved and the margin MIP finds a plan from there
        // (status time_limit with its gap) instead of ending with none.
        let columnDeadline = deadline.map { started + tuning.columnGenerationTimeShare * ($0 - started) }
        let cannotBeat = { (bound: Double) in
            beating.map { !PlanningRun.beats(bound, $0, step: self.step, options: options) } ?? false
        }
        let mayBeat = beating.map { _ in { (bound: Double) in !cannotBeat(bound) } }
        switch try relaxation(solver: solver, deadline: columnDeadline, hint: hint, mayBeat: mayBeat) {
        case (.optimal, let solved): cg = solved
        // (A relaxation that needs artificials relaxes the leaf's own, so its bound is proven: a
        // later leaf of the gate search it shows cannot beat the best plan needs no monolithic
        // proof of infeasibility, 50 ms of each Indiana workbench edit.)
        case (.timeLimit, let solved) where solved.stoppedBelowBest,
            (.infeasible, let solved) where cannotBeat(solved.lagrangianBound):
            return (dominated(bound: solved.lagrangianBound, relaxation: solved.solution, since: started), solved)
        case (.infeasible, _):
            // (A gate setting whose rows the relaxation cannot meet — an open gate whose protected
            // cannot all be served — is no plan; at the decomposition's scale the monolithic model
            // cannot say more in any time a planner waits.)
            if !f.gates.isEmpty && active.count >= tuning.monolithicFallbackBelow {
                throw InfeasibleError("the gates' setting leaves the relaxation infeasible")
            }
            return nil
        case (_, let partial):
            guard let s = partial.solution, !partial.usesArtificial(s), partial.lagrangianBound.isFinite else {
                var outcome = Phase1Outcome.noPlan(f, relaxation: partial.solution)
                outcome.seconds = MonotonicClock.now() - started
                return (outcome, partial)
            }
            log.debug(
                "  column generation stopped at its share of the time: master \(s.objectiveValue), bound \(partial.lagrangianBound)"
            )
            cg = partial
            stopped = true
        }
        let lp = cg.solution!
        // The master's optimum is the LP bound up to GLPK's tolerances; the Lagrangian bound is
        // proven whatever they are.
        let bound = max(lp.objectiveValue, cg.lagrangianBound)
        if let beating, cannotBeat(bound) {
            log.debug("  its relaxation's bound \(bound) cannot beat \(beating): no plan sought")
            return (dominated(bound: bound, relaxation: lp, since: started), cg)
        }
        var outcome = Phase1Outcome(values: [], status: .optimal, objective: bound, bound: bound, relaxation: lp)
        outcome.iterations = cg.iterations
        // (Columns priced after the last master solved have no value in it.)
        let lambda = (0..<cg.columns.count).map { c in
            cg.firstColumn + c < lp.values.count ? lp.values[cg.firstColumn + c] : 0
        }
        let servedLP = f.analyses.indices.map { i in cg.columnsOf[i].reduce(0.0) { $0 + lambda[$1] } }
        let runsLP = f.runs.indices.map { lp.values[$0] }
        let fractional = active.filter { servedLP[$0] > Tolerance.integral && servedLP[$0] < 1 - Tolerance.integral }
        if !stopped, fractional.isEmpty && runsLP.allSatisfy({ $0 < Tolerance.integral || $0 > 1 - Tolerance.integral })
        {
            cg.incumbent = lambda
            outcome.values = values(cg, lambda: lambda, extras: (0..<extras.count).map { lp.values[$0] })
            outcome.seconds = MonotonicClock.now() - started
            return (outcome, cg)
        }
        var search = MarginSearch(
            self, cg, stopped: stopped, fractional: fractional, lambda: lambda, servedLP: servedLP, outcome: outcome,
            options: options,
            solver: solver, deadline: deadline, started: started)
        defer {
            handover.proofExhausted = handover.proofExhausted || search.proofExhausted
            if handover.start == nil { handover.start = search.fallback }
            handover.nodes += search.outcome.nodes
        }
        return try search.run(hint: hint)
    }

    /// No plan sought: the relaxation's proven `bound` cannot beat what it had to
    /// (``solveServed(options:solver:deadline:hint:beating:handover:)``).
    private func dominated(bound: Double, relaxation: Solution?, since started: Double) -> Phase1Outcome {
        var outcome = Phase1Outcome.noPlan(f, relaxation: relaxation)
        outcome.bound = bound
        outcome.seconds = MonotonicClock.now() - started
        return outcome
    }

    /// The LP relaxation by column generation, from each participant's cheapest funding in
    /// use_order and a greedy crash basis.
    /// - Parameter mayBeat: whether a plan worth a bound would still be of use (``ColumnGeneration/mayBeat``).
    func relaxation(
        solver: any LinearSolver, deadline: Double?, hint: PlanHint? = nil, mayBeat: ((Double) -> Bool)? = nil
    ) throws -> (ColumnGeneration.Outcome, ColumnGeneration) {
        if let warm = try warmMaster(hint, solver: solver, deadline: deadline) { return warm }
        var cg = ColumnGeneration(self, phase: .served, base: f.model, active: active)
        cg.mayBeat = mayBeat
        cg.compact = compactMaster
        // At scale, when a gap stops column generation, the compact master is solved by the
        // interior point (its prices need no basis: see ``ColumnGeneration/interior``).
        cg.interior =
            compactMaster && active.count >= tuning.interiorMasterFrom && gapStop >= tuning.smallestStoppingGap
        let zero = [Double](repeating: 0, count: f.linkingRows.count)
        // Each participant's cheapest pattern in use_order, priced on both cores, added in roster
        // order (at 100,000 applicants 0.14 s against 0.32 s).
        let first = inHalves(active, from: tuning.halvesFrom) { i in
            Result {
                try ColumnGeneration.price(self, .spend, i, zero, 0, solver: solver).map {
                    column(blocks[i]!, $0.cents)
                }
            }
        }
        for pattern in first {
            if let c = try pattern.get() { cg.add(c) }
        }
        var start = cg.greedyStart()
        if let hint, hint.binaries.count == f.binaries.count {
            // A sweep's previous point: its patterns, and its served set (each by the pattern it
            // used, the last one kept for them) as the starting point.
            var used: [Int: Int] = [:]
            let usedOnly = active.count >= tuning.sweepUsedPatternsOnlyFrom
            for pattern in usedOnly ? Self.usedPatterns(hint) : hint.patterns {
                guard let column = adopt(pattern) else { continue }
                cg.add(column)
                used[column.participant] = cg.columnsOf[column.participant].first {
                    cg.columns[$0].cells == column.cells && cg.columns[$0].cents == column.cents
                }
            }
            if usedOnly {
                // (One live pattern each, as a cold start has: the cheapest rests until priced again.)
                for (i, c) in used where cg.columnsOf[i].count > 1 {
                    for other in cg.columnsOf[i] where other != c { cg.live[other] = false }
                }
                log.debug("  from the previous point's plan: its \(used.count) used patterns")
            }
            let served = active.filter { hint.binaries[$0] > 0.5 && used[$0] != nil }
            start = cg.greedyStart(order: served, using: used)
        }
        let outcome = try cg.run(solver: solver, deadline: deadline, start: start)
        return (outcome, cg)
    }

    /// The pattern the previous plan used for each participant it served (each participant's
    /// last in ``PlanHint/patterns``).
    static func usedPatterns(_ hint: PlanHint) -> [Column] {
        var last: [Int: Column] = [:]
        for pattern in hint.patterns where hint.binaries[pattern.participant] > 0.5 {
            last[pattern.participant] = pattern
        }
        return last.keys.sorted().map { last[$0]! }
    }

    /// The previous point's master re-solved from its basis, when every column still fits this
    /// model unchanged (same participants, patterns and rows: a sweep over a limit); nil otherwise.
    private func warmMaster(_ hint: PlanHint?, solver: any LinearSolver, deadline: Double?) throws
        -> (ColumnGeneration.Outcome, ColumnGeneration)?
    {
        guard let snapshot = hint?.master, snapshot.margin.count == f.analyses.count,
            snapshot.live == nil || snapshot.live?.count == snapshot.columns.count,
            snapshot.settled == nil || snapshot.settled?.count == snapshot.columns.count
        else { return nil }
        var cg = ColumnGeneration(self, phase: .served, base: f.model, active: active)
        for pattern in snapshot.columns {
            guard let column = adopt(pattern), column.entries == pattern.entries,
                cg.add(column)
            else { return nil }
        }
        let basis = snapshot.basis
        if let live = snapshot.live {
            cg.compact = true
            cg.live = live
            if let settled = snapshot.settled { cg.settled = settled }
            cg.layout = cg.compactLayout()
            guard basis.rowCount == f.linkingRows.count + cg.layout.rowed.count,
                basis.columnCount == cg.firstColumn + cg.layout.columns.count
            else { return nil }
        } else {
            guard basis.rowCount == f.linkingRows.count + active.count,
                basis.columnCount == cg.firstColumn + cg.columns.count
            else { return nil }
        }
        cg.basis = basis
        cg.pricedBasis = basis
        cg.margin = snapshot.margin
        cg.firstAlgorithm = snapshot.primal ? .primalSimplex : .dualSimplex
        cg.warmStarted = true
        return (try cg.run(solver: solver, deadline: deadline), cg)
    }

    /// A pattern from another solve of the same roster, rebuilt for this model (nil when its cells
    /// no longer fit: another participant, category or a lower upper limit).
    func adopt(_ pattern: Column) -> Column? {
        guard pattern.participant < blocks.count, let b = blocks[pattern.participant] else { return nil }
        var cents = [Int64](repeating: 0, count: b.cells.count)
        for (k, c) in zip(pattern.cells, pattern.cents) {
            guard let l = b.cells.firstIndex(of: Int(k)), c <= f.cells[Int(k)].upper else { return nil }
            cents[l] = c
        }
        for category in b.categories where category.cells.reduce(Int64(0), { $0 + cents[$1] }) != category.need {
            return nil
        }
        return column(b, cents)
    }
}
