import ArgumentParser
import BraidPlanner
import BraidPolicy
import BraidReports
import BraidScenario
import Foundation

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Audit a result JSON against the rules, without the optimiser (exit 0 when clean, 5 with violations)."
    )
    @Argument(
        help: "The scenario YAML (or its folder), or a what-if file (base: and its changes).", completion: .file())
    var scenario: String
    @Argument(help: "The result JSON of braid run --format json.", completion: .file()) var result: String
    @OptionGroup var options: ScenarioOptions

    func run() throws {
        let loaded = try options.load(scenario)
        let plan = try ResultReader.read(result)
        let issues = Verifier.violations(of: plan, scenario: loaded)
        if issues.isEmpty {
            try say(
                "verified: \(plan.served.count) served, \(plan.allocations.count) allocation lines, \(plan.programAllocations.count) program lines — no violations"
            )
            return
        }
        for issue in issues { try say("violation: \(issue)") }
        try say("\(issues.count) violation(s)")
        throw ExitCode(5)
    }
}
