import BraidPolicy
import BraidScenario
import BraidSolver
import Foundation

/// One run of the planner: the two phases, rounding, the hint for a sweep's next point and the
/// marginal values, in that order, each step timed in the log.
struct PlanningRun {
    let scenario: Scenario
    let analyses: [ParticipantAnalysis]
    let options: PlanOptions
    let solver: any LinearSolver
    let started = MonotonicClock.now()

    /// When the time limit ends (nil: none).
    var deadline: Double? { options.deadline(startingAt: started) }

    /// Whether the time limit has ended.
    var outOfTime: Bool { deadline.map { MonotonicClock.now() >= $0 } ?? false }

    /// Whether `f` has too many participants who can be served for its monolithic model to stand
    /// in for the decomposition (``Tuning/monolithicFallbackBelow``, counted as the
    /// decomposition's margin search counts them): at 1,000,000 applicants it needed more than
    /// 20 GB.
    func beyondMonolithic(_ f: Formulation) -> Bool {
        f.served.lazy.filter { f.model.upperBounds[$0.index] > 0 }.count >= options.tuning.monolithicFallbackBelow
    }

    /// Seconds left of the time limit for the steps after phase 1 (at least a moment).
    func remaining() -> Double? {
        deadline.map { max(options.tuning.minimumStepSeconds, $0 - MonotonicClock.now()) }
    }

    /// How long each step took (at the logger's debug level).
    func log(_ step: String) {
        options.logger.debug("[\(String(format: "%.3f", MonotonicClock.now() - started)) s] \(step)")
    }

    /// Phase 1 on the model with each shared cost's basis in `boxes` (nil: no search).
    func servedPhase(_ priorities: [StreamPriority], boxes: [BasisBox]?, hint: PlanHint?) throws -> GatedPhase1 {
        let decomposing = options.method.decomposes(analyses.count, options.tuning)
        let built = try Formulation(
            scenario: scenario, analyses: analyses,
            priorities: priorities.filter { !options.waivedPriority.contains(scenario.streams[$0.order.stream].id) },
            droppedTargets: options.droppedTargets, basisBoxes: boxes, names: !decomposing)
        // Shares counted in people a stream pays for couple per-participant binaries: monolithic.
        let decomposes = decomposing && built.decomposable
        if decomposing && !decomposes {
            options.logger.info("a share of the people a stream pays for needs the monolithic model")
        }
        log("model built: \(built.model.variableCount) variables, \(built.model.constraintCount) rows")
        for gate in built.gates where options.verbose {
            log(
                "  gate \(scenario.streams[gate.stream].id) tier \(gate.tier): \(gate.cells.count) cells, \(gate.protected.count) protected\(gate.closedByPresolve ? ", closed (they cannot all be served)" : "")"
            )
        }
        return try gatedServedPhase(built, decomposes: decomposes, hint: hint)
    }

