import BraidPolicy
import BraidScenario
import BraidSolver

/// Finds a scenario's plan in two exact phases (docs/DESIGN.md, "The solve path"):
/// 1. the MIP maximising the weighted number of people served;
/// 2. with who is served (and which programs run) fixed, the LP that spends streams in
///    `use_order` (earlier first), keeping the most flexible money.
/// Then amounts are rounded to cents without breaking any need, cap, budget or match.
public enum Planner {
    public static func plan(
        _ scenario: Scenario, options: PlanOptions = PlanOptions(), solver: any LinearSolver = GLPKSolver()
    ) throws -> Plan {
        let analyses = try analyses(scenario, options: options)
        let plan = try plan(scenario, analyses: analyses, options: options, solver: solver, hint: nil).plan
        return try priced(plan, scenario, analyses: analyses, options: options, solver: solver)
    }

    /// Every participant's eligibility, within a whole-run time limit (only such a limit bounds
    /// it: otherwise the limit is the optimisation's own).
    /// - Throws: ``TimeLimitReached`` when that limit ends first.
    public static func analyses(_ scenario: Scenario, options: PlanOptions) throws -> [ParticipantAnalysis] {
        let clock = MonotonicClock.now()
        guard let analyses = scenario.analyze(until: options.wholeRunDeadline) else {
            throw TimeLimitReached(step: "deciding eligibility", seconds: options.timeLimit ?? 0)
        }
        options.logger.debug("eligibility: \(String(format: "%.3f", MonotonicClock.now() - clock)) s")
        return analyses
    }

    /// Plans with precomputed eligibility and a hint from a previous solve of the same roster
    /// (used by sweeps); returns the hint for the next one.
    public static func plan(
        _ scenario: Scenario, analyses: [ParticipantAnalysis], options: PlanOptions,
        solver: any LinearSolver = GLPKSolver(),
        hint: PlanHint?
    ) throws -> (plan: Plan, hint: PlanHint) {
        do {
            if let relaxed = try withoutStreamShares(scenario, analyses, options: options, solver: solver, hint: hint) {
                return relaxed
            }
            return try PlanningRun(scenario: scenario, analyses: analyses, options: options, solver: solver).plan(
                hint: hint)
        } catch let error as InfeasibleError
            where !scenario.targets.isEmpty && options.droppedTargets.isEmpty && !error.cause.contains("target '")
        {
            throw targetOutOfReach(scenario, analyses, options: options, solver: solver) ?? error
        }
    }

    /// A target on the share of the people a stream pays for couples per-participant binaries,
    /// which only the monolithic model holds — slow past a few hundred applicants. So a roster
    /// the decomposition would solve is first planned without those targets: a plan that meets
    /// them anyway is a plan of the full model, and no plan of the full model does better than
    /// the best plan without them (a relaxation), so it is optimal (or within the same proven
    /// gap). Otherwise (a target missed, or no plan) the full model is solved. nil: not tried
    /// or not met.
    static func withoutStreamShares(
        _ scenario: Scenario, _ analyses: [ParticipantAnalysis], options: PlanOptions, solver: any LinearSolver,
        hint: PlanHint?
    ) throws -> (plan: Plan, hint: PlanHint)? {
        let shares = Set(
            scenario.targets.indices.filter { t in
                guard case .shareAtLeast(_, .some) = scenario.targets[t].requirement else { return false }
                return !options.droppedTargets.contains(t)
            })
        guard !shares.isEmpty, options.method.decomposes(analyses.count, options.tuning),
            !scenario.priorityOrders.contains(where: {
                $0.share != nil && !options.waivedPriority.contains(scenario.streams[$0.stream].id)
            })
        else { return nil }
        var relaxed = options
        relaxed.droppedTargets.formUnion(shares)
        let result: (plan: Plan, hint: PlanHint)
        do {
            result = try PlanningRun(scenario: scenario, analyses: analyses, options: relaxed, solver: solver).plan(
                hint: hint)
        } catch is InfeasibleError { return nil }
        guard shares.allSatisfy({ result.plan.review.targets[$0].met }) else {
            options.logger.info("a share of the people a stream pays for is not met without it: the monolithic model")
            return nil
        }
        options.logger.info("the shares of the people a stream pays for hold without their rows: the decomposition")
        return result
    }

    /// When no plan is feasible and the scenario has targets: the target without which a plan
    /// exists, or all of them together; nil when a plan fails without them too (the targets
    /// are not the cause). Each check is a whole solve: this runs only on the way to exit 3.
    static func targetOutOfReach(
        _ scenario: Scenario, _ analyses: [ParticipantAnalysis], options: PlanOptions, solver: any LinearSolver
    ) -> InfeasibleError? {
        func feasible(without dropped: Set<Int>) -> Bool {
            var without = options
            without.droppedTargets = dropped
            without.prices = .never
            without.ranges = false
            return
                (try? PlanningRun(scenario: scenario, analyses: analyses, options: without, solver: solver).plan(
                    hint: nil)) != nil
        }
        guard feasible(without: Set(scenario.targets.indices)) else { return nil }
        for (t, target) in scenario.targets.enumerated() where feasible(without: [t]) {
            return InfeasibleError(
                "target '\(target.label)' (\(target.requirementText)) cannot be met with this money and these rules; "
                    + "without it a plan exists: lower it, or add money that may serve its group")
        }
        return InfeasibleError(
            "the targets " + scenario.targets.map { "'\($0.label)'" }.joined(separator: ", ")
                + " cannot all be met at once; without them a plan exists")
    }
}
extension Planner {
    /// A baseline and a what-if on the same roster (`braid compare`): the what-if is planned
    /// close to the baseline's plan (``PlanOptions/closeTo``), so that of its equally good plans
    /// the one returned keeps the most baseline people, then moves the fewest dollars; a change
    /// that cannot help changes nobody.
    public static func compare(
        _ baseline: Scenario, _ whatIf: Scenario, options: PlanOptions = PlanOptions(),
        solver: any LinearSolver = GLPKSolver()
    ) throws -> (baseline: Plan, whatIf: Plan) {
        let before = try plan(baseline, options: options, solver: solver)
        var close = options
        close.closeTo = PlanReference(before)
        return (before, try plan(whatIf, options: close, solver: solver))
    }
}
