import BraidPolicy
import BraidScenario
import BraidSolver
import Foundation
import Logging

/// Interchangeable participants counted, not listed: the served problem over classes.
///
/// Two participants with the same program, weight and funding problem (the same cells — stream,
/// category, upper limit, entries in the linking rows — the same needs, caps and entitlement-first
/// rows) are interchangeable. All of a participant's rows are homogeneous in (amounts, served), so
/// n served members of a class with total amounts X are exactly "X/n each": the MIP over one
/// integer count per class and the class's summed amounts has the same optimum as the monolithic
/// MIP, without the symmetry that makes branch and cut enumerate equal choices (the shipped case
/// studies have dozens of applicants with the same tuition, tools and transport needs).
struct Aggregation {
    let d: Decomposition
    /// Members of each class, in roster order (the preferred ones first).
    let classes: [[Int]]

    /// - Parameter preferred: participants listed first in their class (a what-if's reference
    ///   plan's people), so that a class solution serves them before the others it could.
    init(_ d: Decomposition, preferring preferred: Set<Int> = []) {
        self.d = d
        var index: [ClassSignature: Int] = [:]
        var classes: [[Int]] = []
        let active =
            preferred.isEmpty
            ? d.active : d.active.filter(preferred.contains) + d.active.filter { !preferred.contains($0) }
        for i in active {
            guard let b = d.blocks[i] else { continue }
            let key = ClassSignature(d, b)
            if let k = index[key] {
                classes[k].append(i)
            } else {
                index[key] = classes.count
                classes.append([i])
            }
        }
        self.classes = classes
    }

    typealias Block = Decomposition.Block

    /// Where the class model keeps its variables.
    struct Layout {
        /// Per class: its count variable (nil when fixed: unserved, or served whole under a
        /// program that runs, a constant of the model) and first amount variable (nil when unserved).
        var count: [Variable?] = []
        var firstAmount: [Int?] = []
    }

    /// The served MIP over class counts (the extras as in the monolithic model), with the
    /// Lagrangian fixing and "worth at least `cutoff`" when given.
    func model(fixing: LagrangianFixing?, cutoff: Double?) -> (LinearModel, Layout) {
        var builder = ClassModelBuilder(d, fixing: fixing)
        for members in classes { builder.addClass(members) }
        return builder.finish(cutoff: cutoff)
    }

    /// The monolithic model's point for a class solution: the first n members of each class
    /// served (in ``classes``' order), each with the class's amounts divided by n.
    func values(_ s: Solution, _ layout: Layout) -> [Double] {
        let f = d.f
        var x = [Double](repeating: 0, count: f.model.variableCount)
        for (e, v) in d.extras.enumerated() { x[v.index] = s.values[e] }
        for (k, members) in classes.enumerated() {
            guard let firstAmount = layout.firstAmount[k] else { continue }
            // (An amount variable without a count: the class is served whole.)
            let count = layout.count[k].map { Int(s.value(of: $0).rounded()) } ?? members.count
            guard count > 0 else { continue }
            for i in members.prefix(count) {
                x[f.served[i].index] = 1
                for (l, cell) in f.cellsByParticipant[i].enumerated() {
                    x[f.cells[cell].variable.index] = s.values[firstAmount + l] / Double(count)
                }
            }
        }
        for (e, v) in d.extras.enumerated() where !d.isAmount(e) { x[v.index] = x[v.index].rounded() }
        return x
    }
}

extension Decomposition {
    /// What ``classProof(prices:classes:incumbent:target:nodes:deadline:options:solver:)`` found.
    struct ClassProof {
        /// Whether no plan is better than the last incumbent (the `better` one when given).
        var proven = false
        /// A better plan than the incumbent given (a point of the monolithic model) and its value.
        var better: PlanPoint? = nil
        var nodes = 0
        var iterations = 0
    }

