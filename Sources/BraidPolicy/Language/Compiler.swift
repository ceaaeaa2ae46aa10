/// Binds and type-checks expressions against a scope.
struct Compiler {
    let scope: NameScope
    /// What each definition compiled so far reads (slot → its reads).
    let definitionReads: [Int: ExpressionReads]
    /// A bound expression and the type of its value.
    private typealias Typed = (bound: Bound, type: ValueType)

    func compile(_ source: String, expecting expected: ValueType?) throws(ExpressionError) -> CompiledExpression {
        let tree = try ExpressionParser.parse(source)
        var reads = ExpressionReads()
        let (bound, type) = try bind(tree, &reads)
        if let expected, type != expected {
            throw ExpressionError(offset: 0, reason: "the expression gives a \(type), expected a \(expected)")
        }
        return CompiledExpression(source: source, type: type, tree: bound, reads: reads)
    }

    /// Binds an expression to the scope's slots and works out its type.
    private func bind(_ e: Expression, _ reads: inout ExpressionReads) throws(ExpressionError) -> Typed {
        switch e {
        case .literal(let v, _):
            switch v {
            case .number: return (.constant(v), .number)
            case .bool: return (.constant(v), .bool)
            case .text: return (.constant(v), .text)
            case .day: return (.constant(v), .day)
            case .list, .missing: return (.constant(v), .list)
            }
        case .name(let name, let offset): return try bindName(name, offset, &reads)
        case .list(let items, _): return try bindList(items, &reads)
        case .unary(let op, let inner, let offset): return try bindUnary(op, inner, offset, &reads)
        case .binary(let op, let l, let r, let offset): return try bindBinary(op, l, r, offset, &reads)
        case .condition(let c, let a, let b, let offset): return try bindCondition(c, a, b, offset, &reads)
        case .call(let name, let args, let offset): return try bindCall(name, args, offset, &reads)
        }
    }

    private func bindName(_ name: String, _ offset: Int, _ reads: inout ExpressionReads) throws(ExpressionError) -> (
        Bound, ValueType
    ) {
        guard let (type, source) = scope.names[name] else {
            throw ExpressionError(
                offset: offset, reason: "unknown name '\(name)'" + suggestion(for: name, in: scope.allNames))
        }
        switch source {
        case .personField, .need, .totalNeed, .fplPercent, .ownFplPercent, .povertyGuideline, .fafsaFiled:
            reads.participant = true
        case .age, .birthDate, .birthYear:
            reads.participant = true
            reads.birth = true
        case .definition(let slot):
            reads.formUnion(definitionReads[slot] ?? ExpressionReads(participant: true, birth: true))
        default: break
        }
        return (.read(source), type)
    }

    private func bindList(_ items: [Expression], _ reads: inout ExpressionReads) throws(ExpressionError) -> Typed {
        var bound: [Bound] = []
        var itemType: ValueType? = nil
        for item in items {
            let (b, t) = try bind(item, &reads)
            if let itemType, itemType != t {
                throw ExpressionError(offset: item.offset, reason: "a list mixes \(itemType) and \(t) values")
            }
            itemType = t
            bound.append(b)
        }
        // A list of constants is one constant, built once, not on every evaluation.
        let constants = bound.compactMap { item -> Value? in
            if case .constant(let v) = item { return v }
            return nil
        }
        return (constants.count == bound.count ? .constant(.list(constants)) : .list(bound), .list)
    }

    private func bindUnary(_ op: String, _ inner: Expression, _ offset: Int, _ reads: inout ExpressionReads)
        throws(ExpressionError) -> Typed
    {
        let (b, t) = try bind(inner, &reads)
        if op == "not" {
            guard t == .bool else {
                throw ExpressionError(offset: offset, reason: "'not' needs true/false, got a \(t)")
            }
            return (.not(b), .bool)
        }
        guard t == .number else { throw ExpressionError(offset: offset, reason: "'-' needs a number, got a \(t)") }
        return (.negate(b), .number)
    }

