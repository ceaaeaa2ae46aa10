/// A handle to a variable of a ``LinearModel``: its position among the model's variables.
public struct Variable: Hashable, Sendable, Comparable {
    /// The 0-based column index.
    public let index: Int
    public init(index: Int) { self.index = index }
    public static func < (a: Variable, b: Variable) -> Bool { a.index < b.index }
}

/// A handle to a named linear constraint (row) of a ``LinearModel``.
public struct Constraint: Hashable, Sendable, Comparable {
    /// The 0-based row index.
    public let index: Int
    public init(index: Int) { self.index = index }
    public static func < (a: Constraint, b: Constraint) -> Bool { a.index < b.index }
}

/// Whether a variable takes any real value, whole values, or 0 and 1 only.
public enum VariableKind: Sendable, Equatable {
    case continuous, integer, binary
}

/// The direction of optimisation.
public enum ObjectiveSense: Sendable, Equatable {
    case minimize, maximize
}

/// The right-hand side of a constraint: `expr <= u`, `expr >= l`, `expr == v` or `l <= expr <= u`.
public enum ConstraintBound: Sendable, Equatable {
    case atMost(Double)
    case atLeast(Double)
    case equal(Double)
    case between(Double, Double)

    /// The lower and upper limits, with `-infinity`/`+infinity` for a missing side.
    public var limits: (lower: Double, upper: Double) {
        switch self {
        case .atMost(let u): return (-.infinity, u)
        case .atLeast(let l): return (l, .infinity)
        case .equal(let v): return (v, v)
        case .between(let l, let u): return (l, u)
        }
    }
}
