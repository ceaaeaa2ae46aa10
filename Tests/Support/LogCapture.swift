import Foundation
import Logging

/// Log lines, kept for a test to read (a planner's debug log says which path it took).
public final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    public init() {}
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    public var all: [String] { lock.withLock { lines } }
}

extension Logger {
    /// A logger that keeps every message, debug ones included, in `lines`.
    public static func capturing(into lines: LogLines) -> Logger {
        Logger(label: "test") { _ in Capture(lines: lines) }
    }
}

private struct Capture: LogHandler {
    let lines: LogLines
    var logLevel: Logger.Level = .debug
    var metadata: Logger.Metadata = [:]
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) { lines.append("\(event.message)") }
}
