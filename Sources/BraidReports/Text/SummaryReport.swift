import BraidPolicy
import BraidScenario
import Foundation

/// The planner's view of a plan: a terminal table and a Markdown report.
public enum SummaryReport {
    /// A plain-text summary for the terminal.
    public static func table(_ plan: Plan, _ scenario: Scenario) -> String {
        var out = "\(plan.scenario)\n"
        out += "Status: \(plan.status)" + (plan.status == .optimal ? "" : " (gap \(percent(plan.gap)))") + "\n"
        let total = plan.served.count + plan.notServed.count
        out += "Served: \(plan.served.count) of \(total)    Not served: \(plan.notServed.count)"
        if !plan.programsRun.isEmpty || !scenario.programs.isEmpty {
            out += "    Programs running: \(plan.programsRun.count) of \(scenario.programs.count)"
        }
        out += "\n"
        if !scenario.overrides.isEmpty { out += "Overrides: \(scenario.overrides.joined(separator: ", "))\n" }
        out += "\nDollars by stream\n"
        var rows = [["stream", "budget", "used", "use", "marginal value"]]
        for s in plan.streams {
            rows.append([
                s.id, s.budget.map(formatMoney) ?? "entitlement", formatMoney(s.used),
                s.budget.map { $0 > 0 ? percent(Double(s.used) / Double($0)) : "-" } ?? "-", marginal(s, plan),
            ])
        }
        rows.append(["total", "", formatMoney(plan.dollarsBraided), "", ""])
        out += render(rows, rightAligned: [1, 2, 3])
        out += "\nDollars by category\n"
        var byCategory: [CostCategory: Int64] = [:]
        for a in plan.allocations + plan.programAllocations { byCategory[a.category, default: 0] += a.cents }
        var categoryRows = [["category", "paid"]]
        for c in CostCategory.allCases where byCategory[c] != nil {
            categoryRows.append([c.rawValue, formatMoney(byCategory[c]!)])
        }
        out += render(categoryRows, rightAligned: [1])
        out += "\n" + ReviewReport.objectiveLine(plan) + "\n"
        for table in ReviewReport.tables(plan) {
            out += "\n\(table.title)\n" + render(table.rows, rightAligned: table.rightAligned)
            if let note = table.note { out += "  \(note)\n" }
        }
        if !plan.notServed.isEmpty {
            out += "\nNot served (\(plan.notServed.count))\n"
            for n in plan.notServed.prefix(25) { out += "  \(n.id): \(n.reason)\n" }
            if plan.notServed.count > 25 { out += "  … and \(plan.notServed.count - 25) more (see --format json)\n" }
        }
        return out
    }

    /// A Markdown report.
    public static func markdown(_ plan: Plan, _ scenario: Scenario) -> String {
        var out = "# \(md(plan.scenario))\n\n"
        out += "- Status: **\(plan.status)**" + (plan.status == .optimal ? "" : " (gap \(percent(plan.gap)))") + "\n"
        out += "- Served: **\(plan.served.count)** of \(plan.served.count + plan.notServed.count)\n"
        out += "- Programs running: \(md(plan.programsRun.joined(separator: ", ")))\n"
        if !scenario.overrides.isEmpty { out += "- Overrides: \(md(scenario.overrides.joined(separator: ", ")))\n" }
        out += "\n## Streams\n\n| stream | budget | used | marginal value |\n| --- | ---: | ---: | --- |\n"
        for s in plan.streams {
            out +=
                "| \(md(s.id)) | \(s.budget.map(formatMoney) ?? "entitlement") | \(formatMoney(s.used)) | \(marginal(s, plan)) |\n"
        }
        out += "\n" + md(ReviewReport.objectiveLine(plan)) + "\n"
        for table in ReviewReport.tables(plan) {
            out += "\n## \(table.title)\n\n" + markdownTable(table)
            if let note = table.note { out += "\n\(md(note))\n" }
        }
        out += "\n## Allocations\n\n| participant | stream | category | amount |\n| --- | --- | --- | ---: |\n"
        for a in plan.allocations {
            out += "| \(md(a.owner)) | \(md(a.stream)) | \(a.category) | \(formatMoney(a.cents)) |\n"
        }
        if !plan.programAllocations.isEmpty {
            out += "\n## Program costs\n\n| program | stream | category | amount |\n| --- | --- | --- | ---: |\n"
            for a in plan.programAllocations {
                out += "| \(md(a.owner)) | \(md(a.stream)) | \(a.category) | \(formatMoney(a.cents)) |\n"
            }
        }
        if !plan.notServed.isEmpty {
            out += "\n## Not served\n\n| participant | reason |\n| --- | --- |\n"
            for n in plan.notServed { out += "| \(md(n.id)) | \(md(n.reason)) |\n" }
        }
        return out
    }

    /// A stream's marginal value in words (``MarginalText``).
    public static func marginal(_ s: StreamUse, _ plan: Plan) -> String {
        MarginalText.describe(s, measure: plan.measure, weighted: plan.isWeighted)
    }

    static func markdownTable(_ table: ReviewReport.Table) -> String {
        guard let header = table.rows.first else { return "" }
        let cell = md
        var out = "| " + header.map(cell).joined(separator: " | ") + " |\n|"
        for c in header.indices { out += table.rightAligned.contains(c) ? " ---: |" : " --- |" }
        out += "\n"
        for row in table.rows.dropFirst() { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
        return out
    }

    /// Text from the input as Markdown shows it literally: the characters that make inline markup,
    /// links, tables or HTML are escaped, and line breaks become spaces (a cell is one line).
    static func md(_ text: String) -> String {
        var out = ""
        for c in text {
            if c.isNewline {
                out.append(" ")
            } else {
                if "\\`*_[]<>|~&".contains(c) { out.append("\\") }
                out.append(c)
            }
        }
        return out
    }

    static func percent(_ x: Double) -> String { NumberText.fixed(x * 100, 1) + "%" }

    static func render(_ rows: [[String]], rightAligned: Set<Int>) -> String {
        let widths = (0..<(rows.first?.count ?? 0)).map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { row in
            "  "
                + row.enumerated().map { c, cell in
                    let pad = String(repeating: " ", count: widths[c] - cell.count)
                    return rightAligned.contains(c) ? pad + cell : cell + pad
                }.joined(separator: "  ").trimmingTrailingSpaces
        }.joined(separator: "\n") + "\n"
    }
}
