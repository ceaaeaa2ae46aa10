import BraidPolicy
import BraidScenario
import BraidSolver
import Foundation
import Logging

/// Phase 2 on the decomposition (the spending, by column generation over the compact spending
/// master with the served set fixed), the marginal values from its masters, and a point of the monolithic model from
/// pattern weights.
extension Decomposition {
    /// Phase 2 on the decomposition: with who is served fixed (in `base`), the spending in
    /// use_order. Nil when the rows of `base` cannot be met with the patterns found.
    /// - Parameter previous: a sweep's previous point's spending patterns (``PlanHint/spending``):
    ///   each participant that has one starts from it rather than from phase 1's.
    /// - Returns: the point, and the pattern each participant spends by most (for the next point).
    func solveSpend(
        base: LinearModel, served: [Bool], from phase1: ColumnGeneration, previous: [Column] = [],
        solver: any LinearSolver, deadline: Double?
    )
        throws -> (values: [Double], iterations: Int, patterns: [Column])?
    {
        let active = self.active.filter { served[$0] }
        // Each participant starts with the patterns the plan uses only, so most have one, their
        // reference, and no column in the LP from the first round (10,000 applicants: 1.6 s
        // against 2.0 s with every pattern of phase 1, when those masters had rows).
        var cg = ColumnGeneration(self, phase: .spend, base: base, active: active)
        var start: [Int: Int] = [:]
        var before: [Int: Column] = [:]
        // (A money sweep's previous point: the same roster and rules, so a pattern that fits the
        // cells' limits and needs fits the participant's block; another roster's is ignored.)
        for pattern in previous where pattern.participant < served.count && served[pattern.participant] {
            before[pattern.participant] = adopt(pattern)
        }
        for i in active {
            if let column = before[i] {
                // (A sweep's next point: last point's split, which most participants keep.)
                cg.add(column)
                start[i] = cg.columns.count - 1
                continue
            }
            // Start from the pattern phase 1 leans on most.
            let lean = phase1.heaviest(of: i, by: phase1.incumbent)
            for c in phase1.columnsOf[i] where c == lean || phase1.incumbent[c] > Tolerance.used {
                cg.add(phase1.columns[c])
                if c == lean { start[i] = cg.columns.count - 1 }
            }
        }
        if !before.isEmpty { log.debug("  spending from the previous point's: \(before.count) patterns") }
        let run = try cg.runCompactSpend(solver: solver, deadline: deadline, start: start)
        guard run.outcome == .optimal else { return nil }
        let patterns = active.compactMap { i in cg.heaviest(of: i, by: run.lambda).map { cg.columns[$0] } }
        return (values(cg, lambda: run.lambda, extras: run.extras), cg.iterations, patterns)
    }

    /// People served per extra dollar of each stream's budget: the right-hand derivative of the
    /// LP relaxation (the master, re-solved warm with the budget raised by 0.1%, at least $1).
    func marginalValues(_ phase1: ColumnGeneration, solver: any LinearSolver, deadline: Double?) throws -> [Double] {
        guard let relaxation = phase1.solution else { return f.budgetRows.map { _ in .nan } }
        if phase1.stoppedAtGap {
            // Column generation stopped at the requested gap: a re-solve would stop at its own gap,
            // far coarser than a 0.1% step in one budget, so the last master's duals are the
            // values (0 where the budget is not used up).
            return f.budgetRows.map { row -> Double in
                guard let row, let j = f.linkingRows.firstIndex(of: row) else { return 0 }
                return Planner.usedUp(
                    limit: f.model.rowUpper[row.index], activity: relaxation.activity(of: Constraint(index: j)))
                    ? max(0, relaxation.duals[j]) : 0
            }
        }
        // One re-solve per binding budget, on both cores.
        return try parallelMap(f.budgetRows.count, threads: tuning.threads) { s -> Double in
            guard let row = f.budgetRows[s] else { return 0 }
            if let deadline, MonotonicClock.now() > deadline { return .nan }
            let j = f.linkingRows.firstIndex(of: row)!
            return try Planner.derivative(
                limit: f.model.rowUpper[row.index], activity: relaxation.activity(of: Constraint(index: j)),
                optimum: relaxation.objectiveValue,
                failed: .nan, tuning: tuning
            ) {
                var bigger = phase1
                bigger.base.setBound(row, .atMost($0))
                bigger.firstAlgorithm = .dualSimplex
                bigger.lagrangianBound = .infinity  // (phase 1's bound is for the smaller budget)
                bigger.log = Logger.silent
                return try bigger.run(solver: solver, deadline: deadline) == .optimal
                    ? bigger.solution?.objectiveValue : nil
            }
        }
    }

    /// A point of the monolithic model from pattern weights.
    func values(_ cg: ColumnGeneration, lambda: [Double], extras extraValues: [Double]) -> [Double] {
        var x = [Double](repeating: 0, count: f.model.variableCount)
        for (e, v) in extras.enumerated() { x[v.index] = extraValues[e] }
        for (c, column) in cg.columns.enumerated() where lambda[c] > Tolerance.zero {
            x[f.served[column.participant].index] += lambda[c]
            for (k, cents) in zip(column.cells, column.cents) {
                x[f.cells[Int(k)].variable.index] += lambda[c] * Double(cents) / 100
            }
        }
        for y in f.served { x[y.index] = min(1, x[y.index]) }
        return x
    }
}
