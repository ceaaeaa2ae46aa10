import ArgumentParser
import BraidPlanner
import BraidPolicy
import BraidReports
import BraidScenario
import BraidSolver
import Foundation
import Logging

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate a scenario, its roster and the policies; list every problem.")
    @Argument(help: "The scenario YAML (or its folder), or a what-if file.", completion: .file()) var scenario: String
    @OptionGroup var options: ScenarioOptions

    func run() throws {
        // (`BRAID_VERBOSE=1` shows the two steps' times: bench/load-eligibility.sh reads them.)
        let log = Logger(label: "braid.check")
        var clock = MonotonicClock.now()
        let loaded = try options.load(scenario)
        log.debug("loaded: \(String(format: "%.3f", MonotonicClock.now() - clock)) s")
        clock = MonotonicClock.now()
        let analyses = loaded.analyze()
        log.debug("eligibility: \(String(format: "%.3f", MonotonicClock.now() - clock)) s")
        let problems = loaded.staticProblems(analyses)
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
