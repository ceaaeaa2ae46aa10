import Foundation

/// The iterations of ``BlockInteriorPoint`` on its ``InteriorPointWorkspace``: the products with [A −I], the
/// factorisation of the normal equations (the block rows' diagonal eliminated, a Cholesky factor
/// of the Schur complement on the linking rows), the predictor–corrector directions and steps.
extension InteriorPointWorkspace {
    /// out = [A −I] v (over the free variables; fixed ones are in b).
    func product(_ v: UnsafeMutablePointer<Double>, _ out: UnsafeMutablePointer<Double>) {
        for r in 0..<m { out[r] = 0 }
        for f in 0..<freeCount {
            let j = free[f]
            let x = v[j]
            if x == 0 { continue }
            if j >= n {
                out[j - n] -= x
                continue
            }
            for e in colStart[j]..<colStart[j + 1] { out[colRow[e]] += colValue[e] * x }
            let bk = block[j]
            if bk >= 0 { out[K + bk] += blockValue[j] * x }
        }
    }

    /// ([A −I]ᵀ v)_j.
    @inline(__always) func transposed(_ v: UnsafeMutablePointer<Double>, _ j: Int) -> Double {
        if j >= n { return -v[j - n] }
        var t = 0.0
        for e in colStart[j]..<colStart[j + 1] { t += colValue[e] * v[colRow[e]] }
        let bk = block[j]
        if bk >= 0 { t += blockValue[j] * v[K + bk] }
        return t
    }

    /// Factorises [A −I] Θ [A −I]ᵀ: the diagonal of the block rows, their borders, and the
    /// Cholesky factor of the Schur complement on the linking rows.
    func factorise() throws(BlockInteriorPoint.Failure) {
        for k in 0..<R { diag[k] = 0 }
        for k in 0..<borderCount { border[k] = 0 }
        for k in 0..<(K * K) { schur[k] = 0 }
        for f in 0..<freeCount {
            let j = free[f]
            let t = theta[j]
            if j >= n {
                let r = j - n
                if r < K { schur[r * K + r] += t } else { diag[r - K] += t }
                continue
            }
            let s = colStart[j]
            let e = colStart[j + 1]
            for p in s..<e {
                let rowP = colRow[p] * K
                let vp = colValue[p] * t
                for q in s..<e { schur[rowP + colRow[q]] += vp * colValue[q] }
            }
            let bk = block[j]
            if bk >= 0 {
                let a = blockValue[j]
                diag[bk] += t * a * a
                for p in s..<e { border[borderSlot[p]] += t * a * colValue[p] }
            }
        }
        for bk in 0..<R where diag[bk] > 0 {
            let inv = 1 / diag[bk]
            let s = borderStart[bk]
            let e = borderStart[bk + 1]
            for p in s..<e {
                let v = border[p] * inv
                let rowP = borderRow[p] * K
                for q in s..<e { schur[rowP + borderRow[q]] -= v * border[q] }
            }
        }
        for c in 0..<K {
            // (A pivot is compared with its own row's diagonal: rows differ by many orders.)
            var d = schur[c * K + c]
            let floor = max(1e-300, 1e-13 * abs(d))
            for k in 0..<c { d -= schur[c * K + k] * schur[c * K + k] }
            // A pivot lost to cancellation (iterative refinement recovers the accuracy).
            if !(d > floor) { d = floor }
            guard d.isFinite else { throw .numerics }
            let root = d.squareRoot()
            schur[c * K + c] = root
            var r = c + 1
            while r < K {
                var v = schur[r * K + c]
                for k in 0..<c { v -= schur[r * K + k] * schur[c * K + k] }
                schur[r * K + c] = v / root
                r += 1
            }
        }
    }

    /// Solves the normal equations for `rhs` into `dl`.
    func backSolve() {
        for r in 0..<K { top[r] = rhs[r] }
        for bk in 0..<R where diag[bk] > 0 {
            let v = rhs[K + bk] / diag[bk]
            for p in borderStart[bk]..<borderStart[bk + 1] { top[borderRow[p]] -= border[p] * v }
        }
        for r in 0..<K {
            var v = top[r]
            for k in 0..<r { v -= schur[r * K + k] * top[k] }
            top[r] = v / schur[r * K + r]
        }
        var r = K - 1
        while r >= 0 {
            var v = top[r]
            var k = r + 1
            while k < K {
                v -= schur[k * K + r] * top[k]
                k += 1
            }
            top[r] = v / schur[r * K + r]
            r -= 1
        }
        for r in 0..<K { dl[r] = top[r] }
        for bk in 0..<R {
            guard diag[bk] > 0 else {
                dl[K + bk] = 0
                continue
            }
            var v = rhs[K + bk]
            for p in borderStart[bk]..<borderStart[bk + 1] { v -= border[p] * top[borderRow[p]] }
            dl[K + bk] = v / diag[bk]
        }
    }

