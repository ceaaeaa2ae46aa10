/// Why a solve could not run or failed. Infeasible and unbounded are not errors (see ``SolveStatus``).
public enum SolverError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Swift-side validation rejected the model before it reached GLPK.
    case invalidModel(String)
    /// GLPK raised a fatal error; the text is GLPK's own first line. The process goes on.
    case glpkFatal(String)
    /// A GLPK routine returned a non-zero code that is not a status, with its meaning.
    case glpkCode(Int32, String)
    /// Writing a model file failed.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidModel(let reason): return "invalid model: \(reason)"
        case .glpkFatal(let message): return "GLPK error: \(message)"
        case .glpkCode(let code, let meaning): return "GLPK returned code \(code): \(meaning)"
        case .writeFailed(let path, let reason): return "\(path): cannot write model: \(reason)"
        }
    }
}
