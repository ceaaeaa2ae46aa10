import BraidPolicy
import BraidScenario
import BraidSolver
import Foundation
import Logging

/// Phase 1 on the monolithic model: the most (weighted) people served, proven optimal by a bound.
///
/// GLPK's branch and cut alone stalls on these models (the LP relaxation decides almost everyone,
/// but closing the last fraction of a person can take millions of nodes). So:
/// 1. solve the LP relaxation: its optimum bounds the MIP, and rounded down to the objective's
///    step (1 when weights are whole numbers, 0.5 for weights like 1.5) it is the target;
/// 2. fix every participant the LP decides clearly, free the fractional ones and the K nearest
///    to the margin (smallest reduced cost), and solve that small MIP; stop as soon as an
///    incumbent reaches the target (then it is optimal for the whole model);
/// 3. otherwise widen the neighbourhood and search again from the incumbent, until the
///    neighbourhood is the whole model, whose branch and cut then proves (or times out with a gap).
/// Before 2 and 3, after the first dive, the class proof (Lagrangian reduced-cost fixing and the
/// MIP over classes of interchangeable participants) proves the incumbent optimal or improves it;
/// it settles most budget levels where the rounded bound is out of reach.
struct MonolithicSearch {
    let f: Formulation
    let options: PlanOptions
    let solver: any LinearSolver
    /// The model's decomposition, for Lagrangian reduced-cost fixing and the class proof.
    let d: Decomposition
    let started: Double
    let relaxed: Solution
    let binaries: [Variable]
    let step: Double
    let bound: Double
    let target: Double
    /// Participants at 0 or 1 in the LP, nearest the margin first.
    let decided: [Variable]
    var k: Int
    var outcome: Phase1Outcome
    var incumbent: [Double]?
    var incumbentValue: Double
    /// What the LP's prices say of each participant (Lagrangian fixing), priced once.
    var pricesCache: LagrangianPrices?? = nil
    var quickProofTried: Bool
    /// Participants the class proof serves first within their class (a what-if's reference
    /// plan's people, under ``Tuning/classSearchBeforeDives``).
    var preferred: Set<Int> = []
    /// The classes of interchangeable participants the class proof runs over, built once.
    var classesCache: Aggregation? = nil
    /// No plan is worth this much (a class proof from below the target found none).
    var ceiling = Double.infinity
    /// The most a plan can be worth: the target, or one step below the ceiling.
    var reachable: Double { min(target, ceiling - step) }

    var tuning: Tuning { options.tuning }

    /// - Parameter handover: what the decomposition found and spent when it could not decide: a
    ///   plan to start from, whether its class proof spent its node budget on this model (the
    ///   quick proof, at nearly the same prices, would repeat it), and its nodes.
    /// - Parameter pricing: the model's decomposition, for Lagrangian reduced-cost fixing and the
    ///   class proof.
    static func run(
        _ f: Formulation, options: PlanOptions, solver: any LinearSolver, hint: PlanHint? = nil,
        handover: Phase1Handover = Phase1Handover(), pricing d: Decomposition
    ) throws -> Phase1Outcome {
        let started = MonotonicClock.now()
        let relaxed = try solver.solve(
            f.model, options: SolveOptions(timeLimit: options.timeLimit, relaxIntegrality: true, warmStart: hint?.basis)
        )
        switch relaxed.status {
        case .optimal: break
        case .infeasible:
            throw InfeasibleError("the scenario's constraints contradict each other (the LP relaxation is infeasible)")
        case .timeLimit: return .noPlan(f, relaxation: relaxed)
        default: throw PlanningError.unexpectedStatus(step: "the LP relaxation", status: relaxed.status)
        }
        let binaries = f.binaries
        var outcome = Phase1Outcome(
            values: relaxed.values, status: .optimal, objective: relaxed.objectiveValue, bound: relaxed.objectiveValue,
            relaxation: relaxed)
        outcome.iterations = relaxed.statistics.simplexIterations
        outcome.nodes = handover.nodes
        let fractional = binaries.filter { v in
            let x = relaxed.value(of: v)
            return x > Tolerance.integral && x < 1 - Tolerance.integral
        }
        if fractional.isEmpty {
            outcome.values = binaries.reduce(into: relaxed.values) { $0[$1.index] = $0[$1.index].rounded() }
            outcome.seconds = MonotonicClock.now() - started
            return outcome
        }
        var search = MonolithicSearch(
            f, options: options, solver: solver, pricing: d, started: started, relaxed: relaxed, fractional: fractional,
            outcome: outcome, handover: handover)
        return try search.run(hint: hint)
    }

