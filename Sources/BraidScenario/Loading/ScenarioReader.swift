import BraidPolicy
import Foundation

/// Reads a scenario's YAML tree section by section, recording every problem (file, line, key)
/// before any is thrown, so `braid check` lists them all. The sections are read in a fixed order
/// (the order in which their problems are listed).
struct ScenarioReader {
    let root: YAMLValue
    let file: String
    let diagnostics = Diagnostics()
    var policies: PolicySet
    var name = ""
    var state = "GA"
    var period = Period(start: Day(year: 2026, month: 7, day: 1), end: Day(year: 2027, month: 6, day: 30))
    var selected: [String] = []
    var parameterValues: [Int: Value] = [:]
    /// `STREAM.budget` / `STREAM.cap` overrides, applied once the streams are read.
    var moneyOverrides: [(key: String, raw: String, node: YAMLValue?)] = []
    var applied: [String] = []
    var environment: PolicyEnvironment? = nil
    var streams: [ScenarioStream] = []
    var programs: [ScenarioProgram] = []
    var weights: [WeightRule] = []
    var measure = ObjectiveMeasure.people
    var targets: [Target] = []
    var useOrder: [String] = []
    var rosterFile = ""
    /// A roster read in place of `participants:` (``Scenario/load(path:policies:overrides:roster:)``).
    var rosterInPlace: String?
    /// The roster's participants as another load of the same scenario read them (the
    /// workbench's baseline, for an edit that leaves the roster alone): not read again.
    var rosterRead: [Person]?
    var participants: [Person] = []
    var partners: [Partner] = []
    var inKind: [InKindContribution] = []
    var sharedCosts: [SharedCost] = []
    var indirect: IndirectCosts? = nil
    var costTiming: [CostCategory: CostTiming] = [:]
    /// The period cut by the streams' money (``checkSchedules()``, once the streams are read).
    var timeline: Timeline? = nil
    var warnings: [String] = []

    init(root: YAMLValue, policies: PolicySet) {
        self.root = root
        file = root.file
        self.policies = policies
    }

    /// Unknown top-level keys, and a scenario's own policy folder (`policies_dir`).
    mutating func readPolicies() throws(InputErrors) {
        root.checkKeys(
            [
                "name", "state", "period", "policies", "policies_dir", "set", "rules", "streams", "programs",
                "participants", "participants_sheet", "roster_defaults", "objective", "targets", "partners", "in_kind",
                "shared_costs", "indirect", "cost_timing", "note",
            ],
            diagnostics)
        if let dir = root["policies_dir"], let text = diagnostics.attempt({ () throws(InputError) in try dir.string() })
        {
            let resolved =
                text.hasPrefix("/")
                ? text : ((file as NSString).deletingLastPathComponent as NSString).appendingPathComponent(text)
            do { policies = try PolicySet.load(directory: resolved) } catch {
                throw InputErrors(diagnostics.errors + error.errors)
            }
        }
    }

    /// The name, the state (which picks the poverty-guideline table) and the period.
    mutating func readHeader() {
        name = root["name"].flatMap { n in diagnostics.attempt { () throws(InputError) in try n.string() } } ?? file
        if let s = root["state"] {
            if let text = diagnostics.attempt({ () throws(InputError) in try s.string() }) {
                if text.count == 2 && text == text.uppercased() {
                    state = text
                } else {
                    diagnostics.add(s.error("expected a two-letter state code, got '\(text)'"))
                }
            }
        } else {
            diagnostics.add(root.error("missing 'state' (it picks the poverty-guideline table)", key: "state"))
        }
        if let p = root["period"] {
            guard p.isMapping, p["start"] != nil, p["end"] != nil else {
                diagnostics.add(p.error("period must be {start: YYYY-MM-DD, end: YYYY-MM-DD}"))
                return
            }
            p.checkKeys(["start", "end"], diagnostics)
            if let s = p["start"].flatMap({ n in diagnostics.attempt { () throws(InputError) in try n.day() } }) {
                period.start = s
            }
            if let e = p["end"].flatMap({ n in diagnostics.attempt { () throws(InputError) in try n.day() } }) {
                period.end = e
            }
            if period.end < period.start {
                diagnostics.add(p.error("the period ends (\(period.end)) before it starts (\(period.start))"))
            }
        } else {
            diagnostics.add(root.error("missing 'period' ({start: YYYY-MM-DD, end: YYYY-MM-DD})", key: "period"))
        }
    }

