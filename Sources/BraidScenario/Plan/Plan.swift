import BraidPolicy

/// One allocation line: a stream pays an amount of a participant's (or program's) category.
public struct Allocation: Sendable, Equatable {
    /// Participant id, or program id for a program allocation.
    public let owner: String
    public let stream: String
    public let category: CostCategory
    public let cents: Int64
    /// When the cost falls (`2026-07-01/2026-09-30`: a segment of the scenario's timeline);
    /// nil when the scenario has no money by year.
    public var period: String? = nil

    public init(owner: String, stream: String, category: CostCategory, cents: Int64, period: String? = nil) {
        self.owner = owner
        self.stream = stream
        self.category = category
        self.cents = cents
        self.period = period
    }
}

/// A participant who is not served, with the binding reason.
public struct NotServed: Sendable, Equatable {
    public let id: String
    public let reason: String

    public init(id: String, reason: String) {
        self.id = id
        self.reason = reason
    }
}

/// Budget use and marginal value of one stream.
public struct StreamUse: Sendable, Equatable {
    public let id: String
    /// The budget (or cap) in cents; nil for an entitlement.
    public let budget: Int64?
    public let used: Int64
    /// People served per extra dollar of budget, from the LP relaxation (0 when not binding;
    /// NaN when the time limit left no time to compute it).
    public let marginalValue: Double
    /// How many more dollars of budget still buy something (in the LP relaxation: beyond it more
    /// of this stream serves no one more); nil when not computed (not binding, a sweep's point,
    /// or at least `Tuning.rangingBelow` applicants).
    public let marginalRange: Double?
    /// What each dollar of that range buys on average (the objective's rise over the range per
    /// dollar: at most the marginal value, less where returns diminish).
    public let marginalAverage: Double?

    public init(
        id: String, budget: Int64?, used: Int64, marginalValue: Double, marginalRange: Double? = nil,
        marginalAverage: Double? = nil
    ) {
        self.id = id
        self.budget = budget
        self.used = used
        self.marginalValue = marginalValue
        self.marginalRange = marginalRange
        self.marginalAverage = marginalAverage
    }
}

/// How the plan was found.
public struct PlanStatistics: Sendable, Equatable {
    public var variables = 0, constraints = 0, entries = 0
    public var nodes = 0, simplexIterations = 0
    public var solveSeconds = 0.0
    public var objective = 0.0
    public var bound = 0.0

    public init(
        variables: Int = 0, constraints: Int = 0, entries: Int = 0, nodes: Int = 0, simplexIterations: Int = 0,
        solveSeconds: Double = 0, objective: Double = 0, bound: Double = 0
    ) {
        self.variables = variables
        self.constraints = constraints
        self.entries = entries
        self.nodes = nodes
        self.simplexIterations = simplexIterations
        self.solveSeconds = solveSeconds
        self.objective = objective
        self.bound = bound
    }
}

/// The braided funding plan for a scenario.
public struct Plan: Sendable {
    public let scenario: String
    public let status: PlanStatus
    public let gap: Double
    public let served: [String]
    public let notServed: [NotServed]
    public let allocations: [Allocation]
    public let programAllocations: [Allocation]
    public let programsRun: [String]
    public let streams: [StreamUse]
    /// Every stream's dollars used, in cents ("dollars braided").
    public var dollarsBraided: Int64 { streams.reduce(0) { $0 + $1.used } }
    /// Whether the time limit ended before any plan was found (no one served, the gap whole):
    /// `run` then exits 7 after writing the result, and `batch` records the job as failed.
    public var noPlanInTime: Bool { status == .timeLimit && served.isEmpty && !notServed.isEmpty && gap >= 1 }
    public let statistics: PlanStatistics
    /// The weighted number served.
    public let weightedServed: Double
    /// What the plan maximises and the value it reaches (weight × measure over those served).
    public var measure: ObjectiveMeasure = .people
    public var objectiveValue: Double = 0
    /// Targets, priority of service, outcomes and served rates by group.
    public var review: PlanReview = .empty
    /// What each stream pays of each shared cost (owner: the shared cost's id).
    public var sharedAllocations: [Allocation] = []
    /// Read back from a result JSON: whether it stated a ledger (results before the ledger did
    /// not), for `verify` to check.
    public var statesLedger = false
    /// How the plan set each priority-of-service gate ("STREAM/TIER": open, partial or closed), for
    /// a what-if planned close to it to try first (not part of the result).
    package var priorityGates: [String: String] = [:]

    public init(
        scenario: String, status: PlanStatus, gap: Double, served: [String], notServed: [NotServed],
        allocations: [Allocation],
        programAllocations: [Allocation], programsRun: [String], streams: [StreamUse], statistics: PlanStatistics,
        weightedServed: Double
    ) {
        self.scenario = scenario
        self.status = status
        self.gap = gap
        self.served = served
        self.notServed = notServed
        self.allocations = allocations
        self.programAllocations = programAllocations
        self.programsRun = programsRun
        self.streams = streams
        self.statistics = statistics
        self.weightedServed = weightedServed
    }
}

extension Plan {
    /// Whether those served count differently (weights): its objective is not a head count.
    public var isWeighted: Bool { abs(weightedServed - Double(served.count)) > 1e-9 }
}
