import BraidScenario
import BraidSolver

/// The rate search for shared costs (docs/DESIGN.md, "Shared costs"). A stream held to its share
/// pays at most amount × (its benefit) / (the basis total X); the ratio is the model's only
/// non-linearity. Over a box lo ≤ X ≤ hi, measuring shares at lo relaxes the rule for every plan
/// in the box, and measuring them at hi restricts it (every plan then keeps it). A branch and
/// bound over the boxes proves the optimum: a node's relaxation bounds its box; the relaxation's
/// own served set spent at the exact rates, or else the restriction up to its basis totals, gives
/// a plan that keeps the rule; the box is then split around those totals.
extension PlanningRun {
    /// One open box and the bound it inherited.
    struct BoxNode {
        var boxes: [BasisBox]
        var bound: Double
    }

    /// The search's state: open boxes, the best plan, and what a limit left unexplored.
    struct RateSearch {
        var open: [BoxNode]
        var best: GatedPhase1? = nil
        var step = 0.0
        var solves = 0
        /// The best bound of boxes left unexplored at a limit.
        var cutBound = -Double.infinity
        /// A solve the limit stopped before any plan.
        var timedOut: GatedPhase1? = nil

        /// Whether a bound could still beat the best plan by a step.
        func better(_ bound: Double) -> Bool {
            guard let best else { return true }
            let lb = best.mip.objective
            return step > 0 ? bound > lb + step * (1 - 1e-6) : bound > lb + Tolerance.objective * max(1, abs(lb))
        }
    }

    func sharedCostSearch(_ priorities: [StreamPriority], hint: PlanHint?) throws -> GatedPhase1 {
        // (A cost no stream may pay fails here with its name, not as a box without a plan.)
        _ = try Formulation(scenario: scenario, analyses: analyses, priorities: [], names: false)
        var search = RateSearch(open: [BoxNode(boxes: Formulation.rootBoxes(scenario, analyses), bound: .infinity)])
        while let k = search.open.indices.max(by: { search.open[$0].bound < search.open[$1].bound }) {
            let node = search.open.remove(at: k)
            guard search.better(node.bound) else { continue }
            if search.solves >= options.tuning.sharedCostSolves || outOfTime {
                search.cutBound = max(search.cutBound, node.bound)
                continue
            }
            try explore(node, &search, priorities, hint: hint)
        }
        log("shared costs: \(search.solves) phase-1 solves")
        guard var chosen = search.best else {
            // (Out of time before any plan: the run says so, as without shared costs.)
            if let timedOut = search.timedOut { return timedOut }
            throw InfeasibleError(
                "the shared costs cannot be paid: no plan pays each in full with every stream held to its share of the benefit"
            )
        }
        if search.cutBound > chosen.mip.objective {
            chosen.mip.bound = max(chosen.mip.bound, search.cutBound)
            let gap = (search.cutBound - chosen.mip.objective) / max(Tolerance.objective, abs(chosen.mip.objective))
            chosen.mip.status = .timeLimit(gap: gap)
        }
        return chosen
    }

    /// One box: its relaxation, a plan that keeps the rule, and the boxes below and above.
    private func explore(
        _ node: BoxNode, _ search: inout RateSearch, _ priorities: [StreamPriority], hint: PlanHint?
    ) throws {
        guard
            let relaxed = try solve(node.boxes, &search, priorities, hint: search.solves == 0 ? hint : nil, node.bound)
        else { return }
        if search.step == 0 { search.step = relaxed.f.objectiveStep }
        let bound = min(node.bound, relaxed.mip.bound)
        guard search.better(bound) else { return }
        if node.boxes.allSatisfy(\.isPoint) {
            if search.better(relaxed.mip.objective) { search.best = relaxed }
            return
        }
        let at = zip(node.boxes, relaxed.f.sharedCosts).map { box, rows in
            min(max(rows.units(relaxed.mip.values, relaxed.f), box.lo), box.hi)
        }
        // The relaxation's own served set, spent at the exact rates (an LP): when it can be paid,
        // it is a plan, and its value meets the box's bound when the solve was exact.
        let point = at.map { BasisBox(lo: $0, hi: $0, shareAt: $0) }
        if search.better(relaxed.mip.objective), let kept = try keeping(relaxed, at: point, priorities) {
            search.best = kept
            log("shared costs: the relaxation's plan keeps every share (basis \(at))")
            if !search.better(bound) { return }
        }
        // Otherwise the restriction up to those totals (lo ≤ X ≤ x, shares measured at x): every
        // plan in it keeps the rule, and it holds the exact point x.
        let restricted = zip(node.boxes, at).map { BasisBox.restricting($0.lo, $1) }
        if let plan = try solve(restricted, &search, priorities, hint: nil, bound), search.better(plan.mip.objective) {
            search.best = plan
            log("shared costs: a plan with basis at most \(at) worth \(plan.mip.objective)")
        }
        // Split the widest box around x: below, above, and (with other boxes still open) the
        // point, which the restriction holds only where the other totals are at most theirs.
        let p = node.boxes.indices.max {
            node.boxes[$0].hi - node.boxes[$0].lo < node.boxes[$1].hi - node.boxes[$1].lo
        }!
        let x = at[p]
        var parts = [(node.boxes[p].lo, x - 1), (x + 1, node.boxes[p].hi)]
        if node.boxes.indices.contains(where: { $0 != p && !node.boxes[$0].isPoint }) { parts.append((x, x)) }
        for part in parts where part.0 <= part.1 {
            var boxes = node.boxes
            boxes[p] = BasisBox.relaxing(part.0, part.1)
            search.open.append(BoxNode(boxes: boxes, bound: bound))
        }
    }

