import BraidPolicy
import BraidScenario
import Foundation

/// Reads a result JSON of `braid run --format json` back into a plan, for `verify`.
public enum ResultReader {

    /// A key given twice in one object is refused: JSONSerialization keeps the last, and
    /// another reader may keep the first, so the file would mean two things. JSON is YAML, and
    /// the YAML composer (libyaml through Yams) names the duplicate with its line.
    static func refuseDuplicateKeys(_ text: String, _ path: String) throws(InputError) {
        do {
            _ = try YAMLValue.parse(text, file: path)
        } catch  where error.reason.hasPrefix("duplicate key") {
            throw error
        } catch {}  // (Anything else the JSON reader has already accepted or refused.)
    }

    /// Reads a result JSON file into a plan.
    /// - Throws: ``InputError`` naming the file and key when it is not a result JSON (docs/CONTRACTS.md).
    public static func read(_ path: String) throws(InputError) -> Plan {
        let text = try readTextFile(path)
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw InputError(file: path, reason: "not a JSON object")
        }
        try refuseDuplicateKeys(text, path)
        func array(_ key: String) throws(InputError) -> [Any] {
            guard let a = object[key] as? [Any] else {
                throw InputError(file: path, key: key, reason: "missing or not a list")
            }
            return a
        }
        func money(_ any: Any?, _ key: String) throws(InputError) -> Int64 {
            try Self.money(any, key, file: path)
        }
        func lines(_ key: String, owner: String) throws(InputError) -> [Allocation] {
            var out: [Allocation] = []
            for (n, item) in try array(key).enumerated() {
                guard let line = item as? [String: Any], let o = line[owner] as? String,
                    let s = line["stream"] as? String,
                    let c = line["category"] as? String
                else {
                    throw InputError(
                        file: path, key: "\(key)[\(n)]", reason: "needs \(owner), stream, category and amount")
                }
                guard let category = CostCategory(rawValue: c) else {
                    throw InputError(file: path, key: "\(key)[\(n)].category", reason: "unknown category '\(c)'")
                }
                if line["period"] != nil && !(line["period"] is String) {
                    throw InputError(file: path, key: "\(key)[\(n)].period", reason: "period must be text (FROM/TO)")
                }
                out.append(
                    Allocation(
                        owner: o, stream: s, category: category,
                        cents: try money(line["amount"], "\(key)[\(n)].amount"),
                        period: line["period"] as? String))
            }
            return out
        }
        let statusText = object["status"] as? String ?? ""
        guard let status = PlanStatus(rawValue: statusText) else {
            throw InputError(file: path, key: "status", reason: "must be optimal or time_limit, got '\(statusText)'")
        }
        let served = try array("served").compactMap { $0 as? String }
        let notServed = try array("not_served").compactMap {
            ($0 as? [String: Any]).flatMap { d in
                (d["id"] as? String).map { NotServed(id: $0, reason: d["reason"] as? String ?? "") }
            }
        }
        let allocations = try lines("allocations", owner: "participant")
        let programAllocations = try lines("program_allocations", owner: "program")
        let sharedAllocations =
            object["shared_allocations"] == nil ? [] : try lines("shared_allocations", owner: "shared_cost")
        // Every sum the auditor makes is at most the total of all lines: keep it far from overflow.
        let total = (allocations + programAllocations + sharedAllocations).reduce(0.0) { $0 + Double(abs($1.cents)) }
        guard total < 4e18 else {
            throw InputError(
                file: path, key: "allocations", reason: "the amounts add up to more than any plan can hold")
        }
        let streams = try Self.streams(object, file: path)
        var plan = Plan(
            scenario: object["scenario"] as? String ?? "", status: status,
            gap: (object["gap"] as? NSNumber)?.doubleValue ?? 0,
            served: served, notServed: notServed, allocations: allocations,
            programAllocations: programAllocations,
            programsRun: (object["programs_run"] as? [String]) ?? [], streams: streams, statistics: PlanStatistics(),
            weightedServed: 0)
        plan.sharedAllocations = sharedAllocations
        if let ledger = try ledger(object, file: path) {
            plan.review.ledger = ledger
            plan.statesLedger = true
        }
        plan.review.years = try years(object, file: path)
        return plan
    }

    /// An amount in whole cents, at most $10 trillion: a number, never a boolean.
    static func money(_ any: Any?, _ key: String, file path: String) throws(InputError) -> Int64 {
        // (JSON true and false arrive as NSNumber too: a boolean is not an amount.)
        guard let n = any as? NSNumber, String(cString: n.objCType) != "c" else {
            throw InputError(file: path, key: key, reason: "amount is not a number")
        }
        let d = n.doubleValue
        guard d.isFinite else { throw InputError(file: path, key: key, reason: "amount is not finite") }
        // The limit every input has ($10 trillion); the lines' total is checked below, so
        // no sum of cents can overflow.
        guard abs(d) <= 1e13 else {
            throw InputError(file: path, key: key, reason: "amount \(d) is out of range (over $10 trillion)")
        }
        let cents = (d * 100).rounded()
        guard abs(cents - d * 100) < 1e-6 * max(1, abs(d)) else {
            throw InputError(file: path, key: key, reason: "amount \(d) is not whole cents")
        }
        return Int64(cents)
    }

    /// The summary's streams (id, budget, used), for verify to compare with the lines.
    static func streams(_ object: [String: Any], file path: String) throws(InputError) -> [StreamUse] {
        var streams: [StreamUse] = []
        for (n, item) in ((object["streams"] as? [Any]) ?? []).enumerated() {
            guard let stream = item as? [String: Any], let id = stream["id"] as? String else {
                throw InputError(file: path, key: "streams[\(n)]", reason: "needs id, budget and used")
            }
            let budget =
                stream["budget"] is NSNull ? nil : try money(stream["budget"], "streams[\(n)].budget", file: path)
            let used = try money(stream["used"], "streams[\(n)].used", file: path)
            streams.append(StreamUse(id: id, budget: budget, used: used, marginalValue: 0))
        }
        return streams
    }
}
