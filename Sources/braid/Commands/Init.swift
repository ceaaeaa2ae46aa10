import ArgumentParser
import BraidPolicy
import BraidReports
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
        for name in files.map(\.name) + ["participants.xlsx"] {
            let path = (folder as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: path) {
                throw ValidationError("\(path) exists; braid init never overwrites a file (choose an empty folder)")
            }
        }
        for (name, text) in files { try writeAtomically(text, to: (folder as NSString).appendingPathComponent(name)) }
        try emit(Self.rosterWorkbook(), to: (folder as NSString).appendingPathComponent("participants.xlsx"))
        try say(
            "wrote \((files.map(\.name) + ["participants.xlsx"]).joined(separator: ", ")) in \(folder); next: braid check \(folder)"
        )
    }

    /// The roster template as a workbook: the example rows (point `participants:` at it to use
    /// it), and a sheet explaining every column.
    static func rosterWorkbook() -> Workbook {
        let lines = StarterFiles.rosterRows
        let header = lines[0]
        return Workbook([
            .init(
                "Roster", columns: header.map { ($0, Double(max(10, $0.count + 2))) },
                rows: lines.dropFirst().map { row in
                    zip(header, row).map { name, text -> Workbook.Cell in
                        if text.isEmpty { return .blank }
                        if name != "id",
                            let n = Double(
                                text.replacingOccurrences(of: "$", with: "").replacingOccurrences(of: ",", with: ""))
                        {
                            return name.hasPrefix("need_") || name == "annual_income"
                                ? .money(Int64((n * 100).rounded())) : .number(n)
                        }
                        return .text(text)
                    }
                }),
            .init(
                "Columns",
                columns: [("column", 30), ("type", 16), ("values", 50), ("default", 22), ("a blank cell", 70)],
                rows: StarterFiles.columnRows.map { $0.map(Workbook.Cell.text) }),
        ])
    }
}
