import BraidPolicy
import BraidScenario
import Foundation

/// Sweep output: table, CSV and JSON.
public enum SweepReport {
    public static func table(_ axes: [SweepAxis], _ points: [SweepPoint]) -> String {
        Headline.sweep(axes, points) + "\n\n"
            + SummaryReport.render(rows(axes, points), rightAligned: rightAligned(axes, points))
    }

    /// A Markdown report: the headline, then the table.
    public static func markdown(_ axes: [SweepAxis], _ points: [SweepPoint]) -> String {
        let rows = rows(axes, points)
        guard let header = rows.first else { return "" }
        let right = rightAligned(axes, points)
        let cell = SummaryReport.md
        var out =
            "# Sweep of \(cell(axes.map(\.key).joined(separator: " × ")))\n\n\(cell(Headline.sweep(axes, points)))\n\n"
        out += "| " + header.map(cell).joined(separator: " | ") + " |\n|"
        for c in header.indices { out += right.contains(c) ? " ---: |" : " --- |" }
        out += "\n"
        for row in rows.dropFirst() { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
        return out
    }

    /// Streams whose eligible count differs between points (a parameter sweep's rule change).
    static func movingPools(_ points: [SweepPoint]) -> [String] {
        guard let first = points.first else { return [] }
        return first.plan.streams.map(\.id).filter { id in points.contains { $0.eligible[id] != first.eligible[id] } }
    }

    static func rightAligned(_ axes: [SweepAxis], _ points: [SweepPoint]) -> Set<Int> {
        let ids = points.first?.plan.streams.count ?? 0
        return Set(0..<(axes.count + 1 + movingPools(points).count + ids))
    }

    static func rows(_ axes: [SweepAxis], _ points: [SweepPoint]) -> [[String]] {
        guard let first = points.first else { return [] }
        let ids = first.plan.streams.map(\.id)
        let pools = movingPools(points)
        // (With money by year: what expires unspent at each point.)
        let timed = first.plan.review.years != nil
        var rows = [
            axes.map(\.key) + ["served"] + pools.map { "\($0) eligible" } + ids.map { "\($0) used" }
                + (timed ? ["expiring unspent"] : []) + ["each extra dollar (LP rate)"]
        ]
        for p in points {
            let binding = p.plan.streams.filter { $0.marginalValue > 1e-9 }.map {
                "\($0.id) \(MarginalText.short($0))"
            }
            rows.append(
                zip(axes, p.values).map { Headline.value($0, $1) } + ["\(p.plan.served.count)"]
                    + pools.map { p.eligible[$0].map(String.init) ?? "" }
                    + p.plan.streams.map { formatMoney($0.used) }
                    + (timed ? [formatMoney(expiring(p.plan))] : [])
                    + [binding.isEmpty ? "none binds" : binding.joined(separator: ", ")])
        }
        return rows
    }

    /// What expires unspent in a plan with money by year.
    static func expiring(_ plan: Plan) -> Int64 {
        plan.review.years?.allotments.reduce(Int64(0)) { $0 + $1.expiring } ?? 0
    }

    public static func csv(_ axes: [SweepAxis], _ points: [SweepPoint]) -> String {
        guard let first = points.first else { return "" }
        let ids = first.plan.streams.map(\.id)
        let timed = first.plan.review.years != nil
        var out =
            (axes.map(\.key) + ["served", "weighted_served", "status"]
            + ids.flatMap { ["\($0).used", "\($0).marginal_value"] } + ids.map { "\($0).eligible" }
            + (timed ? ["expiring"] : [])).map(
                ResultCSV.field
            )
            .joined(
                separator: ",") + "\n"
        for p in points {
            out +=
                (p.values.map(formatNumber) + [
                    "\(p.plan.served.count)", ResultJSON.number(p.plan.weightedServed), p.plan.status.rawValue,
                ]
                + p.plan.streams.flatMap { [plainMoney($0.used), ResultJSON.number($0.marginalValue)] }
                + ids.map { p.eligible[$0].map(String.init) ?? "" }
                + (timed ? [plainMoney(expiring(p.plan))] : [])).joined(separator: ",") + "\n"
        }
        return out
    }

    /// `{"parameter": KEY, "points": [{"value": V, "served": N, "streams": [...]}, …]}`.
    public static func json(_ axes: [SweepAxis], _ points: [SweepPoint]) -> String {
        var out = "{\n  \"parameter\": \(ResultJSON.string(axes.map(\.key).joined(separator: ","))),\n"
        out += "  \"headline\": \(ResultJSON.string(Headline.sweep(axes, points))),\n  \"points\": ["
        out += points.map { p in
            let value =
                p.values.count == 1
                ? ResultJSON.number(p.values[0]) : "[" + p.values.map(ResultJSON.number).joined(separator: ", ") + "]"
            let streams = p.plan.streams.map {
                "{\"id\": \(ResultJSON.string($0.id)), \"budget\": \($0.budget.map(plainMoney) ?? "null"), \"used\": \(plainMoney($0.used)), \"marginal_value\": \(ResultJSON.number($0.marginalValue))}"
            }.joined(separator: ", ")
            let eligible = p.plan.streams.compactMap { s in
                p.eligible[s.id].map { "\(ResultJSON.string(s.id)): \($0)" }
            }.joined(separator: ", ")
            let expiring = p.plan.review.years != nil ? ", \"expiring\": \(plainMoney(expiring(p.plan)))" : ""
            return
                "\n    {\"value\": \(value), \"served\": \(p.plan.served.count), \"status\": \(ResultJSON.string(p.plan.status.rawValue)), \"eligible\": {\(eligible)}, \"streams\": [\(streams)]\(expiring)}"
        }.joined(separator: ",")
        return out + "\n  ]\n}\n"
    }
}
