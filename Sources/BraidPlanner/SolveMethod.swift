import BraidPolicy
import BraidScenario

/// The monolithic MIP, or the decomposition of ``Decomposition`` (the fast path for large rosters).
public enum SolveMethod: String, Sendable, CaseIterable {
    /// The decomposition from ``Tuning/decomposeFrom`` participants up, the monolithic model below.
    case automatic = "auto"
    case monolithic
    case decomposed

    /// Whether a roster of `participants` is decomposed (`automatic`: from `tuning`'s threshold).
    func decomposes(_ participants: Int, _ tuning: Tuning) -> Bool {
        self == .decomposed || (self == .automatic && participants >= tuning.decomposeFrom)
    }
}
