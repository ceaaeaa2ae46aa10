import BraidPolicy
import BraidScenario
import BraidSolver
import Foundation
import Logging

extension Decomposition {
    /// Phase 1 on the decomposition: the LP bound by column generation, then a small MIP over
    /// the participants at the margin. Nil when the decomposition cannot decide (the planner then
    /// uses the monolithic model).
    /// - Parameter fallback: when nil is returned, the best plan found (a point of the monolithic
    ///   model and its value), for the monolithic search to start from.
    /// - Parameter proofExhausted: set when the class proof spent its whole node budget (the
    ///   monolithic search then does not repeat it).
    func solveServed(
        options: PlanOptions, solver: any LinearSolver, deadline: Double?, hint: PlanHint? = nil,
        fallback: inout PlanPoint?, proofExhausted: inout Bool
    ) throws -> (ServedSearch.Outcome, ColumnGeneration)? {
        let started = MonotonicClock.now()
        let f = self.f
        var cg: ColumnGeneration
        var stopped = false
        // Column generation gets a share of the time (``Tuning/columnGenerationTimeShare``): at a
        // limit it stops at the last master solved and the margin MIP finds a plan from there
        // (status time_limit with its gap) instead of ending with none.
        let columnDeadline = deadline.map { started + tuning.columnGenerationTimeShare * ($0 - started) }
        switch try relaxation(solver: solver, deadline: columnDeadline, hint: hint) {
        case (.optimal, let solved): cg = solved
        case (.infeasible, _): return nil
        case (_, let partial):
            guard let s = partial.solution, !partial.usesArtificial(s), partial.lagrangianBound.isFinite else {
                var outcome = ServedSearch.Outcome.noPlan(f, relaxation: partial.solution)
                outcome.seconds = MonotonicClock.now() - started
                return (outcome, partial)
            }
            log.debug("  column generation stopped at its share of the time: master \(s.objectiveValue), bound \(partial.lagrangianBound)")
            cg = partial
            stopped = true
        }
        let lp = cg.solution!
        // The master's optimum is the LP bound up to GLPK's tolerances; the Lagrangian bound is
        // proven whatever they are.
        let bound = max(lp.objectiveValue, cg.lagrangianBound)
        let target = step > 0 ? (bound / step + Tolerance.objective).rounded(.down) * step : bound
        var outcome = ServedSearch.Outcome(values: [], status: .optimal, objective: bound, bound: bound, relaxation: lp)
        outcome.iterations = cg.iterations
        // (Columns priced after the last master solved have no value in it.)
        let lambda = { (c: Int) -> Double in cg.firstColumn + c < lp.values.count ? lp.values[cg.firstColumn + c] : 0 }
        let servedLP = f.analyses.indices.map { i in cg.columnsOf[i].reduce(0.0) { $0 + lambda($1) } }
        let runsLP = f.runs.indices.map { lp.values[$0] }
        let fractional = active.filter { servedLP[$0] > Tolerance.integral && servedLP[$0] < 1 - Tolerance.integral }
        if !stopped, fractional.isEmpty && runsLP.allSatisfy({ $0 < Tolerance.integral || $0 > 1 - Tolerance.integral }) {
            cg.incumbent = (0..<cg.columns.count).map(lambda)
            outcome.values = values(cg, lambda: (0..<cg.columns.count).map(lambda), extras: (0..<extras.count).map { lp.values[$0] })
            outcome.seconds = MonotonicClock.now() - started
            return (outcome, cg)
        }
        // Free the fractional participants and the K nearest the margin on each side; fix the rest.
        let unserved = active.filter { servedLP[$0] <= Tolerance.integral && !cg.columnsOf[$0].isEmpty }.sorted { (-cg.margin[$0], $0) < (-cg.margin[$1], $1) }
        let whole = active.filter { servedLP[$0] >= 1 - Tolerance.integral }.sorted { (cg.margin[$0], $0) < (cg.margin[$1], $1) }
        var k = max(tuning.neighbourhoodAtLeast, tuning.neighbourhoodPerFractional * fractional.count)
        // (After a stopped column generation the bound is loose: no value-by-value proofs.)
        let small = active.count < tuning.valueByValueProofsBelow && step > 0 && !stopped
        var best: PatternPlan? = nil
        outcome.status = .timeLimit(gap: nil)
        // Below ``Tuning/valueByValueProofsBelow``: the value sought, from the rounded LP bound down. Each value is
        // first sought in the neighbourhood (a MIP over patterns, under the cutoff "worth at least
        // t", which prunes every node that cannot reach it), then over classes (a proof); each
        // "no plan worth t" is proven, so the first plan found is optimal.
        var t = target
        var proofNodes = tuning.proofNodes
        // What the class proof needs, priced once (at the master's prices) when first needed.
        var proofTools: (prices: LagrangianPrices?, classes: Aggregation)? = nil
        /// A plan from the master's solution, if it reaches `value` without artificials.
        func plan(_ result: Solution, reaching value: Double) -> PatternPlan? {
            guard result.status.hasSolution, !cg.usesArtificial(result), reaches(result.objectiveValue, value) else { return nil }
            return PatternPlan(
                value: result.objectiveValue, lambda: (0..<cg.columns.count).map { result.values[cg.firstColumn + $0] },
                extras: (0..<extras.count).map { result.values[$0] })
        }
        // A sweep's previous point: keep everyone it served (any of their patterns) and look for
        // the rounded bound among the others the LP serves or nearly serves — when the money grew,
        // usually a person or two more, found in a few nodes. The neighbourhood is built once;
        // each value sought adds its own cutoff.
        let previousPlan = hint.flatMap { hint -> (margin: MarginModel, kept: Int, free: Int)? in
            guard hint.binaries.count == f.served.count + f.runs.count, step > 0 else { return nil }
            let previous = Set(active.filter { hint.binaries[$0] > 0.5 && !cg.columnsOf[$0].isEmpty })
            let candidates = (fractional + whole + unserved.prefix(k)).filter { !previous.contains($0) }.sorted()
            let open = previous.union(candidates)
            var exclude = Set(active.filter { !open.contains($0) }.flatMap { cg.columnsOf[$0] })
            if active.count >= tuning.leanNeighbourhoodFrom {
                // At scale, a kept participant the LP serves keeps only the patterns it uses (most
                // become constants: at 10,000 this MIP went from ~0.8 s to a few hundredths).
                for i in previous where cg.columnsOf[i].contains(where: { lambda($0) > Tolerance.used }) {
                    for c in cg.columnsOf[i] where lambda(c) <= Tolerance.used { exclude.insert(c) }
                }
            }
            return (cg.marginModel(fixed: previous, binaries: candidates, exclude: exclude), previous.count, candidates.count)
        }
        /// The MIP over the previous plan's neighbourhood, seeking `value` (nil without a previous plan).
        func fromPrevious(seeking value: Double) throws -> PatternPlan? {
            guard let previousPlan else { return nil }
            var model = previousPlan.margin.model
            model.addObjectiveCutoff(atLeast: value)
            var limits = SolveOptions(timeLimit: MonotonicClock.secondsLeft(until: deadline), relativeGap: options.gap, feasibilityPump: false, objectiveStep: step, externalBound: value)
            limits.nodeLimit = tuning.previousPlanNodes
            let solved = try solver.solve(model, options: limits)
            let result = previousPlan.margin.positions.map { cg.expandedMargin(solved, $0) } ?? solved
            outcome.nodes += result.statistics.nodes
            outcome.iterations += result.statistics.simplexIterations
            if options.verbose {
                log.debug("  from the previous plan (\(previousPlan.kept) kept, \(previousPlan.free) free): \(result.status) \(result.objectiveValue) (sought \(value)), \(result.statistics.nodes) nodes")
            }
            return plan(result, reaching: value)
        }
        if previousPlan != nil { best = try fromPrevious(seeking: target) }
        /// After `t` is proven out of reach: the previous plan's neighbourhood at the value below
        /// first (its LP often reaches it where it fell short of `t`: Indiana's WIOA Adult sweep at
        /// $110,000, after $105,000, LP 484.07: 484 proven out of reach, 483 found there in 15
        /// nodes; in the three 41-point ranges it found the plan at 9 of 13 such levels).
        func lowered() throws -> Bool {
            t -= step
            guard let found = try fromPrevious(seeking: t) else { return false }
            best = found
            outcome.status = .optimal
            outcome.bound = found.value
            return true
        }
        enum ProofResult { case found, proven, open }
        /// The class proof for t with at most `nodes` of its remaining budget.
        func prove(nodes: Int, breadthFirst: Bool = false, mostFractional: Bool = false) throws -> ProofResult {
            if proofTools == nil { proofTools = (try lagrangianPrices(duals: Array(lp.duals[0..<f.linkingRows.count]), solver: solver), Aggregation(self)) }
            let proof = try classProof(
                prices: proofTools!.prices, classes: proofTools!.classes, incumbent: t - step, target: t, nodes: min(nodes, proofNodes),
                breadthFirst: breadthFirst, mostFractional: mostFractional, deadline: deadline, options: options, solver: solver)
            outcome.nodes += proof.nodes
            outcome.iterations += proof.iterations
            proofNodes -= proof.nodes
            if proofNodes <= 0 { proofExhausted = true }
            if let better = proof.better {
                // A plan of the monolithic model, not of the patterns: phase 2 starts from each
                // served participant's first pattern.
                cg.incumbent = [Double](repeating: 0, count: cg.columns.count)
                outcome.status = .optimal
                outcome.objective = better.value
                outcome.bound = better.value
                outcome.values = better.values
                outcome.seconds = MonotonicClock.now() - started
                return .found
            }
            return proof.proven ? .proven : .open
        }
        // After a sweep's previous plan could not be extended, the neighbourhood and the class
        // proof are each tried on a small budget first: either may find the plan in a few dozen
        // nodes where the other needs thousands.
        var proofFirst = hint != nil && best == nil && small
        search: while best == nil || !reaches(best!.value, target) {
            outcome.rounds += 1
            let candidates = fractional + unserved.prefix(k) + whole.prefix(k)
            let free = Set(candidates)
            let fixed = Set(whole.dropFirst(k))
            // Fixed participants keep the patterns the LP gives them; the unserved, none.
            var exclude = Set<Int>()
            for i in active where !free.contains(i) {
                for c in cg.columnsOf[i] where !fixed.contains(i) || lambda(c) <= Tolerance.used { exclude.insert(c) }
            }
            let margin = cg.marginModel(fixed: fixed, binaries: candidates.sorted(), exclude: exclude)
            var model = margin.model
            // (At scale too once a plan is in hand: below the value sought the neighbourhood's own
            // optimum is no use, and proving it took 37,345 nodes at 10,000 applicants where the
            // cutoff leaves a few dozen.)
            if small || best != nil { model.addObjectiveCutoff(atLeast: t) }
            // Where the class proof follows, a neighbourhood's MIP is a search, not the proof: a
            // node budget (its patterns find plans at the rounded bound faster than the class
            // proof's branch and cut; measured at 400 applicants: up to ~1,500 nodes).
            let remaining = MonotonicClock.secondsLeft(until: deadline)
            if options.verbose {
                log.debug("  served MIP k=\(k): \(candidates.count) free, \(fixed.count) fixed, \(model.variableCount) variables")
            }
            // (Below t + step nothing is left to find: stop at the first plan worth t.)
            var limits = SolveOptions(timeLimit: remaining, relativeGap: options.gap, feasibilityPump: false, objectiveStep: step, externalBound: small ? t : bound)
            limits.nodeLimit = small ? (proofFirst ? tuning.firstSearchNodes : tuning.searchNodes) : nil
            let solved = try solver.solve(model, options: limits)
            let result = margin.positions.map { cg.expandedMargin(solved, $0) } ?? solved
            outcome.nodes += result.statistics.nodes
            outcome.iterations += result.statistics.simplexIterations
            if options.verbose {
                log.debug("  served MIP k=\(k): \(result.status) \(result.objectiveValue) (sought \(t), LP \(bound)), \(result.statistics.nodes) nodes")
            }
            if let found = plan(result, reaching: -.infinity), found.value > (best?.value ?? -.infinity) + Tolerance.objective { best = found }
            if let best, reaches(best.value, t) {
                outcome.status = .optimal
                outcome.bound = best.value
                break
            }
            if !small, let best, bound - best.value <= options.gap * max(Tolerance.objective, abs(best.value)) {
                // Within the requested gap of the proven bound (the bound stays what it is).
                outcome.status = .optimal
                break
            }
            if proofFirst {
                // Neither search is long here: the neighbourhood briefly, the classes briefly, then
                // both at full budget.
                proofFirst = false
                switch try prove(nodes: tuning.firstProofNodes) {
                case .found: return (outcome, cg)
                case .proven:
                    if try lowered() { break search }
                    proofFirst = true
                case .open: break
                }
                continue
            }
            let everyone = k >= max(unserved.count, whole.count)
            if small, outcome.rounds <= tuning.portfolioRounds, proofNodes > 0 {
                // A portfolio: the search order that finds a plan soonest varies from one model
                // to the next (at Indiana with WIOA Adult at $140,000, best-bound backtracking
                // missed the plan in 20,000 nodes; breadth first found it in 1,559; elsewhere the
                // reverse; likewise the branching rule), so the budget goes round both orders and
                // both rules in growing shares.
                var result = ProofResult.open
                for attempt in tuning.proofPortfolio where proofNodes > 0 {
                    result = try prove(nodes: attempt.nodes, breadthFirst: attempt.breadthFirst, mostFractional: attempt.mostFractional)
                    if result != .open { break }
                }
                switch result {
                case .found: return (outcome, cg)
                case .proven:
                    // Nothing is worth t: look one step lower, in the same neighbourhood first
                    // (briefly, as after a sweep's previous plan).
                    if try lowered() { break search }
                    proofFirst = true
                    continue
                case .open: break
                }
            }
            if active.count < tuning.monolithicFallbackBelow, !stopped {
                // The patterns found may not hold the integer optimum (the LP bound is proven,
                // the MIP over generated patterns is not): the monolithic model, small here,
                // decides, from this plan (its Lagrangian fixing over classes usually proves it).
                if fallback == nil, let best { fallback = PlanPoint(values: values(cg, lambda: best.lambda, extras: best.extras), value: best.value) }
                return nil
            }
            if everyone || (deadline.map { MonotonicClock.now() >= $0 } ?? false) {
                if let best {
                    let gap = abs(bound - best.value) / max(Tolerance.objective, abs(best.value))
                    outcome.status = gap <= options.gap ? .optimal : .timeLimit(gap: gap)
                }
                break
            }
            k *= tuning.neighbourhoodWidening
        }
        // A plan above the proven bound means the master's numbers cannot be trusted: let the
        // monolithic model decide.
        guard let best, best.value <= bound + Tolerance.bound * max(1, abs(bound)) else { return nil }
        if reaches(best.value, target) {
            outcome.status = .optimal
            outcome.bound = best.value
        }
        cg.incumbent = best.lambda
        outcome.objective = best.value
        outcome.values = values(cg, lambda: best.lambda, extras: best.extras)
        outcome.seconds = MonotonicClock.now() - started
        return (outcome, cg)
    }