    func plan(hint: PlanHint?) throws -> (plan: Plan, hint: PlanHint) {
        let priorities = scenario.priorities(analyses)
        log("priority of service: who each order protects")
        let gated =
            scenario.sharedCosts.isEmpty
            ? try servedPhase(priorities, boxes: nil, hint: hint) : try sharedCostSearch(priorities, hint: hint)
        // (An overtaken workbench edit stops here: the steps below serve only its answer.)
        try options.checkStop()
        let f = gated.f
        var (mip, decomposition) = (gated.mip, gated.decomposition)
        let spendOn = try movingClose(f, &mip, &decomposition)
        try options.checkStop()
        let (status, gap) = try Self.status(
            of: mip, ceiling: f.model.boundFromVariableBounds, step: f.objectiveStep)
        let isServed = f.served.map { mip.values[$0.index] > 0.5 }
        let runs = f.runs.map { mip.values[$0.index] > 0.5 }
        log("phase 1 (people served): \(mip.status), \(mip.objective), bound \(mip.bound)")
        let spending = try spendKeepingShares(
            f, mip, spendOn, isServed: isServed, runs: runs, previous: hint?.spending ?? [])
        log("phase 2 (spending) and cent rounding")
        var next = Self.hint(f, mip, decomposition)
        if analyses.count >= options.tuning.sweepSpendingFromPreviousFrom { next.spending = spending.patterns }
        let marginals: [Double]
        if let solved = decomposition {
            marginals = try solved.decomposition.marginalValues(solved.master, solver: solver, deadline: deadline)
        } else if let (g, relaxation) = try sharedCostMarginalModel(f, mip.values) {
            marginals = try Planner.marginalValues(
                g, relaxation, solver: solver, deadline: deadline, tuning: options.tuning)
        } else {
            marginals = try Planner.marginalValues(
                f, mip.relaxation, solver: solver, deadline: deadline, tuning: options.tuning)
        }
        log("marginal values")
        var ranges: [MarginalRange?] = []
        if options.ranges, analyses.count < options.tuning.rangingBelow {
            ranges = try Planner.marginalRanges(
                f, marginals, relaxation: decomposition == nil ? mip.relaxation : nil, solver: solver,
                deadline: deadline, tuning: options.tuning)
            log("marginal ranges")
        }
        defer { log("plan built") }
        let statistics = PlanStatistics(
            variables: f.model.variableCount, constraints: f.model.constraintCount, entries: f.model.entryCount,
            nodes: mip.nodes,
            simplexIterations: mip.iterations + (spending.statistics?.simplexIterations ?? 0),
            solveSeconds: mip.seconds + (spending.statistics?.seconds ?? 0), objective: mip.objective, bound: mip.bound)
        var plan = Planner.buildPlan(
            scenario, f, analyses, isServed: isServed, runs: runs, cents: spending.cents,
            programCents: spending.programCents,
            marginals: marginals, ranges: ranges, status: status, gap: gap, statistics: statistics)
        plan.measure = scenario.measure
        plan.priorityGates = Dictionary(
            uniqueKeysWithValues: f.gates.map {
                (Self.gateKey($0, scenario), Self.setting(of: $0, f, mip.values).rawValue)
            })
        plan.objectiveValue = analyses.indices.reduce(0) { $0 + (isServed[$1] ? analyses[$1].value : 0) }
        log("plan assembled")
        var review = scenario.review(
            analyses, served: isServed, allocations: plan.allocations, programAllocations: plan.programAllocations,
            sharedAllocations: plan.sharedAllocations, priorities: priorities)
        review.years = plan.review.years  // (the year ledger buildPlan drew for the reasons)
        plan.review = review
        return (plan, next)
    }

    /// Phase 1's plan moved close to a reference (``PlanOptions/closeTo``, below
    /// ``Tuning/closestPlanBelow`` applicants): over the decomposition's patterns when it found
    /// the plan, else over the monolithic model (below ``Tuning/closestPlanVariablesBelow``
    /// variables). Returns what phase 2 spends on: a closer plan is spent on the monolithic LP,
    /// moved close to the reference's dollars (``closestSpending``), below that many variables;
    /// above it on the decomposition, from the closer plan's patterns.
    func movingClose(_ f: Formulation, _ mip: inout Phase1Outcome, _ decomposition: inout SolvedDecomposition?)
        throws -> SolvedDecomposition?
    {
        let small = f.model.variableCount < options.tuning.closestPlanVariablesBelow
        guard let reference = options.closeTo, analyses.count < options.tuning.closestPlanBelow else {
            return decomposition
        }
        if let solved = decomposition, Self.patternsHold(solved, mip) {
            guard let closer = try closestOnPatterns(solved, mip, reference) else { return decomposition }
            mip.values = closer.values
            var master = solved.master
            master.incumbent = closer.lambda
            decomposition = SolvedDecomposition(decomposition: solved.decomposition, master: master)
            return small ? nil : decomposition
        } else if small, let closer = try closestServed(f, mip, reference) {
            mip.values = closer
            return nil
        }
        return decomposition
    }

