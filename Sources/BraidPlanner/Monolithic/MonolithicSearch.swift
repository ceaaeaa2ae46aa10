import BraidPolicy
import BraidScenario
import BraidSolver
import Dispatch
import Foundation
import Logging

/// Phase 1 of the plan: the most (weighted) people served, proven optimal by a bound.
///
/// GLPK's branch and cut alone stalls on these models (PERF-NOTES.md: the LP relaxation decides
/// almost everyone, but closing the last fraction of a person can take millions of nodes). So:
/// 1. solve the LP relaxation: its optimum bounds the MIP, and rounded down to the objective's
///    step (1 when weights are whole numbers, 0.5 for weights like 1.5) it is the target;
/// 2. fix every participant the LP decides clearly, free the fractional ones and the K nearest
///    to the margin (smallest reduced cost), and solve that small MIP; stop as soon as an
///    incumbent reaches the target (then it is optimal for the whole model);
/// 3. otherwise widen the neighbourhood (K × 4) and search again from the incumbent, until the
///    neighbourhood is the whole model, whose branch and cut then proves (or times out with a gap).
/// Before 2 and 3, after the first dive, the class proof (Lagrangian reduced-cost fixing and the
/// MIP over classes of interchangeable participants) proves the incumbent optimal or improves it;
/// it settles most budget levels where the rounded bound is out of reach.

struct ServedSearch {
    struct Outcome {
        var values: [Double]
        var status: SolveStatus
        var objective: Double
        var bound: Double
        var relaxation: Solution?
        var nodes = 0
        var iterations = 0
        var seconds = 0.0
        var rounds = 0

        /// Out of time before any plan was found.
        static func noPlan(_ f: Formulation, relaxation: Solution?) -> Outcome {
            Outcome(values: Array(repeating: 0, count: f.model.variableCount), status: .timeLimit(gap: nil), objective: 0, bound: .infinity, relaxation: relaxation)
        }
    }

