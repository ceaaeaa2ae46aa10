import BraidScenario
import BraidSolver

/// The rate search for shared costs (docs/DESIGN.md, "Shared costs"). A stream held to its share
/// pays at most amount × (its benefit) / (the basis total X); the ratio is the model's only
/// non-linearity. Over a box lo ≤ X ≤ hi, holding each stream to amount/lo per unit of its
/// benefit relaxes the rule (every plan in the box pays at most that), and at a point box the
/// rule is exact. A branch and bound over the boxes, each node one phase-1 solve, proves the
/// optimum: a node's relaxation bounds every plan in its box; its solution's basis totals, fixed
/// as a point, give a plan that keeps the rule exactly; the box is then split around them.
extension PlanningRun {
    /// One open box and the bound it inherited.
    private struct BoxNode {
        var boxes: [BasisBox]
        var bound: Double
    }

    func sharedCostSearch(_ priorities: [StreamPriority], hint: PlanHint?) throws -> GatedPhase1 {
        let root = Formulation.rootBoxes(scenario, analyses)
        var open = [BoxNode(boxes: root, bound: .infinity)]
        var best: GatedPhase1? = nil
        var step = 0.0
        var solves = 0
        var cutBound = -Double.infinity  // the best bound of boxes left unexplored at a limit
        func better(_ bound: Double) -> Bool {
            guard let best else { return true }
            let lb = best.mip.objective
            return step > 0 ? bound > lb + step * (1 - 1e-6) : bound > lb + Tolerance.objective * max(1, abs(lb))
        }
        func solve(_ boxes: [BasisBox], _ first: Bool) throws -> GatedPhase1? {
            solves += 1
            do { return try servedPhase(priorities, boxes: boxes, hint: first ? hint : nil) } catch is InfeasibleError {
                return nil
            }
        }
        while let k = open.indices.max(by: { open[$0].bound < open[$1].bound }) {
            let node = open.remove(at: k)
            guard better(node.bound) else { continue }
            if solves >= options.tuning.sharedCostSolves || outOfTime {
                cutBound = max(cutBound, node.bound)
                continue
            }
            guard let relaxed = try solve(node.boxes, solves == 0) else { continue }
            if step == 0 { step = relaxed.f.objectiveStep }
            let bound = min(node.bound, relaxed.mip.bound)
            guard better(bound) else { continue }
            if node.boxes.allSatisfy(\.isPoint) {
                if better(relaxed.mip.objective) { best = relaxed }
                continue
            }
            let at = relaxed.f.sharedCosts.map { $0.units(relaxed.mip.values, relaxed.f) }
            let point = zip(node.boxes, at).map { box, x in
                let v = min(max(x, box.lo), box.hi)
                return BasisBox(lo: v, hi: v)
            }
            if let exact = try solve(point, false), better(exact.mip.objective) {
                best = exact
                log("shared costs: a plan at basis \(point.map(\.lo)) worth \(exact.mip.objective)")
            }
            // Split the widest box around the point (the point itself is solved).
            let p = node.boxes.indices.max {
                node.boxes[$0].hi - node.boxes[$0].lo < node.boxes[$1].hi - node.boxes[$1].lo
            }!
            let x = point[p].lo
            for part in [(node.boxes[p].lo, x - 1), (x, x), (x + 1, node.boxes[p].hi)] where part.0 <= part.1 {
                var boxes = node.boxes
                boxes[p] = BasisBox(lo: part.0, hi: part.1)
                if boxes == point { continue }
                open.append(BoxNode(boxes: boxes, bound: bound))
            }
        }
        log("shared costs: \(solves) solves")
        guard var chosen = best else {
            throw InfeasibleError(
                "the shared costs cannot be paid: no plan pays each in full with every stream held to its share of the benefit"
            )
        }
        if cutBound > chosen.mip.objective {
            chosen.mip.bound = max(chosen.mip.bound, cutBound)
            let gap = (cutBound - chosen.mip.objective) / max(Tolerance.objective, abs(chosen.mip.objective))
            chosen.mip.status = .timeLimit(gap: gap)
        }
        return chosen
    }
}
