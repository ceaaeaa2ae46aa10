/// How a plan's search ended.
public enum PlanStatus: String, Sendable, Equatable, CaseIterable, CustomStringConvertible {
    /// Proven optimal (or within the requested gap of its proven bound).
    case optimal
    /// The time limit came first: the best plan found, with its gap to the proven bound.
    case timeLimit = "time_limit"

    /// The name in the result JSON and the reports.
    public var description: String { rawValue }
}
