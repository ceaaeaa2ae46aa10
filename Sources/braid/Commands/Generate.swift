import ArgumentParser
import BraidPlanner
import BraidReports
import BraidScenario
import Foundation

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Write a synthetic scenario of any size (DIR/scenario.yaml and DIR/participants.csv), deterministic for a seed."
    )
    @Option(help: "Number of applicants.") var participants: Int
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "The folder to write (new files only).") var output: String

    func validate() throws {
        if participants < 1 || participants > 2_000_000 {
            throw ValidationError("--participants must be between 1 and 2,000,000")
        }
    }

    func run() throws {
        for name in ["scenario.yaml", "participants.csv"] {
            let path = (output as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: path) {
                throw ValidationError("\(path) exists; generate never overwrites a scenario (choose a new folder)")
            }
        }
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let (yaml, csv) = ScenarioGenerator.generate(participants: participants, seed: seed)
        try writeAtomically(yaml, to: (output as NSString).appendingPathComponent("scenario.yaml"))
        try writeAtomically(csv, to: (output as NSString).appendingPathComponent("participants.csv"))
    }
}
