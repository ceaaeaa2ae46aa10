/// How a solve ended. Infeasible, unbounded and limits are values, not errors.
public enum SolveStatus: Sendable, Equatable, CustomStringConvertible {
    /// An optimal solution (for a MIP: within the requested relative gap, which is reported).
    case optimal
    /// No solution satisfies the constraints.
    case infeasible
    /// The objective can improve without limit.
    case unbounded
    /// The time limit was reached. `gap` is the relative gap of the best solution found, or nil
    /// when no feasible solution was found in time.
    case timeLimit(gap: Double?)
    /// The iteration limit was reached.
    case iterationLimit

    /// Whether variable values are available.
    public var hasSolution: Bool {
        switch self {
        case .optimal: return true
        case .timeLimit(let gap): return gap != nil
        case .infeasible, .unbounded, .iterationLimit: return false
        }
    }

    /// A short machine name: `optimal`, `infeasible`, `unbounded`, `time_limit`, `iteration_limit`.
    public var description: String {
        switch self {
        case .optimal: return "optimal"
        case .infeasible: return "infeasible"
        case .unbounded: return "unbounded"
        case .timeLimit: return "time_limit"
        case .iterationLimit: return "iteration_limit"
        }
    }
}

/// Counts and times of one solve.
public struct SolveStatistics: Sendable, Equatable {
    /// Simplex iterations (LP, or all LPs of a MIP).
    public var simplexIterations: Int = 0
    /// Branch-and-bound nodes (MIP only).
    public var nodes: Int = 0
    /// Wall-clock seconds spent inside the solver.
    public var seconds: Double = 0
    /// Whether the warm-start basis given in ``SolveOptions/warmStart`` was valid and used.
    public var warmStartUsed: Bool = false
    /// Whether branch and cut stopped because the incumbent reached the rounded bound.
    public var stoppedAtBound: Bool = false
}
