import BraidPolicy
import BraidSolver

/// One amount the optimiser may set: stream `stream` pays `category` for participant (or program)
/// `owner`.
public struct Cell: Sendable {
    public let owner: Int
    public let stream: Int
    public let category: CostCategory
    public let variable: Variable
    /// The most it may pay, in cents (need, share and single-category caps).
    public let upper: Int64
    /// The timeline segment its cost falls in (``Timeline``; 0 without money by year).
    public var segment: Int = 0
}

/// A linear cap over cells: Σ cells ≤ limit (cents), with the rule that imposes it.
public struct CapRow: Sendable {
    public let constraint: Constraint
    /// Participant cells (indices into ``Formulation/cells``).
    public let cells: [Int]
    /// Program cells (indices into ``Formulation/programCells``): only in budgets and stream caps.
    public let programCells: [Int]
    public let limit: Int64
    public let label: String
}

/// A matching stream's row: it spends at most `rate` × the eligible non-federal spending it
/// matches (SNAP E&T 50/50).
public struct MatchRow: Sendable {
    public let constraint: Constraint
    /// The matching stream (index into the scenario's streams).
    public let stream: Int
    public let rate: Double
    /// The participant cells whose spending it matches.
    public let base: [Int]
    /// What the matching stream itself pays: participant cells and program cells.
    public let paid: [Int]
    public let programPaid: [Int]
}

/// Payer of last resort: an entitlement named in an ordering rule pays all it can before the
/// streams that must come after it (`first[participant,stream]`).
public struct OrderingRow: Sendable {
    public let participant: Int
    /// The entitlement stream.
    public let stream: Int
    /// What it must pay, in cents.
    public let amount: Int64
    /// Its cells for this participant.
    public let cells: [Int]
}

/// A priority gate (docs/DESIGN.md, "Priority of service"): the binary "tier `tier` of the
/// stream may receive its money". Open, every participant of a higher tier whom the stream could
/// serve is served (`Σ protected y ≥ |protected| · G`); closed, the tier's cells pay nothing
/// (`Σ cells ≤ U · G`).
public struct PriorityGate: Sendable {
    public let stream: Int
    public let tier: Int
    public let variable: Variable
    /// The tier's cells of the stream (indices into ``Formulation/cells``).
    public let cells: [Int]
    /// The participants of higher tiers the stream could serve.
    public let protected: [Int]
    /// Closed before the solve: the protected participants cannot all be served.
    public let closedByPresolve: Bool
    /// Its rows (the tier's limit, the protected's count, the order after the previous gate).
    public let rows: [Constraint]
    /// The gate's third setting, when the stream can take it: "partial" (a binary `h`), in
    /// which the tier and below may be paid while a protected applicant waits, as long as the
    /// stream's money to them, with what it leaves unspent, stays under the least that could
    /// serve any protected applicant (``StreamPriority/cheapest(above:)``). Its rows: the
    /// higher tiers' (and programs') share of the stream is at least `limit − cheapest + margin`
    /// when `h` is 1; `g + h ≤ 1`; and `h` only after a previous gate that is open or partial.
    public let partial: Variable?
    public let partialRows: [Constraint]
}

/// How a gate is fixed in the search over gates: open (every protected applicant served; the
/// tier paid freely), partial (the tier paid only money that could serve no protected applicant)
/// or closed (the tier paid nothing).
public enum GateSetting: String, Sendable, Equatable {
    case open, partial, closed
}

/// "Stream `stream` pays something for participant `participant`": a binary with
/// `Σ cells ≤ U · p` and `Σ cells ≥ 1 cent · p`, for targets and shares counted in people a
/// stream pays for.
public struct PaidIndicator: Sendable {
    public let participant: Int
    public let stream: Int
    public let variable: Variable
    public let cells: [Int]
}

/// A target's row (or a state alternative's share row), for its price and the report.
public struct GoalRow: Sendable {
    public enum Goal: Sendable, Equatable {
        case target(Int)
        case priorityShare(stream: Int)
    }

    public let goal: Goal
    public let constraint: Constraint
}
