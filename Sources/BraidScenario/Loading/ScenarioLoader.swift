import BraidPolicy
import Foundation

extension Scenario {
    /// Loads a scenario file (or a folder holding `scenario.yaml`) and its participant CSV; a
    /// what-if file (one with `base:`) loads as its base with its changes.
    /// - Parameters:
    ///   - path: the scenario YAML or its folder.
    ///   - policies: the policy set (a scenario may name its own `policies_dir`).
    ///   - overrides: `KEY=VALUE` pairs from `--set`, applied after the scenario's `set:`.
    /// - Throws: ``InputErrors`` listing every problem with file, line and key.
    /// - Parameter roster: a roster file read in place of the scenario's `participants:` (an
    ///   upload in `braid serve`), with the same programs, defaults and checks.
    public static func load(
        path: String, policies basePolicies: PolicySet, overrides: [String] = [], roster: String? = nil
    )
        throws(InputErrors) -> Scenario
    {
        let file = scenarioFile(path)
        let root: YAMLValue
        do {
            root = try YAMLValue.parse(try readTextFile(file, limitBytes: 16 << 20), file: file)
            _ = try root.entries()
        } catch {
            throw InputErrors([error])
        }
        // A what-if (`base:`) is its base scenario with its changes.
        return try load(root: try WhatIf.resolve(root), policies: basePolicies, overrides: overrides, roster: roster)
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
    /// - Parameter participants: the roster as read by another load of the same scenario and
    ///   roster file (not read again).
    public static func load(
        root: YAMLValue, policies basePolicies: PolicySet, overrides: [String] = [], roster: String? = nil,
        participants: [Person]? = nil
    )
        throws(InputErrors) -> Scenario
    {
        var reader = ScenarioReader(root: root, policies: basePolicies)
        reader.rosterInPlace = roster
        reader.rosterRead = participants
        try reader.readPolicies()
        reader.readHeader()
        reader.applyRuleChanges()
        reader.selectStreams()
        reader.applyOverrides(overrides)
        reader.readStreams()
        reader.readPartnership()
        reader.readPrograms()
        reader.readSharedCosts()
        reader.readCostTiming()
        reader.checkSchedules()
        reader.readIndirect()
        reader.readObjective()
        reader.readTargets()
        reader.checkProgramLinks()
        reader.readParticipants()
        reader.checkValues()
        return try reader.scenario()
    }

    static func defaultUseOrder(_ streams: [ScenarioStream]) -> [String] {
        func rank(_ s: ScenarioStream) -> Int {
            if s.policy?.entitlement == true { return 0 }
            if s.policy?.matching != nil { return 1 }
            if s.kind == .federal { return s.id.hasPrefix("wioa") ? 3 : 2 }
            return s.kind == .nonfederal ? 4 : 5
        }
        return streams.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(
            \.element.id)
    }
}