    /// Solves the normal equations for `rhs` into `dl`, then refines the answer once by the
    /// residual (the Schur complement loses digits to cancellation near the optimum).
    func solveRefined() {
        backSolve()
        wanted.update(from: rhs, count: m)
        firstAnswer.update(from: dl, count: m)
        for f in 0..<freeCount {
            let j = free[f]
            tg[j] = theta[j] * transposed(firstAnswer, j)
        }
        product(tg, rhs)
        var residual = 0.0
        var scale = 0.0
        for r in 0..<m {
            rhs[r] = wanted[r] - rhs[r]
            residual = max(residual, abs(rhs[r]))
            scale = max(scale, abs(wanted[r]))
        }
        if residual > 1e-14 * (1 + scale) {
            backSolve()
            for r in 0..<m { dl[r] += firstAnswer[r] }
        }
        rhs.update(from: wanted, count: m)
    }

    /// The Newton direction for the complementarity targets: with `corrector`, σμ less the
    /// affine step's second-order term; else zero (the predictor).
    func direction(corrector: Bool, target: Double) {
        for f in 0..<freeCount {
            let j = free[f]
            let sl = y[j] - lower[j]
            let su = upper[j] - y[j]
            var cl = 0.0
            var cu = 0.0
            if hasLower[j] { cl = corrector ? target - sl * zl[j] - dyAff[j] * dzlAff[j] : -sl * zl[j] }
            if hasUpper[j] { cu = corrector ? target - su * zu[j] + dyAff[j] * dzuAff[j] : -su * zu[j] }
            var v = rd[j]
            if hasLower[j] { v -= cl / sl }
            if hasUpper[j] { v += cu / su }
            g[j] = v
            tg[j] = theta[j] * v
            // (cl, cu kept in dzl, dzu until the step is known.)
            dzl[j] = cl
            dzu[j] = cu
        }
        product(tg, rhs)
        for r in 0..<m { rhs[r] += rp[r] }
        solveRefined()
        for f in 0..<freeCount {
            let j = free[f]
            let step = theta[j] * (transposed(dl, j) - g[j])
            dy[j] = step
            dzl[j] = hasLower[j] ? (dzl[j] - zl[j] * step) / (y[j] - lower[j]) : 0
            dzu[j] = hasUpper[j] ? (dzu[j] + zu[j] * step) / (upper[j] - y[j]) : 0
        }
    }

    /// The longest steps (primal, dual) in [0, 1] that keep the point inside its bounds.
    func steps() -> (Double, Double) {
        var ap = 1.0
        var ad = 1.0
        for f in 0..<freeCount {
            let j = free[f]
            let d = dy[j]
            if hasLower[j] {
                if d < 0 { ap = min(ap, -(y[j] - lower[j]) / d) }
                if dzl[j] < 0 { ad = min(ad, -zl[j] / dzl[j]) }
            }
            if hasUpper[j] {
                if d > 0 { ap = min(ap, (upper[j] - y[j]) / d) }
                if dzu[j] < 0 { ad = min(ad, -zu[j] / dzu[j]) }
            }
        }
        return (ap, ad)
    }

    /// The residuals and objectives at the current point.
    struct Residuals {
        var primalInfeasibility = 0.0
        var dualInfeasibility = 0.0
        var complementarity = 0.0
        var primalObjective = 0.0
        var dualObjective = 0.0
        var yNorm = 0.0
    }

    /// The share of the step to the boundary that is taken (the iterates stay interior).
    static let stepFraction = 0.995
    /// Added to each diagonal entry of the scaling so that a variable far from both bounds does
    /// not make it singular.
    static let scalingFloor = 1e-14

