import ArgumentParser
import BraidPlanner
import BraidSolver

/// `--time-limit` and `--gap`, checked alike by every command that optimises.
enum TimeLimit {
    /// The smallest limit accepted: below it no solve can start, and the plan would be empty.
    static let minimumSeconds = 0.01

    static func check(_ seconds: Double?) throws {
        guard let seconds else { return }
        guard seconds.isFinite, seconds >= minimumSeconds else {
            throw ValidationError(
                "--time-limit must be a number of seconds of at least \(minimumSeconds), got \(seconds)")
        }
    }

    static func check(gap: Double) throws {
        if !(gap >= 0 && gap < 1) { throw ValidationError("--gap must be at least 0 and below 1") }
    }
}

/// The clock of a command whose `--time-limit` bounds the whole run (`run`, `explain`): it starts
/// when the command does, so reading the roster, eligibility and the search share the limit.
struct RunClock {
    let start = MonotonicClock.now()
    /// The limit in force (the planner's default when none is given).
    let limit: Double?

    init(_ given: Double?) { limit = given ?? PlanOptions().timeLimit }

    /// The planner's share of the limit for a roster of `applicants`: the limit less the time
    /// kept back to assemble and write the result (``Tuning/resultSecondsPerApplicant``).
    func plannerLimit(_ applicants: Int) -> Double? {
        limit.map { max(TimeLimit.minimumSeconds, $0 - Double(applicants) * Tuning().resultSecondsPerApplicant) }
    }

    /// Stops the run (exit 7) when the planner's share of the limit for `applicants` ended during
    /// `step`, before any search began.
    func check(after step: String, applicants: Int) throws {
        if let limit, let share = plannerLimit(applicants), MonotonicClock.now() - start >= share {
            throw TimeLimitReached(step: step, seconds: limit)
        }
    }

    /// `body`, with a ``TimeLimitReached`` from the planner telling the whole run's limit (the
    /// planner knows only its share).
    func telling<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let reached as TimeLimitReached {
            throw TimeLimitReached(step: reached.step, seconds: limit ?? reached.seconds)
        }
    }
}
