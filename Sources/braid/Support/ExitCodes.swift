import BraidPlanner
import BraidPolicy
import BraidSolver
import Foundation

/// The exit code of an error: 2 invalid input (or an output that cannot be written), 3 no
/// feasible plan, 4 solver failure, 6 internal error (a bug), 7 the time limit ended before any
/// plan; nil for the argument parser's own
/// errors (1). 5 is `verify`'s "violations found", thrown as an `ExitCode`.
public func braidExitCode(for error: any Error) -> Int32? {
    switch error {
    case is InputError, is InputErrors: return 2
    case is InfeasibleError: return 3
    case is SolverError: return 4
    case PlanningError.unexpectedStatus: return 4
    case is PlanningError: return 6
    case is FileWriteError: return 2
    case is TimeLimitReached: return 7
    default: return nil
    }
}
