import ArgumentParser
import BraidPlanner
import BraidPolicy
import BraidReports
import BraidScenario
import Foundation

struct Eligibility: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The participant × stream eligibility matrix, or one participant's reasons.")
    @Argument(
        help: "The scenario YAML (or its folder), or a what-if file (base: and its changes).", completion: .file())
    var scenario: String
    @OptionGroup var options: ScenarioOptions
    @Option(help: "Show the reasons, with citations, for one participant.") var participant: String?
    @Option(help: "table, json, csv or xlsx (xlsx needs --output).") var format: String = "table"
    @Option(help: "Write the matrix to this file (atomically).", completion: .file()) var output: String?

    func validate() throws {
        if !["table", "json", "csv", "xlsx"].contains(format) {
            throw ValidationError("--format must be table, json, csv or xlsx")
        }
        if format == "xlsx" && output == nil {
            throw ValidationError("--format xlsx writes a file: give --output FILE.xlsx")
        }
    }

    func run() throws {
        let loaded = try options.load(scenario)
        let analyses = loaded.analyze()
        if let participant {
            guard let a = analyses.first(where: { $0.person.id == participant }) else {
                throw InputError(
                    file: loaded.rosterFile, key: participant,
                    reason: "unknown participant" + suggestion(for: participant, in: analyses.map(\.person.id)))
            }
            try say(ExplainReport.eligibility(a, loaded), terminator: "")
        } else if format == "xlsx" {
            try emit(Workbook([WorkbookReport.eligibility(loaded, analyses)]), to: output)
        } else {
            var text = ExplainReport.matrix(loaded, analyses: analyses, format: format)
            if format == "table" { text += "\n" + ExplainReport.programs(loaded) }
            try emit(text, to: output)
        }
    }
}