    /// Rule changes: `rules: {wioa-adult.adult-age: off, tanf.income-test: "fpl_percent <= 250"}`.
    mutating func applyRuleChanges() {
        guard let rules = root["rules"] else { return }
        for (key, value) in diagnostics.attempt({ () throws(InputError) in try rules.entries() }) ?? [] {
            guard let text = diagnostics.attempt({ () throws(InputError) in try value.string() }) else { continue }
            do { try policies.changeRule(key, expression: text == "off" || text == "false" ? nil : text) } catch {
                diagnostics.add(value.error(error.reason))
            }
        }
    }

    /// The policies the scenario selects (`policies:`, default all).
    mutating func selectStreams() {
        selected = policies.streamIDs
        if let p = root["policies"], let names = diagnostics.attempt({ () throws(InputError) in try p.strings() }),
            names != ["all"]
        {
            for id in names where policies.stream(id) == nil {
                diagnostics.add(p.error("unknown stream '\(id)'" + suggestion(for: id, in: policies.streamIDs)))
            }
            selected = names.filter { policies.stream($0) != nil }
        }
    }

    /// Parameter overrides: the scenario's `set:` then `--set`; then the parameter values in force.
    mutating func applyOverrides(_ overrides: [String]) {
        if let set = root["set"] {
            for (key, value) in diagnostics.attempt({ () throws(InputError) in try set.entries() }) ?? [] {
                if let raw = diagnostics.attempt({ () throws(InputError) in try value.string() }) {
                    applyOverride(key, raw, value)
                }
            }
        }
        for pair in overrides {
            guard let eq = pair.firstIndex(of: "=") else {
                diagnostics.add(InputError(file: "--set", key: pair, reason: "expected KEY=VALUE"))
                continue
            }
            applyOverride(String(pair[..<eq]), String(pair[pair.index(after: eq)...]), nil)
        }
        environment = policies.environment(period: period, state: state, overrides: parameterValues)
    }

