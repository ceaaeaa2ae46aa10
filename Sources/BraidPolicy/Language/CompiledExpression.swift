/// A type-checked expression, ready to evaluate.
public struct CompiledExpression: Sendable {
    /// The source text.
    public let source: String
    /// The result type.
    public let type: ValueType
    /// The tree with names bound.
    let tree: Bound
    /// What the expression reads, definitions followed (worked out once, when compiled).
    let reads: ExpressionReads
    /// Whether the expression reads anything about the participant (else it is about the
    /// program, the period or parameters only).
    public var readsParticipant: Bool { reads.participant }

    /// Evaluates the expression. When the participant's birth date is known only within a
    /// range (a `birth_year`, or an `age` without a date) and the expression reads the age or
    /// birth date, it is evaluated at both ends of the range: the value when both agree, else
    /// blank (undecided), so that an uncertain age never rounds a participant into a rule.
    public func evaluate(_ context: EvaluationContext) -> Value {
        guard reads.birth, let (earliest, latest) = context.birthEnds else {
            return tree.evaluate(context)
        }
        let a = tree.evaluate(earliest)
        let b = tree.evaluate(latest)
        return a == b ? a : .missing
    }
}

/// What an expression reads, definitions followed.
struct ExpressionReads: Sendable, Equatable {
    /// Anything about the participant.
    var participant = false
    /// The age or the birth date (decided at both ends of an uncertain birth range).
    var birth = false

    mutating func formUnion(_ other: ExpressionReads) {
        participant = participant || other.participant
        birth = birth || other.birth
    }
}

indirect enum Bound: Sendable {
    case constant(Value)
    case read(NameSource)
    case list([Bound])
    case not(Bound)
    case negate(Bound)
    case and(Bound, Bound)
    case or(Bound, Bound)
    case compare(Comparison, Bound, Bound)
    case member(Bound, Bound)
    case arithmetic(Arithmetic, Bound, Bound)
    case condition(Bound, Bound, Bound)
    case call(Function, [Bound])

    /// The operators and functions, decided when an expression is compiled (not matched as
    /// text on every evaluation: a roster evaluates millions of them).
    enum Comparison: String, Sendable {
        case equal = "=="
        case notEqual = "!="
        case less = "<"
        case atMost = "<="
        case more = ">"
        case atLeast = ">="
    }
    enum Arithmetic: String, Sendable {
        case plus = "+"
        case minus = "-"
        case times = "*"
        case divided = "/"
    }
    enum Function: String, Sendable {
        case min, max, round, blank
        case roundTo = "round_to"
        case yearsBetween = "years_between"
    }
}