    private init(
        _ f: Formulation, options: PlanOptions, solver: any LinearSolver, pricing d: Decomposition, started: Double,
        relaxed: Solution,
        fractional: [Variable], outcome: Phase1Outcome, handover: Phase1Handover
    ) {
        self.f = f
        self.options = options
        self.solver = solver
        self.d = d
        self.started = started
        self.relaxed = relaxed
        binaries = f.binaries
        step = f.objectiveStep
        bound = relaxed.objectiveValue
        target = step > 0 ? (bound / step + Tolerance.objective).rounded(.down) * step : bound
        decided = f.served.filter { v in
            let x = relaxed.value(of: v)
            return x <= Tolerance.integral || x >= 1 - Tolerance.integral
        }
        .sorted { (abs(relaxed.reducedCost(of: $0)), $0.index) < (abs(relaxed.reducedCost(of: $1)), $1.index) }
        k = min(
            max(options.tuning.neighbourhoodAtLeast, options.tuning.neighbourhoodPerFractional * fractional.count),
            max(1, decided.count / options.tuning.neighbourhoodShareOfDecided))
        incumbent = handover.start?.values
        incumbentValue = handover.start?.value ?? -Double.infinity
        self.outcome = outcome
        self.outcome.status = .timeLimit(gap: nil)
        quickProofTried = handover.proofExhausted
    }

    /// The quick proof, the dives, then neighbourhoods of growing width.
    private mutating func run(hint: PlanHint?) throws -> Phase1Outcome {
        if reaches(incumbentValue, target) { return finish(bound: target) }
        if options.withinRequestedGap(incumbentValue, of: bound) { return finish(bound: bound) }
        if try quickProof() { return finish(bound: incumbentValue) }
        // Diving: a previous plan (a sweep's last point) whose served participants still fit is
        // dived from second.
        var rules: [(DiveRule, [Variable])] = DiveRule.allCases.map { ($0, []) }
        if let hint, hint.binaries.count == binaries.count {
            rules.insert((.fixAllUp, zip(binaries, hint.binaries).filter { $0.1 > 0.5 }.map(\.0)), at: 1)
        }
        var searchFirst = false
        if let reference = options.closeTo {
            // Planned close to a reference (a what-if): its people served first, where they still
            // fit — one LP when they do not. Where they do (Oregon's workbench edits that raise a
            // budget), this dive reaches the target keeping everyone, and the closest-plan MIP
            // has nothing left to do (0.4 s of dives, proof and closest plan before). (Someone the
            // what-if blocks stays unserved: a dive never fixes up a binary held at 0.)
            let kept = f.served.indices.filter { reference.served.contains(f.analyses[$0].person.id) }
            if !kept.isEmpty { rules.insert((.fixAllUp, kept.map { f.served[$0] }), at: 0) }
            if tuning.classSearchBeforeDives {
                preferred = Set(kept)
                classesCache = nil
                searchFirst = !kept.isEmpty
            }
        }
        for (rule, prefix) in rules {
            try options.checkStop()
            // (Under a node budget — a price's solve — each dive step is one LP, counted as a node.)
            if options.outOfNodes(outcome.nodes) { break }
            var steps = 0
            if let (values, value, iterations) = try Self.dive(
                f, relaxed, rule: rule, fixed: prefix, solver: solver, deadline: options.deadline(startingAt: started),
                stepLimit: options.nodeBudget.map { max(1, $0 - outcome.nodes) }, steps: &steps, tuning: tuning,
                log: options.logger, stop: options.stop)
            {
                options.logger.debug(
                    "dive \(rule): \(value) after \(iterations) simplex iterations, \(MonotonicClock.now() - started) s"
                )
                outcome.iterations += iterations
                consider(values, value)
            }
            if options.nodeBudget != nil { outcome.nodes += steps }
            if reaches(incumbentValue, reachable) { break }
            if options.withinRequestedGap(incumbentValue, of: bound) { return finish(bound: bound) }
            if try quickProof() { return finish(bound: incumbentValue) }
            if searchFirst && rule == .fixAllUp && prefix.isEmpty {
                // (Neither the reference's people nor the LP's decisions fit: the class MIP, from
                // one step below the target and then lower, before the longer dives —
                // ``Tuning/classSearchBeforeDives``.)
                searchFirst = false
                var floor = target - step
                for _ in 0..<max(0, tuning.classSearchSteps) where incumbent == nil {
                    let proven = try quickProof(seekingAtLeast: floor)
                    options.logger.debug(
                        "class search from \(String(format: "%.6g", floor)): \(incumbent == nil ? "none" : String(format: "%.6g", incumbentValue))\(proven ? ", proven" : "")\(ceiling == floor ? ", none reaches it" : "")"
                    )
                    if proven { return finish(bound: incumbentValue) }
                    guard ceiling == floor else { break }
                    floor -= step
                }
            }
            if reaches(incumbentValue, reachable) { return finish(bound: reachable) }
        }
        if reaches(incumbentValue, reachable) { return finish(bound: reachable) }
        while try !searchRound() {}
        outcome.values = incumbent ?? Array(repeating: 0, count: f.model.variableCount)
        outcome.objective = incumbent == nil ? 0 : incumbentValue
        outcome.seconds = MonotonicClock.now() - started
        return outcome
    }