    /// The LP relaxation by column generation, from each participant's cheapest funding in
    /// use_order and a greedy crash basis.
    func relaxation(solver: any LinearSolver, deadline: Double?, hint: PlanHint? = nil) throws -> (ColumnGeneration.Outcome, ColumnGeneration) {
        if let warm = try warmMaster(hint, solver: solver, deadline: deadline) { return warm }
        var cg = ColumnGeneration(self, phase: .served, base: f.model, active: active)
        cg.compact = compactMaster
        // At scale, when a gap stops column generation, the compact master is solved by the
        // interior point (its prices need no basis: see ``ColumnGeneration/interior``).
        cg.interior = compactMaster && active.count >= tuning.interiorMasterFrom && gapStop >= tuning.smallestStoppingGap
        let zero = [Double](repeating: 0, count: f.linkingRows.count)
        // Each participant's cheapest pattern in use_order, priced on both cores, added in roster
        // order (at 100,000 applicants 0.14 s against 0.32 s).
        let first = inHalves(active, from: tuning.halvesFrom) { i in Result { try ColumnGeneration.price(self, .spend, i, zero, 0, solver: solver).map { column(blocks[i]!, $0.cents) } } }
        for pattern in first {
            if let c = try pattern.get() { cg.add(c) }
        }
        var start = cg.greedyStart()
        if let hint, hint.binaries.count == f.served.count + f.runs.count {
            // A sweep's previous point: its patterns, and its served set (each by the pattern it
            // used, the last one kept for them) as the starting point.
            var used: [Int: Int] = [:]
            for pattern in hint.patterns {
                guard let column = adopt(pattern) else { continue }
                cg.add(column)
                used[column.participant] = cg.columnsOf[column.participant].first { cg.columns[$0].cells == column.cells && cg.columns[$0].cents == column.cents }
            }
            let served = active.filter { hint.binaries[$0] > 0.5 && used[$0] != nil }
            start = cg.greedyStart(order: served, using: used)
        }
        let outcome = try cg.run(solver: solver, deadline: deadline, start: start)
        return (outcome, cg)
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
            guard let column = adopt(pattern), column.entries.elementsEqual(pattern.entries, by: { $0 == $1 }), cg.add(column) else { return nil }
        }
        let basis = snapshot.basis
        if let live = snapshot.live {
            cg.compact = true
            cg.live = live
            if let settled = snapshot.settled { cg.settled = settled }
            cg.layout = cg.compactLayout()
            guard basis.rowCount == f.linkingRows.count + cg.layout.rowed.count, basis.columnCount == cg.firstColumn + cg.layout.columns.count else { return nil }
        } else {
            guard basis.rowCount == f.linkingRows.count + active.count, basis.columnCount == cg.firstColumn + cg.columns.count else { return nil }
        }
        cg.basis = basis
        cg.pricedBasis = basis
        cg.margin = snapshot.margin
        cg.firstAlgorithm = .dualSimplex
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
        for (range, need) in b.categories where range.reduce(Int64(0), { $0 + cents[$1] }) != need { return nil }
        return column(b, cents)
    }

    /// Phase 2 on the decomposition: with who is served fixed (in `base`), the spending in
    /// use_order. Nil when the rows of `base` cannot be met with the patterns found.
    func solveSpend(base: LinearModel, served: [Bool], from phase1: ColumnGeneration, solver: any LinearSolver, deadline: Double?)
        throws -> (values: [Double], iterations: Int)?
    {
        let active = self.active.filter { served[$0] }
        // At scale, each participant starts with the patterns the plan uses only (the master's
        // one row per participant makes each simplex iteration cost in proportion to its columns:
        // at 100,000 applicants after a stop at the gap, 667 iterations took 3.5 s with every
        // phase-1 pattern, and the spending LP took 2.5 s in all, against 5.5 s).
        let leanOnly = self.active.count >= tuning.leanPhase2From
        var cg = ColumnGeneration(self, phase: .spend, base: base, active: active)
        var start: [Int: Int] = [:]
        for i in active {
            // Start from the pattern phase 1 leans on most.
            let lean = phase1.columnsOf[i].max { (phase1.incumbent[$0], -$0) < (phase1.incumbent[$1], -$1) }
            for c in phase1.columnsOf[i] where !leanOnly || c == lean || phase1.incumbent[c] > Tolerance.used {
                cg.add(phase1.columns[c])
                if c == lean { start[i] = cg.columns.count - 1 }
            }
        }
        guard try cg.run(solver: solver, deadline: deadline, start: start) == .optimal, let s = cg.solution else { return nil }
        return (values(cg, lambda: (0..<cg.columns.count).map { s.values[cg.firstColumn + $0] }, extras: (0..<extras.count).map { s.values[$0] }), cg.iterations)
    }

    /// People served per extra dollar of each stream's budget: the right-hand derivative of the
    /// LP relaxation (the master, re-solved warm with the budget raised by 0.1%, at least $1).
    func marginalValues(_ phase1: ColumnGeneration, solver: any LinearSolver, deadline: Double?) throws -> [Double] {
        guard let relaxation = phase1.solution else { return f.budgetRows.map { _ in .nan } }
        if phase1.stoppedAtGap {
            // Column generation stopped at the requested gap: a re-solve would stop at its own gap,
            // far coarser than a 0.1% step in one budget, so the last master's duals are the
            // values (0 where the budget is not used up).
            return f.budgetRows.map { row -> Double in
                guard let row, let j = f.linkingRows.firstIndex(of: row) else { return 0 }
                return Planner.usedUp(limit: f.model.rowUpper[row.index], activity: relaxation.activity(of: Constraint(index: j))) ? max(0, relaxation.duals[j]) : 0
            }
        }
        // One re-solve per binding budget, on both cores.
        return try parallelMap(f.budgetRows.count, threads: tuning.threads) { s -> Double in
            guard let row = f.budgetRows[s] else { return 0 }
            if let deadline, MonotonicClock.now() > deadline { return .nan }
            let j = f.linkingRows.firstIndex(of: row)!
            return try Planner.derivative(
                limit: f.model.rowUpper[row.index], activity: relaxation.activity(of: Constraint(index: j)), optimum: relaxation.objectiveValue,
                failed: .nan, tuning: tuning
            ) {
                var bigger = phase1
                bigger.base.setBound(row, .atMost($0))
                bigger.firstAlgorithm = .dualSimplex
                bigger.lagrangianBound = .infinity  // (phase 1's bound is for the smaller budget)
                bigger.log = Logger.silent
                return try bigger.run(solver: solver, deadline: deadline) == .optimal ? bigger.solution?.objectiveValue : nil
            }
        }
    }

    /// A point of the monolithic model from pattern weights.
    func values(_ cg: ColumnGeneration, lambda: [Double], extras extraValues: [Double]) -> [Double] {
        var x = [Double](repeating: 0, count: f.model.variableCount)
        for (e, v) in extras.enumerated() { x[v.index] = extraValues[e] }
        for (c, column) in cg.columns.enumerated() where lambda[c] > Tolerance.zero {
            x[f.served[column.participant].index] += lambda[c]
            for (k, cents) in zip(column.cells, column.cents) { x[f.cells[Int(k)].variable.index] += lambda[c] * Double(cents) / 100 }
        }
        for y in f.served { x[y.index] = min(1, x[y.index]) }
        return x
    }
}
