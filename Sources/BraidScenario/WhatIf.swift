import BraidPolicy
import Foundation

/// A what-if: a small file that names a base scenario and changes only what differs.
///
/// ```yaml
/// base: ../atlanta-healthcare
/// name: Atlanta — state sector-partnership fund
/// set: {wioa-adult.ita_cap: 6000, tanf.budget: 20000}
/// streams: {sector-fund: {kind: nonfederal, budget: 100000, allowable: [tuition]}}
/// remove_streams: [tanf]
/// rules: {tanf.tanf-income: "fpl_percent <= 250"}
/// use_order: [pell, sector-fund, wioa-adult]
/// objective: {maximize: placements}          # keys replace the base's objective keys
/// participants: ../rosters/spring-intake.csv  # another roster (relative to this file)
/// targets: [{label: Women, when: 'sex == "F"', share_at_least: 0.5}]   # replaces the base's list
/// ```
public enum WhatIf {
    static let keys = [
        "base", "name", "set", "streams", "remove_streams", "rules", "use_order", "objective", "targets", "partners",
        "in_kind", "shared_costs", "indirect", "note", "participants", "participants_sheet",
    ]

    /// Whether a YAML file is a what-if (it has `base:`).
    public static func isWhatIf(_ path: String) -> Bool {
        guard let text = try? readTextFile(Scenario.scenarioFile(path)),
            let root = try? YAMLValue.parse(text, file: path)
        else { return false }
        return root["base"] != nil
    }

    /// How many what-ifs may stand on each other (`base:` naming a what-if): a guard against a loop.
    static let deepestBase = 8

    /// A what-if's tree applied to its base scenario's (the base read from `base:`, relative to
    /// the what-if's folder; it may itself be a what-if). Values the what-if sets keep its file,
    /// line and column for error messages. A tree without `base:` is returned as it is.
    public static func resolve(_ root: YAMLValue, depth: Int = 0) throws(InputErrors) -> YAMLValue {
        guard root["base"] != nil else { return root }
        return try merge(try baseTree(of: root, depth: depth), root)
    }

    /// The tree of the scenario a what-if's `base:` names (itself resolved when it is a what-if).
    static func baseTree(of root: YAMLValue, depth: Int = 0) throws(InputErrors) -> YAMLValue {
        guard let base = root["base"] else {
            throw InputErrors([root.error("missing 'base' (the scenario it changes)", key: "base")])
        }
        guard depth < deepestBase else {
            throw InputErrors([base.error("what-ifs stand on each other more than \(deepestBase) deep (a loop?)")])
        }
        let d = Diagnostics()
        root.checkKeys(keys, d)
        try d.check()
        let baseFile: String
        do { baseFile = Scenario.scenarioFile(try basePath(base, of: root.file)) } catch { throw InputErrors([error]) }
        let text: String
        do { text = try readTextFile(baseFile, limitBytes: 16 << 20) } catch {
            throw InputErrors([base.error("the base scenario cannot be read: \(error.reason)")])
        }
        let baseRoot: YAMLValue
        do {
            baseRoot = try YAMLValue.parse(text, file: baseFile)
            _ = try baseRoot.entries()
        } catch { throw InputErrors([error]) }
        return try resolve(baseRoot, depth: depth + 1)
    }