    /// A box's phase 1, or nil when it has no plan (infeasible, or none found in time; a box
    /// whose solve ran out of time keeps its bound among those left unexplored).
    private func solve(
        _ boxes: [BasisBox], _ search: inout RateSearch, _ priorities: [StreamPriority], hint: PlanHint?,
        _ bound: Double
    ) throws -> GatedPhase1? {
        search.solves += 1
        let gated: GatedPhase1
        do { gated = try servedPhase(priorities, boxes: boxes, hint: hint) } catch is InfeasibleError {
            return nil
        } catch PlanningError.unexpectedStatus(_, .infeasible) {
            return nil  // (a box no plan fits, found by a master LP)
        }
        if case .timeLimit(let gap) = gated.mip.status {
            search.cutBound = max(search.cutBound, min(bound, gated.mip.bound))
            if gap == nil {
                search.timedOut = search.timedOut ?? gated
                return nil
            }
        }
        return gated
    }

    /// With shared costs, the model marginal values read: the plan's allocation rates (shares
    /// measured at its basis totals) with the totals free, so that more money may serve more
    /// people at today's rates; and its LP relaxation. Nil without shared costs.
    func sharedCostMarginalModel(_ f: Formulation, _ values: [Double]) throws -> (Formulation, Solution?)? {
        guard !f.sharedCosts.isEmpty else { return nil }
        let boxes = zip(Formulation.rootBoxes(scenario, analyses), f.sharedCosts).map { root, rows in
            BasisBox(lo: root.lo, hi: root.hi, shareAt: rows.units(values, f))
        }
        let g = try Formulation(
            scenario: scenario, analyses: analyses,
            priorities: scenario.priorities(analyses).filter {
                !options.waivedPriority.contains(scenario.streams[$0.order.stream].id)
            }, droppedTargets: options.droppedTargets, basisBoxes: boxes, names: false)
        let relaxation = try solver.solve(
            g.model, options: SolveOptions(timeLimit: remaining(), relaxIntegrality: true))
        return (g, relaxation.status == .optimal ? relaxation : nil)
    }

    /// `relaxed`'s decisions (who is served, which programs run, the gates) on the model at the
    /// exact rates of `point`, when its spending LP is feasible there; nil otherwise.
    private func keeping(_ relaxed: GatedPhase1, at point: [BasisBox], _ priorities: [StreamPriority]) throws
        -> GatedPhase1?
    {
        let exact = try Formulation(
            scenario: scenario, analyses: analyses,
            priorities: priorities.filter { !options.waivedPriority.contains(scenario.streams[$0.order.stream].id) },
            droppedTargets: options.droppedTargets, basisBoxes: point, names: false)
        let values = relaxed.mip.values
        let isServed = exact.served.map { values[$0.index] > 0.5 }
        let runs = exact.runs.map { values[$0.index] > 0.5 }
        let lp = Self.spendingModel(exact, isServed: isServed, runs: runs, decided: Self.decidedGoals(exact, values))
        let solution = try solver.solve(lp, options: SolveOptions(timeLimit: remaining(), relaxIntegrality: true))
        guard solution.status == .optimal else { return nil }
        var mip = relaxed.mip
        mip.values = solution.values
        mip.relaxation = nil  // (the relaxation's basis belongs to the other model)
        return GatedPhase1(f: exact, mip: mip, decomposition: nil)
    }
}
