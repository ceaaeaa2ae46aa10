/// A priority-of-service order: participants in an earlier tier come first (data for the
/// planner; eligibility does not read it).
public struct PriorityOfService: Sendable {
    public struct Tier: Sendable {
        public let id: String
        public let text: String
        public let condition: CompiledExpression
    }
    public let tiers: [Tier]
    public let citation: Citation

    /// The 1-based tier of a participant (the first whose condition holds), or nil.
    public func tier(_ context: EvaluationContext) -> (number: Int, tier: Tier)? {
        for (i, tier) in tiers.enumerated() where tier.condition.evaluate(context).bool == true { return (i + 1, tier) }
        return nil
    }
}
