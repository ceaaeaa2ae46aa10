import BraidPolicy

/// An organisation of the partnership (`partners:`): a convener, lead partner, employer,
/// training provider or funder. Streams name the partner whose money they are (`partner:`), and
/// in-kind contributions the partner who gives them.
public struct Partner: Sendable, Equatable {
    public let id: String
    public let name: String
    /// What the partner does in the partnership ("convener", "employer", …), as the scenario says.
    public let role: String?

    public init(id: String, name: String, role: String?) {
        self.id = id
        self.name = name
        self.role = role
    }
}

/// A partner's contribution of goods or services rather than money (`in_kind:`): donated
/// equipment, a training site, instructors' time, wages an employer pays. It pays no participant
/// cost in the plan; the ledger reports it, and it counts as a federal stream's match only where
/// that stream's rule allows in-kind match (``InKindMatchRule``).
public struct InKindContribution: Sendable, Equatable {
    public let partner: String
    public let description: String
    /// Its value in cents.
    public let value: Int64
    /// How the value was set (2 CFR 200.306(h)–(j): fair market value, the rate of comparable
    /// work, fair rental value).
    public let valuation: String
    /// Where the figure comes from (or the assumption it rests on); nil when not given.
    public let source: String?
    /// Streams whose non-federal match it is claimed for (each must allow in-kind match).
    public let countsAsMatchFor: [String]
}
