/// Whether a stream may pay a category for a participant, and the most it may pay.
public struct CategoryAllowance: Sendable {
    public let category: CostCategory
    public let line: CostLine
    /// False when the cost line's condition fails for this participant.
    public let allowed: Bool
    /// The share cap (e.g. 0.5 of OJT wages), or nil.
    public let share: Double?
}

/// One per-participant cap with its amount for this participant.
public struct CapAmount: Sendable {
    public let rule: CapRule
    /// The cap in cents (0 when the amount is blank).
    public let cents: Int64
}

/// The decision for one participant and one stream, with its reasons.
public struct StreamEligibility: Sendable {
    /// The stream, shared by every participant's decision (a reference, not a copy each).
    let shared: SharedStream
    public var stream: StreamPolicy { shared.policy }
    public let eligible: Bool
    /// How many of the stream's rules held, in order (the rules are evaluated until the first
    /// that fails). A count, not copies of the rules: at 100,000 applicants × 9 streams the
    /// copies were most of the memory eligibility took.
    let passedCount: Int
    /// Rules that held, in order (all of them when eligible).
    public var passed: [Rule] { Array(stream.rules.prefix(passedCount)) }
    /// The first rule that failed, which decides ineligibility.
    public var failed: Rule? { eligible ? nil : stream.rules[passedCount] }
    /// Allowable categories (participant and program) with conditions evaluated.
    public let categories: [CategoryAllowance]
    /// Per-participant caps.
    public let caps: [CapAmount]

    /// Whether the stream may pay this category for this participant.
    public func allows(_ category: CostCategory) -> Bool {
        eligible && categories.contains { $0.category == category && $0.allowed }
    }
}

/// A stream's policy held once for all the decisions that refer to it.
public final class SharedStream: Sendable {
    public let policy: StreamPolicy
    public init(_ policy: StreamPolicy) { self.policy = policy }
}

/// Decides eligibility for every stream of a policy set, in an environment.
public struct EligibilityEngine: Sendable {
    public let policies: PolicySet
    public let environment: PolicyEnvironment

    public init(policies: PolicySet, environment: PolicyEnvironment) {
        self.policies = policies
        self.environment = environment
    }

    /// Evaluates every stream for a participant in a program.
    public func evaluate(_ person: Person, program: ProgramInfo, streams: [String]? = nil) -> [StreamEligibility] {
        let context = EvaluationContext(person: person, program: program, environment: environment)
        return policies.streams.filter { streams?.contains($0.id) ?? true }.map { evaluate($0, context) }
    }

    /// Evaluates one stream in a context.
    public func evaluate(_ stream: StreamPolicy, _ context: EvaluationContext) -> StreamEligibility {
        evaluate(SharedStream(stream), context)
    }

    /// Evaluates one stream in a context; every decision refers to `shared`.
    public func evaluate(_ shared: SharedStream, _ context: EvaluationContext) -> StreamEligibility {
        let stream = shared.policy
        var passed = 0
        while passed < stream.rules.count, stream.rules[passed].expression.evaluate(context).bool == true { passed += 1 }
        let categories = stream.costs.map { line in
            CategoryAllowance(
                category: line.category, line: line,
                allowed: line.condition.map { $0.evaluate(context).bool == true } ?? true,
                share: line.share.map { $0.evaluate(context).number.map { min(max($0, 0), 1) } ?? 0 })
        }
        let caps = stream.caps.map { rule in
            CapAmount(rule: rule, cents: centsFloor(rule.amount.evaluate(context).number ?? 0))
        }
        return StreamEligibility(
            shared: shared, eligible: passed == stream.rules.count, passedCount: passed, categories: categories, caps: caps)
    }
}

/// Dollars to cents, rounding down (a cap never grows by rounding), tolerant of binary noise.
/// At most $10 trillion (the largest amount Braid reads), so that Int64() cannot trap.
public func centsFloor(_ dollars: Double) -> Int64 {
    guard dollars.isFinite, dollars > 0 else { return 0 }
    return Int64((min(dollars, 1e13) * 100 + 1e-6).rounded(.down))
}

// MARK: - Overrides

extension PolicySet {
    /// Resolves `stream.parameter=value` (or `parameter=value` for a shared parameter).
    /// - Returns: the slot and the parsed value.
    /// - Throws: ``FieldError`` naming the unknown stream or parameter (with close matches),
    ///   the wrong type, or the value out of range.
    public func parameterOverride(key: String, value raw: String) throws(FieldError) -> (slot: Int, value: Value) {
        let allKeys = parameters.map(\.key)
        guard let parameter = parameters.first(where: { $0.key == key }) else {
            let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
            if parts.count == 2, stream(parts[0]) == nil && !parameters.contains(where: { $0.stream == nil && $0.name == key }) {
                throw FieldError("unknown stream '\(parts[0])' in '\(key)'" + suggestion(for: parts[0], in: streamIDs))
            }
            throw FieldError("unknown parameter '\(key)'" + suggestion(for: key, in: allKeys))
        }
        switch parseParameterText(raw, unit: parameter.unit) {
        case .failure(let f): throw FieldError("\(key): \(f.reason)")
        case .success(let value):
            if !parameter.allowed.isEmpty && !parameter.allowed.contains(value) {
                throw FieldError("\(key): \(value) is not allowed (allowed: \(parameter.allowed.map(\.description).joined(separator: ", ")))")
            }
            if let n = value.number {
                if let lo = parameter.minimum, n < lo {
                    throw FieldError("\(key): \(formatNumber(n)) is below the minimum \(formatNumber(lo))")
                }
                if let hi = parameter.maximum, n > hi {
                    throw FieldError("\(key): \(formatNumber(n)) is above the maximum \(formatNumber(hi))")
                }
            }
            return (parameter.slot, value)
        }
    }

    /// Switches a rule off (`expression` nil) or replaces its expression.
    /// - Throws: ``FieldError`` for an unknown stream or rule, or ``ExpressionError`` text for a bad expression.
    public mutating func changeRule(_ key: String, expression: String?) throws(FieldError) {
        let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let s = streams.firstIndex(where: { $0.id == parts[0] }) else {
            throw FieldError("unknown stream in rule key '\(key)' (expected STREAM.RULE)" + suggestion(for: parts.first ?? key, in: streamIDs))
        }
        guard let r = streams[s].rules.firstIndex(where: { $0.id == parts[1] }) else {
            throw FieldError("unknown rule '\(parts[1])' of \(parts[0])" + suggestion(for: parts[1], in: streams[s].rules.map(\.id)))
        }
        guard let expression else {
            streams[s].rules.remove(at: r)
            return
        }
        do {
            let compiled = try compile(expression, stream: parts[0], expecting: .bool)
            let old = streams[s].rules[r]
            streams[s].rules[r] = Rule(
                id: old.id, text: "\(old.text) [replaced by the scenario: \(expression)]", expression: compiled,
                citation: Citation(
                    text: old.citation.text, status: .assumption, note: "replaced by the scenario: the scenario's own reading, not the cited law",
                    references: old.citation.references),
                file: old.file, line: old.line)
        } catch {
            throw FieldError("rule \(key): \(error.reason) at character \(error.offset + 1) of '\(expression)'")
        }
    }
}
