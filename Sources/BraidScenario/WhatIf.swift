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
/// targets: [{label: Women, when: 'sex == "F"', share_at_least: 0.5}]   # replaces the base's list
/// ```
public enum WhatIf {
    static let keys = [
        "base", "name", "set", "streams", "remove_streams", "rules", "use_order", "objective", "targets", "note",
    ]

    /// Whether a YAML file is a what-if (it has `base:`).
    public static func isWhatIf(_ path: String) -> Bool {
        guard let text = try? readTextFile(Scenario.scenarioFile(path)),
            let root = try? YAMLValue.parse(text, file: path)
        else { return false }
        return root["base"] != nil
    }

    /// Loads the baseline and the what-if.
    /// - Parameters:
    ///   - scenario: the baseline scenario, or nil to use the what-if's `base`.
    ///   - whatIf: the what-if file, or nil when the changes are only `overrides`.
    ///   - overrides: `--set` pairs applied to the what-if side.
    public static func load(scenario: String?, whatIf: String?, policies: PolicySet, overrides: [String])
        throws(InputErrors)
        -> (baseline: Scenario, whatIf: Scenario)
    {
        var changes: YAMLValue? = nil
        var basePath = scenario
        if let whatIf {
            do {
                let node = try YAMLValue.parse(try readTextFile(whatIf, limitBytes: 1 << 20), file: whatIf)
                _ = try node.entries()
                let d = Diagnostics()
                node.checkKeys(keys, d)
                try d.check()
                changes = node
                if basePath == nil {
                    guard let base = node["base"] else {
                        throw InputErrors([node.error("missing 'base' (the scenario it changes)", key: "base")])
                    }
                    let relative = try base.string()
                    basePath =
                        relative.hasPrefix("/")
                        ? relative
                        : ((whatIf as NSString).deletingLastPathComponent as NSString).appendingPathComponent(relative)
                }
            } catch let error as InputError {
                throw InputErrors([error])
            } catch let error as InputErrors {
                throw error
            } catch {
                throw InputErrors([InputError(file: whatIf, reason: "\(error)")])
            }
        }
        guard let basePath else {
            throw InputErrors([InputError(file: "compare", reason: "give a scenario or a what-if file with base:")])
        }
        let file = Scenario.scenarioFile(basePath)
        let baseRoot: YAMLValue
        do { baseRoot = try YAMLValue.parse(try readTextFile(file, limitBytes: 16 << 20), file: file) } catch {
            throw InputErrors([error])
        }
        let baseline = try Scenario.load(root: baseRoot, policies: policies)
        guard let changes else {
            return (baseline, try Scenario.load(root: baseRoot, policies: policies, overrides: overrides))
        }
        let merged = try merge(baseRoot, changes)
        var all = [String]()
        for (key, value) in (try? changes["set"]?.entries()) ?? [] {
            all.append("\(key)=\((try? value.string()) ?? "")")
        }
        return (baseline, try Scenario.load(root: merged, policies: policies, overrides: all + overrides))
    }

    /// Applies a what-if's streams, removals, rules, name and use order to the base scenario's tree.
    static func merge(_ base: YAMLValue, _ changes: YAMLValue) throws(InputErrors) -> YAMLValue {
        guard base.isMapping else { throw InputErrors([base.error("expected a mapping")]) }
        var root = base
        func mapping(_ key: String) -> YAMLValue {
            root[key].flatMap { $0.isMapping ? $0 : nil } ?? .emptyMapping(file: base.file, key: key)
        }
        if let name = changes["name"] { root = root.setting("name", to: name) }
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
        for (id, value) in (try? changes["streams"]?.entries()) ?? [] { streams = streams.setting(id, to: value) }
        root = root.setting("streams", to: streams)
        var rules = mapping("rules")
        for (id, value) in (try? changes["rules"]?.entries()) ?? [] { rules = rules.setting(id, to: value) }
        if !rules.isEmptyMapping { root = root.setting("rules", to: rules) }
        var objective = mapping("objective")
        if let changed = changes["objective"] {
            guard changed.isMapping else {
                throw InputErrors([changed.error("objective: expected a mapping (maximize, weights, use_order)")])
            }
            for (key, value) in (try? changed.entries()) ?? [] { objective = objective.setting(key, to: value) }
        }
        if let targets = changes["targets"] { root = root.setting("targets", to: targets) }
        if let order = changes["use_order"] {
            objective = objective.setting("use_order", to: order)
        } else if let order = objective["use_order"], !removed.isEmpty {
            objective = objective.setting("use_order", to: order.removingItems { removed.contains($0) })
        }
        if !objective.isEmptyMapping { root = root.setting("objective", to: objective) }
        return root
    }
}
