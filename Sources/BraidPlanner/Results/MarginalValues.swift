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

    /// How far each binding budget's marginal value reaches, and what it buys on average there:
    /// the extra dollars after which more of this budget no longer raises the LP relaxation's
    /// optimum (its value is concave in the budget, so its slope only falls: doubling, then
    /// halving, finds where the slope drops below ``Tuning/rangingFlat`` of the first), and the
    /// optimum's rise over that range per dollar (below the first slope where returns diminish).
    /// Nil for a budget that does not bind, after the deadline, and when an LP fails.
    static func marginalRanges(
        _ f: Formulation, _ marginals: [Double], relaxation: Solution?, solver: any LinearSolver, deadline: Double?,
        tuning: Tuning
    ) throws -> [MarginalRange?] {
        let none = f.budgetRows.map { _ -> MarginalRange? in nil }
        guard marginals.contains(where: { $0 > 0 }) else { return none }
        var base = relaxation
        if base?.status != .optimal {
            base = try solver.solve(
                f.model,
                options: SolveOptions(
                    timeLimit: deadline.map { max(tuning.minimumStepSeconds, $0 - MonotonicClock.now()) },
                    relaxIntegrality: true))
        }
        guard let base, base.status == .optimal else { return none }
        // One stream per thread: each search is independent and warm from its own last basis.
        return try parallelMap(f.budgetRows.count, threads: tuning.threads) { s -> MarginalRange? in
            guard let row = f.budgetRows[s], marginals[s] > 0, !marginals[s].isNaN else { return nil }
            let limit = f.model.rowUpper[row.index]
            var solves = 0
            var last = base.basis
            // The LP optimum with `extra` more dollars of this budget (dual simplex from the last
            // probe's basis, the nearest: only a limit moved).
            func value(_ extra: Double) throws -> Double? {
                if let deadline, MonotonicClock.now() > deadline { return nil }
                solves += 1
                guard solves <= tuning.rangingSolves else { return nil }
                var bigger = f.model
                bigger.setBound(row, .atMost(limit + extra))
                var options = SolveOptions(
                    algorithm: .dualSimplex, presolve: false, relaxIntegrality: true, warmStart: last)
                options.longStep = true
                let again = try solver.solve(bigger, options: options)
                if let basis = again.basis { last = basis }
                return again.status == .optimal ? again.objectiveValue : nil
            }
            // The optimum is concave in the budget: once a stretch [a, b] gains less than
            // ``Tuning/rangingFlat`` of the first slope, nothing beyond b gains more.
            let slope = marginals[s]
            func flat(_ a: (x: Double, v: Double), _ b: (x: Double, v: Double)) -> Bool {
                b.v - a.v <= tuning.rangingFlat * slope * (b.x - a.x)
            }
            // Out by growing steps until a stretch gains nothing: the optimum stops rising
            // within the stretch before it (the last that gained).
            var before = (x: 0.0, v: base.objectiveValue)
            var low = before
            var step = max(tuning.rangingFirstStepAtLeast, limit * tuning.rangingFirstStep)
            while true {
                guard let v = try value(low.x + step) else { return nil }
                let next = (x: low.x + step, v: v)
                if flat(low, next) { break }
                (before, low) = (low, next)
                step *= tuning.rangingGrowth
                guard low.x < tuning.rangingCeiling else { return nil }
            }
            // Then halve (before, low] to where the rest of it is flat.
            var high = low
            low = before
            while high.x - low.x > tuning.rangingPrecision * high.x {
                let x = (low.x + high.x) / 2
                guard let v = try value(x) else { break }
                if flat((x, v), high) { high = (x, v) } else { low = (x, v) }
            }
            return MarginalRange(
                range: NumberText.twoSignificant(high.x), average: max(0, high.v - base.objectiveValue) / high.x)
        }
    }
}

/// How far a budget's marginal value reaches: the extra dollars over which more of the budget
/// still raises the LP relaxation's optimum, and the optimum's rise per dollar over them.
struct MarginalRange {
    let range: Double
    let average: Double
}