    /// One neighbourhood MIP (the whole model once the width covers everyone); true when the
    /// search is over (proven, or out of time).
    private mutating func searchRound() throws -> Bool {
        try options.checkStop()
        outcome.rounds += 1
        let freeAll = k >= decided.count
        let sub = try cutoffModel(fixingAllBut: freeAll ? nil : k)
        var remaining: Double? = nil
        if let limit = options.timeLimit {
            remaining = max(tuning.minimumSearchSeconds, limit - (MonotonicClock.now() - started))
        }
        let start: [Double]? = step > 0 ? nil : incumbent.flatMap { x in freeAll || Self.fits(x, sub) ? x : nil }
        var limits = SolveOptions(
            timeLimit: remaining, relativeGap: options.gap, objectiveStep: step, externalBound: bound,
            initialSolution: start,
            verbose: options.verbose, progress: { [logger = options.logger] in logger.debug("\($0)") })
        limits.nodeLimit = options.nodesLeft(after: outcome.nodes)
        let result = try solver.solve(sub, options: limits)
        if options.verbose {
            options.logger.debug(
                "round \(outcome.rounds): k=\(k) free=\(freeAll) status=\(result.status) nodes=\(result.statistics.nodes) obj=\(result.objectiveValue) bound=\(result.bestBound) target=\(target) lp=\(bound) t=\(result.statistics.seconds)"
            )
        }
        outcome.nodes += result.statistics.nodes
        outcome.iterations += result.statistics.simplexIterations
        if result.status.hasSolution { consider(result.values, result.objectiveValue) }
        if step > 0 && incumbent != nil && result.status == .infeasible {
            if freeAll {
                // No plan beats the incumbent by a step anywhere: it is optimal.
                outcome.status = .optimal
                outcome.bound = incumbentValue
                return true
            }
            k *= tuning.neighbourhoodWidening
            return false
        }
        if freeAll && incumbent == nil && result.status == .infeasible {
            // The whole model, nothing fixed and no cutoff: no integer plan exists.
            throw InfeasibleError("no plan meets the scenario's constraints (only fractional people could)")
        }
        let proven = reaches(incumbentValue, reachable)
        let timedOut: Bool
        if case .timeLimit = result.status { timedOut = true } else { timedOut = false }
        if proven || (freeAll && result.status == .optimal) {
            outcome.status = .optimal
            outcome.bound = proven ? reachable : result.bestBound
            return true
        }
        if freeAll || timedOut || options.outOfNodes(outcome.nodes)
            || (options.timeLimit.map { MonotonicClock.now() - started >= $0 } ?? false)
        {
            let best = min(bound, freeAll && result.status.hasSolution ? result.bestBound : bound)
            outcome.bound = best
            outcome.status =
                incumbent == nil
                ? .timeLimit(gap: nil)
                : .timeLimit(gap: abs(best - incumbentValue) / max(Tolerance.objective, abs(incumbentValue)))
            return true
        }
        k *= tuning.neighbourhoodWidening
        return false
    }

    /// Keeps a plan if it is better than the incumbent.
    private mutating func consider(_ values: [Double], _ value: Double) {
        if value > incumbentValue + Tolerance.objective {
            incumbent = values
            incumbentValue = value
        }
    }

    private mutating func classes() -> Aggregation {
        if classesCache == nil { classesCache = Aggregation(d, preferring: preferred) }
        return classesCache!
    }

    private mutating func prices() throws -> LagrangianPrices? {
        // (The Lagrangian relaxes the linking rows only: rows over indicators are not among them.)
        guard f.decomposable else { return nil }
        if pricesCache == nil {
            pricesCache = .some(
                try d.lagrangianPrices(duals: f.linkingRows.map { relaxed.dual(of: $0) }, solver: solver))
        }
        return pricesCache!
    }

