import BraidPolicy
import BraidScenario
import BraidSolver
import Foundation
import Logging

/// Limits of the optimisation.
public struct PlanOptions: Sendable {
    /// Seconds for the whole solve (nil: none), counted from ``clockStart``.
    public var timeLimit: Double?
    /// The monotonic moment (``MonotonicClock``) the time limit counts from; nil: when the
    /// planner is called. `braid run` and `explain` give the moment the command started, so that
    /// reading the roster and deciding eligibility count against the limit too.
    public var clockStart: Double? = nil
    /// The relative MIP gap at which the search stops.
    public var gap: Double
    /// Where the planner reports its progress (at `debug`: each step's time, each round of
    /// column generation, each search). The library never prints; the caller's log handler does.
    public var logger: Logger
    /// How the model is solved.
    public var method: SolveMethod
    /// The planner's thresholds and heuristics (``Tuning``): they change how fast a plan is
    /// found, never which plan is proven.
    public var tuning = Tuning()
    /// Streams whose priority of service is not enforced — only to price it: it is law, and
    /// every plan the planner returns enforces it.
    public var waivedPriority: Set<String> = []
    /// Whether each target's and each priority rule's price is computed (by solving again
    /// without it): never by default in the library (each price is a solve); `braid run` and
    /// `compare` ask for `automatic` (below ``Tuning/pricesBelow`` applicants).
    public var prices = PriceMode.never
    /// A plan to stay close to (`compare` gives the baseline's when it plans the what-if): of
    /// the equally good plans, the one that keeps the most of its people, then moves the fewest
    /// dollars. Below ``Tuning/closestPlanBelow`` applicants; nil: none.
    public var closeTo: PlanReference? = nil
    /// Whether each binding budget's marginal value gets its range (``StreamUse/marginalRange``;
    /// below ``Tuning/rangingBelow`` applicants): off by default in the library (a dozen LP
    /// solves per binding stream); `braid run` and `compare` ask for it. Sweeps never compute it:
    /// each point is its own range.
    public var ranges = false
    /// Targets (indices into the scenario's `targets`) left out, to price them.
    public var droppedTargets: Set<Int> = []
    /// Branch-and-cut nodes phase 1's searches may spend in all (nil: no budget): a search out
    /// of nodes stops as at the time limit, with its plan and gap. A budget, not a time, so the
    /// result is the same on every machine and under any load (prices use
    /// ``Tuning/priceNodes``).
    public var nodeBudget: Int? = nil
    public init(
        timeLimit: Double? = 120, gap: Double = 1e-6, method: SolveMethod = .automatic,
        logger: Logger = Logger(label: "braid.planner")
    ) {
        self.timeLimit = timeLimit
        self.gap = gap
        self.method = method
        self.logger = logger
    }

    /// Whether the gap is one a user asked for (at least ``Tuning/smallestStoppingGap``; the
    /// default 1e-6 is not).
    var gapRequested: Bool { gap >= tuning.smallestStoppingGap }

    /// Whether `value` is within the requested gap of `bound`, the gap being one a user asked for
    /// (at least ``Tuning/smallestStoppingGap``; the default 1e-6 is not): every search then
    /// stops there, even a small roster's, whose proofs otherwise go value by value (Indiana,
    /// H-1B at $394,250, `--gap 0.005`: a plan 0.28% from its bound searched to the time limit).
    func withinRequestedGap(_ value: Double, of bound: Double) -> Bool {
        gapRequested && bound.isFinite && value.isFinite
            && bound - value <= gap * max(Tolerance.objective, abs(value))
    }

    /// When a whole-run time limit ends (nil: none, or the limit is the optimisation's own): what
    /// bounds eligibility and the prices.
    var wholeRunDeadline: Double? { clockStart.flatMap { deadline(startingAt: $0) } }

    /// Asked to stop: the answer no longer matters (the workbench's edit overtaken by a newer
    /// one). Once set, the time limit counts as reached wherever it is next read, and the
    /// planner throws ``PlanningStopped`` at its next check (``checkStop()``): it ends after the
    /// step it is in (a step already in GLPK finishes first), without a plan.
    public var stop: StopSignal? = nil

    /// When the time limit ends, for a run that starts at `now` (nil: no limit); already past once
    /// ``stop`` is set.
    func deadline(startingAt now: Double) -> Double? {
        if stop?.isSet == true { return MonotonicClock.now() - 1 }
        return timeLimit.map { (clockStart ?? now) + $0 }
    }

    /// The nodes a search may still spend after `spent` (nil: no budget).
    func nodesLeft(after spent: Int) -> Int? { nodeBudget.map { max(1, $0 - spent) } }

    /// Whether a search that has spent `spent` nodes has used up ``nodeBudget``.
    func outOfNodes(_ spent: Int) -> Bool { nodeBudget.map { spent >= $0 } ?? false }

    /// Whether prices are computed for a roster of this size.
    func computesPrices(_ participants: Int) -> Bool {
        switch prices {
        case .always: return true
        case .never: return false
        case .automatic: return participants < tuning.pricesBelow
        }
    }

    /// Whether progress is reported (so that costly messages are built only then).
    var verbose: Bool { logger.logLevel <= .debug }
}

/// When targets and priority rules are priced (each price is one more solve).
public enum PriceMode: String, Sendable, CaseIterable {
    case automatic = "auto"
    case always
    case never
}

/// A flag one thread sets and a solve on another reads (``PlanOptions/stop``).
public final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var set = false
    public init() {}
    public func stop() { lock.withLock { set = true } }
    public var isSet: Bool { lock.withLock { set } }
    /// Throws ``PlanningStopped`` once set: every step of the planner that checks for a stop
    /// checks this way.
    func check() throws(PlanningStopped) {
        if isSet { throw PlanningStopped() }
    }
}

/// Thrown by a solve whose ``PlanOptions/stop`` was set: its answer no longer matters, and the
/// steps after the one it was in are not run.
public struct PlanningStopped: Error, Sendable {}

extension PlanOptions {
    /// Throws ``PlanningStopped`` once ``stop`` is set.
    func checkStop() throws(PlanningStopped) { try stop?.check() }
}
