import BraidPolicy
import BraidSolver
import BraidTestSupport
import Foundation
import Testing

@testable import BraidPlanner
@testable import BraidReports
@testable import BraidScenario

/// Stable comparisons on the four-year Indiana (1,400 applicants over 48 months: slow in a debug
/// build), as the workbench plans an edit.
@Suite struct SlowStableComparisonTests {
    /// The workbench's closest plan over the decomposition's patterns keeps whom both plans serve
    /// on their phase-1 patterns (constants of its MIP): with the H-1B grant cut to $1,120,000 the
    /// what-if keeps at least as many baseline people as the plan made without the baseline, serves
    /// as many within the workbench's gap, and verifies.
    @Test func theWorkbenchsClosestPlanOverPatternsKeepsAtLeastWhomPhaseOneKeeps() throws {
        let (baseline, changed) = try StableComparisonTests.loadWhatIf(
            "base: \(scenariosPath)/indiana-advanced-manufacturing-multiyear\n"
                + "streams: {h1b-ready-to-work: {budget: 1120000}}\n")
        var interactive = PlanOptions(gap: 0.005)
        interactive.tuning.closestPlanNodes = interactive.tuning.closestPlanNodesInteractive
        interactive.tuning.closestPlanKeepsWhomBothServe = true
        let (before, after) = try Planner.compare(baseline, changed, options: interactive)
        let alone = try Planner.plan(changed, options: interactive)
        let was = Set(before.served)
        #expect(after.served.filter(was.contains).count >= alone.served.filter(was.contains).count)
        #expect(after.served.filter(was.contains).count < was.count)
        #expect(Double(after.served.count) >= Double(alone.served.count) * (1 - 0.005) - 1)
        #expect(Verifier.violations(of: after, scenario: changed).isEmpty)
    }
}
