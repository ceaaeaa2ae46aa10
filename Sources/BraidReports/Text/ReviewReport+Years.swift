import BraidPolicy
import BraidScenario

/// The plan across program years as tables (terminal, Markdown, HTML): each allotment's budget,
/// spending, carry-over and expiry, and the spending by period and stream.
extension ReviewReport {
    static func yearTables(_ y: YearLedger) -> [Table] {
        var rows = [
            ["stream", "year", "available", "budget", "spent", "carried over", "expiring unspent", "after the plan"]
        ]
        for a in y.allotments {
            let window = "\(a.from.map(\.description) ?? "") to \(a.until.map(\.description) ?? "no end")"
            rows.append([
                a.stream, a.label, window, formatMoney(a.budget), formatMoney(a.spent), formatMoney(a.carriedOver),
                formatMoney(a.expiring), formatMoney(a.afterPlan),
            ])
        }
        let expiring = y.allotments.reduce(Int64(0)) { $0 + $1.expiring }
        let note =
            (!y.warnings.isEmpty
                ? "WARNING: \(formatMoney(expiring)) expires unspent — " + y.warnings.joined(separator: "; ") + ". "
                : "No money expires unspent. ")
            + "Spending draws on the money that expires first; carried over = left at the end of its own year and still available."
        var spendRows = [["period", "participants"] + y.streams + ["total"]]
        for p in y.periods {
            let total = p.byStream.reduce(0, +)
            spendRows.append(
                ["\(p.from) to \(p.to)", "\(p.participants)"] + p.byStream.map(formatMoney) + [formatMoney(total)])
        }
        return [
            Table(title: "Money by year", note: note, rows: rows, rightAligned: [3, 4, 5, 6, 7]),
            Table(
                title: "Spending by period",
                note: "Costs fall in the period they are incurred; participants = those with a cost paid then.",
                rows: spendRows, rightAligned: Set(1..<(spendRows[0].count))),
        ]
    }
}
