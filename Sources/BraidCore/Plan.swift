import BraidPolicy

/// One allocation line: a stream pays an amount of a participant's (or program's) category.
public struct Allocation: Sendable, Equatable {
    /// Participant id, or program id for a program allocation.
    public let owner: String
    public let stream: String
    public let category: CostCategory
    public let cents: Int64
}

/// A participant who is not served, with the binding reason.
public struct NotServed: Sendable, Equatable {
    public let id: String
    public let reason: String
}

/// Budget use and marginal value of one stream.
public struct StreamUse: Sendable, Equatable {
    public let id: String
    /// The budget (or cap) in cents; nil for an entitlement.
    public let budget: Int64?
    public let used: Int64
    /// People served per extra dollar of budget, from the LP relaxation (0 when not binding;
    /// NaN when the time limit left no time to compute it).
    public let marginalValue: Double
}

/// How the plan was found.
public struct PlanStatistics: Sendable, Equatable {
    public var variables = 0, constraints = 0, entries = 0
    public var nodes = 0, simplexIterations = 0
    public var solveSeconds = 0.0
    public var objective = 0.0
    public var bound = 0.0
}

/// The braided funding plan for a scenario.
public struct Plan: Sendable {
    public let scenario: String
    /// `optimal` or `time_limit`.
    public let status: String
    public let gap: Double
    public let served: [String]
    public let notServed: [NotServed]
    public let allocations: [Allocation]
    public let programAllocations: [Allocation]
    public let programsRun: [String]
    public let streams: [StreamUse]
    public let statistics: PlanStatistics
    /// The weighted number served (the first objective).
    public let weightedServed: Double
}
