import BraidPlanner
import BraidPolicy
import BraidSolver
import Foundation

/// The exit code PRODUCT.md gives an error: 2 invalid input, 3 no feasible plan, 4 solver failure;
/// nil for errors of the argument parser.
public func braidExitCode(for error: any Error) -> Int32? {
    switch error {
    case is InputError, is InputErrors: return 2
    case is InfeasibleError: return 3
    case is SolverError: return 4
    case is FileWriteError: return 2
    default: return nil
    }
}

