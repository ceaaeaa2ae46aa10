import BraidPolicy
import BraidScenario
import BraidSolver
import Foundation

/// People served per extra dollar of each stream (the plan's marginal values).
extension Planner {
    /// People served per extra dollar of each stream's budget: the right-hand derivative of the
    /// LP relaxation's optimum, found by re-solving it (warm) with the budget raised by 0.1%
    /// (at least $1). At a degenerate optimum the simplex duals are not unique, so they are not
    /// used directly; a budget that is not fully used has marginal value 0.
    /// After the deadline no more are computed: those are NaN (`null` in JSON, "not computed").
    static func marginalValues(
        _ f: Formulation, _ relaxation: Solution?, solver: any LinearSolver, deadline: Double?, tuning: Tuning
    ) throws -> [Double] {
        guard let relaxation, relaxation.status == .optimal else { return f.budgetRows.map { _ in .nan } }
        return try f.budgetRows.map { row -> Double in
            guard let row else { return 0 }
            if let deadline, MonotonicClock.now() > deadline { return .nan }
            return try derivative(
                limit: f.model.rowUpper[row.index], activity: relaxation.activity(of: row),
                optimum: relaxation.objectiveValue, failed: 0, tuning: tuning
            ) {
                var bigger = f.model
                bigger.setBound(row, .atMost($0))
                let again = try solver.solve(
                    bigger, options: SolveOptions(presolve: false, relaxIntegrality: true, warmStart: relaxation.basis))
                return again.status == .optimal ? again.objectiveValue : nil
            }
        }
    }

    /// Whether a budget's `activity` reaches its `limit` (up to the LP's tolerance): only then can
    /// more of it be worth anything.
    static func usedUp(limit: Double, activity: Double) -> Bool { activity >= limit - Tolerance.bound * max(1, limit) }

    /// The right-hand derivative of an LP optimum in one budget: 0 when the budget is not used
    /// up; otherwise the gain per dollar when `resolve` re-solves with the limit a little higher
    /// (``Tuning/marginalStep``; `failed` when it cannot).
    static func derivative(
        limit: Double, activity: Double, optimum: Double, failed: Double, tuning: Tuning,
        resolve: (Double) throws -> Double?
    ) rethrows -> Double {
        guard usedUp(limit: limit, activity: activity) else { return 0 }
        let delta = max(tuning.marginalStepAtLeast, limit * tuning.marginalStep)
        guard let again = try resolve(limit + delta) else { return failed }
        let value = (again - optimum) / delta
        return value < Tolerance.zero ? 0 : value
    }
}
