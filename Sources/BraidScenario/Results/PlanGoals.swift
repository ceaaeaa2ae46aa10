import BraidPolicy

/// What a target, or a priority rule, costs: how much the objective would gain without it.
public struct Price: Sendable, Equatable {
    /// Objective units (people, completions, placements or dollars of earnings) given up.
    public let value: Double
    /// How it was found: `re-solve` (the plan solved again without the rule, to the same gap).
    public let method: String
    /// The plan's gap when the price is not exact (the larger of the two solves' gaps), else 0.
    public let gap: Double

    public init(value: Double, method: String, gap: Double) {
        self.value = value
        self.method = method
        self.gap = gap
    }
}

/// A target as the plan meets it.
public struct TargetResult: Sendable, Equatable {
    public let label: String
    /// The requirement in words ("at least 85% of those served").
    public let requirement: String
    /// Applicants in the group.
    public let group: Int
    /// Of them, served.
    public let served: Int
    /// What is measured: a count, a share (0...1) or a multiple of the overall rate.
    public let achieved: Double
    public let required: Double
    public let met: Bool
    /// Why the target counts no one, when it does (nil otherwise): a share of no one served or of
    /// no one a stream pays, a rate of an empty group or of a plan that serves no one. Such a
    /// target holds trivially: it is `met`, and reports say why rather than "yes".
    public var countsNoOne: String? = nil
    /// Nil when not computed (see `PlanOptions.prices`).
    public var price: Price?
}

/// One tier of a stream's priority order, as the plan serves it.
public struct TierResult: Sendable, Equatable {
    public let tier: Int
    public let id: String
    public let text: String
    /// Applicants the stream may pay for in this tier.
    public let applicants: Int
    /// Of them, those the stream could serve (protected when a lower tier is paid).
    public let servable: Int
    public let served: Int
    /// Of them, those the stream pays for, and how much.
    public let paid: Int
    public let cents: Int64
}

/// A stream's priority of service in the plan.
public struct PriorityResult: Sendable, Equatable {
    public let stream: String
    /// `order` (the tiers, first tier first) or `share` (a state's alternative).
    public let mode: String
    public let citation: String
    public let tiers: [TierResult]
    /// Under a share: the least share required and the share achieved (of those it pays for).
    public let requiredShare: Double?
    public let achievedShare: Double?
    /// What enforcing the order costs (all streams' priority together); nil when not computed.
    public var price: Price?
}

/// A group's served rate (equity in every report).
public struct GroupRate: Sendable, Equatable {
    /// What the group is: `all`, `tier`, `veterans`, `weight`, `target`, `child care`, `work-based learning`.
    public let kind: String
    public let label: String
    public let applicants: Int
    public let served: Int
    public var rate: Double { applicants == 0 ? 0 : Double(served) / Double(applicants) }
}

/// Expected outcomes of the plan and what they cost, overall and by stream.
public struct OutcomeSummary: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        /// `all` or a stream id.
        public let id: String
        /// People served (all) or people the stream pays for.
        public let participants: Int
        public let cents: Int64
        /// Expected completions, placements and first-year earnings (by stream: each
        /// participant's, in proportion to the stream's share of what they cost).
        public let completions: Double
        public let placements: Double
        public let earnings: Double

        public var costPerParticipant: Double? { participants == 0 ? nil : Double(cents) / 100 / Double(participants) }
        public var costPerCompletion: Double? { completions <= 0 ? nil : Double(cents) / 100 / completions }
        public var costPerPlacement: Double? { placements <= 0 ? nil : Double(cents) / 100 / placements }
    }

    public let overall: Line
    public let byStream: [Line]
}
