import BraidPolicy

/// A scenario's target (`targets:`): a group the plan must serve enough of. A target is a hard
/// constraint; the result reports its price (what the objective loses to meet it).
public struct Target: Sendable {
    public enum Requirement: Sendable, Equatable {
        /// At least this many of the group served.
        case atLeast(Int)
        /// The group is at least this share (0...1) of those served (`of: nil`) or of those a
        /// stream pays for (`of: stream id`).
        case shareAtLeast(Double, of: String?)
        /// The group's served rate is at least this multiple of the whole roster's served rate.
        case rateAtLeast(Double)
    }

    public let label: String
    /// Who is in the group (`when:`); a participant for whom it is undecided is not in it.
    public let condition: CompiledExpression
    public let requirement: Requirement

    public init(label: String, condition: CompiledExpression, requirement: Requirement) {
        self.label = label
        self.condition = condition
        self.requirement = requirement
    }

    /// The requirement as a reader sees it: "at least 20", "at least 85% of wioa-adult's participants".
    public var requirementText: String {
        switch requirement {
        case .atLeast(let n): return "at least \(n) served"
        case .shareAtLeast(let share, let of):
            let whom = of.map { "of those \($0) pays for" } ?? "of those served"
            return "at least \(NumberText.percent(share)) \(whom)"
        case .rateAtLeast(let multiple):
            return "served rate at least \(NumberText.fixed(multiple, 2)) × the overall rate"
        }
    }
}
