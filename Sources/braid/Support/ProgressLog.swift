import Foundation
import Logging

/// The command line's log handler: the library's progress messages, one per line on standard
/// error (standard output carries results). `BRAID_VERBOSE` (set and non-empty) shows the
/// planner's progress (level `debug`); otherwise only warnings and errors.
struct ProgressLog: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let text = "\(event.message)"
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Installs the handler for every logger of the process; called once, before any command runs.
    static func install(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let verbose = !(environment["BRAID_VERBOSE"] ?? "").isEmpty
        LoggingSystem.bootstrap { _ in ProgressLog(logLevel: verbose ? .debug : .warning) }
    }
}
