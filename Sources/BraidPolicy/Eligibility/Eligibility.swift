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

    /// Whether the stream has caps over several categories.
    public var hasSpanningCaps: Bool { !shared.spanning.isEmpty }
    /// The caps over several categories one by one, tightest first (ties in the policy's order),
    /// without an array when there is one (the common case).
    public func forEachSpanningCap(_ body: (CapAmount) -> Void) {
        let spanning = shared.spanning
        if spanning.count == 1 { return body(caps[spanning[0]]) }
        for cap in spanning.map({ caps[$0] }).sorted(by: { $0.cents < $1.cents }) { body(cap) }
    }

    /// Whether the stream may pay this category for this participant.
    public func allows(_ category: CostCategory) -> Bool {
        eligible && categories.contains { $0.category == category && $0.allowed }
    }
}

/// A stream's policy held once for all the decisions that refer to it.
///
/// Made for one program (``init(_:program:)``), it also holds what is the same for every
/// participant of that program: the rules, cost lines and caps that read nothing about the
/// participant (a program's ETPL listing, a parameter's cap), decided once instead of per person.
public final class SharedStream: Sendable {
    public let policy: StreamPolicy
    /// The rules' expressions, costs and caps, held apart so that a decision reads them without
    /// copying the whole policy (a retain of each of its fields) per participant.
    let rules: [CompiledExpression]
    let costs: [CostLine]
    let caps: [CapRule]
    /// The caps (indices into `caps`) over several categories.
    let spanning: [Int]
    /// Per rule, cost line and cap: its outcome for every participant of the program, when it
    /// reads nothing about the participant (nil: decided per participant).
    let decidedRules: [Bool?]
    let decidedLines: [CategoryAllowance?]
    let decidedCaps: [CapAmount?]
    /// Every cost line's or cap's outcome, when all are decided: one array shared by every decision.
    let allLines: [CategoryAllowance]?
    let allCaps: [CapAmount]?

    /// - Parameter program: a context without a participant (``EvaluationContext/withoutParticipant(program:environment:)``)
    ///   for the program every decision will be about; nil decides everything per participant.
    public init(_ policy: StreamPolicy, program: EvaluationContext? = nil) {
        self.policy = policy
        rules = policy.rules.map(\.expression)
        costs = policy.costs
        caps = policy.caps
        spanning = policy.caps.indices.filter { policy.caps[$0].categories.count > 1 }
        func decided(_ expressions: [CompiledExpression?]) -> Bool {
            program != nil && expressions.allSatisfy { !($0?.readsParticipant ?? false) }
        }
        decidedRules = rules.map { rule in
            decided([rule]) ? rule.evaluate(program!).bool == true : nil
        }
        decidedLines = costs.map { line in
            decided([line.condition, line.share]) ? Self.allowance(line, program!) : nil
        }
        decidedCaps = caps.map { rule in decided([rule.amount]) ? Self.amount(rule, program!) : nil }
        allLines = decidedLines.contains { $0 == nil } ? nil : decidedLines.map { $0! }
        allCaps = decidedCaps.contains { $0 == nil } ? nil : decidedCaps.map { $0! }
    }

    /// Whether a cost line pays for the context's participant, and its share.
    static func allowance(_ line: CostLine, _ context: EvaluationContext) -> CategoryAllowance {
        CategoryAllowance(
            category: line.category, line: line,
            allowed: line.condition.map { $0.evaluate(context).bool == true } ?? true,
            share: line.share.map { $0.evaluate(context).number.map { min(max($0, 0), 1) } ?? 0 })
    }

    /// A cap's amount for the context's participant (0 when blank).
    static func amount(_ rule: CapRule, _ context: EvaluationContext) -> CapAmount {
        CapAmount(rule: rule, cents: centsFloor(rule.amount.evaluate(context).number ?? 0))
    }
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
        let rules = shared.rules
        let decided = shared.decidedRules
        var passed = 0
        while passed < rules.count, decided[passed] ?? (rules[passed].evaluate(context).bool == true) {
            passed += 1
        }
        let categories =
            shared.allLines
            ?? shared.costs.indices.map { k in
                shared.decidedLines[k] ?? SharedStream.allowance(shared.costs[k], context)
            }
        let caps =
            shared.allCaps
            ?? shared.caps.indices.map { k in shared.decidedCaps[k] ?? SharedStream.amount(shared.caps[k], context) }
        return StreamEligibility(
            shared: shared, eligible: passed == rules.count, passedCount: passed, categories: categories,
            caps: caps)
    }
}
