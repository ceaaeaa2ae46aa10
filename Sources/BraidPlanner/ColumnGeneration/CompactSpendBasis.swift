import BraidPolicy
import BraidScenario
import BraidSolver

/// The compact spending master's bases, prices and weights, told between its layout and the
/// full master's (see ``ColumnGeneration/runCompactSpend(solver:deadline:start:)``).
extension ColumnGeneration {
    /// The starting basis of the compact spending master for `shape`: the last solve's where
    /// structure is shared — a participant given a row has their held pattern basic in it (the
    /// row's own variable nonbasic), a new pattern starts at 0, a participant held again takes
    /// their row and basic pattern out together. Without a last solve (or should the mapping
    /// not be square), a crash basis: each participant with a row held by `start`'s pattern (or
    /// their first), the linking rows' own variables basic; GLPK repairs what is infeasible.
    func spendBasis(_ model: LinearModel, _ shape: CompactLayout, _ state: SpendState, start: [Int: Int]) -> Basis {
        let m = d.f.linkingRows.count
        if let old = state.basis {
            var oldColumn: [Int: Int] = [:]
            for (k, c) in state.layout.columns.enumerated() { oldColumn[c] = firstColumn + k }
            var oldRow: [Int: Int] = [:]
            for (k, i) in state.layout.rowed.enumerated() { oldRow[i] = m + k }
            var rows = (0..<m).map { old.status(ofRow: $0) }
            var cols = (0..<firstColumn).map { old.status(ofColumn: $0) }
            for i in shape.rowed {
                let known = oldRow[i]
                rows.append(known.map { old.status(ofRow: $0) } ?? .fixed)
                for (n, c) in state.open[i].enumerated() {
                    if let j = oldColumn[c] {
                        cols.append(old.status(ofColumn: j))
                    } else {
                        cols.append(known == nil && n == 0 ? .basic : .atLower)
                    }
                }
            }
            if rows.count(where: { $0 == .basic }) + cols.count(where: { $0 == .basic }) == rows.count {
                return Basis(rows: rows, columns: cols)
            }
        }
        var rows = [BasisStatus](repeating: .basic, count: m)
        var cols = (0..<firstColumn).map { j -> BasisStatus in
            let (lower, upper) = (model.lowerBounds[j], model.upperBounds[j])
            if lower == upper { return .fixed }
            return j < d.f.runs.count && upper < .infinity ? .atUpper : .atLower
        }
        for i in shape.rowed {
            rows.append(.fixed)
            let first = start[i].flatMap { state.open[i].contains($0) ? $0 : nil } ?? state.open[i][0]
            for c in state.open[i] { cols.append(c == first ? .basic : .atLower) }
        }
        return Basis(rows: rows, columns: cols)
    }

    /// Each active participant's convexity price in the full master: their row's, or for a held
    /// participant the one at which the held pattern's reduced cost is 0.
    func convexityPrices(_ s: Solution, _ shape: CompactLayout, _ state: SpendState) -> [Double] {
        let m = d.f.linkingRows.count
        var rowPrice: [Int: Double] = [:]
        for (k, i) in shape.rowed.enumerated() { rowPrice[i] = s.duals[m + k] }
        return active.map { i -> Double in
            if let price = rowPrice[i] { return price }
            guard let c = state.held[i] else { return 0 }
            var price = columns[c].spend
            for entry in columns[c].entries { price -= s.duals[Int(entry.row)] * entry.coefficient }
            return price
        }
    }

    /// Every pattern's weight: 1 when held, the LP's value when in play, else 0.
    func spendWeights(_ s: Solution, _ shape: CompactLayout, _ state: SpendState) -> [Double] {
        var lambda = [Double](repeating: 0, count: columns.count)
        for (k, c) in shape.columns.enumerated() { lambda[c] = s.values[firstColumn + k] }
        for i in active { if let c = state.held[i] { lambda[c] = 1 } }
        return lambda
    }
}
