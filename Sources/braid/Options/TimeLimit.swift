import ArgumentParser

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
