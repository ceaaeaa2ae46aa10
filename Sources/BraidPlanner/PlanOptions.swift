import BraidPolicy
import BraidScenario
import Foundation
import Logging

/// Limits of the optimisation.
public struct PlanOptions: Sendable {
    /// Seconds for the whole solve (nil: none).
    public var timeLimit: Double?
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
    public init(
        timeLimit: Double? = 120, gap: Double = 1e-6, method: SolveMethod = .automatic,
        logger: Logger = Logger(label: "braid.planner")
    ) {
        self.timeLimit = timeLimit
        self.gap = gap
        self.method = method
        self.logger = logger
    }

    /// Whether progress is reported (so that costly messages are built only then).
    var verbose: Bool { logger.logLevel <= .debug }
}
