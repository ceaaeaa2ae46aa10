/// A ``ScaledBlockLP`` and the method's state, in flat buffers that the workspace owns: allocated
/// once, freed when it goes (it cannot be copied, so no copy can outlive them). The hot loops run on
/// unsafe pointers to skip exclusivity and bounds checks (this file and its `+Iterations` file are,
/// with GLPKSolver.swift, Braid's only unsafe code).
struct InteriorPointWorkspace: ~Copyable {
    let n: Int, m: Int, K: Int, R: Int
    /// N = n + m variables.
    let N: Int
    let sign: Double
    let columnScale: [Double]
    let rowScale: [Double]
    /// Linking entries of column j: colStart[j]..<colStart[j+1] in colRow/colValue (scaled).
    let colStart: UnsafeMutablePointer<Int>
    let colRow: UnsafeMutablePointer<Int>
    let colValue: UnsafeMutablePointer<Double>
    /// The block row of column j (-1: none) and its coefficient.
    let block: UnsafeMutablePointer<Int>
    let blockValue: UnsafeMutablePointer<Double>
    /// Per block row: the linking rows its columns touch (borderStart[b]..<borderStart[b+1]).
    let borderStart: UnsafeMutablePointer<Int>
    let borderRow: UnsafeMutablePointer<Int>
    let borderCount: Int
    /// Per column: where each linking entry sits in its block's border (-1 without a block).
    let borderSlot: UnsafeMutablePointer<Int>
    /// The variables that are not fixed.
    let free: UnsafeMutablePointer<Int>
    let freeCount: Int
    let hasLower: UnsafeMutablePointer<Bool>, hasUpper: UnsafeMutablePointer<Bool>
    let lower: UnsafeMutablePointer<Double>, upper: UnsafeMutablePointer<Double>,
        cost: UnsafeMutablePointer<Double>
    let b: UnsafeMutablePointer<Double>
    let boundCount: Double
    // State and work (UnsafeMutablePointer: the hot loops run without exclusivity checks).
    let y, zl, zu, lambda, theta, rd, g, dy, dzl, dzu, dyAff, dzlAff, dzuAff, rp, rhs, dl, diag,
        border, schur, top, tg: UnsafeMutablePointer<Double>
    /// The refinement's right-hand side and first answer (per row).
    let wanted, firstAnswer: UnsafeMutablePointer<Double>

    init(_ lp: ScaledBlockLP, start: [Double]?) {
        n = lp.n
        m = lp.m
        K = lp.K
        R = lp.R
        N = lp.n + lp.m
        sign = lp.sign
        func copy<T>(_ a: [T]) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(1, a.count))
            _ = UnsafeMutableBufferPointer(start: p, count: a.count).initialize(from: a)
            return p
        }
        columnScale = lp.columnScale
        rowScale = lp.rowScale
        self.colStart = copy(lp.colStart)
        self.colRow = copy(lp.colRow)
        self.colValue = copy(lp.colValue)
        self.block = copy(lp.block)
        self.blockValue = copy(lp.blockValue)
        self.borderStart = copy(lp.borderStart)
        self.borderRow = copy(lp.borderRow)
        self.borderSlot = copy(lp.borderSlot)
        borderCount = lp.borderRow.count
        self.lower = copy(lp.lower)
        self.upper = copy(lp.upper)
        self.cost = copy(lp.cost)
        self.b = copy(lp.b)
        let freeList = (0..<(n + m)).filter { !lp.fixed[$0] }
        free = copy(freeList)
        freeCount = freeList.count
        let lowerSide = (0..<(n + m)).map { !lp.fixed[$0] && lp.lower[$0] > -.infinity }
        let upperSide = (0..<(n + m)).map { !lp.fixed[$0] && lp.upper[$0] < .infinity }
        hasLower = copy(lowerSide)
        hasUpper = copy(upperSide)
        boundCount = Double(max(1, lowerSide.count(where: { $0 }) + upperSide.count(where: { $0 })))
        func buffer(_ count: Int) -> UnsafeMutablePointer<Double> {
            let p = UnsafeMutablePointer<Double>.allocate(capacity: max(1, count))
            p.initialize(repeating: 0, count: max(1, count))
            return p
        }
        y = buffer(N)
        zl = buffer(N)
        zu = buffer(N)
        lambda = buffer(m)
        theta = buffer(N)
        rd = buffer(N)
        g = buffer(N)
        dy = buffer(N)
        dzl = buffer(N)
        dzu = buffer(N)
        dyAff = buffer(N)
        dzlAff = buffer(N)
        dzuAff = buffer(N)
        rp = buffer(m)
        rhs = buffer(m)
        dl = buffer(m)
        diag = buffer(R)
        border = buffer(borderCount)
        schur = buffer(K * K)
        top = buffer(K)
        tg = buffer(N)
        wanted = buffer(m)
        firstAnswer = buffer(m)
        setStartingPoint(lp.fixed, near: start)
    }

    /// The starting point: columns mid-box (or one inside a one-sided bound; a boxed column
    /// halfway towards `start` when given), slacks at the columns' row activities moved inside
    /// their limits, bound duals that meet the costs.
    private func setStartingPoint(_ fixed: [Bool], near start: [Double]?) {
        for j in 0..<N {
            if fixed[j] {
                y[j] = lower[j]
            } else if hasLower[j] && hasUpper[j] {
                y[j] = (lower[j] + upper[j]) / 2
                if let start, j < n, start[j].isFinite {
                    // Halfway between the given value (inside the box) and the box's middle.
                    y[j] = (min(max(start[j] / columnScale[j], lower[j]), upper[j]) + y[j]) / 2
                }
            } else if hasLower[j] {
                y[j] = lower[j] + 1
            } else if hasUpper[j] {
                y[j] = upper[j] - 1
            }
        }
        var activity = [Double](repeating: 0, count: m)
        for j in 0..<n {
            for e in colStart[j]..<colStart[j + 1] { activity[colRow[e]] += colValue[e] * y[j] }
            if block[j] >= 0 { activity[K + block[j]] += blockValue[j] * y[j] }
        }
        for r in 0..<m where !fixed[n + r] {
            let (l, u) = (lower[n + r], upper[n + r])
            let margin = 0.1 * max(1, abs(activity[r]))
            var v = activity[r]
            if l > -.infinity, u < .infinity {
                let inside = min(margin, (u - l) / 4)
                v = min(max(v, l + inside), u - inside)
            } else if l > -.infinity {
                v = max(v, l + margin)
            } else if u < .infinity {
                v = min(v, u - margin)
            }
            y[n + r] = v
        }
        for j in 0..<N {
            if hasLower[j] { zl[j] = max(cost[j], 0) + 1 }
            if hasUpper[j] { zu[j] = max(-cost[j], 0) + 1 }
        }
    }

    deinit {
        for p in [
            y, zl, zu, lambda, theta, rd, g, dy, dzl, dzu, dyAff, dzlAff, dzuAff, rp, rhs, dl, diag,
            border, schur, top, tg, wanted, firstAnswer, colValue, blockValue, lower, upper, cost, b,
        ] {
            p.deallocate()
        }
        for p in [colStart, colRow, block, borderStart, borderRow, borderSlot, free] { p.deallocate() }
        hasLower.deallocate()
        hasUpper.deallocate()
    }
}
