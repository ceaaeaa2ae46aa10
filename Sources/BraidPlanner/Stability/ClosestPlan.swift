import BraidPolicy
import BraidScenario
import BraidSolver

/// A plan the planner stays close to: `compare` passes the baseline's plan when it plans the
/// what-if, so that among the what-if's equally good plans it returns the one that keeps the
/// most baseline people, then moves the fewest dollars (docs/DESIGN.md, "Stable comparisons").
public struct PlanReference: Sendable {
    /// The participants the reference plan serves.
    public var served: Set<String>
    /// Its dollars by owner, stream and category.
    var dollars: [AllocationKey: Double]
    /// Each participant and stream that pays them something ("participant|stream").
    var paid: Set<String>
    /// How the reference set each priority-of-service gate (``Plan/priorityGates``).
    var gates: [String: String]

    struct AllocationKey: Hashable {
        var owner: String
        var stream: String
        var category: CostCategory
        /// The line's period (``Allocation/period``), nil without money by year.
        var period: String? = nil
    }

    public init(_ plan: Plan) {
        served = Set(plan.served)
        var dollars: [AllocationKey: Double] = [:]
        let shared = plan.sharedAllocations.map {
            Allocation(owner: "shared:" + $0.owner, stream: $0.stream, category: $0.category, cents: $0.cents)
        }
        for a in plan.allocations + plan.programAllocations + shared {
            dollars[
                AllocationKey(owner: a.owner, stream: a.stream, category: a.category, period: a.period), default: 0] +=
                Double(a.cents) / 100
        }
        self.dollars = dollars
        paid = Set(plan.allocations.map { "\($0.owner)|\($0.stream)" })
        gates = plan.priorityGates
    }
}

extension PlanningRun {
    /// Among the plans as good as phase 1's (its objective value kept by a cutoff row, the
    /// gates it chose kept), the one that serves the most of the reference's people and, among
    /// those, keeps the most of the reference's payers of each person (a target that counts
    /// whom a stream pays decides that per person and stream: left free, a what-if reshuffles
    /// them and moves dollars far beyond its change). Nil when phase 1's plan already keeps them
    /// all, when it is not proven optimal, or when no plan keeps more. A node budget (not a time)
    /// bounds the search, so the answer is the same on any machine; the plan it returns is
    /// always as good as phase 1's.
    func closestServed(_ f: Formulation, _ mip: Phase1Outcome, _ reference: PlanReference) throws -> [Double]? {
        guard case .optimal = mip.status else { return nil }
        let kept = f.served.indices.filter { reference.served.contains(analyses[$0].person.id) }
        let keptPaid = f.indicators.filter {
            reference.paid.contains("\(analyses[$0.participant].person.id)|\(scenario.streams[$0.stream].id)")
        }
        // Each kept person outweighs every kept payer together.
        let personWeight = Double(keptPaid.count + 1)
        func people(_ values: [Double]) -> Int { kept.lazy.filter { values[f.served[$0].index] > 0.5 }.count }
        func payers(_ values: [Double]) -> Int { keptPaid.lazy.filter { values[$0.variable.index] > 0.5 }.count }
        func keeps(_ values: [Double]) -> Double { personWeight * Double(people(values)) + Double(payers(values)) }
        let keptNow = keeps(mip.values)
        let most = personWeight * Double(kept.count) + Double(keptPaid.count)
        guard keptNow < most else { return nil }
        var model = f.model
        model.addObjectiveCutoff(atLeast: Self.asGoodAs(mip, step: f.objectiveStep))
        model.setObjective(
            .maximize, kept.map { (f.served[$0], personWeight) } + keptPaid.map { ($0.variable, 1.0) })
        if options.tuning.closestPlanKeepsWhomBothServe {
            for i in kept where mip.values[f.served[i].index] > 0.5 { model.setBounds(f.served[i], lower: 1, upper: 1) }
        }
        // (At most half the time left: phase 2 and the marginal values still need theirs.)
        var solveOptions = SolveOptions(
            timeLimit: remaining().map { $0 / 2 }, objectiveStep: 1, externalBound: most, initialSolution: mip.values)
        solveOptions.nodeLimit = options.tuning.closestPlanNodes
        let solution = try solver.solve(model, options: solveOptions)
        guard solution.status.hasSolution, keeps(solution.values) > keptNow else { return nil }
        log(
            "closest plan: keeps \(people(solution.values)) of the reference's \(kept.count) (phase 1: \(people(mip.values))), \(payers(solution.values)) of \(keptPaid.count) counted payers"
        )
        return Array(solution.values.prefix(f.model.variableCount))
    }

