import BraidSolver

/// The planner could not finish a plan for a reason that is not the scenario's: a solve ended
/// in a state its step cannot continue from, or the plan found would not round to cents.
public enum PlanningError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A solve inside the planner (named by `step`) ended with a status the step cannot continue
    /// from, such as an unbounded LP relaxation or an iteration limit (exit code 4, like a
    /// solver failure).
    case unexpectedStatus(step: String, status: SolveStatus)
    /// The plan found could not be rounded to whole cents without breaking a rule. Never expected:
    /// a bug in Braid, to report with the scenario (exit code 6).
    case roundingFailed(String)

    public var description: String {
        switch self {
        case .unexpectedStatus(let step, let status): return "\(step) ended with status \(status)"
        case .roundingFailed(let reason):
            return "cannot round the plan to cents: \(reason) (a bug in Braid: please report it with the scenario)"
        }
    }
}
