import BraidPolicy
import BraidScenario
import BraidSolver
import Foundation
import Logging

/// Phase 1 on the decomposition after column generation: who is served, found by small MIPs
/// over the participants at the margin of the master's LP and proven by the class proof.
///
/// The fractional participants and the K nearest the margin on each side are free; the rest
/// keep what the LP gives them. Below ``Tuning/valueByValueProofsBelow`` applicants each value is
/// sought from the rounded LP bound down: first in the neighbourhood (a MIP over patterns under
/// the cutoff "worth at least t", which prunes every node that cannot reach it), then over
/// classes (a proof); each "no plan worth t" is proven, so the first plan found is optimal.
/// Above it the search stops within the requested gap of the LP bound.
struct MarginSearch {
    enum ProofResult { case found, proven, open }

    /// How a round of the search ended.
    enum RoundEnd {
        /// Search again (the neighbourhood widened, or a lower value sought).
        case next
        /// The search is over: the best plan stands.
        case stop
        /// The class proof found a plan of the monolithic model: the outcome holds it.
        case found
        /// The monolithic model decides (small rosters whose patterns may not hold the optimum).
        case fallBack
    }

    let d: Decomposition
    var cg: ColumnGeneration
    let options: PlanOptions
    let solver: any LinearSolver
    let deadline: Double?
    let started: Double
    /// Whether column generation stopped before the LP optimum (its bound is then loose: no
    /// value-by-value proofs).
    let stopped: Bool
    let lp: Solution
    /// The proven LP bound, and it rounded down to the objective's step.
    let bound: Double
    let target: Double
    /// Each pattern's weight in the master's LP.
    let lambda: [Double]
    let fractional: [Int]
    /// Participants the LP leaves out (nearest the margin first) and serves whole (likewise).
    let unserved: [Int]
    let whole: [Int]
    let small: Bool
    var k: Int
    var outcome: Phase1Outcome
    var best: PatternPlan? = nil
    /// The value sought.
    var t: Double
    var proofNodes: Int
    var proofExhausted = false
    /// What the class proof needs, priced once (at the master's prices) when first needed.
    var proofTools: (prices: LagrangianPrices?, classes: Aggregation)? = nil
    /// A sweep's previous plan's neighbourhood (built once; each value sought adds its cutoff).
    var previousPlan: (margin: MarginModel, kept: Int, free: Int)? = nil
    var proofFirst = false
    /// When the monolithic model is to decide: the best plan found, for it to start from.
    var fallback: PlanPoint? = nil

    var tuning: Tuning { d.tuning }
    var log: Logger { d.log }

    init(
        _ d: Decomposition, _ cg: ColumnGeneration, stopped: Bool, fractional: [Int], lambda: [Double],
        servedLP: [Double],
        outcome: Phase1Outcome, options: PlanOptions, solver: any LinearSolver, deadline: Double?, started: Double
    ) {
        self.d = d
        self.cg = cg
        self.stopped = stopped
        self.fractional = fractional
        self.lambda = lambda
        self.outcome = outcome
        self.options = options
        self.solver = solver
        self.deadline = deadline
        self.started = started
        lp = cg.solution!
        bound = outcome.bound
        target = d.step > 0 ? (bound / d.step + Tolerance.objective).rounded(.down) * d.step : bound
        unserved = d.active.filter { servedLP[$0] <= Tolerance.integral && !cg.columnsOf[$0].isEmpty }
            .sorted { (-cg.margin[$0], $0) < (-cg.margin[$1], $1) }
        whole = d.active.filter { servedLP[$0] >= 1 - Tolerance.integral }.sorted {
            (cg.margin[$0], $0) < (cg.margin[$1], $1)
        }
        k = max(d.tuning.neighbourhoodAtLeast, d.tuning.neighbourhoodPerFractional * fractional.count)
        small = d.active.count < d.tuning.valueByValueProofsBelow && d.step > 0 && !stopped
        t = target
        // (Under a node budget — a price's solve — the class proof may take half of it; the
        // monolithic search's dives and branch and cut, the rest.)
        proofNodes = min(d.tuning.proofNodes, options.nodeBudget.map { $0 / 2 } ?? .max)
        self.outcome.status = .timeLimit(gap: nil)
    }

