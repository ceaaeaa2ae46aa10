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
        let clock = MonotonicClock.now()
        let analyses = scenario.analyze()
        options.logger.debug("eligibility: \(String(format: "%.3f", MonotonicClock.now() - clock)) s")
        let started = MonotonicClock.now()
        let plan = try plan(scenario, analyses: analyses, options: options, solver: solver, hint: nil).plan
        return try priced(
            plan, scenario, analyses: analyses, options: options, solver: solver,
            planSeconds: MonotonicClock.now() - started)
    }

    /// Plans with precomputed eligibility and a hint from a previous solve of the same roster
    /// (used by sweeps); returns the hint for the next one.
    public static func plan(
        _ scenario: Scenario, analyses: [ParticipantAnalysis], options: PlanOptions,
        solver: any LinearSolver = GLPKSolver(),
        hint: PlanHint?
    ) throws -> (plan: Plan, hint: PlanHint) {
        try PlanningRun(scenario: scenario, analyses: analyses, options: options, solver: solver).plan(hint: hint)
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