    /// Proves `incumbent` optimal, or finds better plans, by the served MIP over `classes` of
    /// interchangeable participants with the Lagrangian fixing at `prices`: each search stops
    /// at its first better plan (which narrows the room and fixes more) until one proves
    /// ("infeasible": nothing is a step better; "optimal": the best that is), the LP bound rounded
    /// to the step (`target`) is reached, or `nodes` branch-and-bound nodes (in all) or the
    /// `deadline` have passed. A node budget, not seconds, so that the plan found does not depend
    /// on the machine's speed.
    func classProof(
        prices: LagrangianPrices?, classes: Aggregation, incumbent: Double, target: Double, nodes budget: Int,
        breadthFirst: Bool = false, mostFractional: Bool = false, deadline: Double?,
        options: PlanOptions, solver: any LinearSolver
    ) throws -> ClassProof {
        var proof = ClassProof()
        var value = incumbent
        while step > 0 {
            try options.checkStop()
            var fixing = prices?.fixing(atLeast: value + step)
            var (model, layout) = classes.model(fixing: fixing, cutoff: value + step)
            // Probing: a program whose running (or not) leaves the LP below the cutoff is decided.
            // The Lagrangian test misses some at degenerate prices, and an undecided program
            // weakens every node's LP (measured: 3 s without a proof, 0.3 s with it).
            if var decided = fixing {
                for g in f.runs.indices where model.lowerBounds[g] < model.upperBounds[g] {
                    for side in [0.0, 1.0] {
                        var probe = model
                        probe.setBounds(Variable(index: g), lower: side, upper: side)
                        let lp = try solver.solve(probe, options: SolveOptions(relaxIntegrality: true))
                        if lp.status == .infeasible
                            || (lp.status == .optimal
                                && lp.objectiveValue < value + step - Tolerance.bound * max(1, abs(value)))
                        {
                            if side == 0 { decided.running.append(g) } else { decided.stopped.append(g) }
                            break
                        }
                    }
                }
                if decided.count > fixing!.count {
                    fixing = decided
                    (model, layout) = classes.model(fixing: decided, cutoff: value + step)
                }
            }
            var limits = SolveOptions(relativeGap: options.gap, objectiveStep: step, externalBound: value + step)
            limits.breadthFirst = breadthFirst
            limits.mostFractional = mostFractional
            limits.timeLimit = MonotonicClock.secondsLeft(until: deadline)
            limits.nodeLimit = max(1, budget - proof.nodes)
            let result = try solver.solve(model, options: limits)
            if options.verbose {
                let fixed =
                    fixing.map {
                        "\($0.unserved.count) unserved, \($0.servedIfRuns.count) served, running \($0.running) stopped \($0.stopped), bound \($0.bound)"
                    } ?? "none"
                log.debug(
                    "  class proof: \(classes.classes.count) classes for \(active.count) participants (\(model.variableCount) variables, \(model.constraintCount) rows); fixing \(fixed); \(result.status) \(result.objectiveValue), \(result.statistics.nodes) nodes in \(String(format: "%.3f", result.statistics.seconds)) s"
                )
            }
            proof.nodes += result.statistics.nodes
            proof.iterations += result.statistics.simplexIterations
            if result.status.hasSolution && result.objectiveValue > value + Tolerance.objective {
                value = result.objectiveValue
                proof.better = PlanPoint(values: classes.values(result, layout), value: value)
            }
            if result.status == .infeasible || (result.status == .optimal && !result.statistics.stoppedAtBound)
                || reaches(value, target)
            {
                proof.proven = true
                break
            }
            guard proof.better?.value == value, result.statistics.stoppedAtBound, proof.nodes < budget else { break }
            if let deadline, MonotonicClock.now() >= deadline { break }
        }
        return proof
    }
}

/// Whether an objective value reaches `target` (up to ``Tolerance/objective``, relative).
func reaches(_ value: Double, _ target: Double) -> Bool { value >= target - Tolerance.objective * max(1, abs(target)) }

/// Everything the served problem sees of a participant: two participants with the same signature
/// are interchangeable (``Aggregation``).
struct ClassSignature: Hashable {
    struct CellSignature: Hashable {
        let stream: Int
        let category: CostCategory
        let upper: Int64
        let entries: [LinkEntry]
    }

    let program: Int
    let weight: Double
    let servedEntries: [LinkEntry]
    let cells: [CellSignature]
    let needs: [CategoryNeed]
    let capOf: [Int?]
    let capLimits: [Int64]
    let first: [FirstRow]

    init(_ d: Decomposition, _ b: Decomposition.Block) {
        let f = d.f
        let i = b.participant
        program = d.programOf[i]!
        weight = f.analyses[i].value
        servedEntries = d.servedEntries[i]
        cells = b.cells.map { k in
            CellSignature(
                stream: f.cells[k].stream, category: f.cells[k].category, upper: f.cells[k].upper,
                entries: (d.cellStart[k]..<d.cellStart[k + 1]).map {
                    LinkEntry(row: d.cellRow[$0], coefficient: d.cellCoefficient[$0])
                })
        }
        needs = b.categories
        capOf = b.capOf
        capLimits = b.capLimits
        first = b.first
    }
}

/// Builds ``Aggregation/model(fixing:cutoff:)``: the extras, then one count and its amounts per
/// class, then the linking rows.
private struct ClassModelBuilder {
    let d: Decomposition
    let unserved: Set<Int>
    let servedIfRuns: Set<Int>
    var m = LinearModel(name: "classes")
    var rowTerms: [[(Variable, Double)]]
    var extras: [Variable] = []
    var layout = Aggregation.Layout()
    /// A class served whole under a program that runs is a constant count: its rows in n become
    /// limits (n times the need or cap) and its entries in the linking rows move into their
    /// limits, so each node's LP is smaller (a third fewer rows in Indiana's proofs).
    var shift: [Double]
    var constant = 0.0

