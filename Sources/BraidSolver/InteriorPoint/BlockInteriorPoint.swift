import Foundation

/// A primal–dual interior-point method (Mehrotra's predictor–corrector) for LPs of one shape: a
/// few linking rows that any column may touch, then block rows of which each column touches at
/// most one (a column-generation master: budgets and caps, then each participant's Σ patterns ≤ 1).
///
/// The normal equations of such an LP are a diagonal block (the block rows) bordered by the
/// linking rows, so each iteration eliminates the diagonal and factorises a dense K × K Schur
/// complement (K linking rows): its cost grows with the entries, not with rows × columns as a
/// simplex iteration's pass over every column does. (At 100,000 applicants GLPK's dual simplex
/// took 5.5 s on one master: 3,285 iterations over ~103,000 columns; GLPK's own interior point,
/// with a general sparse Cholesky factorisation, 267 s.)
///
/// The solution is interior (no basis): values, row activities, duals and reduced costs in
/// GLPK's conventions, optimal to a relative tolerance. A bound proven from its duals must not
/// rely on that tolerance (Braid prices its own Lagrangian bound from them).
public struct BlockInteriorPoint {
    /// Relative primal and dual infeasibility and duality gap at which the method stops.
    public var tolerance = 1e-9
    /// Past this many iterations the method gives up (the caller then uses the simplex). Most
    /// masters converge in 30–100; on a sweep's warm point at 100,000 applicants two crawled
    /// (small steps from iteration ~40) and converged in 176 and 178, 0.8–0.9 s each, where at
    /// a limit of 150 the simplex took over for 3.1 and 3.4 s.
    public var iterationLimit = 300
    /// When no step can be taken from a point (its direction is not a number: a complementarity
    /// product reached 0 exactly), the point stands if it is within this relative tolerance
    /// (infeasibilities and duality gap), rather than the simplex taking over. Braid's masters
    /// at 40,000–100,000 applicants over three years stalled at relative gaps of 1e-8 to 2e-7
    /// after 36–67 iterations, and the simplex then took 0.7–10 s each. A bound Braid proves
    /// from the duals holds at any prices, and Braid solves its masters by this method only when
    /// a gap of at least 1e-4 was asked for (`Tuning.smallestStoppingGap`): a master's value
    /// 1e-6 off is a hundredth of the least gap it serves.
    public static let stalledTolerance = 1e-6
    /// Receives each iteration's residuals and the time, when set (nothing is printed).
    public var progress: (@Sendable (String) -> Void)? = nil

    public init() {}

    public enum Failure: Error, Equatable { case shape, numerics, iterationLimit }

    /// Solves `model`'s LP relaxation; its first `linking` rows are the linking rows. `start`
    /// (per column; NaN for none) is a point to start near, e.g. the previous master's values: a
    /// boxed column starts halfway between it and the box's middle (a point on the boundary would
    /// stall the method); a column generation's next master then needs fewer iterations
    /// (docs/benchmark-history.md, seventh session).
    /// - Throws: ``Failure/shape`` when a column touches two block rows; ``Failure/numerics``
    ///   or ``Failure/iterationLimit`` when it does not converge (the caller then uses the simplex).
    public func solve(_ model: LinearModel, linking K: Int, start: [Double]? = nil) throws(Failure) -> Solution {
        let started = MonotonicClock.now()
        let w = InteriorPointWorkspace(try ScaledBlockLP(model, linking: K), start: start)
        let iterations = try w.run(tolerance: tolerance, limit: iterationLimit, progress: progress)
        progress?("    ipm done \(iterations) it, \(MonotonicClock.now() - started) s")
        let (values, duals) = w.answer()
        let m = model.constraintCount
        var activities = [Double](repeating: 0, count: m)
        var reduced = model.objectiveCoefficients
        for r in 0..<m {
            for e in model.rowStart[r]..<model.rowStart[r + 1] {
                let j = Int(model.entryColumns[e])
                activities[r] += model.entryValues[e] * values[j]
                reduced[j] -= duals[r] * model.entryValues[e]
            }
        }
        let objective = model.objectiveValue(at: values)
        return Solution(
            status: .optimal, objectiveValue: objective, bestBound: objective, relativeGap: 0,
            values: values, rowActivities: activities,
            duals: duals, reducedCosts: reduced, basis: nil,
            statistics: SolveStatistics(
                simplexIterations: iterations, nodes: 0, seconds: MonotonicClock.now() - started))
    }
}