    /// Phase 1: the decomposition (for large rosters), or the monolithic search when the
    /// decomposition cannot decide (it then hands over its best plan and what its proofs spent).
    func servedPhase(_ f: Formulation, decomposes: Bool, hint: PlanHint?, beating: Double? = nil) throws
        -> (mip: Phase1Outcome, decomposition: SolvedDecomposition?)
    {
        var d = Decomposition(f, scenario: scenario, tuning: options.tuning, log: options.logger)
        if d.active.count >= options.tuning.gapStopFrom { d.gapStop = options.gap }
        d.stop = options.stop
        var handover = Phase1Handover()
        if decomposes,
            let (outcome, cg) = try d.solveServed(
                options: options, solver: solver, deadline: deadline, hint: hint, beating: beating,
                handover: &handover)
        {
            return (outcome, SolvedDecomposition(decomposition: d, master: cg))
        }
        // (At the time limit a large roster's decomposition that found nothing is the answer:
        // its monolithic model may not even fit in memory.)
        if decomposes && d.active.count >= options.tuning.monolithicFallbackBelow && outOfTime {
            return (handover.start.map(Phase1Outcome.timedOut) ?? .noPlan(f, relaxation: nil), nil)
        }
        var rest = options
        rest.timeLimit = remaining()
        rest.clockStart = nil
        let outcome = try MonolithicSearch.run(
            f, options: rest, solver: solver, hint: hint, handover: handover, pricing: d)
        return (outcome, nil)
    }

    /// The plan's status and gap from phase 1's outcome. The gap is measured against the best
    /// value a plan could have under the bound: objective values come in steps of `step` (the
    /// participants' values' gcd; 0: unknown), so a bound of 9.55 people proves 9 optimal, gap
    /// 0. After a time limit the gap is measured against the better of that and `ceiling`
    /// (everyone who can be served), so an early, weak bound never reports more than that plain
    /// bound allows.
    static func status(of mip: Phase1Outcome, ceiling: Double, step: Double) throws -> (PlanStatus, Double) {
        var bound = mip.bound
        if step > 0, bound.isFinite {
            bound = max(mip.objective, (bound / step + Tolerance.objective).rounded(.down) * step)
        }
        switch mip.status {
        case .optimal:
            // (Proven optimal with nothing to gain: no one can be served. The relative gap of a
            // bound a fraction of a step above 0 would read as millions.)
            guard abs(mip.objective) > Tolerance.objective else { return (.optimal, 0) }
            return (.optimal, abs(bound - mip.objective) / max(Tolerance.objective, abs(mip.objective)))
        case .timeLimit(let gap):
            guard let gap, mip.objective > 0 else { return (.timeLimit, min(gap ?? 1, 1)) }
            let plain = max(0, ceiling - mip.objective) / mip.objective
            let stepped = bound.isFinite ? max(0, bound - mip.objective) / mip.objective : gap
            return (.timeLimit, min(gap, plain, stepped))
        default:
            throw PlanningError.unexpectedStatus(step: "phase 1 (people served)", status: mip.status)
        }
    }

    /// What the next solve of the same roster (a sweep's next point) can start from.
    static func hint(_ f: Formulation, _ mip: Phase1Outcome, _ decomposition: SolvedDecomposition?)
        -> PlanHint
    {
        var next = PlanHint(
            binaries: f.binaries.map { mip.values[$0.index] },
            basis: decomposition == nil ? mip.relaxation?.basis : nil)
        if let cg = decomposition?.master {
            next.patterns = cg.patternsForNextSolve()
            if let basis = cg.pricedBasis {
                next.master = MasterSnapshot(
                    columns: cg.columns, basis: basis, margin: cg.margin, live: cg.compact ? cg.live : nil,
                    settled: cg.compact ? cg.settled : nil)
            }
        }
        return next
    }

    /// A gate's name across plans: "STREAM/TIER".
    static func gateKey(_ gate: PriorityGate, _ scenario: Scenario) -> String {
        "\(scenario.streams[gate.stream].id)/\(gate.tier)"
    }

    /// How a plan of `f` sets `gate` (a gate fixed open is open whatever the values say).
    static func setting(of gate: PriorityGate, _ f: Formulation, _ values: [Double]) -> GateSetting {
        if f.model.lowerBounds[gate.variable.index] > 0.5 || values[gate.variable.index] > 0.5 { return .open }
        if let h = gate.partial, f.model.lowerBounds[h.index] > 0.5 || values[h.index] > 0.5 { return .partial }
        return .closed
    }
}
