/// No plan satisfies the scenario: the cause is named (exit code 3).
public struct InfeasibleError: Error, Sendable, Equatable, CustomStringConvertible {
    public let cause: String
    public init(_ cause: String) { self.cause = cause }
    public var description: String { "no feasible plan: \(cause)" }
}
