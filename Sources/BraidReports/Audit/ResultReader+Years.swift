import BraidPolicy
import BraidScenario
import Foundation

/// The `years` section of a result JSON, read back for `verify` to compare.
extension ResultReader {
    static func years(_ object: [String: Any], file path: String) throws(InputError) -> YearLedger? {
        guard let node = object["years"] else { return nil }
        guard let y = node as? [String: Any], let periods = y["periods"] as? [Any],
            let allotments = y["allotments"] as? [Any]
        else { throw InputError(file: path, key: "years", reason: "needs periods and allotments") }
        func day(_ any: Any?, _ key: String) throws(InputError) -> Day? {
            if any == nil || any is NSNull { return nil }
            guard let text = any as? String, let d = Day(text) else {
                throw InputError(file: path, key: key, reason: "must be a date YYYY-MM-DD")
            }
            return d
        }
        var streams: [String] = []
        var spending: [PeriodSpending] = []
        for (n, item) in periods.enumerated() {
            let key = "years.periods[\(n)]"
            guard let p = item as? [String: Any], let spent = p["spent"] as? [String: Any],
                let from = try day(p["from"], key + ".from"), let to = try day(p["to"], key + ".to")
            else { throw InputError(file: path, key: key, reason: "needs from, to, participants and spent") }
            if streams.isEmpty { streams = spent.keys.sorted() }
            var byStream: [Int64] = []
            for id in streams { byStream.append(try money(spent[id], key + ".spent." + id, file: path)) }
            spending.append(
                PeriodSpending(
                    from: from, to: to, byStream: byStream, participants: (p["participants"] as? Int) ?? -1))
        }
        var uses: [AllotmentUse] = []
        for (n, item) in allotments.enumerated() {
            let key = "years.allotments[\(n)]"
            guard let a = item as? [String: Any], let stream = a["stream"] as? String, let label = a["year"] as? String
            else { throw InputError(file: path, key: key, reason: "needs stream, year and amounts") }
            uses.append(
                AllotmentUse(
                    stream: stream, label: label, from: try day(a["from"], key + ".from"),
                    until: try day(a["until"], key + ".until"),
                    budget: try money(a["budget"], key + ".budget", file: path),
                    spent: try money(a["spent"], key + ".spent", file: path),
                    carriedOver: try money(a["carried_over"], key + ".carried_over", file: path),
                    expiring: try money(a["expiring"], key + ".expiring", file: path),
                    afterPlan: try money(a["after_plan"], key + ".after_plan", file: path)))
        }
        return YearLedger(streams: streams, periods: spending, allotments: uses, overdrafts: [])
    }
}
