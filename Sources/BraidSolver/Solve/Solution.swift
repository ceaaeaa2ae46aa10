/// A simplex basis: the status of every row and column, for warm-started re-solves.
///
/// Opaque to callers: take it from one ``Solution`` and pass it in ``SolveOptions/warmStart``.
public struct Basis: Sendable, Equatable {
    let rowStatus: [Int32]
    let columnStatus: [Int32]
}

/// The result of a solve: status, objective, values, and (for LPs) duals.
public struct Solution: Sendable {
    /// How the solve ended.
    public let status: SolveStatus
    /// The objective value of the solution (meaningful when `status.hasSolution`).
    public let objectiveValue: Double
    /// The best bound on the objective proven by the solver (the LP bound for a MIP).
    public let bestBound: Double
    /// The relative gap between `objectiveValue` and `bestBound` (0 for an LP optimum).
    public let relativeGap: Double
    /// The value of every variable, by index.
    public let values: [Double]
    /// The activity (left-hand side value) of every constraint, by index.
    public let rowActivities: [Double]
    /// The dual value of every constraint (LP, or the LP relaxation of a MIP): how much the
    /// objective changes per unit increase of the constraint's bound.
    public let duals: [Double]
    /// The reduced cost of every variable (LP, or the LP relaxation of a MIP).
    public let reducedCosts: [Double]
    /// The final basis, for a warm-started re-solve (simplex only).
    public let basis: Basis?
    /// Iterations, nodes and time.
    public let statistics: SolveStatistics

    /// A solution assembled by the caller (e.g. one model's solution told in another's layout).
    public init(
        status: SolveStatus, objectiveValue: Double, bestBound: Double, relativeGap: Double, values: [Double],
        rowActivities: [Double], duals: [Double],
        reducedCosts: [Double], basis: Basis?, statistics: SolveStatistics
    ) {
        self.status = status
        self.objectiveValue = objectiveValue
        self.bestBound = bestBound
        self.relativeGap = relativeGap
        self.values = values
        self.rowActivities = rowActivities
        self.duals = duals
        self.reducedCosts = reducedCosts
        self.basis = basis
        self.statistics = statistics
    }

    /// The value of a variable.
    public func value(of variable: Variable) -> Double { values[variable.index] }
    /// The dual value of a constraint.
    public func dual(of constraint: Constraint) -> Double { duals[constraint.index] }
    /// The reduced cost of a variable.
    public func reducedCost(of variable: Variable) -> Double { reducedCosts[variable.index] }
    /// The activity of a constraint.
    public func activity(of constraint: Constraint) -> Double { rowActivities[constraint.index] }
}
