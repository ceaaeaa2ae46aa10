import BraidPolicy
import BraidSolver
import Foundation

/// No plan satisfies the scenario: the cause is named (exit code 3).
public struct InfeasibleError: Error, Sendable, CustomStringConvertible {
    public let cause: String
    public init(_ cause: String) { self.cause = cause }
    public var description: String { "no feasible plan: \(cause)" }
}

/// The exit code PRODUCT.md gives an error: 2 invalid input, 3 no feasible plan, 4 solver failure;
/// nil for errors of the argument parser.
public func braidExitCode(for error: any Error) -> Int32? {
    switch error {
    case is InputError, is InputErrors: return 2
    case is InfeasibleError: return 3
    case is SolverError: return 4
    case is FileWriteError: return 2
    default: return nil
    }
}

/// Writing an output file failed.
public struct FileWriteError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): cannot write: \(reason)" }
}

/// Writes a file atomically: a temporary file in the same folder, then a rename, so that an
/// interrupted run never leaves a half-written file. While the temporary file exists, Ctrl-C
/// (see ``Interrupt``) removes it before the process exits.
public func writeAtomically(_ text: String, to path: String) throws(FileWriteError) {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
        throw FileWriteError(path: path, reason: "is a folder")
    }
    let temporary = (folder as NSString).appendingPathComponent(".\(url.lastPathComponent).braid-\(getpid()).tmp")
    Interrupt.setTemporaryFile(temporary)
    defer { Interrupt.setTemporaryFile(nil) }
    guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
        throw FileWriteError(path: path, reason: String(cString: strerror(errno)))
    }
    if rename(temporary, path) != 0 {
        let reason = String(cString: strerror(errno))
        unlink(temporary)
        throw FileWriteError(path: path, reason: reason)
    }
}

/// Ctrl-C handling: exit with status 130 and leave no partial output file.
public enum Interrupt {
    // Read from the signal handler: only a C string and async-signal-safe calls (unlink, _exit).
    nonisolated(unsafe) private static var temporaryPath: UnsafeMutablePointer<CChar>? = nil

    /// Installs the SIGINT and SIGTERM handlers.
    public static func install() {
        let handler: @convention(c) (Int32) -> Void = { signal in
            if let path = Interrupt.temporaryPath { unlink(path) }
            _exit(signal == SIGINT ? 130 : 128 + signal)
        }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
        // A parent (e.g. Foundation's Process) may have started us with these signals blocked.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    static func setTemporaryFile(_ path: String?) {
        let old = temporaryPath
        temporaryPath = path.map { strdup($0) }
        free(old)
    }
}

/// Writes a model file through GLPK.
public enum GLPKExport {
    public static func write(_ model: BraidSolver.LinearModel, to path: String, mps: Bool) throws {
        try GLPKSolver().write(model, to: path, format: mps ? .mps : .lp)
    }
}
