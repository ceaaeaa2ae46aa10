import BraidPolicy

/// A cost shared by participants funded from different streams (`shared_costs:`): a navigator,
/// the convener's staff, a facility. It is paid in full when its scope runs (its program runs;
/// the partnership always), and each stream is charged in proportion to the benefit it receives,
/// measured by the basis (2 CFR 200.405(a), (d); docs/DESIGN.md, "Shared costs").
public struct SharedCost: Sendable, Equatable {
    public enum Scope: Sendable, Equatable {
        /// The partnership as a whole: every served participant benefits.
        case partnership
        /// One program (its id): its served participants benefit.
        case program(String)
    }

    /// What measures a stream's benefit.
    public enum Basis: String, Sendable, Equatable, CaseIterable {
        /// The participants it pays for (a braided participant counts in proportion to the
        /// stream's share of their costs).
        case participants
        /// Their program clock hours, counted the same way.
        case hours
        /// Its direct costs in the scope: participants' costs and the programs' costs it pays.
        case direct_costs
    }

    public let id: String
    public let category: CostCategory
    /// In cents.
    public let amount: Int64
    public let scope: Scope
    public let basis: Basis
    /// Where the figure comes from (or the assumption it rests on); nil when not given.
    public let source: String?

    public init(id: String, category: CostCategory, amount: Int64, scope: Scope, basis: Basis, source: String?) {
        self.id = id
        self.category = category
        self.amount = amount
        self.scope = scope
        self.basis = basis
        self.source = source
    }

    /// Whether a participant of `program` benefits.
    public func covers(program: String) -> Bool {
        switch scope {
        case .partnership: return true
        case .program(let id): return id == program
        }
    }

    /// The program id of a program scope; nil for the partnership.
    public var program: String? {
        if case .program(let id) = scope { return id }
        return nil
    }
}
