import BraidPolicy
import Foundation
import Yams

extension Scenario {
    /// Loads a scenario file (or a folder holding `scenario.yaml`) and its participant CSV.
    /// - Parameters:
    ///   - path: the scenario YAML or its folder.
    ///   - policies: the policy set (a scenario may name its own `policies_dir`).
    ///   - overrides: `KEY=VALUE` pairs from `--set`, applied after the scenario's `set:`.
    /// - Throws: ``InputErrors`` listing every problem with file, line and key.
    public static func load(path: String, policies basePolicies: PolicySet, overrides: [String] = []) throws(InputErrors) -> Scenario {
        let file = scenarioFile(path)
        let root: YAMLValue
        do {
            root = try YAMLValue.parse(try readTextFile(file, limitBytes: 16 << 20), file: file)
            _ = try root.entries()
        } catch {
            throw InputErrors([error])
        }
        return try load(root: root, policies: basePolicies, overrides: overrides)
    }

    /// A scenario path: the file itself, or `scenario.yaml` inside a folder.
    public static func scenarioFile(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return (path as NSString).appendingPathComponent("scenario.yaml")
        }
        return path
    }

    /// Loads a scenario from a parsed YAML tree (relative paths resolve against `root.file`).
    public static func load(root: YAMLValue, policies basePolicies: PolicySet, overrides: [String] = []) throws(InputErrors) -> Scenario {
        let file = root.file
        let diagnostics = Diagnostics()
        root.checkKeys(["name", "state", "period", "policies", "policies_dir", "set", "rules", "streams", "programs", "participants", "objective", "note"], diagnostics)
        var policies = basePolicies
        if let dir = root["policies_dir"], let text = diagnostics.attempt({ () throws(InputError) in try dir.string() }) {
            let resolved = text.hasPrefix("/") ? text : ((file as NSString).deletingLastPathComponent as NSString).appendingPathComponent(text)
            do { policies = try PolicySet.load(directory: resolved) } catch { throw InputErrors(diagnostics.errors + error.errors) }
        }
        let name = root["name"].flatMap { n in diagnostics.attempt { () throws(InputError) in try n.string() } } ?? file
        var state = "GA"
        if let s = root["state"] {
            if let text = diagnostics.attempt({ () throws(InputError) in try s.string() }) {
                if text.count == 2 && text == text.uppercased() { state = text } else { diagnostics.add(s.error("expected a two-letter state code, got '\(text)'")) }
            }
        } else {
            diagnostics.add(root.error("missing 'state' (it picks the poverty-guideline table)", key: "state"))
        }
        var period = Period(start: Day(year: 2026, month: 7, day: 1), end: Day(year: 2027, month: 6, day: 30))
        if let p = root["period"] {
            p.checkKeys(["start", "end"], diagnostics)
            if let s = p["start"].flatMap({ n in diagnostics.attempt { () throws(InputError) in try n.day() } }) { period.start = s }
            if let e = p["end"].flatMap({ n in diagnostics.attempt { () throws(InputError) in try n.day() } }) { period.end = e }
            if period.end < period.start { diagnostics.add(p.error("the period ends (\(period.end)) before it starts (\(period.start))")) }
        } else {
            diagnostics.add(root.error("missing 'period' ({start: YYYY-MM-DD, end: YYYY-MM-DD})", key: "period"))
        }
        // Rule changes: `rules: {wioa-adult.adult-age: off, tanf.income-test: "fpl_percent <= 250"}`.
        if let rules = root["rules"] {
            for (key, value) in (try? rules.entries()) ?? [] {
                guard let text = diagnostics.attempt({ () throws(InputError) in try value.string() }) else { continue }
                do { try policies.changeRule(key, expression: text == "off" || text == "false" ? nil : text) } catch {
                    diagnostics.add(value.error(error.reason))
                }
            }
        }
        // Selected policies.
        var selected = policies.streamIDs
        if let p = root["policies"], let names = diagnostics.attempt({ () throws(InputError) in try p.strings() }), names != ["all"] {
            for id in names where policies.stream(id) == nil {
                diagnostics.add(p.error("unknown stream '\(id)'" + suggestion(for: id, in: policies.streamIDs)))
            }
            selected = names.filter { policies.stream($0) != nil }
        }
        // Parameter overrides: the scenario's `set:` then `--set`.
        var parameterValues: [Int: Value] = [:]
        var moneyOverrides: [(String, String, YAMLValue?)] = []
        var applied: [String] = []
        func applyOverride(_ key: String, _ raw: String, _ node: YAMLValue?) {
            let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
            if parts.count == 2, parts[1] == "budget" || parts[1] == "cap" {
                moneyOverrides.append((key, raw, node))
                applied.append("\(key)=\(raw)")
                return
            }
            do {
                let (slot, value) = try policies.parameterOverride(key: key, value: raw)
                parameterValues[slot] = value
                applied.append("\(key)=\(raw)")
            } catch {
                diagnostics.add(node?.error(error.reason) ?? InputError(file: "--set", key: key, reason: error.reason))
            }
        }
        if let set = root["set"] {
            for (key, value) in (try? set.entries()) ?? [] {
                if let raw = diagnostics.attempt({ () throws(InputError) in try value.string() }) { applyOverride(key, raw, value) }
            }
        }
        for pair in overrides {
            guard let eq = pair.firstIndex(of: "=") else {
                diagnostics.add(InputError(file: "--set", key: pair, reason: "expected KEY=VALUE"))
                continue
            }
            applyOverride(String(pair[..<eq]), String(pair[pair.index(after: eq)...]), nil)
        }
        let environment = policies.environment(period: period, state: state, overrides: parameterValues)
        // Streams.
        var streams: [ScenarioStream] = []
        if let s = root["streams"], let entries = diagnostics.attempt({ () throws(InputError) in try s.entries() }) {
            for (id, value) in entries {
                if let stream = loadStream(id, value, policies: policies, selected: selected, diagnostics) { streams.append(stream) }
            }
        } else if root["streams"] == nil {
            diagnostics.add(root.error("missing 'streams'", key: "streams"))
        }
        for (index, stream) in streams.enumerated() {
            for target in stream.reimburses {
                guard let t = streams.first(where: { $0.id == target }) else {
                    diagnostics.add(root["streams"]![stream.id]!.error("reimburses unknown stream '\(target)'" + suggestion(for: target, in: streams.map(\.id)), key: "streams.\(stream.id).reimburses"))
                    continue
                }
                if t.kind == .federal {
                    diagnostics.add(root["streams"]![stream.id]!.error("reimburses '\(target)', a federal stream: federal money never counts as the non-federal share (2 CFR 200.306(b))", key: "streams.\(stream.id).reimburses"))
                }
            }
            _ = index
        }
        for (key, raw, node) in moneyOverrides {
            let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
            guard let i = streams.firstIndex(where: { $0.id == parts[0] }) else {
                diagnostics.add(node?.error("unknown stream '\(parts[0])'") ?? InputError(file: "--set", key: key, reason: "unknown stream '\(parts[0])' in the scenario" + suggestion(for: parts[0], in: streams.map(\.id))))
                continue
            }
            switch parseMoney(raw) {
            case .success(let cents): if parts[1] == "budget" { streams[i].budget = cents } else { streams[i].cap = cents }
            case .failure(let f): diagnostics.add(node?.error(f.reason) ?? InputError(file: "--set", key: key, reason: f.reason))
            }
        }
        // Programs.
        var programs: [ScenarioProgram] = []
        for item in root["programs"].flatMap({ n in diagnostics.attempt { () throws(InputError) in try n.items() } }) ?? [] {
            if let program = loadProgram(item, diagnostics) {
                if programs.contains(where: { $0.info.id == program.info.id }) {
                    diagnostics.add(item.error("program id '\(program.info.id)' is used twice"))
                } else {
                    programs.append(program)
                }
            }
        }
        if root["programs"] == nil { diagnostics.add(root.error("missing 'programs'", key: "programs")) }
        // Objective.
        var weights: [WeightRule] = []
        var useOrder: [String] = []
        if let objective = root["objective"] {
            objective.checkKeys(["weights", "use_order"], diagnostics)
            if let w = objective["weights"], !(w.isNull || (try? w.string()) == "default") {
                for item in (diagnostics.attempt { () throws(InputError) in try w.items() } ?? []) {
                    item.checkKeys(["when", "weight", "label"], diagnostics)
                    guard let whenNode = item["when"], let source = diagnostics.attempt({ () throws(InputError) in try whenNode.string() }),
                        let weight = item["weight"].flatMap({ n in diagnostics.attempt { () throws(InputError) in try n.number() } })
                    else {
                        diagnostics.add(item.error("a weight rule needs 'when' and 'weight'"))
                        continue
                    }
                    if weight <= 0 || weight > 1000 { diagnostics.add(item["weight"]!.error("weight must be above 0 and at most 1000")) }
                    do {
                        let compiled = try policies.compile(source, stream: nil, expecting: .bool)
                        weights.append(WeightRule(condition: compiled, weight: weight, label: item["label"].flatMap { try? $0.string() } ?? source))
                    } catch {
                        diagnostics.add(InputError(file: whenNode.file, line: whenNode.node.mark?.line, column: whenNode.textColumn.map { $0 + error.offset }, key: whenNode.key, reason: error.reason))
                    }
                }
            }
            if let u = objective["use_order"], let ids = diagnostics.attempt({ () throws(InputError) in try u.strings() }) {
                for id in ids where !streams.contains(where: { $0.id == id }) {
                    diagnostics.add(u.error("unknown stream '\(id)' in use_order" + suggestion(for: id, in: streams.map(\.id))))
                }
                useOrder = ids
            }
        }
        // Default use order: entitlements, then federal categorical streams, then WIOA, then non-federal, then private.
        for id in defaultUseOrder(streams) where !useOrder.contains(id) { useOrder.append(id) }
        // Participants.
        var rosterFile = ""
        var participants: [Person] = []
        if let p = root["participants"], let rel = diagnostics.attempt({ () throws(InputError) in try p.string() }) {
            rosterFile = rel.hasPrefix("/") ? rel : ((file as NSString).deletingLastPathComponent as NSString).appendingPathComponent(rel)
            if rosterFile == file {
                diagnostics.add(p.error("the participant roster cannot be the scenario file itself"))
            } else {
                participants = Roster.load(rosterFile, programs: Set(programs.map(\.info.id)), diagnostics)
            }
        } else if root["participants"] == nil {
            diagnostics.add(root.error("missing 'participants' (a CSV file relative to the scenario)", key: "participants"))
        }
        for problem in policies.valueProblems(
            period: period, streams: streams.compactMap { $0.policy?.id }, overrides: Set(parameterValues.keys))
        {
            diagnostics.add(root.error(problem, key: "period"))
        }
        for person in participants {
            if let why = birthInconsistency(person, at: period.start) {
                diagnostics.add(InputError(file: rosterFile, key: "age", reason: "participant \(person.id): \(why)"))
            }
        }
        try diagnostics.check()
        return Scenario(
            name: name, file: file, rosterFile: rosterFile, state: state, period: period, policies: policies,
            environment: environment, streams: streams, programs: programs, participants: participants, weights: weights,
            useOrder: useOrder.filter { id in streams.contains { $0.id == id } }, overrides: applied)
    }

    static func defaultUseOrder(_ streams: [ScenarioStream]) -> [String] {
        func rank(_ s: ScenarioStream) -> Int {
            if s.policy?.entitlement == true { return 0 }
            if s.policy?.matching != nil { return 1 }
            if s.kind == .federal { return s.id.hasPrefix("wioa") ? 3 : 2 }
            return s.kind == .nonfederal ? 4 : 5
        }
        return streams.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element.id)
    }

    private static func loadStream(_ id: String, _ value: YAMLValue, policies: PolicySet, selected: [String], _ d: Diagnostics) -> ScenarioStream? {
        if value.isNull { return loadStream(id, YAMLValue(node: .mapping([:]), file: value.file, key: value.key), policies: policies, selected: selected, d) }
        let budget = value["budget"].flatMap { n in d.attempt { () throws(InputError) in try n.cents() } }
        let cap = value["cap"].flatMap { n in d.attempt { () throws(InputError) in try n.cents() } }
        let reimburses = value["reimburses"].flatMap { n in d.attempt { () throws(InputError) in try n.strings() } } ?? []
        if let policy = policies.stream(id) {
            value.checkKeys(["budget", "cap", "reimburses"], d)
            guard selected.contains(id) else {
                d.add(value.error("stream '\(id)' is not among the scenario's policies"))
                return nil
            }
            if !reimburses.isEmpty && policy.matching == nil {
                d.add(value.error("'\(id)' has no matching rule, so it cannot reimburse other streams", key: value.key + ".reimburses"))
            }
            if budget == nil && cap == nil && !policy.entitlement {
                d.add(value.error("'\(id)' needs a budget (or, for a matching stream, a cap)"))
            }
            return ScenarioStream(id: id, kind: policy.kind, budget: budget, cap: cap, reimburses: reimburses, policy: policy, allowable: [], condition: nil, perParticipantCap: nil)
        }
        guard let kindNode = value["kind"] else {
            d.add(value.error("unknown stream '\(id)': not a loaded policy" + suggestion(for: id, in: policies.streamIDs) + "; a scenario's own stream needs kind: nonfederal or private"))
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
                if let c = CostCategory(rawValue: name) { allowable.append(c) } else {
                    d.add(a.error("unknown cost category '\(name)'" + suggestion(for: name, in: CostCategory.allCases.map(\.rawValue))))
                }
            }
        } else {
            d.add(value.error("a scenario's own stream needs 'allowable' (the categories it may pay)"))
        }
        if budget == nil { d.add(value.error("a scenario's own stream needs a budget")) }
        var condition: CompiledExpression? = nil
        if let w = value["when"], let source = d.attempt({ () throws(InputError) in try w.string() }) {
            do { condition = try policies.compile(source, stream: nil, expecting: .bool) } catch {
                d.add(InputError(file: w.file, line: w.node.mark?.line, column: w.textColumn.map { $0 + error.offset }, key: w.key, reason: error.reason))
            }
        }
        return ScenarioStream(
            id: id, kind: kind, budget: budget, cap: nil, reimburses: [], policy: nil, allowable: allowable, condition: condition,
            perParticipantCap: value["per_participant_cap"].flatMap { n in d.attempt { () throws(InputError) in try n.cents() } })
    }

    private static func loadProgram(_ item: YAMLValue, _ d: Diagnostics) -> ScenarioProgram? {
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
                info.set(name, item[name].flatMap { n in d.attempt { () throws(InputError) in try n.bool() } }.map(Value.bool) ?? .missing)
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
                    d.add(value.error("unknown program cost category '\(name)' (equipment, curriculum, instruction)" + suggestion(for: name, in: CostCategory.program.map(\.rawValue))))
                    continue
                }
                if let cents = d.attempt({ () throws(InputError) in try value.cents() }), cents > 0 { costs.append((category, cents)) }
            }
        }
        return ScenarioProgram(info: info, minEnrollment: Int(max(0, minimum)), costs: costs.sorted { $0.0 < $1.0 })
    }
}
