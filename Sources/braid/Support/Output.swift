import ArgumentParser
import BraidPlanner
import BraidPolicy
import BraidReports
import BraidScenario
import Foundation

/// Writes text to stdout, or atomically to a file.
func emit(_ text: String, to path: String?) throws {
    guard let path else { return try writeStandardOutput(text) }
    try writeAtomically(text, to: path)
}

/// Writes to standard output, every byte checked: a full disk, a closed descriptor or a closed
/// pipe is an error (exit 2, "cannot write standard output: …"), never a crash or a silent exit 0.
func writeStandardOutput(_ text: String) throws(FileWriteError) {
    if let reason = writeAll(STDOUT_FILENO, Array(text.utf8)) {
        throw FileWriteError(path: "standard output", reason: reason)
    }
}

/// `print` for the commands: to standard output, checked (``writeStandardOutput(_:)``).
func say(_ text: String, terminator: String = "\n") throws {
    try writeStandardOutput(text + terminator)
}

/// Writes an Excel workbook atomically (a workbook is never written to standard output):
/// libxlsxwriter writes a file of its own beside the target, which is then copied through the
/// safe writer.
func emit(_ book: Workbook, to path: String?) throws {
    guard let path else { throw ValidationError("--format xlsx writes a file: give --output FILE.xlsx") }
    let folder = (ProtectedInputs.realPath(path) as NSString).deletingLastPathComponent
    let scratch = (folder as NSString).appendingPathComponent(".braid-workbook-\(getpid()).xlsx")
    Interrupt.setTemporaryFile(scratch)
    defer {
        unlink(scratch)
        Interrupt.setTemporaryFile(nil)
    }
    do { try book.write(to: scratch) } catch { throw FileWriteError(path: path, reason: error.reason) }
    guard let data = FileManager.default.contents(atPath: scratch) else {
        throw FileWriteError(path: path, reason: "the workbook was not written")
    }
    try writeAtomically(to: path) { writeAll($0, Array(data)) }
}
