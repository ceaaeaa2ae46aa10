import BraidPolicy
import BraidScenario
import Foundation

/// Limits of the optimisation.
public struct PlanOptions: Sendable {
    /// Seconds for the whole solve (nil: none).
    public var timeLimit: Double?
    /// The relative MIP gap at which the search stops.
    public var gap: Double
    public var verbose: Bool
    /// How the model is solved.
    public var method: SolveMethod
    /// The planner's thresholds and heuristics (``Tuning``): they change how fast a plan is
    /// found, never which plan is proven.
    public var tuning = Tuning()
    public init(
        timeLimit: Double? = 120, gap: Double = 1e-6, method: SolveMethod = .automatic,
        verbose: Bool = !(ProcessInfo.processInfo.environment["BRAID_VERBOSE"] ?? "").isEmpty
    ) {
        self.timeLimit = timeLimit
        self.gap = gap
        self.method = method
        self.verbose = verbose
    }
}
