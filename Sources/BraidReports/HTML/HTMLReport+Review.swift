import BraidPolicy
import BraidScenario

/// The review sections of a plan's HTML report: objective, priority of service, targets,
/// outcomes, and the served rate of each group as bars against the overall rate.
extension HTMLReport {
    static func review(_ plan: Plan) -> String {
        var body = "<h2>Objective</h2>\n<p>\(escape(ReviewReport.objectiveLine(plan)))</p>\n"
        for table in ReviewReport.tables(plan) {
            body += "<h2>\(escape(table.title))</h2>\n"
            if table.title == "Served rate by group" { body += rateBars(plan.review.groups) }
            body += htmlTable(table)
            if let note = table.note { body += "<p class=\"muted\">\(escape(note))</p>\n" }
        }
        return body
    }

    static func htmlTable(_ table: ReviewReport.Table) -> String {
        guard let header = table.rows.first else { return "" }
        func cells(_ row: [String], _ tag: String) -> String {
            row.enumerated().map { c, text in
                "<\(tag)\(table.rightAligned.contains(c) ? " class=\"num\"" : "")>\(escape(text))</\(tag)>"
            }.joined()
        }
        var out = "<table><tr>" + cells(header, "th") + "</tr>\n"
        for row in table.rows.dropFirst() { out += "<tr>" + cells(row, "td") + "</tr>\n" }
        return out + "</table>\n"
    }

    /// Each group's served rate as a bar, with a line at the overall rate.
    static func rateBars(_ groups: [GroupRate]) -> String {
        let shown = groups.filter { $0.applicants > 0 }
        guard let overall = shown.first(where: { $0.kind == "all" }) else { return "" }
        let rowHeight = 18.0, height = Double(shown.count) * rowHeight + 24
        var svg =
            "<svg class=\"chart rates\" viewBox=\"0 0 900 \(n(height))\" role=\"img\" aria-label=\"served rate by group\">\n"
        for (i, g) in shown.enumerated() {
            let top = 6 + Double(i) * rowHeight
            let w = 420 * g.rate
            let color = g.rate + 1e-9 < overall.rate ? palette[1] : palette[0]
            svg += "<text x=\"290\" y=\"\(n(top + 12))\" text-anchor=\"end\">\(escape(g.label))</text>"
            svg +=
                "<rect x=\"300\" y=\"\(n(top))\" width=\"\(n(max(w, 0.5)))\" height=\"14\" fill=\"\(color)\"><title>\(escape("\(g.served) of \(g.applicants)"))</title></rect>"
            svg +=
                "<text x=\"\(n(306 + w))\" y=\"\(n(top + 12))\" class=\"small\">\(NumberText.fixed(g.rate * 100, 1))% (\(g.served) of \(g.applicants))</text>\n"
        }
        let x = 300 + 420 * overall.rate
        svg +=
            "<line x1=\"\(n(x))\" y1=\"2\" x2=\"\(n(x))\" y2=\"\(n(height - 18))\" stroke=\"#222\" stroke-dasharray=\"4 3\"/><text x=\"\(n(x))\" y=\"\(n(height - 4))\" text-anchor=\"middle\" class=\"small\">overall \(NumberText.fixed(overall.rate * 100, 1))%</text>\n"
        return svg + "</svg>\n"
    }
}
