import BraidScenario
import BraidSolver

extension Planner {
    /// The plan with each target's and each stream's priority price: the objective the plan would
    /// reach without that one rule, less the objective it reaches (docs/DESIGN.md, "Prices").
    /// Each price is one more solve, to the same gap, within ``Tuning/priceNodes`` branch-and-cut
    /// nodes (and the time limit): a price whose solve stops there is known within its gap.
    static func priced(
        _ plan: Plan, _ scenario: Scenario, analyses: [ParticipantAnalysis], options: PlanOptions,
        solver: any LinearSolver
    ) throws -> Plan {
        guard options.computesPrices(analyses.count) else { return plan }
        // (Once a whole-run time limit is spent the prices left are unknown, not cut short.)
        let deadline = options.wholeRunDeadline
        var outOfTime: Bool {
            guard let deadline, MonotonicClock.now() >= deadline else { return false }
            options.logger.info("the time limit ended before the prices: those left are not computed")
            return true
        }
        var priced = plan
        var base = options
        base.closeTo = nil
        base.ranges = false
        base.prices = .never
        base.nodeBudget = options.tuning.priceNodes
        func price(_ change: (inout PlanOptions) -> Void) throws -> Price {
            var o = base
            change(&o)
            let without = try Self.plan(scenario, analyses: analyses, options: o, solver: solver, hint: nil).plan
            let gap = max(plan.status == .optimal ? 0 : plan.gap, without.status == .optimal ? 0 : without.gap)
            // (Without the rule the optimum is at least the plan's: a shortfall is the search's gap.)
            return Price(value: max(0, without.objectiveValue - plan.objectiveValue), method: "re-solve", gap: gap)
        }
        for t in scenario.targets.indices {
            if outOfTime { return priced }
            priced.review.targets[t].price = try price { $0.droppedTargets = [t] }
        }
        for (k, result) in plan.review.priority.enumerated() {
            if outOfTime { return priced }
            priced.review.priority[k].price = try price { $0.waivedPriority = [result.stream] }
        }
        return priced
    }
}
