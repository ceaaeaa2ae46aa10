import BraidPolicy
import BraidScenario
import BraidSolver

/// The compact spending master's bases, prices and weights, told between its layout and the
/// full master's (see ``ColumnGeneration/runCompactSpend(solver:deadline:start:)``).
extension ColumnGeneration {
    /// The starting basis of the compact spending master for `shape`: the last solve's statuses
    /// (a new alternative at 0, a new row's own variable basic). Without a last solve (or should
    /// the statuses not give a square basis), the linking rows' and participants' rows' own
    /// variables basic, every alternative at 0; GLPK repairs what is infeasible.
    /// - Returns: the basis, and whether it is the last solve's.
    func spendBasis(_ model: LinearModel, _ shape: CompactLayout, _ state: SpendState) -> (Basis, fromLast: Bool) {
        let m = d.f.linkingRows.count
        if let (linkingRows, linkingColumns) = state.linking {
            let rows = linkingRows + shape.rowed.map { state.rowStatus[$0] ?? .basic }
            let cols = linkingColumns + shape.columns.map { state.status[$0] ?? .atLower }
            if rows.count(where: { $0 == .basic }) + cols.count(where: { $0 == .basic }) == rows.count {
                return (Basis(rows: rows, columns: cols), true)
            }
        }
        let rows = [BasisStatus](repeating: .basic, count: m + shape.rowed.count)
        var cols = (0..<firstColumn).map { j -> BasisStatus in
            let (lower, upper) = (model.lowerBounds[j], model.upperBounds[j])
            if lower == upper { return .fixed }
            return j < d.f.runs.count && upper < .infinity ? .atUpper : .atLower
        }
        cols += shape.columns.map { _ in .atLower }
        return (Basis(rows: rows, columns: cols), false)
    }

    /// Keeps the statuses of the solve `s` of `shape` in `state`, for the next round's basis.
    func record(_ s: Solution, _ shape: CompactLayout, _ state: inout SpendState) {
        guard let b = s.basis else {
            state.linking = nil
            return
        }
        let m = d.f.linkingRows.count
        state.linking = ((0..<m).map { b.status(ofRow: $0) }, (0..<firstColumn).map { b.status(ofColumn: $0) })
        for (k, c) in shape.columns.enumerated() { state.status[c] = b.status(ofColumn: firstColumn + k) }
        for (k, i) in shape.rowed.enumerated() { state.rowStatus[i] = b.status(ofRow: m + k) }
    }

    /// Each active participant's convexity price in the full master at linking prices `pi`: the
    /// least of cost − π · entries over their patterns in play (the reference and the
    /// alternatives; at the LP's optimum, every pattern with weight attains it).
    func convexityPrices(_ pi: [Double], _ state: SpendState) -> [Double] {
        let pi = pi[...]
        return active.map { i -> Double in
            guard let reference = state.reference[i] else { return 0 }
            var least = reduced(columns[reference].spend, by: reference, at: pi)
            for c in state.alternatives[i] { least = min(least, reduced(columns[c].spend, by: c, at: pi)) }
            return least
        }
    }

    /// Every pattern's weight: an alternative's the LP's value, the reference's what its
    /// participant's alternatives leave of 1, else 0.
    func spendWeights(_ s: Solution, _ shape: CompactLayout, _ state: SpendState) -> [Double] {
        var lambda = [Double](repeating: 0, count: columns.count)
        for (k, c) in shape.columns.enumerated() { lambda[c] = s.values[firstColumn + k] }
        for i in active {
            guard let reference = state.reference[i] else { continue }
            lambda[reference] = max(0, 1 - state.alternatives[i].reduce(0.0) { $0 + lambda[$1] })
        }
        return lambda
    }
}