    /// The whole model with the cutoff "at least one step better than the incumbent", the
    /// decided participants beyond the `k` nearest the margin fixed at their LP values, and the
    /// binaries that reduced-cost and Lagrangian fixing decide.
    private mutating func cutoffModel(fixingAllBut k: Int?) throws -> LinearModel {
        var sub = f.model
        if let k {
            let free = Set(decided.prefix(k).map(\.index))
            for v in decided where !free.contains(v.index) {
                let x = relaxed.value(of: v).rounded()
                sub.setBounds(v, lower: x, upper: x)
            }
        }
        guard step > 0, incumbent != nil else { return sub }
        // Only strictly better plans are wanted: the cutoff prunes every node whose LP cannot
        // reach the next step, which GLPK's relative gap alone does not.
        sub.addObjectiveCutoff(atLeast: incumbentValue + step)
        // Reduced-cost fixing: moving a binary off the bound the LP optimum holds it at costs at
        // least its reduced cost, so one whose reduced cost exceeds the room between the LP bound
        // and the cutoff keeps that bound in every better plan.
        let room = bound - (incumbentValue + step) + Tolerance.reducedValue * max(1, abs(bound))
        var fixedCount = 0
        for v in binaries
        where sub.lowerBounds[v.index] != sub.upperBounds[v.index] && abs(relaxed.reducedCost(of: v)) > room {
            let x = relaxed.value(of: v)
            guard x <= Tolerance.used || x >= 1 - Tolerance.used else { continue }
            sub.setBounds(v, lower: x.rounded(), upper: x.rounded())
            fixedCount += 1
        }
        options.logger.debug("  reduced-cost fixing: \(fixedCount) of \(binaries.count) binaries (room \(room))")
        if let fixing = try prices()?.fixing(atLeast: incumbentValue + step) {
            fixing.apply(to: &sub, f)
            if options.verbose {
                options.logger.debug(
                    "  Lagrangian fixing: bound \(fixing.bound); \(fixing.unserved.count) unserved, \(fixing.servedIfRuns.count) served, \(fixing.running.count) running, \(fixing.stopped.count) stopped of \(d.active.count)"
                )
            }
        }
        return sub
    }

    /// One step short of the LP's rounded bound is the common case (the bound is not reachable):
    /// the class proof (``Decomposition/classProof``: Lagrangian fixing at the LP's prices, the
    /// MIP over classes of interchangeable participants) usually settles it in well under a
    /// second (at 400 applicants: 0.01–0.5 s, against 20–60 s of further dives and neighbourhood
    /// MIPs), so it runs, with a node budget, before the slower searches.
    ///
    /// `seekingAtLeast`: without an incumbent (or below this value), the proof looks for plans
    /// worth at least this much instead: true when it finds one and proves the best it finds
    /// optimal; when it finds none, the proof may run again once a dive finds an incumbent.
    private mutating func quickProof(seekingAtLeast floor: Double? = nil) throws -> Bool {
        guard step > 0, incumbent != nil || floor != nil, !quickProofTried, f.decomposable else { return false }
        let from = max(incumbentValue, floor.map { $0 - step } ?? -.infinity)
        let proof = try d.classProof(
            prices: try prices(), classes: classes(), incumbent: from, target: reachable,
            nodes: options.nodesLeft(after: outcome.nodes).map { min($0, tuning.proofNodes) } ?? tuning.proofNodes,
            deadline: options.deadline(startingAt: started), options: options, solver: solver)
        outcome.nodes += proof.nodes
        outcome.iterations += proof.iterations
        if let better = proof.better { consider(better.values, better.value) }
        // (Proven from a value no plan was known at: nothing reaches the floor, which says
        // nothing of the incumbent a dive may find below it.)
        let decided = from == incumbentValue || proof.better != nil
        quickProofTried = decided || !proof.proven
        if proof.proven && !decided, let floor { ceiling = min(ceiling, floor) }
        return proof.proven && decided
    }

    /// An optimal outcome with the incumbent.
    private mutating func finish(bound: Double) -> Phase1Outcome {
        outcome.status = .optimal
        outcome.bound = bound
        outcome.values = incumbent!
        outcome.objective = incumbentValue
        outcome.seconds = MonotonicClock.now() - started
        return outcome
    }

    /// Whether a point respects the fixed bounds of a sub-model.
    static func fits(_ x: [Double], _ model: LinearModel) -> Bool {
        for j in 0..<model.variableCount
        where x[j] < model.lowerBounds[j] - Tolerance.row || x[j] > model.upperBounds[j] + Tolerance.row {
            return false
        }
        return true
    }
}
