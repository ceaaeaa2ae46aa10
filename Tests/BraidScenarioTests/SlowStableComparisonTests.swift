import BraidPolicy
import BraidSolver
import BraidTestSupport
import Foundation
import Testing

@testable import BraidPlanner
@testable import BraidReports
@testable import BraidScenario

/// Stable comparisons as the workbench plans an edit: on the four-year Indiana (1,400 applicants
/// over 48 months), and over a grid of edits of the rosters the monolithic model plans (slow in a
/// debug build).
@Suite struct SlowStableComparisonTests {
    /// Every money setting of each roster planned on the monolithic model, at five levels from
    /// ×0.6 to ×1.3: the workbench's tuning (``Tuning/forEdits``: the class search before the
    /// longer dives, the closest plan keeping whom both plans serve, the smaller node budgets)
    /// and `compare`'s, both exact and close to the baseline's plan, serve the same weight, and
    /// the workbench's plan is optimal and verifies.
    @Test(arguments: ["oregon-maritime-welding", "houston-women-construction", "atlanta-healthcare"])
    func theWorkbenchsEditsServeAsMuchAsComparesOnMonolithicRosters(_ name: String) throws {
        let scenario = try Scenario.load(path: "\(scenariosPath)/\(name)", policies: policies)
        #expect(scenario.participants.count < Tuning().decomposeFrom)
        var options = PlanOptions()
        options.prices = .never
        options.closeTo = PlanReference(try Planner.plan(scenario, options: options))
        var edits = options
        edits.tuning = edits.tuning.forEdits
        let settings = scenario.streams.flatMap { s in
            [s.budget.map { ("\(s.id).budget", $0) }, s.cap.map { ("\(s.id).cap", $0) }].compactMap { $0 }
        }
        #expect(settings.count >= 3)
        for (key, cents) in settings {
            for factor in [0.6, 0.8, 0.9, 1.1, 1.3] {
                let value = (Double(cents) * factor / 100).rounded()
                let (_, changed) = try StableComparisonTests.loadWhatIf(
                    "base: \(scenariosPath)/\(name)\nset: {\(key): \(value)}\n")
                let fast = try Planner.plan(changed, options: edits)
                let full = try Planner.plan(changed, options: options)
                #expect(fast.status == .optimal, "\(name) \(key)=\(value)")
                #expect(abs(fast.weightedServed - full.weightedServed) < 1e-9, "\(name) \(key)=\(value)")
                #expect(Verifier.violations(of: fast, scenario: changed).isEmpty, "\(name) \(key)=\(value)")
            }
        }
    }

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
