/// The kind of year a stream's money is appropriated or allotted for.
public enum FundingYear: String, Sendable, CaseIterable {
    /// July 1 – June 30, named by the calendar year it starts (WIOA, Perkins).
    case programYear = "program_year"
    /// October 1 – September 30, named by the calendar year it ends (SNAP E&T, TANF).
    case federalFiscalYear = "federal_fiscal_year"
    /// July 1 – June 30, named by the calendar year it starts (Pell).
    case awardYear = "award_year"
    /// One award whose dates are the grant's own (a DOL grant's period of performance).
    case periodOfPerformance = "period_of_performance"

    /// The first day of year `year`.
    public func start(_ year: Int) -> Day {
        switch self {
        case .federalFiscalYear: return Day(year: year - 1, month: 10, day: 1)
        default: return Day(year: year, month: 7, day: 1)
        }
    }

    /// The last day of year `year`.
    public func end(_ year: Int) -> Day {
        switch self {
        case .federalFiscalYear: return Day(year: year, month: 9, day: 30)
        default: return Day(year: year + 1, month: 6, day: 30)
        }
    }

    /// The last day year `year`'s money may pay a cost incurred, when it may be spent for
    /// `years` years counting its own; nil without a limit.
    public func lastDay(ofAllotment year: Int, years: Int?) -> Day? {
        years.map { end(year + $0 - 1) }
    }

    /// The year that contains `day`.
    public func year(containing day: Day) -> Int {
        switch self {
        case .federalFiscalYear: return day.month >= 10 ? day.year + 1 : day.year
        default: return day.month >= 7 ? day.year : day.year - 1
        }
    }

    /// How a year is written: PY2026, FY2027, AY2026-27.
    public func label(_ year: Int) -> String {
        switch self {
        case .programYear: return "PY\(year)"
        case .federalFiscalYear: return "FY\(year)"
        case .awardYear:
            let next = (year + 1) % 100
            return "AY\(year)-\(next < 10 ? "0" : "")\(next)"
        case .periodOfPerformance: return "award"
        }
    }

    /// Reads a year as a scenario writes it: `2026`, or the label's form (`PY2026`, `FY2027`,
    /// `AY2026-27`); nil when it is neither or names another kind of year.
    public func parse(_ text: String) -> Int? {
        if let n = Int(text), (1900...2999).contains(n) { return n }
        switch self {
        case .programYear: return text.hasPrefix("PY") ? Int(text.dropFirst(2)).flatMap(validYear) : nil
        case .federalFiscalYear: return text.hasPrefix("FY") ? Int(text.dropFirst(2)).flatMap(validYear) : nil
        case .awardYear:
            guard text.hasPrefix("AY"), let n = Int(text.dropFirst(2).prefix(4)) else { return nil }
            return label(n) == text ? n : nil
        case .periodOfPerformance: return nil
        }
    }

    private func validYear(_ n: Int) -> Int? { (1900...2999).contains(n) ? n : nil }
}

/// How long a stream's money may be spent (a policy's `availability:`).
public struct Availability: Sendable {
    public let year: FundingYear
    /// How many years an allotment may be spent, counting its own; nil when there is no
    /// fiscal-year limit (TANF's reserve, 42 USC 604(e)). Ignored for a period of performance.
    public let years: Int?
    public let citation: Citation

    public init(year: FundingYear, years: Int?, citation: Citation) {
        self.year = year
        self.years = years
        self.citation = citation
    }
}