    /// - Parameter start: a plan already found (the decomposition's, when it could not prove it).
    /// - Parameter classProofSpent: the decomposition's class proof already spent its node budget
    ///   on this model (the quick proof, at nearly the same prices, would repeat it).
    /// - Parameter pricing: the model's decomposition, for Lagrangian reduced-cost fixing and the
    ///   class proof.
    static func run(
        _ f: Formulation, options: PlanOptions, solver: any LinearSolver, hint: PlanHint? = nil, start: PlanPoint? = nil, classProofSpent: Bool = false,
        pricing d: Decomposition
    ) throws -> Outcome {
        let started = MonotonicClock.now()
        let relaxed = try solver.solve(
            f.model,
            options: SolveOptions(
                timeLimit: options.timeLimit, relaxIntegrality: true,
                warmStart: hint?.basis))
        switch relaxed.status {
        case .optimal: break
        case .infeasible: throw InfeasibleError("the scenario's constraints contradict each other (the LP relaxation is infeasible)")
        case .timeLimit: return .noPlan(f, relaxation: relaxed)
        default: throw PlanningError.unexpectedStatus(step: "the LP relaxation", status: relaxed.status)
        }
        let binaries = f.served + f.runs
        let step = objectiveStep(f)
        let bound = relaxed.objectiveValue
        let target = step > 0 ? (bound / step + Tolerance.objective).rounded(.down) * step : bound
        var outcome = Outcome(values: relaxed.values, status: .optimal, objective: bound, bound: bound, relaxation: relaxed)
        outcome.iterations = relaxed.statistics.simplexIterations
        let fractional = binaries.filter { v in let x = relaxed.value(of: v); return x > Tolerance.integral && x < 1 - Tolerance.integral }
        if fractional.isEmpty {
            outcome.values = binaries.reduce(into: relaxed.values) { $0[$1.index] = $0[$1.index].rounded() }
            outcome.seconds = MonotonicClock.now() - started
            return outcome
        }
        // Participants at 0 or 1, nearest the margin first.
        let decided = f.served.filter { v in let x = relaxed.value(of: v); return x <= Tolerance.integral || x >= 1 - Tolerance.integral }
            .sorted { (abs(relaxed.reducedCost(of: $0)), $0.index) < (abs(relaxed.reducedCost(of: $1)), $1.index) }
        let tuning = options.tuning
        var k = min(
            max(tuning.neighbourhoodAtLeast, tuning.neighbourhoodPerFractional * fractional.count),
            max(1, decided.count / tuning.neighbourhoodShareOfDecided))
        var incumbent: [Double]? = start?.values
        var incumbentValue = start?.value ?? -Double.infinity
        outcome.status = .timeLimit(gap: nil)
        /// Keeps a plan if it is better than the incumbent.
        func consider(_ values: [Double], _ value: Double) {
            if value > incumbentValue + Tolerance.objective {
                incumbent = values
                incumbentValue = value
            }
        }
        /// What the LP's prices say of each participant (Lagrangian fixing), priced once.
        var pricesCache: LagrangianPrices?? = nil
        func prices() throws -> LagrangianPrices? {
            if pricesCache == nil { pricesCache = .some(try d.lagrangianPrices(duals: f.linkingRows.map { relaxed.dual(of: $0) }, solver: solver)) }
            return pricesCache!
        }
        /// The whole model with the cutoff "at least one step better than the incumbent".
        func cutoffModel(fixingAllBut k: Int?) throws -> LinearModel {
            var sub = f.model
            if let k {
                let free = Set(decided.prefix(k).map(\.index))
                for v in decided where !free.contains(v.index) {
                    let x = relaxed.value(of: v).rounded()
                    sub.setBounds(v, lower: x, upper: x)
                }
            }
            if step > 0, incumbent != nil {
                // Only strictly better plans are wanted: the cutoff prunes every node whose LP
                // cannot reach the next step, which GLPK's relative gap alone does not.
                sub.addObjectiveCutoff(atLeast: incumbentValue + step)
                // Reduced-cost fixing: moving a binary off the bound the LP optimum holds it at
                // costs at least its reduced cost, so one whose reduced cost exceeds the room
                // between the LP bound and the cutoff keeps that bound in every better plan.
                let room = bound - (incumbentValue + step) + Tolerance.reducedValue * max(1, abs(bound))
                var fixedCount = 0
                for v in binaries where sub.lowerBounds[v.index] != sub.upperBounds[v.index] && abs(relaxed.reducedCost(of: v)) > room {
                    let x = relaxed.value(of: v)
                    guard x <= Tolerance.used || x >= 1 - Tolerance.used else { continue }
                    sub.setBounds(v, lower: x.rounded(), upper: x.rounded())
                    fixedCount += 1
                }
                options.logger.debug("  reduced-cost fixing: \(fixedCount) of \(binaries.count) binaries (room \(room))")
                if let fixing = try prices()?.fixing(atLeast: incumbentValue + step) {
                    fixing.apply(to: &sub, f)
                    if options.verbose {
                        options.logger.debug("  Lagrangian fixing: bound \(fixing.bound); \(fixing.unserved.count) unserved, \(fixing.servedIfRuns.count) served, \(fixing.running.count) running, \(fixing.stopped.count) stopped of \(d.active.count)")
                    }
                }
            }
            return sub
        }
        /// One step short of the LP's rounded bound is the common case (the bound is not
        /// reachable): the class proof (``Decomposition/classProof``: Lagrangian fixing at the
        /// LP's prices, the MIP over classes of interchangeable participants) usually settles it
        /// in well under a second (measured at 400 applicants: 0.01–0.5 s, against 20–60 s of
        /// further dives and neighbourhood MIPs), so it runs, with a node budget, before the
        /// slower searches.
        var quickProofTried = classProofSpent
        func quickProof() throws -> Bool {
            guard step > 0, incumbent != nil, !quickProofTried else { return false }
            quickProofTried = true
            // Over classes of interchangeable participants, with the Lagrangian fixing.
            let proof = try d.classProof(
                prices: try prices(), classes: Aggregation(d), incumbent: incumbentValue, target: target, nodes: tuning.proofNodes,
                deadline: options.timeLimit.map { started + $0 }, options: options, solver: solver)
            outcome.nodes += proof.nodes
            outcome.iterations += proof.iterations
            if let better = proof.better { consider(better.values, better.value) }
            return proof.proven
        }
        if reaches(incumbentValue, target) {
            return finish(&outcome, incumbent!, incumbentValue, bound: target, started)
        }
        if try quickProof() {
            return finish(&outcome, incumbent!, incumbentValue, bound: incumbentValue, started)
        }
        // Diving: fix fractional binaries one at a time and re-solve the LP from the last basis.
        // A previous plan (a sweep's last point) whose served participants still fit: dive from it.
        var rules: [(DiveRule, [Variable])] = DiveRule.allCases.map { ($0, []) }
        if let hint, hint.binaries.count == binaries.count {
            rules.insert((.fixAllUp, zip(binaries, hint.binaries).filter { $0.1 > 0.5 }.map(\.0)), at: 1)
        }
        for (rule, prefix) in rules {
            if let (values, value, iterations) = try dive(f, relaxed, rule: rule, fixed: prefix, solver: solver, deadline: options.timeLimit.map { started + $0 }, log: options.logger) {
                options.logger.debug("dive \(rule): \(value) after \(iterations) simplex iterations, \(MonotonicClock.now() - started) s")
                outcome.iterations += iterations
                consider(values, value)
            }
            if reaches(incumbentValue, target) { break }
            if try quickProof() {
                return finish(&outcome, incumbent!, incumbentValue, bound: incumbentValue, started)
            }
        }
        if reaches(incumbentValue, target) {
            return finish(&outcome, incumbent!, incumbentValue, bound: target, started)
        }
        while true {
            outcome.rounds += 1
            let freeAll = k >= decided.count
            let sub = try cutoffModel(fixingAllBut: freeAll ? nil : k)
            var remaining: Double? = nil
            if let limit = options.timeLimit {
                remaining = max(options.tuning.minimumSearchSeconds, limit - (MonotonicClock.now() - started))
            }
            let start: [Double]? = step > 0 ? nil : incumbent.flatMap { x in freeAll || fits(x, sub) ? x : nil }
            let result = try solver.solve(
                sub,
                options: SolveOptions(
                    timeLimit: remaining, relativeGap: options.gap, objectiveStep: step, externalBound: bound, initialSolution: start,
                    verbose: options.verbose, progress: { [logger = options.logger] in logger.debug("\($0)") }))
            if options.verbose {
                options.logger.debug("round \(outcome.rounds): k=\(k) free=\(freeAll) status=\(result.status) obj=\(result.objectiveValue) bound=\(result.bestBound) target=\(target) lp=\(bound) t=\(result.statistics.seconds)")
            }
            outcome.nodes += result.statistics.nodes
            outcome.iterations += result.statistics.simplexIterations
            if result.status.hasSolution { consider(result.values, result.objectiveValue) }
            if step > 0 && incumbent != nil && result.status == .infeasible {
                if freeAll {
                    // No plan beats the incumbent by a step anywhere: it is optimal.
                    outcome.status = .optimal
                    outcome.bound = incumbentValue
                    break
                }
                k *= tuning.neighbourhoodWidening
                continue
            }
            let proven = reaches(incumbentValue, target)
            let timedOut: Bool
            if case .timeLimit = result.status { timedOut = true } else { timedOut = false }
            if proven || (freeAll && result.status == .optimal) {
                outcome.status = .optimal
                outcome.bound = proven ? target : result.bestBound
                break
            }
            if freeAll || timedOut || (options.timeLimit.map { MonotonicClock.now() - started >= $0 } ?? false) {
                let best = min(bound, freeAll && result.status.hasSolution ? result.bestBound : bound)
                outcome.bound = best
                outcome.status = incumbent == nil ? .timeLimit(gap: nil) : .timeLimit(gap: abs(best - incumbentValue) / max(Tolerance.objective, abs(incumbentValue)))
                break
            }
            k *= tuning.neighbourhoodWidening
        }
        outcome.values = incumbent ?? Array(repeating: 0, count: f.model.variableCount)
        outcome.objective = incumbent == nil ? 0 : incumbentValue
        outcome.seconds = MonotonicClock.now() - started
        return outcome
    }

