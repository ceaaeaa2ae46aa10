import BraidPolicy
import BraidSolver

/// The exit code of an error of reading or planning (docs/CONTRACTS.md, "Exit codes"): 2 invalid
/// input, 3 no feasible plan, 4 solver failure, 6 internal error (a bug), 7 the time limit ended
/// before any plan; nil for an error that is none of these. The command line adds its own (an
/// output that cannot be written: 2); `braid batch` records these for each job.
public enum ExitStatus {
    public static func code(for error: any Error) -> Int32? {
        switch error {
        case is InputError, is InputErrors: return 2
        case is InfeasibleError: return 3
        case is SolverError: return 4
        case PlanningError.unexpectedStatus: return 4
        case is PlanningError: return 6
        case is TimeLimitReached: return 7
        default: return nil
        }
    }
}
