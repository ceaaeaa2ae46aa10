import ArgumentParser
import BraidPlanner
import BraidPolicy
import BraidReports
import BraidScenario
import Foundation

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, markdown, html, xlsx

    /// The format a file name's extension says (`r.html` → html), nil for another extension.
    static func of(file: String) -> OutputFormat? {
        switch (file as NSString).pathExtension.lowercased() {
        case "html", "htm": return .html
        case "json": return .json
        case "csv": return .csv
        case "md", "markdown": return .markdown
        case "txt": return .table
        case "xlsx": return .xlsx
        default: return nil
        }
    }
}

/// `--format` and `--output`, shared by the commands that write a report: without `--format`
/// the output file's extension decides (`--output r.html` writes HTML); a format that
/// contradicts the extension is refused.
struct OutputOptions: ParsableArguments {
    @Option(help: "table, json, csv, markdown, html or xlsx (default: from --output's extension, else table).")
    var format: OutputFormat?
    @Option(help: "Write the output to this file (atomically) instead of standard output.", completion: .file())
    var output: String?

    func validate() throws {
        if format == .xlsx && output == nil {
            throw ValidationError("--format xlsx writes a file: give --output FILE.xlsx")
        }
        guard let output else { return }
        let ext = (output as NSString).pathExtension.lowercased()
        if ext == "xls" { throw ValidationError("--output \(output): Braid writes .xlsx workbooks, not .xls") }
        if let format, let implied = OutputFormat.of(file: output), implied != format {
            throw ValidationError(
                "--output \(output) names a .\(ext) file but --format is \(format.rawValue): give one, or make them agree"
            )
        }
    }

    /// The format to write.
    var resolved: OutputFormat { format ?? output.flatMap(OutputFormat.of(file:)) ?? .table }
}
