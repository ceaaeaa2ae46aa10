/// An eligibility rule: all rules of a stream must hold; the first that fails decides.
public struct Rule: Sendable {
    public let id: String
    /// A plain-language sentence.
    public let text: String
    public let expression: CompiledExpression
    public let citation: Citation
    public let file: String
    public let line: Int?
}

/// A category a stream may pay, with an optional share cap and condition.
///
/// A class: every participant's decision refers to its stream's lines (copies per participant
/// and stream were most of eligibility's memory at 100,000 applicants).
public final class CostLine: Sendable {
    public let category: CostCategory
    /// At most this ratio of the need (e.g. WIOA OJT: 50% of wages).
    public let share: CompiledExpression?
    /// Only for participants (or programs) meeting this condition.
    public let condition: CompiledExpression?
    public let citation: Citation

    public init(category: CostCategory, share: CompiledExpression?, condition: CompiledExpression?, citation: Citation)
    {
        self.category = category
        self.share = share
        self.condition = condition
        self.citation = citation
    }
}

/// A per-participant cap on a group of categories.
/// A class, like ``CostLine``: every participant's decision refers to it.
public final class CapRule: Sendable {
    public let id: String
    public let categories: [CostCategory]
    /// Dollars for this participant.
    public let amount: CompiledExpression
    public let citation: Citation
    /// `categories` as bits (``CostCategory/bit``), for the checks made per participant.
    public let mask: UInt32
    /// The one category of a cap on a single category (nil for a cap over several).
    public let single: CostCategory?

    public init(id: String, categories: [CostCategory], amount: CompiledExpression, citation: Citation) {
        self.id = id
        self.categories = categories
        mask = categories.reduce(0) { $0 | $1.bit }
        single = categories.count == 1 ? categories[0] : nil
        self.amount = amount
        self.citation = citation
    }
}

/// A cap on a group of categories as a share of the stream's budget.
public struct StreamCapRule: Sendable {
    public let id: String
    public let categories: [CostCategory]
    public let share: CompiledExpression
    public let citation: Citation
    /// Streams whose money the cap pools with this one's (`pooled_with:`): the group's spending
    /// in the categories stays under the share of the group's budgets (WIOA's local 10%).
    public var pooledWith: [String] = []
    /// Whether the streams' indirect costs count in the cap (TANF: all indirect costs are
    /// administrative, 45 CFR 263.0(b)(2)).
    public var includesIndirect = false
}

/// A payer-of-last-resort rule: the stream pays `categories` only after `after` paid all they can.
public struct OrderingRule: Sendable {
    public let id: String
    public let categories: [CostCategory]
    public let after: [String]
    public let citation: Citation
}

/// Whether partners' in-kind contributions may count as the stream's non-federal match
/// (`in_kind_match:`), with the rule that says so.
public struct InKindMatchRule: Sendable {
    public let allowed: Bool
    public let citation: Citation
}

/// Matching: federal dollars available per non-federal dollar spent (SNAP E&T 50/50).
public struct MatchingRule: Sendable {
    public let rate: CompiledExpression
    public let citation: Citation
}
