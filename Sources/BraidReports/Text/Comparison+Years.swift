import BraidPolicy
import BraidScenario

/// A what-if across program years: each stream's money by year on both sides — its budget,
/// what was spent from it and what expires unspent.
extension Comparison {
    /// One row per stream and year either side has: (stream, year, baseline, what-if).
    var yearRows: [(stream: String, year: String, baseline: AllotmentUse?, whatIf: AllotmentUse?)] {
        let a = baseline.review.years?.allotments ?? [], b = whatIf.review.years?.allotments ?? []
        var keys: [(String, String)] = []
        for u in a + b where !keys.contains(where: { $0 == (u.stream, u.label) }) { keys.append((u.stream, u.label)) }
        return keys.map { key in
            (key.0, key.1, a.first { ($0.stream, $0.label) == key }, b.first { ($0.stream, $0.label) == key })
        }
    }

    /// The terminal table: budget, spent and expiring on each side (empty without years).
    func yearTable() -> String {
        let rows = yearRows
        guard !rows.isEmpty else { return "" }
        func money(_ c: Int64?) -> String { c.map(formatMoney) ?? "—" }
        var table = [
            ["stream", "year", "budget", "what-if budget", "spent", "what-if spent", "expiring", "what-if expiring"]
        ]
        for r in rows {
            table.append([
                r.stream, r.year, money(r.baseline?.budget), money(r.whatIf?.budget), money(r.baseline?.spent),
                money(r.whatIf?.spent), money(r.baseline?.expiring), money(r.whatIf?.expiring),
            ])
        }
        let before = rows.reduce(Int64(0)) { $0 + ($1.baseline?.expiring ?? 0) }
        let after = rows.reduce(Int64(0)) { $0 + ($1.whatIf?.expiring ?? 0) }
        return "\nMoney by year (budget, spent, expiring unspent)\n"
            + SummaryReport.render(table, rightAligned: [2, 3, 4, 5, 6, 7])
            + "  Expiring unspent: \(formatMoney(before)) → \(formatMoney(after)).\n"
    }

    /// `"years": [{"stream", "year", "baseline": {budget, spent, expiring}, "whatif": …}]`.
    func yearJSON() -> String {
        func side(_ u: AllotmentUse?) -> String {
            guard let u else { return "null" }
            return
                "{\"budget\": \(plainMoney(u.budget)), \"spent\": \(plainMoney(u.spent)), \"expiring\": \(plainMoney(u.expiring))}"
        }
        return "["
            + yearRows.map {
                "{\"stream\": \(ResultJSON.string($0.stream)), \"year\": \(ResultJSON.string($0.year)), \"baseline\": \(side($0.baseline)), \"whatif\": \(side($0.whatIf))}"
            }.joined(separator: ", ") + "]"
    }

    /// CSV rows `year` (spent) and `expiring`, id `STREAM YEAR`.
    func yearCSV() -> String {
        var out = ""
        for r in yearRows {
            let id = ResultCSV.field("\(r.stream) \(r.year)")
            let (sa, sb) = (r.baseline?.spent ?? 0, r.whatIf?.spent ?? 0)
            let (ea, eb) = (r.baseline?.expiring ?? 0, r.whatIf?.expiring ?? 0)
            out += "year,\(id),\(plainMoney(sa)),\(plainMoney(sb)),\(plainMoney(sb - sa))\n"
            out += "expiring,\(id),\(plainMoney(ea)),\(plainMoney(eb)),\(plainMoney(eb - ea))\n"
        }
        return out
    }
}
