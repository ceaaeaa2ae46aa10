import Foundation

/// Why a field value was rejected.
public struct FieldError: Error, Sendable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// Parses true/false, yes/no, 1/0 (any case).
public func parseBool(_ text: String) -> Bool? {
    // (The spellings rosters use, before the case folding that costs more than the rest.)
    switch text {
    case "true", "1": return true
    case "false", "0": return false
    default: break
    }
    switch text.lowercased() {
    case "true", "yes", "1", "y", "t": return true
    case "false", "no", "0", "n", "f": return false
    default: return nil
    }
}