    private func bindBinary(
        _ op: String, _ l: Expression, _ r: Expression, _ offset: Int, _ reads: inout ExpressionReads
    )
        throws(ExpressionError)
        -> Typed
    {
        let (lb, lt) = try bind(l, &reads)
        let (rb, rt) = try bind(r, &reads)
        switch op {
        case "and", "or":
            guard lt == .bool && rt == .bool else {
                throw ExpressionError(
                    offset: offset, reason: "'\(op)' needs true/false on both sides, got \(lt) and \(rt)")
            }
            return (op == "and" ? .and(lb, rb) : .or(lb, rb), .bool)
        case "==", "!=":
            guard lt == rt else { throw ExpressionError(offset: offset, reason: "cannot compare a \(lt) with a \(rt)") }
            return (.compare(Bound.Comparison(rawValue: op)!, lb, rb), .bool)
        case "<", "<=", ">", ">=":
            guard lt == rt, lt == .number || lt == .day else {
                throw ExpressionError(offset: offset, reason: "'\(op)' compares numbers or dates, got \(lt) and \(rt)")
            }
            return (.compare(Bound.Comparison(rawValue: op)!, lb, rb), .bool)
        case "in":
            guard rt == .list else {
                throw ExpressionError(offset: offset, reason: "'in' needs a list on its right, got a \(rt)")
            }
            return (.member(lb, rb), .bool)
        default:
            guard lt == .number && rt == .number else {
                throw ExpressionError(
                    offset: offset, reason: "'\(op)' needs numbers on both sides, got \(lt) and \(rt)")
            }
            guard let arithmetic = Bound.Arithmetic(rawValue: op) else {
                throw ExpressionError(offset: offset, reason: "unknown operator '\(op)'")
            }
            return (.arithmetic(arithmetic, lb, rb), .number)
        }
    }

    private func bindCondition(
        _ c: Expression, _ a: Expression, _ b: Expression, _ offset: Int, _ reads: inout ExpressionReads
    )
        throws(ExpressionError)
        -> Typed
    {
        let (cb, ct) = try bind(c, &reads)
        guard ct == .bool else {
            throw ExpressionError(offset: c.offset, reason: "the condition of 'if' must be true/false, got a \(ct)")
        }
        let (ab, at) = try bind(a, &reads)
        let (bb, bt) = try bind(b, &reads)
        guard at == bt else {
            throw ExpressionError(offset: offset, reason: "'then' gives a \(at) but 'else' gives a \(bt)")
        }
        return (.condition(cb, ab, bb), at)
    }

    private func bindCall(_ name: String, _ args: [Expression], _ offset: Int, _ reads: inout ExpressionReads)
        throws(ExpressionError) -> Typed
    {
        let arity: ClosedRange<Int>
        switch name {
        case "min", "max": arity = 1...64
        case "round", "blank": arity = 1...1
        case "round_to", "years_between": arity = 2...2
        default:
            throw ExpressionError(
                offset: offset,
                reason: "unknown function '\(name)'"
                    + suggestion(for: name, in: ["min", "max", "round", "round_to", "blank", "years_between"]))
        }
        guard arity.contains(args.count) else {
            throw ExpressionError(
                offset: offset,
                reason:
                    "\(name)() takes \(arity.lowerBound == arity.upperBound ? "\(arity.lowerBound)" : "\(arity.lowerBound) to \(arity.upperBound)") argument(s), got \(args.count)"
            )
        }
        var bound: [Bound] = []
        for arg in args {
            let (b, t) = try bind(arg, &reads)
            let wanted: ValueType? = name == "blank" ? nil : name == "years_between" ? .day : .number
            if let wanted, t != wanted {
                throw ExpressionError(
                    offset: arg.offset, reason: "\(name)() needs \(wanted == .day ? "dates" : "numbers"), got a \(t)")
            }
            bound.append(b)
        }
        return (.call(Bound.Function(rawValue: name)!, bound), name == "blank" ? .bool : .number)
    }
}

/// Tolerance for comparing numbers computed from money and percentages (e.g. 200% of a guideline).
let comparisonTolerance = 1e-9

