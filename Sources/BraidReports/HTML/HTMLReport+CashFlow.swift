import BraidPolicy
import BraidScenario

/// The cash-flow chart of a plan with money by year: one column per period, stacked by stream,
/// with each stream's colour and a pattern-free legend that names it (and a table beside it, so
/// colour never carries the meaning alone).
extension HTMLReport {
    static func cashFlow(_ y: YearLedger, names: [String: String]) -> String {
        let totals = y.periods.map { $0.byStream.reduce(0, +) }
        let maximum = max(1, totals.max() ?? 1)
        let (left, bottom, plotHeight) = (80.0, 250.0, 220.0)
        let columnWidth = min(90.0, 760.0 / Double(max(1, y.periods.count)))
        let used = y.streams.indices.filter { s in y.periods.contains { $0.byStream[s] > 0 } }
        let legendRows = (used.count + 2) / 3
        let height = bottom + 50 + Double(legendRows) * 18
        var svg =
            "<svg class=\"chart cashflow\" viewBox=\"0 0 900 \(n(height))\" role=\"img\" aria-label=\"Spending by period, stacked by stream\">\n"
        for t in ticks(0, Double(maximum) / 100, count: 4, integer: true) {
            let yy = bottom - plotHeight * t * 100 / Double(maximum)
            svg +=
                "<line class=\"grid\" x1=\"\(n(left))\" y1=\"\(n(yy))\" x2=\"\(n(left + columnWidth * Double(y.periods.count)))\" y2=\"\(n(yy))\"/><text class=\"tick\" x=\"\(n(left - 6))\" y=\"\(n(yy + 4))\" text-anchor=\"end\">\(escape(AxisFormat.dollars.text(t)))</text>\n"
        }
        for (k, p) in y.periods.enumerated() {
            let x = left + Double(k) * columnWidth + 6
            var top = bottom
            for s in used where p.byStream[s] > 0 {
                let h = plotHeight * Double(p.byStream[s]) / Double(maximum)
                top -= h
                svg +=
                    "<rect x=\"\(n(x))\" y=\"\(n(top))\" width=\"\(n(columnWidth - 12))\" height=\"\(n(max(h, 0.5)))\" fill=\"\(palette[s % palette.count])\" stroke=\"#fff\"><title>\(escape("\(streamName(y.streams[s], names)) \(p.from) to \(p.to): \(formatMoney(p.byStream[s]))"))</title></rect>"
            }
            svg +=
                "<text class=\"tick\" x=\"\(n(x + (columnWidth - 12) / 2))\" y=\"\(n(bottom + 14))\" text-anchor=\"middle\">\(escape(shortMonth(p.from)))</text>"
            svg +=
                "<text class=\"tick\" x=\"\(n(x + (columnWidth - 12) / 2))\" y=\"\(n(top - 4))\" text-anchor=\"middle\">\(escape(formatDollars(totals[k])))</text>\n"
        }
        for (i, s) in used.enumerated() {
            let x = left + Double(i % 3) * 260
            let yy = bottom + 32 + Double(i / 3) * 18
            svg +=
                "<rect x=\"\(n(x))\" y=\"\(n(yy - 10))\" width=\"12\" height=\"12\" fill=\"\(palette[s % palette.count])\"/><text x=\"\(n(x + 16))\" y=\"\(n(yy))\">\(escape(clip(streamName(y.streams[s], names), 36)))</text>"
        }
        return svg + "</svg>\n"
    }

    /// `Jul 2026`: a period's first month, as the chart's axis writes it.
    static func shortMonth(_ day: Day) -> String {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(months[day.month - 1]) \(day.year)"
    }
}

extension HTMLReport {
    /// A what-if's money by year, both sides (empty without money by year).
    static func yearTable(_ c: Comparison) -> String {
        let rows = c.yearRows
        guard !rows.isEmpty else { return "" }
        func money(_ v: Int64?) -> String { v.map(formatMoney) ?? "—" }
        var out =
            "<h2>Money by year: budget, spent and expiring unspent</h2>\n<table><tr><th>stream</th><th>year</th><th class=\"num\">budget</th><th class=\"num\">what-if budget</th><th class=\"num\">spent</th><th class=\"num\">what-if spent</th><th class=\"num\">expiring</th><th class=\"num\">what-if expiring</th></tr>\n"
        for r in rows {
            let cells = [
                money(r.baseline?.budget), money(r.whatIf?.budget), money(r.baseline?.spent), money(r.whatIf?.spent),
                money(r.baseline?.expiring), money(r.whatIf?.expiring),
            ]
            out +=
                "<tr><td>\(escape(r.stream))</td><td>\(escape(r.year))</td>"
                + cells.map { "<td class=\"num\">\(escape($0))</td>" }.joined() + "</tr>\n"
        }
        return out + "</table>\n"
    }
}
