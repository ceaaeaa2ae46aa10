import BraidPolicy

/// One amount of a stream's money with the days it may pay costs incurred: a year's allotment
/// (`budget: {2026: …}`, available for the years its policy says) or one award with its period
/// of performance (`available: {from, to}`).
public struct Allotment: Sendable, Equatable {
    /// How reports name it: PY2026, FY2027, AY2026-27, or "award".
    public let label: String
    /// The year it belongs to (nil for one award).
    public let year: Int?
    public var cents: Int64
    /// The first day a cost it pays may be incurred.
    public let from: Day
    /// The last such day; nil when there is no limit (TANF's reserve).
    public let until: Day?

    public init(label: String, year: Int?, cents: Int64, from: Day, until: Day?) {
        self.label = label
        self.year = year
        self.cents = cents
        self.from = from
        self.until = until
    }

    /// Whether it may pay a cost incurred from `start` to `end` (both inside its window).
    public func covers(_ start: Day, _ end: Day) -> Bool { from <= start && (until.map { end <= $0 } ?? true) }
}

/// A stream's money by year: the kind of year and how long each year's money lasts (a policy's
/// `availability:`, or a scenario's own stream's).
public struct StreamYears: Sendable {
    public let year: FundingYear
    /// Years an allotment may be spent, its own counted; nil: without limit.
    public let years: Int?

    public init(year: FundingYear, years: Int?) {
        self.year = year
        self.years = years
    }

    /// The allotment of year `y`.
    public func allotment(_ y: Int, cents: Int64) -> Allotment {
        Allotment(
            label: year.label(y), year: y, cents: cents, from: year.start(y),
            until: year.lastDay(ofAllotment: y, years: years))
    }
}

/// When a category's costs fall within a program: all in its first month, or spread evenly over
/// its months (`cost_timing:`).
public enum CostTiming: String, Sendable {
    case start, monthly

    /// The default: tools, uniforms, books, equipment and curriculum are bought when the program
    /// starts; tuition, supportive services, wages, coaching and instruction are paid month by
    /// month. An assumption the scenario may change (Scenarios/FORMAT-NOTES.md).
    public static func standard(_ category: CostCategory) -> CostTiming {
        switch category {
        case .tools_uniforms, .books_supplies, .equipment, .curriculum: return .start
        default: return .monthly
        }
    }
}

extension ScenarioStream {
    /// When its money may pay costs: "wioa-adult: PY2026 2026-07-01 to 2028-06-30, …".
    public var availabilityText: String {
        guard !allotments.isEmpty else { return "\(id): one budget for the period" }
        return "\(id): "
            + allotments.map { "\($0.label) \($0.from) to \($0.until.map(\.description) ?? "no end")" }.joined(
                separator: ", ")
    }
}
