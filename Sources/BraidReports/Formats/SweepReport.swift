import BraidPolicy
import BraidScenario
import Foundation

/// Sweep output: table, CSV and JSON.
public enum SweepReport {
    public static func table(_ axes: [SweepAxis], _ points: [SweepPoint]) -> String {
        guard let first = points.first else { return "" }
        let ids = first.plan.streams.map(\.id)
        var rows = [axes.map(\.key) + ["served"] + ids.map { "\($0) used" } + ["each extra dollar (LP rate)"]]
        for p in points {
            let binding = p.plan.streams.filter { $0.marginalValue > 1e-9 }.map {
                "\($0.id) \(MarginalText.short($0))"
            }
            rows.append(
                p.values.map(formatNumber) + ["\(p.plan.served.count)"] + p.plan.streams.map { formatMoney($0.used) }
                    + [binding.isEmpty ? "none binds" : binding.joined(separator: ", ")])
        }
        return SummaryReport.render(rows, rightAligned: Set(0..<(axes.count + 1 + ids.count)))
    }

    public static func csv(_ axes: [SweepAxis], _ points: [SweepPoint]) -> String {
        guard let first = points.first else { return "" }
        let ids = first.plan.streams.map(\.id)
        var out =
            (axes.map(\.key) + ["served", "weighted_served", "status"]
            + ids.flatMap { ["\($0).used", "\($0).marginal_value"] }).joined(separator: ",") + "\n"
        for p in points {
            out +=
                (p.values.map(formatNumber) + [
                    "\(p.plan.served.count)", ResultJSON.number(p.plan.weightedServed), p.plan.status.rawValue,
                ]
                + p.plan.streams.flatMap { [plainMoney($0.used), ResultJSON.number($0.marginalValue)] }).joined(
                    separator: ",") + "\n"
        }
        return out
    }

    /// `{"parameter": KEY, "points": [{"value": V, "served": N, "streams": [...]}, …]}`.
    public static func json(_ axes: [SweepAxis], _ points: [SweepPoint]) -> String {
        var out = "{\n  \"parameter\": \(ResultJSON.string(axes.map(\.key).joined(separator: ","))),\n  \"points\": ["
        out += points.map { p in
            let value =
                p.values.count == 1
                ? ResultJSON.number(p.values[0]) : "[" + p.values.map(ResultJSON.number).joined(separator: ", ") + "]"
            let streams = p.plan.streams.map {
                "{\"id\": \(ResultJSON.string($0.id)), \"budget\": \($0.budget.map(plainMoney) ?? "null"), \"used\": \(plainMoney($0.used)), \"marginal_value\": \(ResultJSON.number($0.marginalValue))}"
            }.joined(separator: ", ")
            return
                "\n    {\"value\": \(value), \"served\": \(p.plan.served.count), \"status\": \(ResultJSON.string(p.plan.status.rawValue)), \"streams\": [\(streams)]}"
        }.joined(separator: ",")
        return out + "\n  ]\n}\n"
    }
}
