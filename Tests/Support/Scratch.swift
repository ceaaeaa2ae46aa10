import Foundation

/// The test process's scratch folder: every temporary scenario, roster and output of the tests
/// goes in `braid-tests-<pid>` under the system's temporary folder, removed when the process
/// exits, so a test run leaves nothing behind.
public enum Scratch {
    public static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("braid-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: Scratch.folder) }
        return url
    }()

    /// A new, empty folder inside the scratch folder.
    public static func newFolder(_ prefix: String = "braid") throws -> URL {
        let url = folder.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
