import ArgumentParser
import BraidScenario
import Foundation

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a starter scenario, a roster template with every column explained, and a what-if.")
    @Argument(
        help: "The folder to write (created if missing; existing files are never overwritten).", completion: .directory)
    var folder: String

    func run() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let files = StarterFiles.files()
        for (name, _) in files {
            let path = (folder as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: path) {
                throw ValidationError("\(path) exists; braid init never overwrites a file (choose an empty folder)")
            }
        }
        for (name, text) in files { try writeAtomically(text, to: (folder as NSString).appendingPathComponent(name)) }
        print("wrote \(files.map(\.name).joined(separator: ", ")) in \(folder); next: braid check \(folder)")
    }
}
