import BraidPolicy
import BraidScenario
import BraidSolver
import Foundation
import Logging

/// The compact master solved by ``BlockInteriorPoint`` (see ``ColumnGeneration/interior``): the
/// solve and its fallback, what its basis-less solution says of each pattern, and the bound.
extension ColumnGeneration {
    /// The compact master `model` (laid out as `shape`) by the interior point, started near the
    /// last master's values (a new pattern from the middle); should it fail, by the simplex with
    /// `fallback`.
    func interiorMaster(_ model: LinearModel, _ shape: CompactLayout, fallback: SolveOptions, solver: any LinearSolver)
        throws -> Solution
    {
        var start: [Double]? = nil
        if let last = solution {
            var v = [Double](repeating: .nan, count: model.variableCount)
            for (k, c) in shape.columns.enumerated() where firstColumn + c < last.values.count {
                v[firstColumn + k] = last.values[firstColumn + c]
            }
            start = v
        }
        do {
            return try BlockInteriorPoint().solve(model, linking: d.f.linkingRows.count, start: start)
        } catch {
            log.debug("  interior point failed (\(error)): the simplex")
            return try solver.solve(model, options: fallback)
        }
    }

    /// The interior point's solution with each pattern's value within ``Tolerance/integral`` of 0 or 1 taken as
    /// that bound (the margin MIP fixes and excludes patterns by their values).
    func snapped(_ s: Solution) -> Solution {
        var values = s.values
        for j in firstColumn..<values.count {
            if values[j] < Tolerance.integral {
                values[j] = 0
            } else if values[j] > 1 - Tolerance.integral {
                values[j] = 1
            }
        }
        for j in artificialColumns where values[j] < Tolerance.integral { values[j] = 0 }
        return Solution(
            status: s.status, objectiveValue: s.objectiveValue, bestBound: s.bestBound, relativeGap: s.relativeGap,
            values: values,
            rowActivities: s.rowActivities, duals: s.duals, reducedCosts: s.reducedCosts, basis: s.basis,
            statistics: s.statistics)
    }

    /// Where pattern `c` (LP column `lpColumn` of the last solve) sits: its basis status, or with
    /// the interior point's solution (no basis) the bound its ``snapped(_:)`` value is at.
    func patternStatus(_ c: Int, at lpColumn: Int) -> BasisStatus {
        if let basis { return basis.status(ofColumn: lpColumn) }
        let v = solution!.values[firstColumn + c]
        return v == 1 ? .atUpper : (v == 0 ? .atLower : .basic)
    }

    /// L(π) at the row prices `rowDuals` (of the right sign), from each participant's gain there:
    /// their reduced value in `priced` plus their convexity dual. (The interior point's optimum is
    /// only within its tolerance, so the master's value plus the reduced values is no bound.)
    func lagrangianBound(_ rowDuals: [Double], _ convexityDual: [Double], _ priced: [Priced?]) -> Double {
        var gains = [Double](repeating: -.infinity, count: d.f.analyses.count)
        for (n, i) in active.enumerated() { if let p = priced[n] { gains[i] = p.value + convexityDual[n] } }
        return d.lagrangian(duals: rowDuals, gains: gains)?.bound ?? .infinity
    }
}
