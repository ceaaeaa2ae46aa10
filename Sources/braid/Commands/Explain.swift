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
    @Option(
        name: .customLong("time-limit"), parsing: .unconditional,
        help: "Seconds for the whole run, as given to run (the plan explained is the plan run finds).")
    var timeLimit: Double?
    @Option(help: "Relative MIP gap at which the search stops, as given to run.") var gap: Double = 1e-6
    @OptionGroup var method: MethodOption

    func validate() throws {
        try TimeLimit.check(timeLimit)
        try TimeLimit.check(gap: gap)
    }

    func run() throws {
        let clock = RunClock(timeLimit)
        let loaded = try options.load(scenario)
        let applicants = loaded.participants.count
        try clock.check(after: "reading the scenario and roster", applicants: applicants)
        let planOptions = method.planOptions(clock: clock, applicants: applicants, gap: gap)
        let analyses = try clock.telling { try Planner.analyses(loaded, options: planOptions) }
        guard analyses.contains(where: { $0.person.id == participant }) else {
            throw InputError(
                file: loaded.rosterFile, key: participant,
                reason: "unknown participant" + suggestion(for: participant, in: analyses.map(\.person.id)))
        }
        let plan = try Planner.plan(
            loaded, analyses: analyses, options: planOptions, hint: nil
        ).plan
        try say(ExplainReport.explain(participant, loaded, plan, analyses: analyses), terminator: "")
        try Run.refuseNoPlan(plan)
    }
}
