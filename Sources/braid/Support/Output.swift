import ArgumentParser
import BraidPlanner
import BraidPolicy
import BraidReports
import BraidScenario
import Foundation

/// Writes text to stdout, or atomically to a file.
func emit(_ text: String, to path: String?) throws {
    guard let path else {
        FileHandle.standardOutput.write(Data(text.utf8))
        return
    }
    try writeAtomically(text, to: path)
}

/// Writes an Excel workbook atomically (a workbook is never written to standard output).
func emit(_ book: Workbook, to path: String?) throws {
    guard let path else { throw ValidationError("--format xlsx writes a file: give --output FILE.xlsx") }
    try writeAtomically(to: path) { temporary in
        do {
            try book.write(to: temporary)
            return nil
        } catch { return "\(error)" }
    }
}
