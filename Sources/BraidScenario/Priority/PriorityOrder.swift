import BraidPolicy

/// How a stream's priority of service applies in a scenario: the order in force and, under a
/// state's alternative, the share of its participants a priority group must make up.
public struct PriorityOrder: Sendable {
    /// The stream (index into the scenario's streams).
    public let stream: Int
    /// The tiers that order, first tier first: the main order, or the alternative's.
    public let tiers: [PriorityOfService.Tier]
    public let citation: Citation
    /// Under the state alternative: the least share (0...1) of the stream's participants who
    /// must be in `shareOf` (tiers of the main order); nil under the main order.
    public let share: Double?
    public let shareOf: [PriorityOfService.Tier]
    public let shareCitation: Citation?

    /// The order in force for stream `s` of a scenario, nil when its policy has none.
    init?(stream s: Int, _ scenario: Scenario) {
        guard let priority = scenario.streams[s].policy?.priority else { return nil }
        stream = s
        if let (share, alternative) = priority.alternativeShare(scenario.environment) {
            tiers = alternative.tiers
            citation = alternative.citation
            self.share = share
            shareOf = priority.tiers.filter { alternative.shareOf.contains($0.id) }
            shareCitation = alternative.citation
        } else {
            tiers = priority.tiers
            citation = priority.citation
            share = nil
            shareOf = []
            shareCitation = nil
        }
    }

    /// A participant's tier (1-based; after the last tier when no tier's condition holds).
    public func tier(_ context: EvaluationContext) -> Int {
        PriorityOfService.tier(in: tiers, context)?.number ?? tiers.count + 1
    }

    /// Whether a participant counts toward the alternative's share.
    public func inShareGroup(_ context: EvaluationContext) -> Bool {
        shareOf.contains { $0.condition.evaluate(context).bool == true }
    }
}

extension Scenario {
    /// The priority orders in force, one per stream with priority of service.
    public var priorityOrders: [PriorityOrder] { streams.indices.compactMap { PriorityOrder(stream: $0, self) } }
}
