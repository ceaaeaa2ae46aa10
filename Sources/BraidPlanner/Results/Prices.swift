import BraidScenario
import BraidSolver

extension Planner {
    /// The plan with each target's and each stream's priority price: the objective the plan would
    /// reach without that one rule, less the objective it reaches (docs/DESIGN.md, "Prices").
    /// Each price is one more solve, to the same gap, within ``Tuning/priceNodes`` nodes of work
    /// (class-proof nodes, dive steps and branch-and-cut nodes together; and the time limit): a
    /// price whose solve stops there is known within its gap.
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
        base.nodeBudget = Self.priceNodes(options.tuning, variables: plan.statistics.variables)
        func price(_ change: (inout PlanOptions) -> Void) throws -> Price? {
            if outOfTime { return nil }
            var o = base
            change(&o)
            let without = try Self.plan(scenario, analyses: analyses, options: o, solver: solver, hint: nil).plan
            let gap = max(plan.status == .optimal ? 0 : plan.gap, without.status == .optimal ? 0 : without.gap)
            // (Without the rule the optimum is at least the plan's: a shortfall is the search's gap.)
            return Price(value: max(0, without.objectiveValue - plan.objectiveValue), method: "re-solve", gap: gap)
        }
        // The prices are independent solves, each bounded by nodes (not time): they run side by
        // side on ``Tuning/threads`` threads and come out the same whichever thread ran which.
        let targets = scenario.targets.count
        let prices = try parallelMap(targets + plan.review.priority.count, threads: options.tuning.threads) { k in
            k < targets
                ? try price { $0.droppedTargets = [k] }
                : try price { $0.waivedPriority = [plan.review.priority[k - targets].stream] }
        }
        for t in 0..<targets { priced.review.targets[t].price = prices[t] }
        for k in plan.review.priority.indices { priced.review.priority[k].price = prices[targets + k] }
        return priced
    }

    /// A price's node budget: ``Tuning/priceNodes`` on a model of up to
    /// ``Tuning/priceNodesModelSize`` variables, fewer in proportion on a larger one (each node
    /// and dive step is an LP of the whole model), and at least ``Tuning/priceNodesAtLeast``.
    static func priceNodes(_ tuning: Tuning, variables: Int) -> Int {
        tuning.nodes(tuning.priceNodes, atLeast: tuning.priceNodesAtLeast, variables: variables)
    }
}