    /// An optimal outcome with this plan.
    static func finish(_ outcome: inout Outcome, _ values: [Double], _ value: Double, bound: Double, _ started: Double) -> Outcome {
        outcome.status = .optimal
        outcome.bound = bound
        outcome.values = values
        outcome.objective = value
        outcome.seconds = MonotonicClock.now() - started
        return outcome
    }

    /// Fixes fractional binaries one at a time (up: the one closest to 1, set to 1; otherwise the
    /// one closest to 0, set to 0), re-solving the LP warm, until every binary is whole.
    /// - Returns: the point, its objective and the simplex iterations, or nil when a dive fails.
    /// `fixAllUp` fixes every binary the LP has already decided (at 0 or 1) and then the
    /// fractional ones, closest to 1 first: a handful of LPs (measured: 3 steps at 400 and at
    /// 1,000 applicants, against 134–280 for `fixIntegralUp`), so it is tried first.
    enum DiveRule: CaseIterable { case fixAllUp, fixIntegralUp, down, up, weightUp, costUp }

    static func dive(
        _ f: Formulation, _ relaxed: Solution, rule: DiveRule, fixed: [Variable] = [], solver: any LinearSolver, deadline: Double?, log: Logger
    ) throws -> ([Double], Double, Int)? {
        var model = f.model
        let binaries = f.served + f.runs
        var solution = relaxed
        var iterations = 0
        if !fixed.isEmpty {
            for v in fixed { model.setBounds(v, lower: 1, upper: 1) }
            let start = try solver.solve(model, options: SolveOptions(presolve: false, relaxIntegrality: true, warmStart: relaxed.basis))
            guard start.status == .optimal else { return nil }
            solution = start
            iterations += start.statistics.simplexIterations
        }
        var steps = 0
        defer { log.debug("  \(steps) dive steps") }
        for _ in 0..<(4 * binaries.count + 10) {
            steps += 1
            if let deadline, MonotonicClock.now() > deadline { return nil }
            let fractional = binaries.filter { v in let x = solution.value(of: v); return x > Tolerance.integral && x < 1 - Tolerance.integral }
            if fractional.isEmpty {
                var values = solution.values
                for v in binaries { values[v.index] = values[v.index].rounded() }
                return (values, solution.objectiveValue, iterations)
            }
            let up = rule != .down
            let weight = { (v: Variable) -> Double in model.objectiveCoefficients[v.index] }
            let pick: Variable
            switch rule {
            case .down: pick = fractional.min { (solution.value(of: $0), $0.index) < (solution.value(of: $1), $1.index) }!
            case .weightUp: pick = fractional.max { (weight($0), solution.value(of: $0), -$0.index) < (weight($1), solution.value(of: $1), -$1.index) }!
            case .costUp: pick = fractional.max { (-abs(solution.reducedCost(of: $0)), -$0.index) < (-abs(solution.reducedCost(of: $1)), -$1.index) }!
            default: pick = fractional.max { (solution.value(of: $0), -$0.index) < (solution.value(of: $1), -$1.index) }!
            }
            if rule == .fixIntegralUp || rule == .fixAllUp {
                // Also fix every binary already at 1, so later steps cannot undo earlier choices.
                for v in binaries where solution.value(of: v) >= 1 - Tolerance.integral { model.setBounds(v, lower: 1, upper: 1) }
            }
            if rule == .fixAllUp {
                for v in binaries where solution.value(of: v) <= Tolerance.integral { model.setBounds(v, lower: 0, upper: 0) }
            }
            var attempt: Solution? = nil
            for value in up ? [1.0, 0.0] : [0.0, 1.0] {
                var trial = model
                trial.setBounds(pick, lower: value, upper: value)
                let result = try solver.solve(trial, options: SolveOptions(presolve: false, relaxIntegrality: true, warmStart: solution.basis))
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

    /// The step between feasible objective values: the gcd of the weights (in hundredths), or 0.
    static func objectiveStep(_ f: Formulation) -> Double {
        var g = 0
        for a in f.analyses {
            let scaled = a.weight * 100
            guard abs(scaled - scaled.rounded()) < Tolerance.objective, scaled >= 1 else { return 0 }
            g = gcd(g, Int(scaled.rounded()))
        }
        return g == 0 ? 0 : Double(g) / 100
    }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    /// Whether a point respects the fixed bounds of a sub-model.
    static func fits(_ x: [Double], _ model: LinearModel) -> Bool {
        for j in 0..<model.variableCount where x[j] < model.lowerBounds[j] - Tolerance.row || x[j] > model.upperBounds[j] + Tolerance.row { return false }
        return true
    }
}
