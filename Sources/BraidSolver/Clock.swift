import Foundation

/// Monotonic seconds, without Foundation.
public enum MonotonicClock {
    /// Seconds since an arbitrary fixed point; only differences are meaningful.
    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// The least time a solve is given when its deadline has passed: GLPK needs about this long
    /// to return the point it has (the planner's `Tuning.minimumSearchSeconds` is the same 0.05).
    public static let minimumSolveSeconds = 0.05

    /// A solve's time limit up to `deadline` (a moment at least, so a late solve still answers);
    /// nil when there is no deadline.
    public static func secondsLeft(until deadline: Double?) -> Double? {
        deadline.map { max(minimumSolveSeconds, $0 - now()) }
    }
}
