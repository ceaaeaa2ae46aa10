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
        while passed < stream.rules.count, stream.rules[passed].expression.evaluate(context).bool == true {
            passed += 1
        }
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
            shared: shared, eligible: passed == stream.rules.count, passedCount: passed, categories: categories,
            caps: caps)
    }
}
