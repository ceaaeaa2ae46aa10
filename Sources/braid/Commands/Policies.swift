import ArgumentParser
import BraidPlanner
import BraidPolicy
import BraidReports
import BraidScenario
import Foundation

struct Policies: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the encoded streams, or show one stream's rules, parameters and citations.",
        discussion:
            "--assumptions lists every value that is not law or regulation (state options with their ranges, guidance, assumptions); with --scenario, those in force for that scenario after its set: and --set."
    )
    @OptionGroup var options: ScenarioOptions
    @Argument(help: "A stream id (e.g. wioa-adult).") var id: String?
    @Option(help: "The date whose parameter values are shown (YYYY-MM-DD).") var on: String = "2026-07-01"
    @Flag(help: "List every state option, guidance and assumption in force (all streams, or --scenario's).")
    var assumptions = false
    @Option(help: "With --assumptions: the scenario (YAML or folder) whose streams, period, state and overrides apply.")
    var scenario: String?
    @Option(help: "With --assumptions and no --scenario: the state (picks nothing but the heading).") var state:
        String = "US"

    func run() throws {
        if assumptions {
            if let scenario {
                let loaded = try options.load(scenario)
                try say(
                    PolicyReport.assumptions(
                        loaded.policies, streams: loaded.streams.compactMap { $0.policy?.id },
                        environment: loaded.environment, overrides: loaded.overrides), terminator: "")
            } else {
                let policies = try options.policyOptions.load()
                guard let day = Day(on) else { throw ValidationError("--on must be a date YYYY-MM-DD, got '\(on)'") }
                let environment = policies.environment(period: Period(start: day, end: day), state: state)
                try say(
                    PolicyReport.assumptions(policies, streams: policies.streamIDs, environment: environment),
                    terminator: "")
            }
            return
        }
        if scenario != nil { throw ValidationError("--scenario goes with --assumptions") }
        let policies = try options.policyOptions.load()
        guard let day = Day(on) else { throw ValidationError("--on must be a date YYYY-MM-DD, got '\(on)'") }
        if let id {
            guard let stream = policies.stream(id) else {
                throw InputError(
                    file: policies.directory, key: id,
                    reason: "unknown stream" + suggestion(for: id, in: policies.streamIDs))
            }
            try say(PolicyReport.stream(stream, policies: policies, on: day), terminator: "")
        } else {
            try say(PolicyReport.list(policies), terminator: "")
        }
    }
}
