import BraidPolicy
import Foundation

/// A scenario's streams and programs, each read alone.
extension ScenarioReader {
    static func loadStream(_ id: String, _ value: YAMLValue, policies: PolicySet, selected: [String], _ d: Diagnostics)
        -> ScenarioStream?
    {
        if value.isNull {
            return loadStream(
                id, .emptyMapping(file: value.file, key: value.key), policies: policies, selected: selected, d)
        }
        let budget = value["budget"].flatMap { n in d.attempt { () throws(InputError) in try n.cents() } }
        let cap = value["cap"].flatMap { n in d.attempt { () throws(InputError) in try n.cents() } }
        let reimburses =
            value["reimburses"].flatMap { n in d.attempt { () throws(InputError) in try n.strings() } } ?? []
        if let policy = policies.stream(id) {
            value.checkKeys(["budget", "cap", "reimburses"], d)
            guard selected.contains(id) else {
                d.add(value.error("stream '\(id)' is not among the scenario's policies"))
                return nil
            }
            if !reimburses.isEmpty && policy.matching == nil {
                d.add(
                    value.error(
                        "'\(id)' has no matching rule, so it cannot reimburse other streams",
                        key: value.key + ".reimburses"))
            }
            if budget == nil && cap == nil && !policy.entitlement {
                d.add(value.error("'\(id)' needs a budget (or, for a matching stream, a cap)"))
            }
            return ScenarioStream(
                id: id, kind: policy.kind, budget: budget, cap: cap, reimburses: reimburses, policy: policy,
                allowable: [], condition: nil, perParticipantCap: nil)
        }
        guard let kindNode = value["kind"] else {
            d.add(
                value.error(
                    "unknown stream '\(id)': not a loaded policy" + suggestion(for: id, in: policies.streamIDs)
                        + "; a scenario's own stream needs kind: nonfederal or private"))
            return nil
        }
        value.checkKeys(["kind", "budget", "allowable", "when", "per_participant_cap", "note"], d)
        let kindText = (try? kindNode.string()) ?? ""
        guard let kind = StreamKind(rawValue: kindText), kind != .federal else {
            d.add(kindNode.error("a scenario's own stream must be kind nonfederal or private, got '\(kindText)'"))
            return nil
        }
        var allowable: [CostCategory] = []
        if let a = value["allowable"], let names = d.attempt({ () throws(InputError) in try a.strings() }) {
            for name in names {
                if let c = CostCategory(rawValue: name) {
                    allowable.append(c)
                } else {
                    d.add(
                        a.error(
                            "unknown cost category '\(name)'"
                                + suggestion(for: name, in: CostCategory.allCases.map(\.rawValue))))
                }
            }
        } else {
            d.add(value.error("a scenario's own stream needs 'allowable' (the categories it may pay)"))
        }
        if budget == nil { d.add(value.error("a scenario's own stream needs a budget")) }
        var condition: CompiledExpression? = nil
        if let w = value["when"], let source = d.attempt({ () throws(InputError) in try w.string() }) {
            do { condition = try policies.compile(source, stream: nil, expecting: .bool) } catch {
                d.add(
                    InputError(
                        file: w.file, line: w.line, column: w.textColumn.map { $0 + error.offset }, key: w.key,
                        reason: error.reason))
            }
        }
        return ScenarioStream(
            id: id, kind: kind, budget: budget, cap: nil, reimburses: [], policy: nil, allowable: allowable,
            condition: condition,
            perParticipantCap: value["per_participant_cap"].flatMap { n in
                d.attempt { () throws(InputError) in try n.cents() }
            })
    }

    static func loadProgram(_ item: YAMLValue, _ d: Diagnostics) -> ScenarioProgram? {
        item.checkKeys(["id", "name", "min_enrollment", "costs", "note"] + ProgramInfo.fields.map(\.name), d)
        guard let id = item["id"].flatMap({ n in d.attempt { () throws(InputError) in try n.string() } }) else {
            d.add(item.error("a program needs an id"))
            return nil
        }
        var info = ProgramInfo(id: id)
        func number(_ key: String) -> Double? {
            guard let n = item[key], let v = d.attempt({ () throws(InputError) in try n.number() }) else { return nil }
            if v < 0 { d.add(n.error("must not be negative")) }
            return v
        }
        // Every program flag defaults to false (Scenarios/FORMAT-NOTES.md): a program is on the
        // ETPL or Title IV-eligible only when the scenario says so.
        for (name, type) in ProgramInfo.fields where item[name] != nil {
            if type == .number {
                info.set(name, number(name).map(Value.number) ?? .missing)
            } else {
                info.set(
                    name,
                    item[name].flatMap { n in d.attempt { () throws(InputError) in try n.bool() } }.map(Value.bool)
                        ?? .missing)
            }
        }
        var minimum = number("min_enrollment") ?? 1
        if minimum != minimum.rounded() { d.add(item["min_enrollment"]!.error("must be a whole number")) }
        if minimum > 1_000_000 {  // Int(1e300) traps (reproduced with Fuzz/FuzzScenario)
            d.add(item["min_enrollment"]!.error("must be at most 1000000, got \(formatNumber(minimum))"))
            minimum = 1_000_000
        }
        var costs: [(CostCategory, Int64)] = []
        if let c = item["costs"], !c.isNull {
            for (name, value) in (d.attempt { () throws(InputError) in try c.entries() } ?? []) {
                guard let category = CostCategory(rawValue: name), category.isProgramLevel else {
                    d.add(
                        value.error(
                            "unknown program cost category '\(name)' (equipment, curriculum, instruction)"
                                + suggestion(for: name, in: CostCategory.program.map(\.rawValue))))
                    continue
                }
                if let cents = d.attempt({ () throws(InputError) in try value.cents() }), cents > 0 {
                    costs.append((category, cents))
                }
            }
        }
        return ScenarioProgram(info: info, minEnrollment: Int(max(0, minimum)), costs: costs.sorted { $0.0 < $1.0 })
    }
}
