import ArgumentParser
import BraidPlanner
import BraidPolicy
import BraidReports
import BraidScenario
import Foundation

@main
struct Braid: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Braid public workforce funding streams across participants and their costs.",
        version: "0.1.0",
        subcommands: [
            Run.self, Compare.self, Sweep.self, Check.self, Eligibility.self, Explain.self, Verify.self,
            ExportModel.self, Generate.self, Policies.self,
            TestPolicies.self, Init.self, Serve.self, Batch.self, Merge.self,
        ])

    /// "unknown command 'rn' (did you mean 'run'?)" for a mistyped subcommand, or nil.
    static func unknownCommand(_ arguments: [String]) -> String? {
        guard let word = arguments.first, !word.hasPrefix("-") else { return nil }
        let names = configuration.subcommands.map { $0._commandName } + ["help"]
        guard !names.contains(word) else { return nil }
        return "unknown command '\(word)'" + suggestion(for: word, in: names.filter { $0 != "help" })
            + "; see 'braid --help' for the commands"
    }

    /// A message as it may reach a terminal: control and format characters from the input
    /// (escape sequences, bidi overrides) are shown as `\u{1B}`, never sent raw (CWE-150);
    /// line breaks and tabs stay.
    static func visible(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control where scalar != "\n" && scalar != "\t", .format:
                out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Maps errors to the exit codes of docs/CONTRACTS.md.
    static func main() {
        Interrupt.install()
        // A closed pipe is a write error braid reports (exit 2), not a silent SIGPIPE death.
        signal(SIGPIPE, SIG_IGN)
        ProgressLog.install()
        if let message = unknownCommand(Array(CommandLine.arguments.dropFirst())) {
            FileHandle.standardError.write(Data("error: \(visible(message))\n".utf8))
            Foundation.exit(1)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch {
            if let code = braidExitCode(for: error) {
                FileHandle.standardError.write(Data("error: \(visible("\(error)"))\n".utf8))
                Foundation.exit(code)
            }
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            FileHandle.standardError.write(Data((visible(fullMessage(for: error)) + "\n").utf8))
            Foundation.exit(1)
        }
    }
}
