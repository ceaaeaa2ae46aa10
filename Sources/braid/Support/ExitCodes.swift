import BraidPlanner
import Foundation

/// The exit code of an error: 2 invalid input (or an output that cannot be written), 3 no
/// feasible plan, 4 solver failure, 6 internal error (a bug), 7 the time limit ended before any
/// plan (``ExitStatus/code(for:)``); nil for the argument parser's own errors (1). 5 is
/// `verify`'s "violations found" and 8 `batch`'s "a job failed", thrown as an `ExitCode`.
public func braidExitCode(for error: any Error) -> Int32? {
    if error is FileWriteError { return 2 }
    return ExitStatus.code(for: error)
}
