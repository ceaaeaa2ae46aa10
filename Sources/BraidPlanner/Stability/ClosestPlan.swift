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
        let step = f.objectiveStep
        let slack = step > 0 ? step / 2 : Tolerance.bound * max(1, abs(mip.objective))
        model.addObjectiveCutoff(atLeast: mip.objective - slack)
        model.setObjective(
            .maximize, kept.map { (f.served[$0], personWeight) } + keptPaid.map { ($0.variable, 1.0) })
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
