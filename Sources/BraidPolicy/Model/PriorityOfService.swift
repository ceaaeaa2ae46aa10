/// A priority-of-service order: participants in an earlier tier come first. Eligibility does not
/// read it; the planner makes it a constraint (docs/DESIGN.md, "Priority of service").
public struct PriorityOfService: Sendable {
    public struct Tier: Sendable {
        public let id: String
        public let text: String
        public let condition: CompiledExpression
    }

    /// A state's documented alternative (`state_alternative`): when its share has a value, a
    /// minimum share of the stream's participants must come from `shareOf` (tiers of the main
    /// order), and only `tiers` (e.g. veterans' priority, which no state may waive) still order.
    public struct Alternative: Sendable {
        /// The share (0...1) as a rule expression, usually a parameter; blank keeps the main order.
        public let share: CompiledExpression
        /// Ids of the main tiers whose participants count toward the share.
        public let shareOf: [String]
        public let tiers: [Tier]
        public let citation: Citation
    }

    public let tiers: [Tier]
    public let citation: Citation
    public let alternative: Alternative?

    public init(tiers: [Tier], citation: Citation, alternative: Alternative? = nil) {
        self.tiers = tiers
        self.citation = citation
        self.alternative = alternative
    }

    /// The 1-based tier of a participant (the first whose condition holds), or nil.
    public func tier(_ context: EvaluationContext) -> (number: Int, tier: Tier)? {
        Self.tier(in: tiers, context)
    }

    /// The first of `tiers` whose condition holds (1-based), or nil.
    public static func tier(in tiers: [Tier], _ context: EvaluationContext) -> (number: Int, tier: Tier)? {
        for (i, tier) in tiers.enumerated() where tier.condition.evaluate(context).bool == true { return (i + 1, tier) }
        return nil
    }

    /// The alternative's share in force, when it has a value (nil: the main order applies).
    public func alternativeShare(_ environment: PolicyEnvironment) -> (share: Double, alternative: Alternative)? {
        guard let alternative,
            let share = alternative.share.evaluate(EvaluationContext.withoutParticipant(environment: environment))
                .number
        else { return nil }
        return (share, alternative)
    }
}
