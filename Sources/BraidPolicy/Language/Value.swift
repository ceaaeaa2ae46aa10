/// The value of a rule expression.
public enum Value: Sendable, Equatable, CustomStringConvertible {
    case number(Double)
    case bool(Bool)
    case text(String)
    case day(Day)
    case list([Value])
    /// A blank input (e.g. `pell_sai` without a FAFSA): comparisons with it are false.
    case missing

    public var description: String {
        switch self {
        case .number(let n): return formatNumber(n)
        case .bool(let b): return b ? "true" : "false"
        case .text(let s): return "\"\(s)\""
        case .day(let d): return d.description
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .missing: return "blank"
        }
    }

    /// The number, or nil.
    public var number: Double? { if case .number(let n) = self { return n } else { return nil } }
    /// The boolean, or nil.
    public var bool: Bool? { if case .bool(let b) = self { return b } else { return nil } }
}

/// The static type of an expression, checked when a policy loads.
public enum ValueType: Sendable, Equatable, CustomStringConvertible {
    case number, bool, text, day, list
    public var description: String {
        switch self {
        case .number: return "number"
        case .bool: return "true/false"
        case .text: return "text"
        case .day: return "date"
        case .list: return "list"
        }
    }
}
