import ArgumentParser
import BraidPlanner
import BraidPolicy
import BraidReports
import BraidScenario
import Foundation

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Why a participant is (not) served, and why each stream pays what it pays.")
    @Argument(
        help: "The scenario YAML (or its folder), or a what-if file (base: and its changes).", completion: .file())
    var scenario: String
    @OptionGroup var options: ScenarioOptions
    @Option(help: "The participant id.") var participant: String

    func run() throws {
        let loaded = try options.load(scenario)
        let analyses = loaded.analyze()
        guard analyses.contains(where: { $0.person.id == participant }) else {
            throw InputError(
                file: loaded.rosterFile, key: participant,
                reason: "unknown participant" + suggestion(for: participant, in: analyses.map(\.person.id)))
        }
        let plan = try Planner.plan(loaded, analyses: analyses, options: PlanOptions(), hint: nil).plan
        try say(ExplainReport.explain(participant, loaded, plan, analyses: analyses), terminator: "")
    }
}
