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
        let policyYears = policies.stream(id)?.availability.map {
            StreamYears(year: $0.year, years: $0.years)
        }
        let years = policyYears ?? (policies.stream(id) == nil ? ownYears(value, d) : nil)
        let (budget, allotments) = readMoney(id, value, years: years, d)
        let cap = value["cap"].flatMap { n in d.attempt { () throws(InputError) in try n.cents() } }
        let reimburses =
            value["reimburses"].flatMap { n in d.attempt { () throws(InputError) in try n.strings() } } ?? []
        let programs = value["programs"].flatMap { n in d.attempt { () throws(InputError) in try n.strings() } }
        if let p = value["programs"], programs?.isEmpty == true {
            d.add(p.error("programs: give at least one program id (or leave the key out: any program)"))
        }
        if let policy = policies.stream(id) {
            value.checkKeys(["budget", "available", "cap", "reimburses", "programs", "partner", "note"], d)
            guard selected.contains(id) else {
                d.add(value.error("stream '\(id)' is not among the scenario's policies"))
                return nil
            }
            checkPolicyMoney(id, value, policy, reimburses: reimburses, budget: budget, cap: cap, d)
            var stream = ScenarioStream(
                id: id, kind: policy.kind, budget: budget, cap: cap, reimburses: reimburses, policy: policy,
                allowable: [], condition: nil, perParticipantCap: nil, programs: programs)
            stream.partner = partnerName(value, d)
            stream.allotments = allotments
            stream.years = years
            return stream
        }
        guard let kindNode = value["kind"] else {
            d.add(
                value.error(
                    "unknown stream '\(id)': not a loaded policy" + suggestion(for: id, in: policies.streamIDs)
                        + "; a scenario's own stream needs kind: nonfederal, private or federal"))
            return nil
        }
        value.checkKeys(
            [
                "kind", "budget", "allowable", "when", "per_participant_cap", "programs", "partner", "in_kind_match",
                "available", "availability", "note",
            ],
            d)
        let kindText = (try? kindNode.string()) ?? ""
        // (kind: federal: a federal grant no shipped policy covers; its terms are the scenario's
        // allowable, when and programs, and it never counts as a match's non-federal share.)
        guard let kind = StreamKind(rawValue: kindText) else {
            d.add(
                kindNode.error("a scenario's own stream must be kind nonfederal, private or federal, got '\(kindText)'")
            )
            return nil
        }
        let allowable = readAllowable(value, d)
        if budget == nil { d.add(value.error("a scenario's own stream needs a budget")) }
        var stream = ScenarioStream(
            id: id, kind: kind, budget: budget, cap: nil, reimburses: [], policy: nil, allowable: allowable,
            condition: condition(value, policies, d),
            perParticipantCap: value["per_participant_cap"].flatMap { n in
                d.attempt { () throws(InputError) in try n.cents() }
            }, programs: programs)
        stream.partner = partnerName(value, d)
        stream.ownInKindMatch = ownInKindMatch(id, kind, value, d)
        stream.allotments = allotments
        stream.years = years
        return stream
    }

    /// A shipped stream's money: a budget (or a matching stream's cap), none for an
    /// entitlement, and reimbursement only for a stream with a matching rule.
    static func checkPolicyMoney(
        _ id: String, _ value: YAMLValue, _ policy: StreamPolicy, reimburses: [String], budget: Int64?, cap: Int64?,
        _ d: Diagnostics
    ) {
        if !reimburses.isEmpty && policy.matching == nil {
            d.add(
                value.error(
                    "'\(id)' has no matching rule, so it cannot reimburse other streams",
                    key: value.key + ".reimburses"))
        }
        if budget == nil && cap == nil && !policy.entitlement {
            d.add(value.error("'\(id)' needs a budget (or, for a matching stream, a cap)"))
        }
        if policy.entitlement && (budget != nil || cap != nil) {
            d.add(
                value.error(
                    Scenario.entitlementHasNoBudget(id), key: value.key + (budget != nil ? ".budget" : ".cap")))
        }
    }

    /// A scenario's own stream's `when:` (who it may pay for), compiled; nil when not given.
    static func condition(_ value: YAMLValue, _ policies: PolicySet, _ d: Diagnostics) -> CompiledExpression? {
        guard let w = value["when"], let source = d.attempt({ () throws(InputError) in try w.string() }) else {
            return nil
        }
        do { return try policies.compile(source, stream: nil, expecting: .bool) } catch {
            d.add(
                InputError(
                    file: w.file, line: w.line, column: w.textColumn.map { $0 + error.offset }, key: w.key,
                    reason: error.reason))
            return nil
        }
    }

    /// A scenario's own grant's `in_kind_match: true` (only a federal grant has a match).
    static func ownInKindMatch(_ id: String, _ kind: StreamKind, _ value: YAMLValue, _ d: Diagnostics) -> Bool {
        guard let m = value["in_kind_match"], let allowed = d.attempt({ () throws(InputError) in try m.bool() })
        else { return false }
        if allowed && kind != .federal {
            d.add(
                m.error(
                    "in_kind_match: only a federal grant has a non-federal match to count in-kind toward; '\(id)' is \(kind.rawValue)"
                ))
        }
        return allowed && kind == .federal
    }

    /// A stream's `partner:` (checked against `partners:` once both are read).
    static func partnerName(_ value: YAMLValue, _ d: Diagnostics) -> String? {
        value["partner"].flatMap { n in d.attempt { () throws(InputError) in try n.string() } }
    }

    /// A scenario's own stream's `allowable` categories (each unknown one an error).
    static func readAllowable(_ value: YAMLValue, _ d: Diagnostics) -> [CostCategory] {
        guard let a = value["allowable"] else {
            d.add(value.error("a scenario's own stream needs 'allowable' (the categories it may pay)"))
            return []
        }
        return readCategories(a, d)
    }

    /// A list of cost categories (each unknown one an error at the list's line).
    static func readCategories(_ a: YAMLValue, _ d: Diagnostics) -> [CostCategory] {
        guard let names = d.attempt({ () throws(InputError) in try a.strings() }) else { return [] }
        var categories: [CostCategory] = []
        for name in names {
            if let c = CostCategory(rawValue: name) {
                categories.append(c)
            } else {
                d.add(
                    a.error(
                        "unknown cost category '\(name)'"
                            + suggestion(for: name, in: CostCategory.allCases.map(\.rawValue))))
            }
        }
        return categories
    }

    static func loadProgram(_ item: YAMLValue, _ d: Diagnostics) -> ScenarioProgram? {
        item.checkKeys(
            ["id", "name", "min_enrollment", "seats", "outcomes", "costs", "start", "months", "note"]
                + ProgramInfo.fields.map(\.name), d)
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
        for (name, type) in ProgramInfo.fields where item[name] != nil && type != .text {
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
        var seats: Int? = nil
        if let n = item["seats"], let v = number("seats") {
            if v != v.rounded() || v > 1_000_000 {
                d.add(n.error("seats must be a whole number from 0 to 1000000, got \(formatNumber(v))"))
            } else {
                seats = Int(max(0, v))
            }
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
        if let seats, seats > 0, seats < Int(max(0, minimum)) {
            d.add(
                item["seats"]!.error(
                    "seats (\(seats)) is below min_enrollment (\(formatNumber(minimum))): the program could never run"))
        }
        var program = ScenarioProgram(
            info: info, minEnrollment: Int(max(0, minimum)), costs: costs.sorted { $0.0 < $1.0 }, seats: seats,
            outcomes: item["outcomes"].flatMap { loadOutcomes($0, d) })
        (program.start, program.months) = readSchedule(item, d)
        return program
    }

    /// `outcomes: {completion_rate, placement_rate, hourly_wage, annual_hours, source}`: the rates
    /// between 0 and 1, the wage and hours positive.
    static func loadOutcomes(_ node: YAMLValue, _ d: Diagnostics) -> ProgramOutcomes? {
        node.checkKeys(["completion_rate", "placement_rate", "hourly_wage", "annual_hours", "source", "note"], d)
        func value(_ key: String, _ range: ClosedRange<Double>, _ what: String) -> Double? {
            guard let n = node[key] else {
                d.add(node.error("outcomes needs '\(key)' (\(what))", key: node.key + "." + key))
                return nil
            }
            guard let v = d.attempt({ () throws(InputError) in try n.number() }) else { return nil }
            guard range.contains(v) else {
                d.add(n.error("\(key) must be \(what), got \(formatNumber(v))"))
                return nil
            }
            return v
        }
        let completion = value("completion_rate", 0...1, "a share from 0 to 1")
        let placement = value("placement_rate", 0...1, "a share of completers from 0 to 1")
        let wage = value("hourly_wage", 0...1000, "dollars an hour, from 0 to 1000")
        var hours = 2080.0
        if node["annual_hours"] != nil {
            guard let h = value("annual_hours", 1...8784, "hours a year, from 1 to 8784") else { return nil }
            hours = h
        }
        let source = node["source"].flatMap { n in d.attempt { () throws(InputError) in try n.string() } }
        guard let completion, let placement, let wage else { return nil }
        return ProgramOutcomes(
            completionRate: completion, placementRate: placement, hourlyWage: wage, annualHours: hours, source: source)
    }
}
