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
/// interrupted run never leaves a half-written file.
public func writeAtomically(_ text: String, to path: String) throws(FileWriteError) {
    let url = URL(fileURLWithPath: path)
    do {
        try Data(text.utf8).write(to: url, options: .atomic)
    } catch {
        throw FileWriteError(path: path, reason: (error as NSError).localizedDescription)
    }
}

/// Writes a model file through GLPK.
public enum GLPKExport {
    public static func write(_ model: BraidSolver.LinearModel, to path: String, mps: Bool) throws {
        try GLPKSolver().write(model, to: path, format: mps ? .mps : .lp)
    }
}
