/// A type-checked expression, ready to evaluate.
public struct CompiledExpression: Sendable {
    /// The source text.
    public let source: String
    /// The result type.
    public let type: ValueType
    /// The tree with names bound.
    let tree: Bound
    /// Whether the expression reads anything about the participant (else it is about the
    /// program, the period or parameters only).
    public let readsParticipant: Bool

    /// Evaluates the expression. When the participant's birth date is known only within a
    /// range (a `birth_year`, or an `age` without a date) and the expression reads the age or
    /// birth date, it is evaluated at both ends of the range: the value when both agree, else
    /// blank (undecided), so that an uncertain age never rounds a participant into a rule.
    public func evaluate(_ context: EvaluationContext) -> Value {
        guard let (earliest, latest) = context.uncertainBirth, readsBirth(context) else {
            return tree.evaluate(context)
        }
        let a = tree.evaluate(context.fixingBirth(earliest))
        let b = tree.evaluate(context.fixingBirth(latest))
        return a == b ? a : .missing
    }

    /// Whether the expression reads the age or birth date (directly or through definitions).
    func readsBirth(_ context: EvaluationContext) -> Bool {
        var found = false
        tree.visit(context) { source in
            if source == .age || source == .birthDate || source == .birthYear { found = true }
        }
        return found
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
    case compare(String, Bound, Bound)
    case member(Bound, Bound)
    case arithmetic(String, Bound, Bound)
    case condition(Bound, Bound, Bound)
    case call(String, [Bound])
}
