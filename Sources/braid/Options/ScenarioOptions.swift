import ArgumentParser
import BraidPlanner
import BraidPolicy
import BraidReports
import BraidScenario
import Foundation

/// Scenario, policies and overrides: what every scenario command reads.
struct ScenarioOptions: ParsableArguments {
    @OptionGroup var policyOptions: PolicyOptions
    @Option(
        name: .customLong("set"),
        help: ArgumentHelp(
            "Override a policy parameter or a scenario's money: STREAM.PARAM=VALUE, STREAM.budget=N, STREAM.cap=N (repeatable).",
            valueName: "KEY=VALUE"))
    var overrides: [String] = []

    func load(_ path: String?) throws -> Scenario {
        let policies = try policyOptions.load(near: path)
        let scenario =
            path
            ?? (PolicyLocator.scenarios(policies: policies.directory) as NSString).appendingPathComponent("default")
        let loaded = try Scenario.load(path: scenario, policies: policies, overrides: overrides)
        protect(loaded, given: scenario)
        return loaded
    }

    /// Marks what a command read, so that no `--output` replaces it.
    func protect(_ scenario: Scenario, given path: String) {
        ProtectedInputs.add(Scenario.scenarioFile(path))
        ProtectedInputs.add(scenario.file)
        ProtectedInputs.add(scenario.rosterFile)
        ProtectedInputs.addFolder(scenario.policies.directory)
    }
}
