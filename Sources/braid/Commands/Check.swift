import ArgumentParser
import BraidPlanner
import BraidPolicy
import BraidReports
import BraidScenario
import Foundation

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate a scenario, its roster and the policies; list every problem.")
    @Argument(help: "The scenario YAML (or its folder), or a what-if file.", completion: .file()) var scenario: String
    @OptionGroup var options: ScenarioOptions

    func run() throws {
        let loaded = try options.load(scenario)
        let problems = loaded.staticProblems(loaded.analyze())
        for warning in loaded.warnings + problems.warnings {
            FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
        }
        // What run would reject: no plan exists.
        if !problems.errors.isEmpty { throw InputErrors(problems.errors) }
        let file = Scenario.scenarioFile(scenario)
        let on = file == loaded.file ? "" : " (a what-if on \(loaded.file))"
        try say(
            "\(file): ok\(on) — \(loaded.participants.count) participants, \(loaded.programs.count) programs, \(loaded.streams.count) streams"
        )
    }
}
