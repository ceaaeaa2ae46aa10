/// Anything that solves a ``LinearModel`` (GLPK, or a test double).
public protocol LinearSolver: Sendable {
    /// Solves the model.
    /// - Throws: ``SolverError`` for an invalid model or a solver failure; infeasible and
    ///   unbounded models are statuses of the returned solution.
    func solve(_ model: LinearModel, options: SolveOptions) throws(SolverError) -> Solution
}

/// The two file formats GLPK writes.
public enum ModelFileFormat: Sendable, Equatable {
    /// CPLEX LP format (readable; `glpsol --lp`).
    case lp
    /// Free MPS (`glpsol --freemps`). A maximisation is written as minimising the negated objective.
    case mps
}