    /// The spending LP's point moved as close to the reference's dollars as it can go without
    /// spending worse in use_order: Σ |x − reference| is minimised with the use-order objective
    /// held at its optimum. Nil when that LP fails (the caller keeps the first point).
    func closestSpending(_ lp: LinearModel, _ f: Formulation, optimum: [Double], _ reference: PlanReference) throws
        -> [Double]?
    {
        var model = lp
        let order = lp.objectiveCoefficients.indices.compactMap { j in
            lp.objectiveCoefficients[j] == 0 ? nil : (Variable(index: j), lp.objectiveCoefficients[j])
        }
        let best = lp.objectiveValue(at: optimum)
        model.addConstraint("use-order", order, .atMost(best + Tolerance.bound * max(1, abs(best))))
        var objective: [(Variable, Double)] = []
        func key(_ cell: Cell, program: Bool) -> PlanReference.AllocationKey {
            PlanReference.AllocationKey(
                owner: !program
                    ? analyses[cell.owner].person.id
                    : cell.owner < scenario.programs.count
                        ? scenario.programs[cell.owner].info.id
                        : "shared:" + scenario.sharedCosts[cell.owner - scenario.programs.count].id,
                stream: scenario.streams[cell.stream].id, category: cell.category,
                period: scenario.timeline.isTimed ? scenario.timeline.segments[cell.segment].label : nil)
        }
        for (cell, program) in f.cells.map({ ($0, false) }) + f.programCells.map({ ($0, true) }) {
            let was = reference.dollars[key(cell, program: program)] ?? 0
            guard was > 0 else {
                objective.append((cell.variable, 1))
                continue
            }
            let d = model.addVariable("d", lower: 0, upper: .infinity)
            model.addConstraint("d+", [(d, 1), (cell.variable, -1)], .atLeast(-was))
            model.addConstraint("d-", [(d, 1), (cell.variable, 1)], .atLeast(was))
            objective.append((d, 1))
        }
        model.setObjective(.minimize, objective)
        let solution = try solver.solve(model, options: SolveOptions(timeLimit: remaining(), relaxIntegrality: true))
        guard solution.status == .optimal else { return nil }
        return Array(solution.values.prefix(lp.variableCount))
    }
}

