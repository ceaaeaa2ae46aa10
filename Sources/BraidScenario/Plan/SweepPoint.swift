import BraidPolicy

/// One point of a sweep.
public struct SweepPoint: Sendable {
    public let values: [Double]
    public let plan: Plan
    /// Applicants eligible for each stream at this point (a parameter sweep moves them; a budget
    /// sweep does not).
    public let eligible: [String: Int]

    public init(values: [Double], plan: Plan, eligible: [String: Int] = [:]) {
        self.values = values
        self.plan = plan
        self.eligible = eligible
    }
}
