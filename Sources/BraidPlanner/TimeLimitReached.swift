import BraidPolicy

/// A run's time limit ended before a plan could be sought: during reading or eligibility, which
/// come before any search (exit code 7, as for a search that found no plan in time).
public struct TimeLimitReached: Error, Sendable, Equatable, CustomStringConvertible {
    /// What the run was doing, as "reading the scenario and roster" or "deciding eligibility".
    public let step: String
    /// The time limit, in seconds.
    public let seconds: Double

    public init(step: String, seconds: Double) {
        self.step = step
        self.seconds = seconds
    }

    public var description: String {
        "the time limit (\(formatNumber(seconds)) s) ended while \(step), before any plan was found; "
            + "give more time (--time-limit)"
    }
}