    init(_ d: Decomposition, fixing: LagrangianFixing?) {
        self.d = d
        let f = d.f
        rowTerms = [[(Variable, Double)]](repeating: [], count: f.linkingRows.count)
        shift = [Double](repeating: 0, count: f.linkingRows.count)
        unserved = Set(fixing?.unserved ?? [])
        servedIfRuns = Set(fixing?.servedIfRuns ?? [])
        let running = Set(fixing?.running ?? []), stopped = Set(fixing?.stopped ?? [])
        for (e, v) in d.extras.enumerated() {
            var (lower, upper) = (f.model.lowerBounds[v.index], f.model.upperBounds[v.index])
            if e < f.runs.count, running.contains(e) { lower = 1 }
            if e < f.runs.count, stopped.contains(e) { upper = 0 }
            let x = m.addVariable("", kind: f.model.variableKinds[v.index], lower: lower, upper: upper)
            m.setObjectiveCoefficient(x, f.model.objectiveCoefficients[v.index])
            for entry in d.extraEntries[e] { rowTerms[Int(entry.row)].append((x, entry.coefficient)) }
            extras.append(x)
        }
    }

    /// One class: its count (a variable, or a constant when fixed at the whole class), its summed
    /// amounts, and its rows scaled by the count.
    mutating func addClass(_ members: [Int]) {
        let f = d.f
        let i = members[0]
        let b = d.blocks[i]!
        guard !unserved.contains(i) else {
            layout.count.append(nil)
            layout.firstAmount.append(nil)
            return
        }
        let size = Double(members.count)
        let y = extras[d.programOf[i]!]
        let whole = servedIfRuns.contains(i)
        let weight = f.analyses[i].value
        let fixedCount = whole && m.lowerBounds[y.index] >= 1 && m.upperBounds[y.index] > 0
        // The count: a variable, or (fixed at the whole class) its terms at `size`, as constants.
        var n: Variable? = nil
        if fixedCount {
            constant += weight * size
            for entry in d.servedEntries[i] { shift[Int(entry.row)] += entry.coefficient * size }
        } else {
            let v = m.addVariable("", kind: .integer, lower: 0, upper: m.upperBounds[y.index] <= 0 ? 0 : size)
            m.setObjectiveCoefficient(v, weight)
            for entry in d.servedEntries[i] { rowTerms[Int(entry.row)].append((v, entry.coefficient)) }
            n = v
        }
        layout.count.append(n)
        layout.firstAmount.append(m.variableCount)
        let xs = b.cells.map { k in
            m.addVariable("", upper: n == nil ? Double(f.cells[k].upper) / 100 * size : .infinity)
        }
        for (l, k) in b.cells.enumerated() {
            for e in d.cellStart[k]..<d.cellStart[k + 1] {
                rowTerms[Int(d.cellRow[e])].append((xs[l], d.cellCoefficient[e]))
            }
            if let n { m.addConstraint("", [(xs[l], 1), (n, -Double(f.cells[k].upper) / 100)], .atMost(0)) }
        }
        for category in b.categories {
            addScaled(category.cells.map { (xs[$0], 1.0) }, per: Double(category.need) / 100, count: n, size: size) {
                .equal($0)
            }
        }
        for (c, limit) in b.capLimits.enumerated() {
            let group = b.capOf.indices.filter { b.capOf[$0] == c }
            addScaled(group.map { (xs[$0], 1.0) }, per: Double(limit) / 100, count: n, size: size) { .atMost($0) }
        }
        for row in b.first {
            addScaled(row.cells.map { (xs[$0], 1.0) }, per: Double(row.amount) / 100, count: n, size: size) {
                .atLeast($0)
            }
        }
        if let n, m.upperBounds[y.index] > 0 {
            // At most the class while the program runs; all of it when it must be served.
            m.addConstraint("", [(n, 1), (y, -size)], whole ? .equal(0) : .atMost(0))
        }
    }

    /// "Σ terms − per · count" within `bound` scaled: a row over the amounts and the count, or,
    /// with the count constant, over the amounts alone with limits `size · per`.
    private mutating func addScaled(
        _ terms: [(Variable, Double)], per: Double, count n: Variable?, size: Double,
        _ bound: (Double) -> ConstraintBound
    ) {
        if let n {
            m.addConstraint("", terms + [(n, -per)], bound(0))
        } else {
            m.addConstraint("", terms, bound(per * size))
        }
    }

    /// The linking rows (less what constant classes hold), the objective and the cutoff.
    mutating func finish(cutoff: Double?) -> (LinearModel, Aggregation.Layout) {
        let f = d.f
        for (j, row) in f.linkingRows.enumerated() {
            m.addConstraint("", rowTerms[j], f.model.bound(of: row, less: shift[j]))
        }
        m.setObjective(
            .maximize,
            (0..<m.variableCount).map { (Variable(index: $0), m.objectiveCoefficients[$0]) }.filter { $0.1 != 0 },
            constant: constant)
        if let cutoff { m.addObjectiveCutoff(atLeast: cutoff) }
        return (m, layout)
    }
}