    /// The path `base:` names, relative to the what-if's folder.
    static func basePath(_ base: YAMLValue, of file: String) throws(InputError) -> String {
        let relative = try base.string()
        guard !relative.hasPrefix("/") else { return relative }
        // `folder/../x` as `x`, so messages name the file as a person would.
        var parts: [Substring] = []
        let joined = ((file as NSString).deletingLastPathComponent as NSString).appendingPathComponent(relative)
        for part in joined.split(separator: "/", omittingEmptySubsequences: false) {
            if part == "..", let last = parts.last, last != "..", !last.isEmpty {
                parts.removeLast()
            } else if part != "." {
                parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    /// Loads the baseline and the what-if.
    /// - Parameters:
    ///   - scenario: the baseline scenario (or a what-if, whose result is the baseline), or nil to
    ///     use the what-if's `base`.
    ///   - whatIf: the what-if file, or nil when the changes are only `overrides`.
    ///   - overrides: `--set` pairs applied to the what-if side.
    public static func load(scenario: String?, whatIf: String?, policies: PolicySet, overrides: [String])
        throws(InputErrors)
        -> (baseline: Scenario, whatIf: Scenario)
    {
        var changes: YAMLValue? = nil
        if let whatIf {
            do {
                let node = try YAMLValue.parse(try readTextFile(whatIf, limitBytes: 1 << 20), file: whatIf)
                _ = try node.entries()
                guard node["base"] != nil || scenario != nil else {
                    throw InputErrors([node.error("missing 'base' (the scenario it changes)", key: "base")])
                }
                changes = node
            } catch let error as InputError {
                throw InputErrors([error])
            } catch let error as InputErrors {
                throw error
            } catch {
                throw InputErrors([InputError(file: whatIf, reason: "\(error)")])
            }
        }
        return try load(scenario: scenario, changes: changes, policies: policies, overrides: overrides)
    }

    /// The what-if of YAML text (the workbench's edits, `file` naming it in messages) on the
    /// scenario at `scenario`, whose `base:`, if any, is not read; the baseline is not loaded (the
    /// workbench has it already: loading it again was half of an edit's loading).
    /// - Parameter participants: the baseline's roster when the what-if keeps it (not read again).
    public static func loadWhatIf(
        scenario: String, text: String, file: String, policies: PolicySet, participants: [Person]? = nil
    ) throws(InputErrors) -> Scenario {
        try Scenario.load(
            root: try merge(try root(of: scenario), try changes(text, file: file)), policies: policies,
            participants: participants)
    }

    /// A what-if's changes from YAML text (a mapping).
    private static func changes(_ text: String, file: String) throws(InputErrors) -> YAMLValue {
        do {
            let changes = try YAMLValue.parse(text, file: file)
            _ = try changes.entries()
            return changes
        } catch {
            throw InputErrors([error])
        }
    }

    /// The tree of the scenario at `scenario` (a folder or its file), its `include:`s resolved.
    static func root(of scenario: String) throws(InputErrors) -> YAMLValue {
        let file = Scenario.scenarioFile(scenario)
        do {
            return try resolve(try YAMLValue.parse(try readTextFile(file, limitBytes: 16 << 20), file: file))
        } catch let error as InputErrors {
            throw error
        } catch let error as InputError {
            throw InputErrors([error])
        } catch {
            throw InputErrors([InputError(file: file, reason: "\(error)")])
        }
    }

    static func load(scenario: String?, changes: YAMLValue?, policies: PolicySet, overrides: [String])
        throws(InputErrors) -> (baseline: Scenario, whatIf: Scenario)
    {
        guard let changes else {
            guard let scenario else {
                throw InputErrors([InputError(file: "compare", reason: "give a scenario or a what-if file with base:")])
            }
            return (
                try Scenario.load(path: scenario, policies: policies),
                try Scenario.load(path: scenario, policies: policies, overrides: overrides)
            )
        }
        let baseRoot: YAMLValue
        if let scenario {
            baseRoot = try root(of: scenario)
        } else {
            baseRoot = try baseTree(of: changes)
        }
        let baseline = try Scenario.load(root: baseRoot, policies: policies)
        return (
            baseline, try Scenario.load(root: try merge(baseRoot, changes), policies: policies, overrides: overrides)
        )
    }

    /// When a what-if is compared against another scenario than its `base:`: a sentence saying
    /// so (the what-if's changes were written for its base), or nil.
    public static func baseMismatch(scenario: String, whatIf: String) -> String? {
        guard let text = try? readTextFile(whatIf, limitBytes: 1 << 20),
            let root = try? YAMLValue.parse(text, file: whatIf), let base = root["base"],
            let path = try? basePath(base, of: whatIf)
        else { return nil }
        let named = URL(fileURLWithPath: Scenario.scenarioFile(path)).standardizedFileURL.resolvingSymlinksInPath()
        let given = URL(fileURLWithPath: Scenario.scenarioFile(scenario)).standardizedFileURL.resolvingSymlinksInPath()
        guard named.path != given.path else { return nil }
        return
            "\(whatIf): its base is \((try? base.string()) ?? path), but the baseline given is \(scenario); its changes are applied to \(scenario)"
    }

    /// A section's entries; a section that is not a mapping is an error at its line.
    static func entries(_ node: YAMLValue?) throws(InputErrors) -> [(String, YAMLValue)] {
        guard let node else { return [] }
        do { return try node.entries() } catch { throw InputErrors([error]) }
    }

    /// Applies a what-if's streams, removals, rules, name and use order to the base scenario's tree.
    static func merge(_ base: YAMLValue, _ changes: YAMLValue) throws(InputErrors) -> YAMLValue {
        guard base.isMapping else { throw InputErrors([base.error("expected a mapping")]) }
        var root = base
        func mapping(_ key: String) -> YAMLValue {
            root[key].flatMap { $0.isMapping ? $0 : nil } ?? .emptyMapping(file: base.file, key: key)
        }
        if let name = changes["name"] { root = root.setting("name", to: name) }
        if let set = changes["set"] {
            var merged = mapping("set")
            do {
                for (key, value) in try set.entries() { merged = merged.setting(key, to: value) }
            } catch { throw InputErrors([error]) }
            root = root.setting("set", to: merged)
        }
        if let note = changes["note"] { root = root.setting("note", to: note) }
        if let roster = changes["participants"] {
            // (Another roster: the base's sheet name was the base roster's, not this one's.)
            root = root.setting("participants", to: roster).setting(
                "participants_sheet", to: changes["participants_sheet"])
        } else if let sheet = changes["participants_sheet"] {
            root = root.setting("participants_sheet", to: sheet)
        }
        var streams = mapping("streams")
        var removed: [String] = []
        if let remove = changes["remove_streams"] {
            do { removed = try remove.strings() } catch { throw InputErrors([error]) }
            for id in removed {
                guard streams[id] != nil else {
                    throw InputErrors([
                        remove.error(
                            "remove_streams: '\(id)' is not a stream of the base scenario"
                                + suggestion(for: id, in: streams.keys))
                    ])
                }
                streams = streams.setting(id, to: nil)
            }
        }
        for (id, value) in try entries(changes["streams"]) { streams = streams.setting(id, to: value) }
        root = root.setting("streams", to: streams)
        var rules = mapping("rules")
        for (id, value) in try entries(changes["rules"]) { rules = rules.setting(id, to: value) }
        if !rules.isEmptyMapping { root = root.setting("rules", to: rules) }
        var objective = mapping("objective")
        if let changed = changes["objective"] {
            guard changed.isMapping else {
                throw InputErrors([changed.error("objective: expected a mapping (maximize, weights, use_order)")])
            }
            for (key, value) in try entries(changed) { objective = objective.setting(key, to: value) }
        }
        if let targets = changes["targets"] { root = root.setting("targets", to: targets) }
        if let inKind = changes["in_kind"] { root = root.setting("in_kind", to: inKind) }
        if let shared = changes["shared_costs"] { root = root.setting("shared_costs", to: shared) }
        if let indirect = changes["indirect"] { root = root.setting("indirect", to: indirect) }
        var partners = mapping("partners")
        for (id, value) in try entries(changes["partners"]) { partners = partners.setting(id, to: value) }
        if !partners.isEmptyMapping { root = root.setting("partners", to: partners) }
        if let order = changes["use_order"] {
            objective = objective.setting("use_order", to: order)
        } else if let order = objective["use_order"], !removed.isEmpty {
            objective = objective.setting("use_order", to: order.removingItems { removed.contains($0) })
        }
        if !objective.isEmptyMapping { root = root.setting("objective", to: objective) }
        return root
    }
}
