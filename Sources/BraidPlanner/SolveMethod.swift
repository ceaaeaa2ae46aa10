import BraidPolicy
import BraidScenario

/// The monolithic MIP, or the decomposition of ``Decomposition`` (the fast path for large rosters).
public enum SolveMethod: String, Sendable, CaseIterable {
    /// The decomposition from ``SolveMethod/threshold`` participants up, the monolithic model below.
    case automatic = "auto"
    case monolithic
    case decomposed

    /// Participants from which `automatic` decomposes (measured in BENCHMARKS.md).
    public static let threshold = 200

    func decomposes(_ participants: Int) -> Bool {
        self == .decomposed || (self == .automatic && participants >= SolveMethod.threshold)
    }
}
