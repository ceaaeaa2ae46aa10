import ArgumentParser
import BraidPlanner
import BraidPolicy
import BraidReports
import BraidScenario
import Foundation

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Write a synthetic scenario of any size (DIR/scenario.yaml and DIR/participants.csv), deterministic for a seed."
    )
    @Option(parsing: .unconditional, help: "Number of applicants.") var participants: Int
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "The folder to write (new files only).") var output: String
    @Option(help: "Program years from PY2026 (more than 1: a cohort of each program a year, money by year).")
    var years: Int = 1

    func validate() throws {
        if participants < 1 || participants > 2_000_000 {
            throw ValidationError("--participants must be between 1 and 2,000,000")
        }
        if years < 1 || years > 10 { throw ValidationError("--years must be between 1 and 10") }
    }

    func run() throws {
        for name in ["scenario.yaml", "participants.csv"] {
            let path = (output as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: path) {
                throw InputError(
                    file: path, reason: "exists; generate never overwrites a scenario (choose a new folder)")
            }
        }
        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        } catch {
            throw InputError(file: output, reason: "cannot create the folder: " + Self.whyNot(output))
        }
        let (yaml, csv) = ScenarioGenerator.generate(participants: participants, seed: seed, years: years)
        try writeAtomically(yaml, to: (output as NSString).appendingPathComponent("scenario.yaml"))
        try writeAtomically(csv, to: (output as NSString).appendingPathComponent("participants.csv"))
    }

    /// Why a folder cannot be created: the nearest existing ancestor is a file, or not writable.
    static func whyNot(_ path: String) -> String {
        var ancestor = (path as NSString).deletingLastPathComponent
        while !ancestor.isEmpty && !FileManager.default.fileExists(atPath: ancestor) {
            ancestor = (ancestor as NSString).deletingLastPathComponent
        }
        if ancestor.isEmpty { ancestor = "." }
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: ancestor, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue { return "\(ancestor) is a file, not a folder" }
        if !FileManager.default.isWritableFile(atPath: ancestor) { return "permission denied in \(ancestor)" }
        return "the file system refused it"
    }
}
