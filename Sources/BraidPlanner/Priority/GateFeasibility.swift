import BraidPolicy
import BraidScenario
import BraidSolver
import Foundation

/// A quick proof that a gate setting has no plan (docs/DESIGN.md, "Priority of service").
///
/// An open gate serves all its protected. Whether they can all be paid together is a question
/// about them alone: drop every other applicant from a plan of the node and the rows a budget,
/// a cap or a period of availability writes (sums of money at most a limit) still hold. So the
/// node's LP over the protected of its open gates alone — every row that dropping an applicant
/// could break (a target, a minimum enrollment, a partial gate's floor) left out — is a
/// relaxation of the node: when it is infeasible, so is every setting below the node. At
/// 100,000 applicants over three program years it answers in about a second what the node's
/// whole column generation answered in half a minute (money that ends before the last cohorts
/// can pay each protected applicant alone, not all of them).
extension PlanningRun {
    /// Whether the protected of the gates `node` fixes open may all be served together: false
    /// only when proven impossible (a relaxation is infeasible); true when it cannot tell.
    /// - Parameter root: the decomposition of the unfixed formulation (every gate row present).
    /// - Parameter answered: the checks already made in this search, by what they decide on
    ///   (the protected, their closed cells, the rows left); a node that poses the same question
    ///   as one before — a child whose choice adds no protected and closes none of their cells,
    ///   as "WIOA Adult's fourth tier closed" under "its third open" — gets the same answer.
    /// - Parameter share: the share of the time left the check may take.
    func protectedCanBeServed(
        _ node: Formulation, root: Decomposition, share: Double, answered: inout [GateCheck: Bool]
    ) throws -> Bool {
        let forced = node.forcedServed
        guard !forced.isEmpty else { return true }
        // (Someone the model cannot serve at all cannot be served with the rest.)
        guard forced.allSatisfy({ root.programOf[$0] != nil }) else { return false }
        var check = node
        check.linkingRows = root.f.linkingRows
        let kept = Set(node.linkingRows.map(\.index))
        var isForced = [Bool](repeating: false, count: node.analyses.count)
        for i in forced { isForced[i] = true }
        // Rows another applicant could break by leaving are loose; the rows the protected enter
        // are what the question (``GateCheck``) is about.
        var loose = Set<Int>()
        var touched = Set<Int>()
        func mark(_ owner: Int, _ j: Int32, _ a: Double) {
            guard !isForced[owner] else {
                touched.insert(Int(j))
                return
            }
            let r = check.linkingRows[Int(j)].index
            if (a > 0 && check.model.rowLower[r] > -.infinity) || (a < 0 && check.model.rowUpper[r] < .infinity) {
                loose.insert(Int(j))
            }
        }
        for i in node.analyses.indices {
            for entry in root.servedEntries[i] { mark(i, entry.row, entry.coefficient) }
        }
        for (k, cell) in node.cells.enumerated() {
            for p in root.cellStart[k]..<root.cellStart[k + 1] {
                mark(cell.owner, root.cellRow[p], root.cellCoefficient[p])
            }
        }
        var bounded: [Int] = []
        for (j, row) in check.linkingRows.enumerated() {
            if loose.contains(j) || !kept.contains(row.index) {
                check.model.setBound(row, .between(-.infinity, .infinity))
            } else {
                bounded.append(j)
            }
        }
        let question = GateCheck(
            node, root: root, forced: forced, rows: bounded.filter(touched.contains), in: check.model)
        if let known = answered[question] { return known }
        let d = root.replacing(check)
        var cg = ColumnGeneration(d, phase: .served, base: check.model, active: forced)
        cg.compact = forced.count >= options.tuning.compactMasterFrom
        let zero = [Double](repeating: 0, count: check.linkingRows.count)
        for i in forced {
            guard let block = d.blocks[i],
                let priced = try ColumnGeneration.price(d, .spend, i, zero, 0, solver: solver)
            else { return false }
            cg.add(d.column(block, priced.cents))
        }
        let now = MonotonicClock.now()
        let until = deadline.map { now + share * max(0, $0 - now) }
        let outcome = try cg.run(solver: solver, deadline: until, start: cg.greedyStart())
        // (A "maybe" is not an answer: a later check of the same question may have longer.)
        if outcome != .timeLimit { answered[question] = outcome != .infeasible }
        return outcome != .infeasible
    }
}

/// What ``PlanningRun/protectedCanBeServed(_:root:share:answered:)`` decides on: the protected to serve,
/// those of their cells a closed gate shuts, the linking rows that stay bounded and that they
/// enter, and the bounds of the run, program-cost and gate variables in those rows (index,
/// lower, upper).
struct GateCheck: Hashable {
    let protected: [Int]
    let closed: [Int]
    let rows: [Int]
    let extras: [Double]

    /// - Parameter rows: the bounded rows the protected enter. (The bounded rows that none of
    ///   them enter hold extras only: a program's costs, the same at every node, or a gate's rows
    ///   with its tier's cells out of the check and its variable free, or fixed as the chain
    ///   allows — rows every setting meets.)
    init(_ node: Formulation, root: Decomposition, forced: [Int], rows: [Int], in model: LinearModel) {
        protected = forced
        closed = forced.flatMap { i in node.cellsByParticipant[i].filter { node.cells[$0].upper == 0 } }
        self.rows = rows
        let inRows = Set(rows)
        extras = root.extras.indices.filter { e in root.extraEntries[e].contains { inRows.contains(Int($0.row)) } }
            .flatMap { e in
                [Double(e), model.lowerBounds[root.extras[e].index], model.upperBounds[root.extras[e].index]]
            }
    }
}