extension PlanningRun {
    /// The closest plan over the decomposition's patterns (``closestServed(_:_:_:)`` on the
    /// master's MIP instead of the monolithic model): every participant with a pattern free, the
    /// objective the reference's people kept, phase 1's value kept by a cutoff row, phase 1's
    /// pattern weights the start. Nil when nothing closer is found. Phase 1's plan must be its
    /// patterns' (``patternsHold(_:_:)``, which the caller checks). (Indiana's budget edits: ~0.03 s
    /// against 0.12–0.8 s over the monolithic model, and as many kept or more: 221 and 244 where
    /// the monolithic model's 200 nodes found 220 and 242.)
    func closestOnPatterns(_ solved: SolvedDecomposition, _ mip: Phase1Outcome, _ reference: PlanReference) throws
        -> (values: [Double], lambda: [Double])?
    {
        let (d, cg) = (solved.decomposition, solved.master)
        let f = d.f
        guard case .optimal = mip.status else { return nil }
        let isKept = f.served.indices.map { reference.served.contains(analyses[$0].person.id) }
        let kept = f.served.indices.filter { isKept[$0] }
        func people(_ values: [Double]) -> Int { kept.lazy.filter { values[f.served[$0].index] > 0.5 }.count }
        let keptNow = people(mip.values)
        guard keptNow < kept.count else { return nil }
        let servedByPatterns = Self.servedByPatterns(cg)
        // (In the workbench, on a model larger than ``Tuning/priceNodesModelSize`` variables, the
        // reference's people phase 1 serves stay served, each by the patterns phase 1 gives them:
        // constants of the model, not binaries — see ``Tuning/closestPlanKeepsWhomBothServe``.)
        let keepBoth =
            options.tuning.closestPlanKeepsWhomBothServe && f.model.variableCount > options.tuning.priceNodesModelSize
        let candidates = d.active.filter { !cg.columnsOf[$0].isEmpty }
        var pinned = Set<Int>()
        if keepBoth {
            for i in candidates where isKept[i] && servedByPatterns[i] > 0.5 { pinned.insert(i) }
        }
        let binaries = candidates.filter { !pinned.contains($0) }
        guard !binaries.isEmpty else { return nil }
        var unused = Set<Int>()
        for i in pinned {
            for c in cg.columnsOf[i] where cg.incumbent[c] <= Tolerance.used { unused.insert(c) }
        }
        let margin = cg.marginModel(fixed: pinned, binaries: binaries, exclude: unused, reduced: keepBoth)
        var model = margin.model
        let firstY = model.variableCount - binaries.count
        var start = [Double](repeating: 0, count: model.variableCount)
        for (e, v) in d.extras.enumerated() { start[e] = mip.values[v.index] }
        var objective: [(Variable, Double)] = []
        for (c, column) in cg.columns.enumerated() {
            guard case .variable(let x) = margin.positions?[c] ?? .variable(cg.firstColumn + c) else { continue }
            start[x] = cg.incumbent[c]
            if isKept[column.participant], !pinned.contains(column.participant) {
                objective.append((Variable(index: x), 1.0))
            }
        }
        for (k, i) in binaries.enumerated() { start[firstY + k] = servedByPatterns[i] > 0.5 ? 1 : 0 }
        model.addObjectiveCutoff(atLeast: Self.asGoodAs(mip, step: f.objectiveStep))
        model.setObjective(.maximize, objective)
        var solveOptions = SolveOptions(
            timeLimit: remaining().map { $0 / 2 }, objectiveStep: 1, externalBound: Double(kept.count - pinned.count),
            initialSolution: start)
        // (Sized to the model, as a price's: the four-year Indiana's nodes cost ~5 ms, and 60
        // fruitless ones were 0.3 s of a 0.7 s workbench edit.)
        let tuning = options.tuning
        solveOptions.nodeLimit = tuning.nodes(
            tuning.closestPatternNodes, atLeast: tuning.closestPatternNodesAtLeast, variables: f.model.variableCount)
        let solution = try solver.solve(model, options: solveOptions)
        guard solution.status.hasSolution else { return nil }
        let full = margin.positions.map { cg.expandedMargin(solution, $0) } ?? solution
        guard !cg.usesArtificial(full) else { return nil }
        let lambda = (0..<cg.columns.count).map { full.values[cg.firstColumn + $0] }
        let values = d.values(cg, lambda: lambda, extras: (0..<d.extras.count).map { full.values[$0] })
        guard people(values) > keptNow else { return nil }
        log(
            "closest plan over patterns: keeps \(people(values)) of the reference's \(kept.count) (phase 1: \(keptNow)), \(solution.statistics.nodes) nodes"
        )
        return (values, lambda)
    }
}

extension PlanningRun {
    /// The least objective value a plan as good as phase 1's may have: its value less half a
    /// step of the objective (a tolerance without one), for the closest-plan MIPs' cutoff rows.
    static func asGoodAs(_ mip: Phase1Outcome, step: Double) -> Double {
        mip.objective - (step > 0 ? step / 2 : Tolerance.bound * max(1, abs(mip.objective)))
    }

    /// Each participant's weight served in the patterns' integer plan.
    static func servedByPatterns(_ cg: ColumnGeneration) -> [Double] {
        var served = [Double](repeating: 0, count: cg.d.f.analyses.count)
        for (c, column) in cg.columns.enumerated() where c < cg.incumbent.count {
            served[column.participant] += cg.incumbent[c]
        }
        return served
    }

    /// Whether phase 1's plan is its patterns' integer plan (a class proof's plan is the
    /// monolithic model's, not theirs) and the model counts no payers (whose binaries the
    /// patterns do not carry).
    static func patternsHold(_ solved: SolvedDecomposition, _ mip: Phase1Outcome) -> Bool {
        let (f, cg) = (solved.decomposition.f, solved.master)
        guard f.indicators.isEmpty, cg.incumbent.count == cg.columns.count else { return false }
        let served = servedByPatterns(cg)
        return f.served.indices.allSatisfy { (served[$0] > 0.5) == (mip.values[f.served[$0].index] > 0.5) }
    }
}
