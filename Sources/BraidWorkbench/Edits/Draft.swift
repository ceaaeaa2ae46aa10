import BraidPolicy
import BraidScenario
import Foundation
import Yams

/// The planner's edits in the browser, as a what-if: changed settings (`set:`), rules switched
/// off (`rules:`), a new fund (`streams:`), a roster kept in the scenario's `rosters/` folder
/// (`participants:`). Its YAML is the what-if file format
/// (docs/CONTRACTS.md, "What-if file"), so a saved draft is a file `braid compare` runs unchanged.
struct Draft: Sendable, Equatable {
    struct Fund: Sendable, Equatable {
        var id: String
        var dollars: Double
        var allowable: [CostCategory]
    }

    var settings: [(key: String, value: String)] = []

    init() {}
    var rulesOff: [String] = []
    var fund: Fund?
    /// A roster's file name in the scenario's `rosters/` folder, planned in place of its own.
    var roster: String?

    static func == (a: Draft, b: Draft) -> Bool {
        a.settings.map(\.key) == b.settings.map(\.key) && a.settings.map(\.value) == b.settings.map(\.value)
            && a.rulesOff == b.rulesOff && a.fund == b.fund && a.roster == b.roster
    }

    var isEmpty: Bool { settings.isEmpty && rulesOff.isEmpty && fund == nil && roster == nil }

    /// The draft from a submitted form: `set.KEY` fields (kept when they differ from the
    /// scenario's value), `off.STREAM.RULE` checkboxes, and `fund.id`, `fund.budget`,
    /// `fund.allowable` (repeated), and `roster` (one of `rosters`, the names kept for the
    /// scenario; empty: its own). Unknown fields, non-numbers, bad ids and rosters not kept are
    /// refused with the field named.
    init(form: [(String, String)], settings known: [Setting], rules: [SwitchableRule], rosters: [String] = [])
        throws(WorkbenchError)
    {
        let byKey = Dictionary(uniqueKeysWithValues: known.map { ($0.key, $0) })
        let ruleKeys = Set(rules.map(\.key))
        var fundID = "", fundBudget = "", allowable: [CostCategory] = []
        for (name, raw) in form {
            let value = raw.trimmingCharacters(in: .whitespaces)
            if name.hasPrefix("set.") {
                let key = String(name.dropFirst(4))
                guard let setting = byKey[key] else { throw WorkbenchError("\(key): not a setting of this scenario") }
                guard let number = Double(value.replacingOccurrences(of: ",", with: "")), number.isFinite else {
                    throw WorkbenchError("\(setting.label): \"\(raw)\" is not a number")
                }
                if abs(number - setting.value) > 1e-9 * max(1, abs(setting.value)) {
                    settings.append((key, formatNumber(number)))
                }
            } else if name.hasPrefix("off.") {
                let key = String(name.dropFirst(4))
                guard ruleKeys.contains(key) else {
                    throw WorkbenchError("\(key): not a rule that can be switched off")
                }
                rulesOff.append(key)
            } else if name == "fund.id" {
                fundID = value
            } else if name == "fund.budget" {
                fundBudget = value
            } else if name == "roster" {
                guard value.isEmpty || rosters.contains(value) else {
                    throw WorkbenchError("roster: no roster \"\(raw)\" is kept for this scenario (upload it first)")
                }
                roster = value.isEmpty ? nil : value
            } else if name == "fund.allowable" {
                guard let category = CostCategory(rawValue: value) else {
                    throw WorkbenchError("fund.allowable: \"\(raw)\" is not a cost category")
                }
                allowable.append(category)
            } else if !["_csrf", "name", "note", "format", "run"].contains(name) && !name.hasPrefix("sweep.") {
                throw WorkbenchError("\(name): unknown field")
            }
        }
        settings.sort { a, b in
            (known.firstIndex { $0.key == a.key } ?? 0) < (known.firstIndex { $0.key == b.key } ?? 0)
        }
        rulesOff.sort()
        if !fundID.isEmpty || !fundBudget.isEmpty {
            guard let slug = WorkFolder.slug(fundID), slug == fundID else {
                throw WorkbenchError("new fund: its id \"\(fundID)\" must be lower-case letters, digits and hyphens")
            }
            guard let dollars = Double(fundBudget.replacingOccurrences(of: ",", with: "")), dollars > 0,
                dollars.isFinite
            else { throw WorkbenchError("new fund: its budget \"\(fundBudget)\" must be a positive number") }
            guard !allowable.isEmpty else { throw WorkbenchError("new fund: tick at least one cost it may pay") }
            fund = Fund(id: fundID, dollars: dollars, allowable: Array(Set(allowable)).sorted())
        }
    }

