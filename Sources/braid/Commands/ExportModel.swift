import ArgumentParser
import BraidPlanner
import BraidPolicy
import BraidReports
import BraidScenario
import Foundation

struct ExportModel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-model",
        abstract: "Write the exact optimisation model (phase 1: people served) for external solvers.")
    @Argument(
        help: "The scenario YAML (or its folder), or a what-if file (base: and its changes).", completion: .file())
    var scenario: String
    @OptionGroup var options: ScenarioOptions
    @Option(help: "Write CPLEX LP format to this file.") var lp: String?
    @Option(help: "Write free MPS format to this file (a maximisation is written as minimising the negated objective).")
    var mps: String?
    @Flag(
        help:
            "The monolithic MIP (the only model written: the decomposition's masters are internal). Accepted for scripts that say so."
    )
    var monolithic = false

    func validate() throws {
        if lp == nil && mps == nil { throw ValidationError("give --lp FILE or --mps FILE") }
    }

    func run() throws {
        let loaded = try options.load(scenario)
        try ModelExport.write(loaded, lp: lp, mps: mps)
    }
}