    /// Iterates to the tolerance. - Returns: the iterations.
    func run(tolerance: Double, limit: Int, progress: (@Sendable (String) -> Void)?) throws(BlockInteriorPoint.Failure)
        -> Int
    {
        var costNorm = 0.0
        var bNorm = 0.0
        for j in 0..<N { costNorm = max(costNorm, abs(cost[j])) }
        for r in 0..<m { bNorm = max(bNorm, abs(b[r])) }
        /// Whether the point's infeasibilities and duality gap are within `tolerance`, relative.
        func converged(_ r: Residuals, _ tolerance: Double) -> Bool {
            r.primalInfeasibility <= tolerance * (1 + bNorm + r.yNorm)
                && r.dualInfeasibility <= tolerance * (1 + costNorm)
                && abs(r.primalObjective - r.dualObjective) <= tolerance * (1 + abs(r.primalObjective))
        }
        var iterations = 0
        while true {
            let r = residuals()
            let mu = r.complementarity / boundCount
            progress?(
                "    ipm \(iterations): p \(r.primalInfeasibility) d \(r.dualInfeasibility) pobj \(r.primalObjective) dobj \(r.dualObjective) mu \(mu)"
            )
            if converged(r, tolerance) { return iterations }
            guard mu.isFinite, r.primalObjective.isFinite, r.dualObjective.isFinite else { throw .numerics }
            guard iterations < limit else { throw .iterationLimit }
            iterations += 1
            guard try predictorCorrector(mu: mu) else {
                // No step from here: the point stands if it is within `stalledTolerance`.
                let loose = BlockInteriorPoint.stalledTolerance
                guard converged(r, loose) else { throw .numerics }
                progress?("    ipm \(iterations): no step from a point within \(loose): it stands")
                return iterations
            }
        }
    }

    /// rp = b − [A −I] y and rd = c − Aᵀλ − zl + zu, with the objectives and complementarity.
    func residuals() -> Residuals {
        var r = Residuals()
        product(y, rp)
        for i in 0..<m {
            rp[i] = b[i] - rp[i]
            r.primalInfeasibility = max(r.primalInfeasibility, abs(rp[i]))
        }
        for i in 0..<m { r.dualObjective += b[i] * lambda[i] }
        for f in 0..<freeCount {
            let j = free[f]
            rd[j] = cost[j] - transposed(lambda, j) - zl[j] + zu[j]
            r.dualInfeasibility = max(r.dualInfeasibility, abs(rd[j]))
            r.primalObjective += cost[j] * y[j]
            r.yNorm = max(r.yNorm, abs(y[j]))
            if hasLower[j] {
                r.complementarity += (y[j] - lower[j]) * zl[j]
                r.dualObjective += lower[j] * zl[j]
            }
            if hasUpper[j] {
                r.complementarity += (upper[j] - y[j]) * zu[j]
                r.dualObjective -= upper[j] * zu[j]
            }
        }
        return r
    }

    /// One Mehrotra step: the affine (predictor) direction, the centring from its complementarity,
    /// the corrected direction, and the move.
    /// - Returns: false, leaving the point as it was, when the step is not a number (near the
    ///   optimum a complementarity product can reach 0 exactly and the next direction divides by it).
    func predictorCorrector(mu: Double) throws(BlockInteriorPoint.Failure) -> Bool {
        for f in 0..<freeCount {
            let j = free[f]
            var inverse = Self.scalingFloor
            if hasLower[j] { inverse += zl[j] / (y[j] - lower[j]) }
            if hasUpper[j] { inverse += zu[j] / (upper[j] - y[j]) }
            theta[j] = 1 / inverse
        }
        try factorise()
        direction(corrector: false, target: 0)
        let (ap, ad) = steps()
        var affine = 0.0
        for f in 0..<freeCount {
            let j = free[f]
            if hasLower[j] { affine += (y[j] + ap * dy[j] - lower[j]) * (zl[j] + ad * dzl[j]) }
            if hasUpper[j] { affine += (upper[j] - y[j] - ap * dy[j]) * (zu[j] + ad * dzu[j]) }
        }
        let sigma = pow(max(0, affine / boundCount) / mu, 3)
        dyAff.update(from: dy, count: N)
        dzlAff.update(from: dzl, count: N)
        dzuAff.update(from: dzu, count: N)
        direction(corrector: true, target: sigma * mu)
        var (sp, sd) = steps()
        sp = min(1, Self.stepFraction * sp)
        sd = min(1, Self.stepFraction * sd)
        guard sp.isFinite, sd.isFinite, sigma.isFinite, finiteDirection() else { return false }
        for f in 0..<freeCount {
            let j = free[f]
            y[j] += sp * dy[j]
            zl[j] += sd * dzl[j]
            zu[j] += sd * dzu[j]
        }
        for i in 0..<m { lambda[i] += sd * dl[i] }
        return true
    }

    /// Whether every component of the direction is a number.
    private func finiteDirection() -> Bool {
        for f in 0..<freeCount {
            let j = free[f]
            guard dy[j].isFinite, dzl[j].isFinite, dzu[j].isFinite else { return false }
        }
        for i in 0..<m where !dl[i].isFinite { return false }
        return true
    }

    /// The columns' values and the rows' duals, unscaled, in GLPK's conventions (π = ±λ by the
    /// sense; reduced costs d = c − Aᵀπ follow from them).
    func answer() -> (values: [Double], duals: [Double]) {
        ((0..<n).map { y[$0] * columnScale[$0] }, (0..<m).map { sign * lambda[$0] * rowScale[$0] })
    }
}