    /// The search; nil when the monolithic model is to decide (``fallback`` then holds the best
    /// plan found).
    mutating func run(hint: PlanHint?) throws -> (Phase1Outcome, ColumnGeneration)? {
        // (Only where each value is sought in turn: above ``Tuning/valueByValueProofsBelow`` the
        // margin MIP stops within the gap, and at 100,000 applicants this MIP's LP alone took
        // 4.8 s of a sweep point, against 1.1 s for the margin MIP that found the plan; at
        // 10,000 an 11-point sweep took the same time and gave the same plans without it.)
        previousPlan = small ? hint.flatMap(previousNeighbourhood) : nil
        if previousPlan != nil { best = try fromPrevious(seeking: target) }
        // After a sweep's previous plan could not be extended, the neighbourhood and the class
        // proof are each tried on a small budget first: either may find the plan in a few dozen
        // nodes where the other needs thousands.
        proofFirst = hint != nil && best == nil && small
        search: while best == nil || !reaches(best!.value, target) {
            try d.stop?.check()
            switch try round() {
            case .next: continue
            case .stop: break search
            case .found: return (outcome, cg)
            case .fallBack: return nil
            }
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
        outcome.values = d.values(cg, lambda: best.lambda, extras: best.extras)
        outcome.seconds = MonotonicClock.now() - started
        return (outcome, cg)
    }

    /// One round: the neighbourhood MIP at the current width, then (on small rosters) the class
    /// proof, a lower value, or a wider neighbourhood.
    private mutating func round() throws -> RoundEnd {
        outcome.rounds += 1
        if let found = try searchNeighbourhood(), found.value > (best?.value ?? -.infinity) + Tolerance.objective {
            best = found
        }
        if let best, reaches(best.value, t) {
            outcome.status = .optimal
            outcome.bound = best.value
            return .stop
        }
        if let best,
            (!small && bound - best.value <= options.gap * max(Tolerance.objective, abs(best.value)))
                || options.withinRequestedGap(best.value, of: bound)
        {
            // Within the requested gap of the proven bound (the bound stays what it is). Small
            // rosters are proven value by value unless a gap was asked for.
            outcome.status = .optimal
            return .stop
        }
        if proofFirst {
            // Neither search is long here: the neighbourhood briefly, the classes briefly, then
            // both at full budget.
            proofFirst = false
            switch try prove(nodes: tuning.firstProofNodes) {
            case .found: return .found
            case .proven:
                if try lowered() { return .stop }
                proofFirst = true
            case .open: break
            }
            return .next
        }
        let everyone = k >= max(unserved.count, whole.count)
        // (The portfolio proves the last person; under a requested gap the monolithic search's
        // dives usually land within it first: Indiana at `--gap 0.005`, 20 s of proofs saved.)
        if small, outcome.rounds <= tuning.portfolioRounds, proofNodes > 0,
            !options.gapRequested
        {
            switch try provePortfolio() {
            case .found: return .found
            case .proven:
                // Nothing is worth t: look one step lower, in the same neighbourhood first
                // (briefly, as after a sweep's previous plan).
                if try lowered() { return .stop }
                proofFirst = true
                return .next
            case .open: break
            }
        }
        if d.active.count < tuning.monolithicFallbackBelow, !stopped {
            // The patterns found may not hold the integer optimum (the LP bound is proven, the
            // MIP over generated patterns is not): the monolithic model, small here, decides,
            // from this plan (its Lagrangian fixing over classes usually proves it).
            if let best {
                fallback = PlanPoint(values: d.values(cg, lambda: best.lambda, extras: best.extras), value: best.value)
            }
            return .fallBack
        }
        if everyone || options.outOfNodes(outcome.nodes) || (deadline.map { MonotonicClock.now() >= $0 } ?? false) {
            if let best {
                let gap = abs(bound - best.value) / max(Tolerance.objective, abs(best.value))
                outcome.status = gap <= options.gap ? .optimal : .timeLimit(gap: gap)
            }
            return .stop
        }
        k *= tuning.neighbourhoodWidening
        return .next
    }

    /// The MIP over the neighbourhood of width `k`: fixed participants keep the patterns the LP
    /// gives them; the unserved, none.
    private mutating func searchNeighbourhood() throws -> PatternPlan? {
        let candidates = fractional + unserved.prefix(k) + whole.prefix(k)
        let free = Set(candidates)
        let fixed = Set(whole.dropFirst(k))
        var exclude = Set<Int>()
        for i in d.active where !free.contains(i) {
            for c in cg.columnsOf[i] where !fixed.contains(i) || lambda[c] <= Tolerance.used { exclude.insert(c) }
        }
        let requested = options.gapRequested
        let margin = cg.marginModel(fixed: fixed, binaries: candidates.sorted(), exclude: exclude, reduced: requested)
        var model = margin.model
        // (At scale too once a plan is in hand: below the value sought the neighbourhood's own
        // optimum is no use, and proving it took 37,345 nodes at 10,000 applicants where the
        // cutoff leaves a few dozen.)
        if small || best != nil { model.addObjectiveCutoff(atLeast: min(t, lowestWithinGap)) }
        if options.verbose {
            log.debug(
                "  served MIP k=\(k): \(candidates.count) free, \(fixed.count) fixed, \(model.variableCount) variables")
        }
        // Where the class proof follows, the MIP is a search, not the proof: a node budget. (Below
        // t + step nothing is left to find: stop at the first plan worth t.) Under a requested gap
        // any plan within it ends the search, and GLPK's feasibility pump finds one at the root:
        // Indiana's workbench edits found theirs at node 1 instead of after 45–971 nodes, the
        // four-year Indiana's at node 1 instead of 53–1,603 (or none in 2,000, then a 3.5 s
        // monolithic dive), 100,000 applicants at 1 node instead of 191.
        var limits = SolveOptions(
            timeLimit: MonotonicClock.secondsLeft(until: deadline), relativeGap: options.gap,
            feasibilityPump: requested,
            objectiveStep: d.step,
            externalBound: small ? t : bound)
        limits.nodeLimit =
            small
            ? (proofFirst ? tuning.firstSearchNodes : tuning.searchNodes) : options.nodesLeft(after: outcome.nodes)
        let solved = try solver.solve(model, options: limits)
        let result = margin.positions.map { cg.expandedMargin(solved, $0) } ?? solved
        outcome.nodes += result.statistics.nodes
        outcome.iterations += result.statistics.simplexIterations
        if options.verbose {
            log.debug(
                "  served MIP k=\(k): \(result.status) \(result.objectiveValue) (sought \(t), LP \(bound)), \(result.statistics.nodes) nodes"
            )
        }
        return plan(result, reaching: -.infinity)
    }

    /// The least value a plan may have and stop the search under a requested gap (the proven
    /// bound's gap, in the objective's steps); `t` when no gap was asked for. Seeking only `t`
    /// under a gap spent Indiana's edits 2,000 fruitless nodes (0.4 s) on a person the gap did
    /// not need. (The MIP still maximises: it returns a plan worth `t` when it reaches one.)
    private var lowestWithinGap: Double {
        guard options.gapRequested, bound.isFinite else { return t }
        var value = bound / (1 + options.gap)
        if d.step > 0 { value = (value / d.step - Tolerance.objective).rounded(.up) * d.step }
        while !options.withinRequestedGap(value, of: bound), d.step > 0 { value += d.step }
        return value
    }

    /// A plan from the master's solution, if it reaches `value` without artificials.
    private func plan(_ result: Solution, reaching value: Double) -> PatternPlan? {
        guard result.status.hasSolution, !cg.usesArtificial(result), reaches(result.objectiveValue, value) else {
            return nil
        }
        return PatternPlan(
            value: result.objectiveValue, lambda: (0..<cg.columns.count).map { result.values[cg.firstColumn + $0] },
            extras: (0..<d.extras.count).map { result.values[$0] })
    }

    /// A sweep's previous point: keep everyone it served (any of their patterns) and look for the
    /// rounded bound among the others the LP serves or nearly serves — when the money grew,
    /// usually a person or two more, found in a few nodes.
    private func previousNeighbourhood(_ hint: PlanHint) -> (margin: MarginModel, kept: Int, free: Int)? {
        let f = d.f
        guard hint.binaries.count == f.binaries.count, d.step > 0 else { return nil }
        let previous = Set(d.active.filter { hint.binaries[$0] > 0.5 && !cg.columnsOf[$0].isEmpty })
        let candidates = (fractional + whole + unserved.prefix(k)).filter { !previous.contains($0) }.sorted()
        let open = previous.union(candidates)
        let exclude = Set(d.active.filter { !open.contains($0) }.flatMap { cg.columnsOf[$0] })
        return (
            cg.marginModel(fixed: previous, binaries: candidates, exclude: exclude), previous.count, candidates.count
        )
    }

    /// The MIP over the previous plan's neighbourhood, seeking `value` (nil without a previous plan).
    private mutating func fromPrevious(seeking value: Double) throws -> PatternPlan? {
        guard let previousPlan else { return nil }
        var model = previousPlan.margin.model
        model.addObjectiveCutoff(atLeast: value)
        var limits = SolveOptions(
            timeLimit: MonotonicClock.secondsLeft(until: deadline), relativeGap: options.gap, feasibilityPump: false,
            objectiveStep: d.step,
            externalBound: value)
        limits.nodeLimit = tuning.previousPlanNodes
        let solved = try solver.solve(model, options: limits)
        let result = previousPlan.margin.positions.map { cg.expandedMargin(solved, $0) } ?? solved
        outcome.nodes += result.statistics.nodes
        outcome.iterations += result.statistics.simplexIterations
        if options.verbose {
            log.debug(
                "  from the previous plan (\(previousPlan.kept) kept, \(previousPlan.free) free): \(result.status) \(result.objectiveValue) (sought \(value)), \(result.statistics.nodes) nodes"
            )
        }
        return plan(result, reaching: value)
    }

    /// After `t` is proven out of reach: the previous plan's neighbourhood at the value below
    /// first (its LP often reaches it where it fell short of `t`: Indiana's WIOA Adult sweep at
    /// $110,000, after $105,000: 484 proven out of reach, 483 found there in 15 nodes).
    /// It also ends the search when nothing is left to seek (no plan is worth less than the
    /// objective's floor: the constraints admit none) or the time is up; ``run(hint:)`` then has
    /// no plan and hands over to the monolithic model, which decides.
    private mutating func lowered() throws -> Bool {
        t -= d.step
        if t < d.f.model.objectiveFloor - Tolerance.objective * max(1, abs(t))
            || (deadline.map { MonotonicClock.now() >= $0 } ?? false)
        {
            return true
        }
        guard let found = try fromPrevious(seeking: t) else { return false }
        best = found
        outcome.status = .optimal
        outcome.bound = found.value
        return true
    }

    /// The class proof's portfolio (``Tuning/proofPortfolio``): the search order that finds a
    /// plan soonest varies from one model to the next, so the budget goes round both orders and
    /// both branching rules in growing shares.
    private mutating func provePortfolio() throws -> ProofResult {
        var result = ProofResult.open
        for attempt in tuning.proofPortfolio where proofNodes > 0 {
            result = try prove(
                nodes: attempt.nodes, breadthFirst: attempt.breadthFirst, mostFractional: attempt.mostFractional)
            if result != .open { break }
        }
        return result
    }

    /// The class proof for t with at most `nodes` of its remaining budget.
    private mutating func prove(nodes: Int, breadthFirst: Bool = false, mostFractional: Bool = false) throws
        -> ProofResult
    {
        if proofTools == nil {
            proofTools = (
                try d.lagrangianPrices(duals: Array(lp.duals[0..<d.f.linkingRows.count]), solver: solver),
                Aggregation(d)
            )
        }
        let proof = try d.classProof(
            prices: proofTools!.prices, classes: proofTools!.classes, incumbent: t - d.step, target: t,
            nodes: min(nodes, proofNodes),
            breadthFirst: breadthFirst, mostFractional: mostFractional, deadline: deadline, options: options,
            solver: solver)
        outcome.nodes += proof.nodes
        outcome.iterations += proof.iterations
        proofNodes -= proof.nodes
        if proofNodes <= 0 { proofExhausted = true }
        guard let better = proof.better else { return proof.proven ? .proven : .open }
        // A plan of the monolithic model, not of the patterns: phase 2 starts from each served
        // participant's first pattern.
        cg.incumbent = [Double](repeating: 0, count: cg.columns.count)
        outcome.status = .optimal
        outcome.objective = better.value
        outcome.bound = better.value
        outcome.values = better.values
        outcome.seconds = MonotonicClock.now() - started
        return .found
    }
}