    private mutating func applyOverride(_ key: String, _ raw: String, _ node: YAMLValue?) {
        let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
        if parts.count == 2, parts[1] == "budget" || parts[1] == "cap" || parts[1].hasPrefix("budget.") {
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

    /// The streams, what they reimburse, and the money overrides.
    mutating func readStreams() {
        if let s = root["streams"], let entries = diagnostics.attempt({ () throws(InputError) in try s.entries() }) {
            for (id, value) in entries {
                if let stream = Self.loadStream(id, value, policies: policies, selected: selected, diagnostics) {
                    streams.append(stream)
                }
            }
        } else if root["streams"] == nil {
            diagnostics.add(root.error("missing 'streams'", key: "streams"))
        }
        for stream in streams {
            for target in stream.reimburses {
                guard let t = streams.first(where: { $0.id == target }) else {
                    diagnostics.add(
                        root["streams"]![stream.id]!.error(
                            "reimburses unknown stream '\(target)'" + suggestion(for: target, in: streams.map(\.id)),
                            key: "streams.\(stream.id).reimburses"))
                    continue
                }
                if t.kind == .federal {
                    diagnostics.add(
                        root["streams"]![stream.id]!.error(
                            "reimburses '\(target)', a federal stream: federal money never counts as the non-federal share (2 CFR 200.306(b))",
                            key: "streams.\(stream.id).reimburses"))
                }
            }
        }
        for (key, raw, node) in moneyOverrides {
            let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
            guard let i = streams.firstIndex(where: { $0.id == parts[0] }) else {
                diagnostics.add(
                    node?.error("unknown stream '\(parts[0])'")
                        ?? InputError(
                            file: "--set", key: key,
                            reason: "unknown stream '\(parts[0])' in the scenario"
                                + suggestion(for: parts[0], in: streams.map(\.id))))
                continue
            }
            if streams[i].policy?.entitlement == true {
                let reason = Scenario.entitlementHasNoBudget(parts[0])
                diagnostics.add(node?.error(reason) ?? InputError(file: "--set", key: key, reason: reason))
                continue
            }
            switch parseMoney(raw) {
            case .success(let cents):
                if let reason = streams[i].setMoney(parts[1], cents: cents) {
                    diagnostics.add(node?.error(reason) ?? InputError(file: "--set", key: key, reason: reason))
                }
            case .failure(let f):
                diagnostics.add(node?.error(f.reason) ?? InputError(file: "--set", key: key, reason: f.reason))
            }
        }
    }

    /// The programs (ids unique).
    mutating func readPrograms() {
        for item in root["programs"].flatMap({ n in diagnostics.attempt { () throws(InputError) in try n.items() } })
            ?? []
        {
            if let program = Self.loadProgram(item, diagnostics) {
                if programs.contains(where: { $0.info.id == program.info.id }) {
                    diagnostics.add(item.error("program id '\(program.info.id)' is used twice"))
                } else {
                    programs.append(program)
                }
            }
        }
        if root["programs"] == nil { diagnostics.add(root.error("missing 'programs'", key: "programs")) }
    }

    /// The objective: weight rules and the use order (then the default order for the rest:
    /// entitlements, federal categorical streams, WIOA, non-federal, private).
    mutating func readObjective() {
        if let objective = root["objective"] {
            objective.checkKeys(["maximize", "weights", "use_order"], diagnostics)
            readMeasure(objective["maximize"])
            if let w = objective["weights"], !(w.isNull || (try? w.string()) == "default") {
                for item in (diagnostics.attempt { () throws(InputError) in try w.items() } ?? []) { readWeight(item) }
            }
            if let u = objective["use_order"],
                let ids = diagnostics.attempt({ () throws(InputError) in try u.strings() })
            {
                for id in ids where !streams.contains(where: { $0.id == id }) {
                    diagnostics.add(
                        u.error("unknown stream '\(id)' in use_order" + suggestion(for: id, in: streams.map(\.id))))
                }
                useOrder = ids
            }
        }
        for id in Scenario.defaultUseOrder(streams) where !useOrder.contains(id) { useOrder.append(id) }
    }

    private mutating func readWeight(_ item: YAMLValue) {
        item.checkKeys(["when", "weight", "label"], diagnostics)
        guard let whenNode = item["when"],
            let source = diagnostics.attempt({ () throws(InputError) in try whenNode.string() }),
            let weight = item["weight"].flatMap({ n in diagnostics.attempt { () throws(InputError) in try n.number() } }
            )
        else {
            diagnostics.add(item.error("a weight rule needs 'when' and 'weight'"))
            return
        }
        if weight <= 0 || weight > 1000 {
            diagnostics.add(item["weight"]!.error("weight must be above 0 and at most 1000"))
        }
        do {
            let compiled = try policies.compile(source, stream: nil, expecting: .bool)
            weights.append(
                WeightRule(
                    condition: compiled, weight: weight, label: item["label"].flatMap { try? $0.string() } ?? source))
        } catch {
            diagnostics.add(
                InputError(
                    file: whenNode.file, line: whenNode.line, column: whenNode.textColumn.map { $0 + error.offset },
                    key: whenNode.key, reason: error.reason))
        }
    }

    /// The participant roster (a CSV or `.xlsx` file relative to the file that names it: the
    /// scenario, or a what-if that names another roster).
    mutating func readParticipants() {
        if let p = root["participants"], let rel = diagnostics.attempt({ () throws(InputError) in try p.string() }) {
            rosterFile =
                rosterInPlace
                ?? (rel.hasPrefix("/")
                    ? rel : ((p.file as NSString).deletingLastPathComponent as NSString).appendingPathComponent(rel))
            if rosterFile == file {
                diagnostics.add(p.error("the participant roster cannot be the scenario file itself"))
            } else {
                let sheet = root["participants_sheet"].flatMap { n in
                    diagnostics.attempt { () throws(InputError) in try n.string() }
                }
                participants =
                    rosterRead
                    ?? Roster.load(
                        rosterFile, programs: Set(programs.map(\.info.id)), defaults: rosterDefaults(), sheet: sheet,
                        diagnostics)
            }
        } else if root["participants"] == nil {
            diagnostics.add(
                root.error("missing 'participants' (a CSV file relative to the scenario)", key: "participants"))
        }
    }

    /// The columns named in `roster_defaults:` (each a participant field whose blank would
    /// otherwise be an error).
    func rosterDefaults() -> Set<String> {
        guard let node = root["roster_defaults"],
            let names = diagnostics.attempt({ () throws(InputError) in try node.strings() })
        else { return [] }
        var out = Set<String>()
        for name in names {
            guard let i = PersonField.index[name] else {
                diagnostics.add(
                    node.error(
                        "roster_defaults: unknown column '\(name)'"
                            + suggestion(for: name, in: PersonField.all.map(\.name))))
                continue
            }
            if PersonField.all[i].blankMeans != nil {
                diagnostics.add(
                    node.error(
                        "roster_defaults: a blank \(name) is already allowed (\(PersonField.all[i].blankMeans!))"))
            }
            out.insert(name)
        }
        return out
    }

    /// One warning per column whose blanks took the default, with the rows.
    func defaultWarnings() -> [String] {
        var rows: [Int: [String]] = [:]
        for person in participants { for i in person.defaulted { rows[i, default: []].append(person.id) } }
        return rows.keys.sorted().map { i in
            let field = PersonField.all[i], ids = rows[i]!
            let shown = ids.prefix(5).joined(separator: ", ") + (ids.count > 5 ? ", …" : "")
            return "\(rosterFile): \(field.name): \(ids.count) blank cell\(ids.count == 1 ? "" : "s") took the default "
                + "\(RosterColumns.describe(field.defaultValue)) (roster_defaults:): \(shown)"
        }
    }

    /// Parameter values the period needs but the policies lack, and ages that contradict each other.
    func checkValues() {
        for problem in policies.valueProblems(
            period: period, streams: streams.compactMap { $0.policy?.id }, overrides: Set(parameterValues.keys))
        {
            diagnostics.add(root.error(problem, key: "period"))
        }
        if let environment { checkRates(environment) }
        for person in participants {
            if let why = birthInconsistency(person, at: period.start) {
                diagnostics.add(InputError(file: rosterFile, key: "age", reason: "participant \(person.id): \(why)"))
            }
        }
    }

    /// Matching rates and stream-cap shares (which read no participant) must be numbers of 0 or
    /// more in the period, with the overrides: a blank or negative rate would silently pay
    /// nothing, or turn a limit into money owed.
    func checkRates(_ environment: PolicyEnvironment) {
        let context = EvaluationContext.withoutParticipant(environment: environment)
        for stream in streams {
            guard let policy = stream.policy else { continue }
            var rates: [(String, CompiledExpression)] = policy.streamCaps.map {
                ("stream cap \($0.id) share", $0.share)
            }
            if let matching = policy.matching { rates.append(("matching rate", matching.rate)) }
            for (what, expression) in rates {
                let value = expression.evaluate(context).number
                if let value, value >= 0 { continue }
                diagnostics.add(
                    root.error(
                        "\(stream.id): the \(what) '\(expression.source)' is "
                            + (value.map { "negative (\(formatNumber($0)))" } ?? "blank (not a finite number)")
                            + " in this period; it must be a number of 0 or more",
                        key: "streams.\(stream.id)"))
            }
        }
    }

    /// The scenario, or every problem recorded.
    func scenario() throws(InputErrors) -> Scenario {
        try diagnostics.check()
        var scenario = Scenario(
            name: name, file: file, rosterFile: rosterFile, state: state, period: period, policies: policies,
            environment: environment!,
            streams: streams, programs: programs, participants: participants, weights: weights, measure: measure,
            targets: targets, useOrder: useOrder.filter { id in streams.contains { $0.id == id } }, overrides: applied)
        scenario.warnings = defaultWarnings() + warnings
        scenario.partners = partners
        scenario.inKind = inKind
        scenario.sharedCosts = sharedCosts
        scenario.indirect = indirect
        scenario.timeline = timeline ?? Timeline(period: period, streams: streams)
        scenario.costTiming = costTiming
        return scenario
    }
}
