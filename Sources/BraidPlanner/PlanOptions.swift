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
    /// From how many applicants the decomposition's phase 1 uses the compact master (tests lower it).
    var compactMasterFrom = Decomposition.compactFrom
    /// From how many applicants patterns settle only late and phase 2 starts lean (tests lower it).
    var settleFrom = ColumnGeneration.settleBelow
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
