import BraidPlanner
import BraidPolicy
import BraidSolver
import Testing

@testable import braid

/// Each error kind maps to the exit code of docs/CONTRACTS.md.
@Suite struct ExitCodeTests {
    @Test func errorsMapToTheDocumentedExitCodes() {
        #expect(braidExitCode(for: InputError(file: "s.yaml", reason: "bad")) == 2)
        #expect(braidExitCode(for: InputErrors([InputError(file: "s.yaml", reason: "bad")])) == 2)
        #expect(braidExitCode(for: FileWriteError(path: "out", reason: "disk full")) == 2)
        #expect(braidExitCode(for: InfeasibleError("no stream may pay")) == 3)
        #expect(braidExitCode(for: SolverError.glpkFatal("glp_add_rows: invalid")) == 4)
        #expect(braidExitCode(for: PlanningError.unexpectedStatus(step: "the LP relaxation", status: .unbounded)) == 4)
        // A plan that does not round to cents is Braid's bug, not the solver's failure.
        #expect(braidExitCode(for: PlanningError.roundingFailed("a cent has no payer")) == 6)
    }

    @Test func aRoundingFailureSaysItIsABugToReport() {
        let text = "\(PlanningError.roundingFailed("1 cent(s) of a need have no payer with room"))"
        #expect(text.hasPrefix("cannot round the plan to cents: 1 cent(s) of a need have no payer with room"))
        #expect(text.contains("please report it with the scenario"))
    }
}
