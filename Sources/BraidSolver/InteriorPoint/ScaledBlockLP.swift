/// A ``BlockInteriorPoint`` problem in the method's own form, scaled: min cᵀy subject to
/// [A −I] y = b, l ≤ y ≤ u (y: the columns, then one slack per row; fixed columns and the fixed
/// slacks of equality rows moved into b),
/// with the linking rows' entries stored by column and each column's one block row apart.
struct ScaledBlockLP {
    /// Columns, rows, linking rows and block rows (m = K + R).
    let n: Int, m: Int, K: Int, R: Int
    /// -1 for a maximisation (the method minimises).
    let sign: Double
    /// Columns with wide bounds (a program's dollars) are scaled to bounds within [-1, 1], then
    /// linking rows to a largest entry of 1.
    let columnScale: [Double]
    let rowScale: [Double]
    /// Linking entries of column j: colStart[j]..<colStart[j+1] in colRow/colValue (scaled).
    let colStart: [Int]
    let colRow: [Int]
    let colValue: [Double]
    /// The block row of column j (-1: none, a flat buffer's marker) and its coefficient.
    let block: [Int]
    let blockValue: [Double]
    /// Per block row: the linking rows its columns touch (borderStart[b]..<borderStart[b+1]).
    let borderStart: [Int]
    let borderRow: [Int]
    /// Per linking entry: where it sits in its block's border (-1 without a block).
    let borderSlot: [Int]
    /// Per variable (columns, then slacks): bounds, cost, and whether it is fixed.
    let lower: [Double], upper: [Double], cost: [Double]
    let fixed: [Bool]
    let b: [Double]

    /// - Throws: ``BlockInteriorPoint/Failure/shape`` when there are no linking rows, or a column
    ///   touches two block rows.
    init(_ model: LinearModel, linking K: Int) throws(BlockInteriorPoint.Failure) {
        let n = model.variableCount
        let m = model.constraintCount
        guard K > 0, K <= m else { throw .shape }
        self.n = n
        self.m = m
        self.K = K
        R = m - K
        sign = model.sense == .maximize ? -1 : 1
        columnScale = Self.columnScales(model)
        rowScale = Self.rowScales(model, linking: K, columnScale)
        (colStart, colRow, colValue) = Self.linkingColumns(model, linking: K, rowScale, columnScale)
        (block, blockValue, borderStart, borderRow, borderSlot) = try Self.blocks(
            model, linking: K, columnScale, colStart, colRow)
        var lower = [Double](repeating: 0, count: n + m)
        var upper = [Double](repeating: 0, count: n + m)
        var cost = [Double](repeating: 0, count: n + m)
        var fixed = [Bool](repeating: false, count: n + m)
        var b = [Double](repeating: 0, count: m)
        for j in 0..<n {
            lower[j] = model.lowerBounds[j] / columnScale[j]
            upper[j] = model.upperBounds[j] / columnScale[j]
            cost[j] = sign * model.objectiveCoefficients[j] * columnScale[j]
            if lower[j] == upper[j] {
                fixed[j] = true
                for e in colStart[j]..<colStart[j + 1] { b[colRow[e]] -= colValue[e] * lower[j] }
                if block[j] >= 0 { b[K + block[j]] -= blockValue[j] * lower[j] }
            }
        }
        for r in 0..<m {
            lower[n + r] = model.rowLower[r] * rowScale[r]
            upper[n + r] = model.rowUpper[r] * rowScale[r]
            // An equality row's slack is fixed: moved into b like a fixed column (A x = b + s).
            if lower[n + r] == upper[n + r] {
                fixed[n + r] = true
                b[r] += lower[n + r]
            }
        }
        self.lower = lower
        self.upper = upper
        self.cost = cost
        self.fixed = fixed
        self.b = b
    }

    /// Each boxed column's scale: the larger of its bounds' sizes when above 1.
    private static func columnScales(_ model: LinearModel) -> [Double] {
        var columnScale = [Double](repeating: 1, count: model.variableCount)
        for j in 0..<model.variableCount where model.lowerBounds[j] < model.upperBounds[j] {
            let l = model.lowerBounds[j]
            let u = model.upperBounds[j]
            let width = max(l.isFinite ? abs(l) : 0, u.isFinite ? abs(u) : 0)
            if width > 1 { columnScale[j] = width }
        }
        return columnScale
    }

    /// Each linking row's scale: one over its largest scaled entry (block rows stay at 1).
    private static func rowScales(_ model: LinearModel, linking K: Int, _ columnScale: [Double]) -> [Double] {
        var rowScale = [Double](repeating: 1, count: model.constraintCount)
        for r in 0..<K {
            var big = 0.0
            for e in model.rowStart[r]..<model.rowStart[r + 1] {
                big = max(big, abs(model.entryValues[e] * columnScale[Int(model.entryColumns[e])]))
            }
            if big > 0 { rowScale[r] = 1 / big }
        }
        return rowScale
    }

    /// The linking rows' entries by column (compressed), scaled.
    private static func linkingColumns(
        _ model: LinearModel, linking K: Int, _ rowScale: [Double], _ columnScale: [Double]
    )
        -> (start: [Int], row: [Int], value: [Double])
    {
        let n = model.variableCount
        var colStart = [Int](repeating: 0, count: n + 1)
        for r in 0..<K {
            for e in model.rowStart[r]..<model.rowStart[r + 1] {
                colStart[Int(model.entryColumns[e]) + 1] += 1
            }
        }
        for j in 0..<n { colStart[j + 1] += colStart[j] }
        var fill = colStart
        var colRow = [Int](repeating: 0, count: colStart[n])
        var colValue = [Double](repeating: 0, count: colStart[n])
        for r in 0..<K {
            for e in model.rowStart[r]..<model.rowStart[r + 1] {
                let j = Int(model.entryColumns[e])
                colRow[fill[j]] = r
                colValue[fill[j]] = model.entryValues[e] * rowScale[r] * columnScale[j]
                fill[j] += 1
            }
        }
        return (colStart, colRow, colValue)
    }

    /// Each column's block row and coefficient, and each block's border (the linking rows its
    /// columns touch, with each linking entry's slot in it).
    private static func blocks(
        _ model: LinearModel, linking K: Int, _ columnScale: [Double], _ colStart: [Int], _ colRow: [Int]
    )
        throws(BlockInteriorPoint.Failure)
        -> (block: [Int], blockValue: [Double], borderStart: [Int], borderRow: [Int], borderSlot: [Int])
    {
        let n = model.variableCount
        let R = model.constraintCount - K
        var block = [Int](repeating: -1, count: n)
        var blockValue = [Double](repeating: 0, count: n)
        var borderStart = [Int](repeating: 0, count: R + 1)
        var borderRow: [Int] = []
        var borderSlot = [Int](repeating: -1, count: colStart[n])
        var seen = [Int](repeating: -1, count: K)
        for bk in 0..<R {
            let first = borderRow.count
            for e in model.rowStart[K + bk]..<model.rowStart[K + bk + 1] {
                let j = Int(model.entryColumns[e])
                guard block[j] < 0 else { throw .shape }
                block[j] = bk
                blockValue[j] = model.entryValues[e] * columnScale[j]
                for p in colStart[j]..<colStart[j + 1] {
                    let r = colRow[p]
                    if seen[r] < first {
                        seen[r] = borderRow.count
                        borderRow.append(r)
                    }
                    borderSlot[p] = seen[r]
                }
            }
            borderStart[bk + 1] = borderRow.count
        }
        return (block, blockValue, borderStart, borderRow, borderSlot)
    }
}
