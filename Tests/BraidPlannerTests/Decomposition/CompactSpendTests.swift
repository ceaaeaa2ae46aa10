import BraidPolicy
import BraidSolver
import BraidTestSupport
import Foundation
import Testing

@testable import BraidPlanner
@testable import BraidScenario

/// Phase 2 on the decomposition (the compact spending master, which holds participants with one
/// pattern as constants) against the spending LP solved whole by GLPK, for the same served set.
@Suite struct CompactSpendTests {
    /// The same optimum (Σ rank × dollars), a point that meets every row, at each match margin.
    @Test(arguments: [(300, 9), (300, 3), (600, 4)])
    func reachesTheSpendingLPsOptimum(participants: Int, seed: UInt64) throws {
        let fixture = try Fixture.generated(participants: participants, seed: seed)
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        let scenario = try fixture.load()
        let options = PlanOptions(timeLimit: 120, method: .decomposed)
        let analyses = try Planner.analyses(scenario, options: options)
        let run = PlanningRun(scenario: scenario, analyses: analyses, options: options, solver: GLPKSolver())
        let built = try Formulation(
            scenario: scenario, analyses: analyses, priorities: scenario.priorities(analyses), names: false)
        let gated = try run.gatedServedPhase(built, decomposes: true, hint: nil)
        let solved = try #require(gated.decomposition)
        let f = gated.f
        let isServed = f.served.map { gated.mip.values[$0.index] > 0.5 }
        let runs = f.runs.map { gated.mip.values[$0.index] > 0.5 }
        let lp = PlanningRun.spendingModel(
            f, isServed: isServed, runs: runs, decided: PlanningRun.decidedGoals(f, gated.mip.values))
        var compared = 0
        for factor in Set([options.tuning.matchMarginFactors.first!, 0]).sorted() {
            let model = PlanningRun.margined(lp, f, factor)
            let whole = try GLPKSolver().solve(model, options: SolveOptions(relaxIntegrality: true))
            let point = try run.spendPoint(solved, model, isServed: isServed)
            guard whole.status == .optimal else {
                #expect(point == nil, "margin \(factor): the whole LP is \(whole.status)")
                continue
            }
            let values = try #require(point, "margin \(factor)").values
            let cost = model.objectiveValue(at: values)
            #expect(
                abs(cost - whole.objectiveValue) <= 1e-7 * max(1, abs(whole.objectiveValue)),
                "margin \(factor): \(cost) vs \(whole.objectiveValue)")
            for r in 0..<model.constraintCount {
                let activity = model.terms(of: Constraint(index: r)).reduce(0.0) { $0 + $1.1 * values[$1.0.index] }
                let slack = 1e-6 * max(1, abs(activity))
                #expect(activity >= model.rowLower[r] - slack && activity <= model.rowUpper[r] + slack, "row \(r)")
            }
            compared += 1
        }
        #expect(compared > 0)
    }
}