    /// The what-if file: `base:` when given, then name, participants, set, rules, streams and
    /// note; the roster named as `rosterFolder/NAME` (relative to where the file is read from).
    func yaml(base: String?, name: String?, note: String?, rosterFolder: String) -> String {
        var pairs: [(Node, Node)] = []
        func text(_ s: String) -> Node { Node(s, Tag(.str), .doubleQuoted) }
        if let base { pairs.append((Node("base"), text(base))) }
        if let name { pairs.append((Node("name"), text(name))) }
        if let roster {
            pairs.append((Node("participants"), text((rosterFolder as NSString).appendingPathComponent(roster))))
        }
        if !settings.isEmpty {
            pairs.append(
                (
                    Node("set"),
                    Node(settings.map { (Node($0.key), Node($0.value, Tag(.str), .plain)) }, Tag(.map), .flow)
                ))
        }
        if !rulesOff.isEmpty {
            pairs.append((Node("rules"), Node(rulesOff.map { (Node($0), Node("off")) }, Tag(.map), .flow)))
        }
        if let fund {
            let stream: [(Node, Node)] = [
                (Node("kind"), Node("nonfederal")),
                (Node("budget"), Node(formatNumber(fund.dollars))),
                (Node("allowable"), Node(fund.allowable.map { Node($0.rawValue) }, Tag(.seq), .flow)),
            ]
            pairs.append((Node("streams"), Node([(Node(fund.id), Node(stream, Tag(.map), .flow))], Tag(.map))))
        }
        if let note { pairs.append((Node("note"), text(note))) }
        return (try? Yams.serialize(node: Node(pairs, Tag(.map)), width: -1)) ?? ""
    }

    /// The draft as its `set:` pairs and switches, for the history's list ("wioa-adult.budget=150000").
    var summary: String {
        (settings.map { "\($0.key)=\($0.value)" } + rulesOff.map { "\($0) off" }
            + (fund.map { ["new fund \($0.id) $\(formatNumber($0.dollars))"] } ?? [])
            + (roster.map { ["roster \($0)"] } ?? [])).joined(separator: ", ")
    }
}

/// A policy rule the scenario may switch off in a what-if: guidance, a state option or an
/// assumption (law and regulation are changed only in a copied policy folder).
struct SwitchableRule: Sendable, Equatable {
    let key: String
    let text: String
    let citation: String

    static func all(for scenario: Scenario) -> [SwitchableRule] {
        let streams = Set(scenario.streams.map(\.id))
        return scenario.policies.streams.filter { streams.contains($0.id) }.flatMap { policy in
            policy.rules.filter { [.guidance, .stateOption, .assumption].contains($0.citation.status) }.map {
                SwitchableRule(
                    key: "\(policy.id).\($0.id)", text: $0.text,
                    citation: "\($0.citation.text) (\($0.citation.status.rawValue))")
            }
        }
    }
}

extension Draft {
    /// A draft from a what-if file's text (a run of the history): its `set:`, `rules:` switched
    /// off, one added nonfederal stream as the new fund, and the roster (by its file name).
    init(whatIfText text: String, settings known: [Setting], rules: [SwitchableRule], rosters: [String] = [])
        throws(WorkbenchError)
    {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            self.init()
            return
        }
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            throw WorkbenchError("the saved what-if does not read: \(error)")
        }
        var form: [(String, String)] = []
        for (key, value) in node?["set"]?.mapping ?? [:] {
            if let k = key.string, let v = value.string { form.append(("set.\(k)", v)) }
        }
        for (key, value) in node?["rules"]?.mapping ?? [:] where value.string == "off" {
            if let k = key.string { form.append(("off.\(k)", "on")) }
        }
        if let (key, stream) = node?["streams"]?.mapping?.first, let id = key.string {
            form.append(("fund.id", id))
            form.append(("fund.budget", stream["budget"]?.string ?? ""))
            for c in stream["allowable"]?.sequence ?? [] { form.append(("fund.allowable", c.string ?? "")) }
        }
        if let roster = node?["participants"]?.string {
            form.append(("roster", (roster as NSString).lastPathComponent))
        }
        try self.init(form: form, settings: known, rules: rules, rosters: rosters)
    }
}
