/// What kind of authority a fact rests on, shown by `braid policies` (Policies/FORMAT.md).
public enum FactStatus: String, Sendable, CaseIterable {
    /// A statute (U.S. Code, an Act, appropriations law), read in its text or a faithful copy.
    case law
    /// A federal regulation (CFR).
    case regulation
    /// Federal agency guidance or a grant's announcement and terms (TEGL, FNS memo, DCL, FOA).
    case guidance
    /// A choice the law leaves to the state, the local board or the grantee; a parameter a
    /// scenario sets, with its range.
    case stateOption = "state option"
    /// The model's own reading or an unverified fact: overridable, never law.
    case assumption

    /// The old labels, with the label that replaces each (for a clear load error).
    static let retired = ["partial": "law, regulation or guidance (by the source), else assumption", "default": "state option"]
}

/// A title and an address.
public struct Reference: Sendable, Equatable {
    public let title: String
    public let href: String
}

/// Where a rule or parameter comes from.
public struct Citation: Sendable {
    /// The legal cite, e.g. `20 CFR 680.230` (may be empty for a default or assumption).
    public let text: String
    public let status: FactStatus
    public let note: String?
    public let references: [Reference]
}

/// The unit of a parameter, which fixes its type and what `--set` accepts.
public enum ParameterUnit: String, Sendable, CaseIterable {
    case usd, percent, ratio, count, years, months, weeks, hours, bool, date, text
    public var type: ValueType {
        switch self {
        case .bool: return .bool
        case .date: return .day
        case .text: return .text
        default: return .number
        }
    }
}

/// A policy parameter with dated values.
public struct Parameter: Sendable {
    /// `ita_cap`.
    public let name: String
    /// The stream id, or nil for a shared parameter of `definitions.yaml`.
    public let stream: String?
    public let description: String
    public let unit: ParameterUnit
    public let citation: Citation
    public let minimum: Double?
    public let maximum: Double?
    /// Values by the day they take effect, sorted. A `null` value is blank ("not set").
    public let values: [(since: Day, value: Value)]
    /// Allowed values of a text or bool parameter (empty: any).
    public let allowed: [Value]
    /// The last day the newest value is known to be in force (e.g. the end of an award year);
    /// a period starting after it is refused unless the parameter is set.
    public let until: Day?
    /// Before the first dated value: `refuse` the period (default) or read it as blank (a
    /// parameter that is not in force yet by law, e.g. Workforce Pell before 2026-07-01).
    public let blankBeforeFirst: Bool
    /// The global slot of the value in ``PolicyEnvironment/parameterValues``.
    public let slot: Int
    /// Where it is defined.
    public let file: String
    public let line: Int?

    /// The value in force on a day (the latest that took effect on or before it), or `.missing`.
    public func value(on day: Day) -> Value {
        values.last { $0.since <= day }?.value ?? .missing
    }

    /// The key used by `--set`: `stream.name`, or `name` for a shared parameter.
    public var key: String { stream.map { "\($0).\(name)" } ?? name }
}

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

    public init(category: CostCategory, share: CompiledExpression?, condition: CompiledExpression?, citation: Citation) {
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

    public init(id: String, categories: [CostCategory], amount: CompiledExpression, citation: Citation) {
        self.id = id
        self.categories = categories
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
}

/// A payer-of-last-resort rule: the stream pays `categories` only after `after` paid all they can.
public struct OrderingRule: Sendable {
    public let id: String
    public let categories: [CostCategory]
    public let after: [String]
    public let citation: Citation
}

/// Matching: federal dollars available per non-federal dollar spent (SNAP E&T 50/50).
public struct MatchingRule: Sendable {
    public let rate: CompiledExpression
    public let citation: Citation
}

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
    /// No budget: capped per participant only (Pell).
    public let entitlement: Bool
    /// Priority of service (veterans' priority in every DOL-funded stream; WIOA Adult's groups).
    public let priority: PriorityOfService?
    public let file: String

    /// The cost line of a category, if the stream may pay it.
    public func costLine(_ category: CostCategory) -> CostLine? { costs.first { $0.category == category } }
}

/// A named derived value of `definitions.yaml` (e.g. WIOA low-income).
public struct Definition: Sendable {
    public let name: String
    public let text: String
    public let expression: CompiledExpression
    public let citation: Citation
    public let slot: Int
}

/// HHS poverty guidelines by year and region.
public struct PovertyGuidelines: Sendable {
    public struct Entry: Sendable {
        public let base: Double
        public let perAdditional: Double
    }
    public struct Year: Sendable {
        public let year: Int
        public let effective: Day?
        public let contiguous: Entry
        public let alaska: Entry
        public let hawaii: Entry
        /// The day the table takes effect.
        public var start: Day { effective ?? Day(year: year, month: 1, day: 1) }
    }
    public let years: [Year]
    public let citation: Citation

    /// The table in force on a day: the latest whose effective date (1 January of its year when
    /// none is given) is on or before it; nil before the earliest table.
    public func table(for day: Day) -> Year? {
        years.filter { $0.start <= day }.max { $0.start < $1.start }
    }

    /// The guideline for a household in a state.
    public static func guideline(_ year: Year, state: String, householdSize: Int) -> Double {
        let entry = state == "AK" ? year.alaska : state == "HI" ? year.hawaii : year.contiguous
        return entry.base + entry.perAdditional * Double(max(1, householdSize) - 1)
    }
}
