import ArgumentParser
import BraidPlanner
import BraidPolicy
import BraidReports
import BraidScenario
import Foundation

struct Eligibility: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The participant × stream eligibility matrix, or one participant's reasons.")
    @Argument(help: "The scenario YAML (or its folder).") var scenario: String
    @OptionGroup var options: ScenarioOptions
    @Option(help: "Show the reasons, with citations, for one participant.") var participant: String?
    @Option(help: "table, json or csv.") var format: String = "table"

    func validate() throws {
        if !["table", "json", "csv"].contains(format) { throw ValidationError("--format must be table, json or csv") }
    }

    func run() throws {
        let loaded = try options.load(scenario)
        let analyses = loaded.analyze()
        if let participant {
            guard let a = analyses.first(where: { $0.person.id == participant }) else {
                throw InputError(file: loaded.rosterFile, key: participant, reason: "unknown participant" + suggestion(for: participant, in: analyses.map(\.person.id)))
            }
            print(ExplainReport.eligibility(a, loaded), terminator: "")
        } else {
            print(ExplainReport.matrix(loaded, analyses: analyses, format: format), terminator: "")
            if format == "table" { print("\n" + ExplainReport.programs(loaded), terminator: "") }
        }
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Why a participant is (not) served, and why each stream pays what it pays.")
    @Argument(help: "The scenario YAML (or its folder).") var scenario: String
    @OptionGroup var options: ScenarioOptions
    @Option(help: "The participant id.") var participant: String

    func run() throws {
        let loaded = try options.load(scenario)
        let analyses = loaded.analyze()
        guard analyses.contains(where: { $0.person.id == participant }) else {
            throw InputError(file: loaded.rosterFile, key: participant, reason: "unknown participant" + suggestion(for: participant, in: analyses.map(\.person.id)))
        }
        let plan = try Planner.plan(loaded, analyses: analyses, options: PlanOptions(), hint: nil).plan
        print(ExplainReport.explain(participant, loaded, plan, analyses: analyses), terminator: "")
    }
}

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Audit a result JSON against the rules, without the optimiser (exit 0 when clean, 5 with violations).")
    @Argument(help: "The scenario YAML (or its folder).") var scenario: String
    @Argument(help: "The result JSON of braid run --format json.") var result: String
    @OptionGroup var options: ScenarioOptions

    func run() throws {
        let loaded = try options.load(scenario)
        let plan = try ResultReader.read(result)
        let issues = Verifier.violations(of: plan, scenario: loaded)
        if issues.isEmpty {
            print("verified: \(plan.served.count) served, \(plan.allocations.count) allocation lines, \(plan.programAllocations.count) program lines — no violations")
            return
        }
        for issue in issues { print("violation: \(issue)") }
        print("\(issues.count) violation(s)")
        throw ExitCode(5)
    }
}
