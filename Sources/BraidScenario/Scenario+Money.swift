import BraidPolicy

extension Scenario {
    /// Sets `STREAM.budget`, `STREAM.budget.YEAR` or `STREAM.cap`.
    public mutating func setMoney(_ key: String, cents: Int64) {
        guard let money = MoneyKey(key), let i = streams.firstIndex(where: { $0.id == money.stream }) else { return }
        _ = streams[i].setMoney(money.field, cents: cents)
        if timeline.isTimed { timeline = Timeline(period: period, streams: streams) }
    }

    /// Why an entitlement (Pell) takes no budget: it pays every eligible participant their
    /// award, and a budget would cut awards the law grants.
    public static func entitlementHasNoBudget(_ id: String) -> String {
        "'\(id)' is an entitlement: it pays every eligible participant their award, so it takes no budget or cap"
    }
}

/// A `--set`/`--vary` key for a scenario's money: `STREAM.budget`, `STREAM.budget.YEAR`,
/// `STREAM.cap`.
public struct MoneyKey: Sendable {
    public let stream: String
    /// `budget`, `budget.YEAR` or `cap`.
    public let field: String

    public init?(_ key: String) {
        let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[1] == "budget" || parts[1] == "cap" || parts[1].hasPrefix("budget.") else {
            return nil
        }
        stream = parts[0]
        field = parts[1]
    }
}

extension ScenarioStream {
    /// Sets `budget`, `budget.YEAR` (one year's allotment; a new year is added) or `cap`; the
    /// reason when the key does not fit the stream.
    public mutating func setMoney(_ field: String, cents: Int64) -> String? {
        if field == "cap" {
            cap = cents
            return nil
        }
        if field == "budget" {
            if allotments.count > 1 || allotments.first?.year != nil {
                let labels = allotments.map(\.label).joined(separator: ", ")
                return
                    "'\(id)' has its budget by year (\(labels)): set one year, e.g. \(id).budget.\(allotments[0].label)"
            }
            budget = cents
            if !allotments.isEmpty { allotments[0].cents = cents }
            return nil
        }
        let text = String(field.dropFirst("budget.".count))
        guard let years, years.year != .periodOfPerformance, let y = years.year.parse(text) else {
            return years == nil || years?.year == .periodOfPerformance
                ? "'\(id)' has no budget by year: set \(id).budget"
                : "'\(text)' is not a year of '\(id)': write \(years!.year.label(2026)) or 2026"
        }
        if !allotments.isEmpty && allotments[0].year == nil { return "'\(id)' is one award: set \(id).budget" }
        if allotments.isEmpty && budget != nil { return "'\(id)' has one budget for the period: set \(id).budget" }
        if let k = allotments.firstIndex(where: { $0.year == y }) {
            allotments[k].cents = cents
        } else {
            allotments.append(years.allotment(y, cents: cents))
            allotments.sort { $0.year! < $1.year! }
        }
        budget = allotments.reduce(0) { $0 + $1.cents }
        return nil
    }
}
