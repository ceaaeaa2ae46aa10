import BraidScenario
import BraidSolver

/// Writes the monolithic phase-1 model (people served) of a scenario for external solvers.
public enum ModelExport {
    /// Writes CPLEX LP to `lp` and free MPS to `mps` (either may be nil).
    /// The corresponding GLPK routines are `glp_write_lp` and `glp_write_mps`.
    public static func write(_ scenario: Scenario, lp: String?, mps: String?) throws {
        let formulation = try Formulation(scenario: scenario, analyses: scenario.analyze())
        if let lp { try GLPKSolver().write(formulation.model, to: lp, format: .lp) }
        if let mps { try GLPKSolver().write(formulation.model, to: mps, format: .mps) }
    }
}
