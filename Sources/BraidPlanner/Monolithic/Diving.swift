import BraidPolicy
import BraidScenario
import BraidSolver
import Foundation
import Logging

/// Diving: a feasible plan from the LP relaxation, fixing fractional binaries one at a time and
/// re-solving warm.
extension MonolithicSearch {
    /// Fixes fractional binaries one at a time (up: the one closest to 1, set to 1; otherwise the
    /// one closest to 0, set to 0), re-solving the LP warm, until every binary is whole.
    /// - Returns: the point, its objective and the simplex iterations, or nil when a dive fails
    ///   (or has taken `stepLimit` steps); `steps` counts the LPs solved either way.
    /// `fixAllUp` fixes every binary the LP has already decided (at 0 or 1) and then the
    /// fractional ones, closest to 1 first: a handful of LPs (measured: 3 steps at 400 and at
    /// 1,000 applicants, against 134–280 for `fixIntegralUp`), so it is tried first.
    enum DiveRule: CaseIterable { case fixAllUp, fixIntegralUp, down, up, weightUp, costUp }

    static func dive(
        _ f: Formulation, _ relaxed: Solution, rule: DiveRule, fixed: [Variable] = [], solver: any LinearSolver,
        deadline: Double?, stepLimit: Int? = nil, steps: inout Int, tuning: Tuning, log: Logger, stop: StopSignal?
    ) throws -> ([Double], Double, Int)? {
        var model = f.model
        let binaries = f.binaries
        var solution = relaxed
        var iterations = 0
        if !fixed.isEmpty {
            guard let start = try fixingUp(&model, fixed, relaxed, solver: solver, deadline: deadline) else {
                return nil
            }
            solution = start
            iterations += start.statistics.simplexIterations
        }
        var taken = 0
        defer {
            log.debug("  \(taken) dive steps")
            steps += taken
        }
        let most = min(stepLimit ?? .max, tuning.diveStepsPerBinary * binaries.count + tuning.diveStepsExtra)
        for _ in 0..<most {
            taken += 1
            try stop?.check()
            if let deadline, MonotonicClock.now() > deadline { return nil }
            let fractional = binaries.filter { v in
                let x = solution.value(of: v)
                return x > Tolerance.integral && x < 1 - Tolerance.integral
            }
            if fractional.isEmpty {
                var values = solution.values
                for v in binaries { values[v.index] = values[v.index].rounded() }
                return (values, solution.objectiveValue, iterations)
            }
            let up = rule != .down
            let weight = { (v: Variable) -> Double in model.objectiveCoefficients[v.index] }
            let pick: Variable
            switch rule {
            case .down:
                pick = fractional.min { (solution.value(of: $0), $0.index) < (solution.value(of: $1), $1.index) }!
            case .weightUp:
                pick = fractional.max {
                    (weight($0), solution.value(of: $0), -$0.index) < (weight($1), solution.value(of: $1), -$1.index)
                }!
            case .costUp:
                pick = fractional.max {
                    (-abs(solution.reducedCost(of: $0)), -$0.index) < (-abs(solution.reducedCost(of: $1)), -$1.index)
                }!
            default:
                pick = fractional.max { (solution.value(of: $0), -$0.index) < (solution.value(of: $1), -$1.index) }!
            }
            if rule == .fixIntegralUp || rule == .fixAllUp {
                // Also fix every binary already at 1, so later steps cannot undo earlier choices.
                for v in binaries where solution.value(of: v) >= 1 - Tolerance.integral {
                    model.setBounds(v, lower: 1, upper: 1)
                }
            }
            if rule == .fixAllUp {
                for v in binaries where solution.value(of: v) <= Tolerance.integral {
                    model.setBounds(v, lower: 0, upper: 0)
                }
            }
            var attempt: Solution? = nil
            for value in up ? [1.0, 0.0] : [0.0, 1.0] {
                var trial = model
                trial.setBounds(pick, lower: value, upper: value)
                let result = try solver.solve(
                    trial, options: SolveOptions(presolve: false, relaxIntegrality: true, warmStart: solution.basis))
                iterations += result.statistics.simplexIterations
                if result.status == .optimal {
                    model = trial
                    attempt = result
                    break
                }
            }
            guard let next = attempt else { return nil }
            solution = next
        }
        return nil
    }

    /// `model` with the `fixed` binaries at 1 and its LP solved warm from `relaxed`; nil when that
    /// LP is not optimal. A binary the model holds at 0 stays there: fixing it up would serve a
    /// blocked person (a what-if's reference may have served them).
    private static func fixingUp(
        _ model: inout LinearModel, _ fixed: [Variable], _ relaxed: Solution, solver: any LinearSolver,
        deadline: Double?
    ) throws -> Solution? {
        for v in fixed where model.upperBounds[v.index] >= 1 { model.setBounds(v, lower: 1, upper: 1) }
        let start = try solver.solve(
            model,
            options: SolveOptions(
                presolve: false, timeLimit: MonotonicClock.secondsLeft(until: deadline), relaxIntegrality: true,
                warmStart: relaxed.basis))
        return start.status == .optimal ? start : nil
    }
}