extension Bound {
    /// Evaluates with three-valued logic: a blank (missing) input makes a comparison blank,
    /// `not` of a blank is blank, `and` is false if either side is false and blank if either
    /// is blank, `or` is true if either side is true and blank if either is blank. A rule or
    /// condition holds only when its value is true, so a blank input can never make it hold
    /// by accident.
    func evaluate(_ c: EvaluationContext) -> Value {
        switch self {
        case .constant(let v): return v
        case .read(let source): return c.read(source)
        case .list(let items): return .list(items.map { $0.evaluate(c) })
        case .not(let b):
            guard let v = b.evaluate(c).bool else { return .missing }
            return .bool(!v)
        case .negate(let b):
            guard let n = b.evaluate(c).number else { return .missing }
            return .number(-n)
        case .and(let a, let b):
            let x = a.evaluate(c).bool
            if x == false { return .bool(false) }
            let y = b.evaluate(c).bool
            if y == false { return .bool(false) }
            return x == true && y == true ? .bool(true) : .missing
        case .or(let a, let b):
            let x = a.evaluate(c).bool
            if x == true { return .bool(true) }
            let y = b.evaluate(c).bool
            if y == true { return .bool(true) }
            return x == false && y == false ? .bool(false) : .missing
        case .compare(let op, let a, let b):
            let x = a.evaluate(c)
            if case .missing = x { return .missing }
            let y = b.evaluate(c)
            if case .missing = y { return .missing }
            return .bool(compareValues(op, x, y))
        case .member(let a, let b):
            let value = a.evaluate(c)
            if case .missing = value { return .missing }
            guard case .list(let items) = b.evaluate(c) else { return .missing }
            return .bool(items.contains { compareValues(.equal, value, $0) })
        case .arithmetic(let op, let a, let b):
            guard let x = a.evaluate(c).number, let y = b.evaluate(c).number else { return .missing }
            // Beyond Double's range a result is blank, never ±∞ or NaN (which would reach a cap
            // or a solver coefficient).
            let result: Double
            switch op {
            case .plus: result = x + y
            case .minus: result = x - y
            case .times: result = x * y
            case .divided:
                guard y != 0 else { return .missing }
                result = x / y
            }
            return result.isFinite ? .number(result) : .missing
        case .condition(let cond, let a, let b):
            guard let test = cond.evaluate(c).bool else { return .missing }
            return test ? a.evaluate(c) : b.evaluate(c)
        case .call(.blank, let args):
            if case .missing = args[0].evaluate(c) { return .bool(true) }
            return .bool(false)
        case .call(.yearsBetween, let args):
            guard case .day(let from) = args[0].evaluate(c), case .day(let to) = args[1].evaluate(c) else {
                return .missing
            }
            return .number(Double(from.wholeYears(until: to)))
        case .call(let function, let args):
            var numbers: [Double] = []
            for arg in args {
                guard let n = arg.evaluate(c).number else { return .missing }
                numbers.append(n)
            }
            switch function {
            case .min: return .number(numbers.min()!)
            case .max: return .number(numbers.max()!)
            case .round: return .number(numbers[0].rounded(.toNearestOrAwayFromZero))
            default:
                guard numbers[1] > 0 else { return .missing }
                let rounded = (numbers[0] / numbers[1]).rounded(.toNearestOrAwayFromZero) * numbers[1]
                return rounded.isFinite ? .number(rounded) : .missing
            }
        }
    }

    /// Every name this tree reads, definitions followed (for explanations of blank inputs and
    /// for deciding whether an uncertain birth date matters).
    func visit(_ c: EvaluationContext, _ body: (NameSource) -> Void) {
        switch self {
        case .constant: break
        case .read(let source):
            body(source)
            if case .definition(let slot) = source { c.environment.definitions[slot].tree.visit(c, body) }
        case .list(let items), .call(_, let items): for item in items { item.visit(c, body) }
        case .not(let b), .negate(let b): b.visit(c, body)
        case .and(let a, let b), .or(let a, let b), .compare(_, let a, let b), .member(let a, let b),
            .arithmetic(_, let a, let b):
            a.visit(c, body)
            b.visit(c, body)
        case .condition(let x, let a, let b):
            x.visit(c, body)
            a.visit(c, body)
            b.visit(c, body)
        }
    }
}

private func compareValues(_ op: Bound.Comparison, _ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.number(let x), .number(let y)):
        let tolerance = comparisonTolerance * max(1, abs(x), abs(y))
        switch op {
        case .equal: return abs(x - y) <= tolerance
        case .notEqual: return abs(x - y) > tolerance
        case .less: return x < y - tolerance
        case .atMost: return x <= y + tolerance
        case .more: return x > y + tolerance
        case .atLeast: return x >= y - tolerance
        }
    case (.day(let x), .day(let y)):
        switch op {
        case .equal: return x == y
        case .notEqual: return x != y
        case .less: return x < y
        case .atMost: return x <= y
        case .more: return x > y
        case .atLeast: return x >= y
        }
    case (.missing, _), (_, .missing): return false
    default:
        switch op {
        case .equal: return a == b
        case .notEqual: return a != b
        default: return false
        }
    }
}
