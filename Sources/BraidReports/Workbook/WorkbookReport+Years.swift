import BraidPolicy
import BraidScenario

/// The plan across program years in the workbook: each stream's money by year, and the cash
/// flow (spending by period and stream).
extension WorkbookReport {
    static func years(_ y: YearLedger) -> [Workbook.Sheet] {
        let day = { (d: Day?) -> Cell in d.map { .text($0.description) } ?? .text("no end") }
        return [
            .init(
                "Years",
                columns: [
                    ("stream", 22), ("year", 10), ("from", 12), ("until", 12), ("budget", 16), ("spent", 16),
                    ("carried over", 16), ("expiring unspent", 18), ("after the plan", 16),
                ],
                rows: y.allotments.map { a in
                    [
                        .text(a.stream), .text(a.label), day(a.from), day(a.until), .money(a.budget), .money(a.spent),
                        .money(a.carriedOver), .money(a.expiring), .money(a.afterPlan),
                    ]
                }),
            .init(
                "Cash flow",
                columns: [("from", 12), ("to", 12), ("participants", 14)] + y.streams.map { ($0, 18) } + [
                    ("total", 16)
                ],
                rows: y.periods.map { p in
                    [.text(p.from.description), .text(p.to.description), .integer(p.participants)]
                        + p.byStream.map(Cell.money) + [.money(p.byStream.reduce(0, +))]
                }),
        ]
    }
}
