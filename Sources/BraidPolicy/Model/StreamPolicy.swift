/// Where a stream's money comes from; federal money never counts as a non-federal match.
public enum StreamKind: String, Sendable {
    case federal, nonfederal, `private`
}

/// One funding stream's encoded policy.
public struct StreamPolicy: Sendable {
    public let id: String
    public let name: String
    public let authority: String
    public let kind: StreamKind
    public let references: [Reference]
    public let parameters: [Parameter]
    public var rules: [Rule]
    public let costs: [CostLine]
    public let caps: [CapRule]
    public let streamCaps: [StreamCapRule]
    public let ordering: [OrderingRule]
    public let matching: MatchingRule?
    /// Whether in-kind contributions may count as its match; nil when the policy says nothing
    /// (then they may not be claimed for it).
    public var inKindMatch: InKindMatchRule? = nil
    /// How long an allotment may be spent (`availability:`); nil when the policy says nothing
    /// (then a scenario gives the stream one amount for its whole period).
    public var availability: Availability? = nil
    /// No budget: capped per participant only (Pell).
    public let entitlement: Bool
    /// Priority of service (veterans' priority in every DOL-funded stream; WIOA Adult's groups).
    public let priority: PriorityOfService?
    public let file: String

    /// The cost line of a category, if the stream may pay it.
    public func costLine(_ category: CostCategory) -> CostLine? { costs.first { $0.category == category } }
}
