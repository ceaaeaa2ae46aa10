import BraidPolicy
internal import CFuzzDriver
import Foundation

/// What every harness needs: the shipped policies and a private scratch folder.
public enum FuzzSupport {
    /// The repository root (Fuzz/Sources/FuzzSupport/ is three levels below it).
    public static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// The shipped policy set, loaded once per process.
    public static let policies: PolicySet = {
        do { return try PolicySet.load(directory: repository + "/Policies") } catch {
            fatalError("the shipped policies do not load: \(error)")
        }
    }()

    /// A folder of this process's own (libFuzzer may run several processes side by side).
    public static let scratch: String = {
        let path = NSTemporaryDirectory() + "braid-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// The input as text, or nil when it is not UTF-8 (the readers refuse such files before parsing).
    public static func text(_ data: UnsafePointer<UInt8>, _ size: Int) -> String? {
        String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    }

    /// Writes the input to a file in the scratch folder and returns its path.
    public static func write(_ data: UnsafePointer<UInt8>, _ size: Int, to name: String) -> String {
        let path = scratch + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size))
        return path
    }

    /// Runs libFuzzer (its flags come from the command line) with `testOneInput` as the target.
    /// Inputs are never nil, even when empty.
    public static func run(_ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
        exit(CFuzzDriver_run(CommandLine.argc, CommandLine.unsafeArgv, testOneInput))
    }
}
