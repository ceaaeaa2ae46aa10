import BraidPolicy
import BraidSolver
import BraidTestSupport
import Foundation
import Logging
import Testing

@testable import BraidPlanner
@testable import BraidScenario

/// Phase 2 on the decomposition (the compact spending master, which holds participants with one
/// pattern as constants) against the spending LP solved whole by GLPK, for the same served set.
@Suite struct CompactSpendTests {
    /// The same optimum (Σ rank × dollars), a point that meets every row, at each match margin —
    /// started cold from phase 1's patterns, and warm from the spending of the same roster with
    /// less and with more WIOA Adult money (a sweep's previous point, ``PlanHint/spending``).
    @Test(arguments: [(300, 9), (300, 3), (600, 4)])
    func reachesTheSpendingLPsOptimum(participants: Int, seed: UInt64) throws {
        let fixture = try Fixture.generated(participants: participants, seed: seed)
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        let scenario = try fixture.load()
        var options = PlanOptions(timeLimit: 120, method: .decomposed)
        let lines = LogLines()
        options.logger = Logger.capturing(into: lines)
        let budget = try #require(scenario.stream("wioa-adult")?.limit)
        // (Less money: the previous split fits; more: it may overrun the budget at first.)
        var previous: [[Decomposition.Column]] = []
        for tenths: Int64 in [8, 12] {
            let other = try fixture.load(["wioa-adult.budget=\(budget * tenths / 1000)"])
            previous.append(try spending(other, options, factor: 0).point?.patterns ?? [])
        }
        #expect(previous.allSatisfy { !$0.isEmpty })
        var compared = 0
        for factor in Set([options.tuning.matchMarginFactors.first!, 0]).sorted() {
            for start: [Decomposition.Column] in [[]] + previous {
                let (model, whole, point) = try spending(scenario, options, factor: factor, previous: start)
                guard whole.status == .optimal else {
                    #expect(point == nil, "margin \(factor): the whole LP is \(whole.status)")
                    continue
                }
                let values = try #require(point, "margin \(factor)").values
                expectOptimalPoint(values, of: model, whole, "margin \(factor), \(start.count) patterns to start")
                compared += 1
            }
        }
        #expect(compared > 0)
        // (The warm points started from the previous spending's patterns.)
        #expect(lines.all.contains { $0.hasPrefix("  spending from the previous point's:") })
    }

    /// Where the payers early in `use_order` run short, most patterns priced at the first prices
    /// (each participant's cheapest split, as if money were plentiful) overrun their budgets when
    /// they take over, and the dual simplex must put many back: the optimum is still the whole
    /// LP's, and every row holds.
    @Test(arguments: [(400, 5, 30), (400, 5, 60), (800, 6, 45)])
    func patternsThatTakeOverAndOverrunAreUndone(participants: Int, seed: UInt64, percent: Int64) throws {
        let fixture = try Fixture.generated(participants: participants, seed: seed)
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        let full = try fixture.load()
        let cuts = try ["tanf", "college-fund", "philanthropy"].map { id in
            "\(id).budget=\(try #require(full.stream(id)?.limit) * percent / 10000)"
        }
        let scenario = try fixture.load(cuts)
        let options = PlanOptions(timeLimit: 120, method: .decomposed)
        let (model, whole, point) = try spending(scenario, options, factor: options.tuning.matchMarginFactors.first!)
        try #require(whole.status == .optimal)
        expectOptimalPoint(try #require(point).values, of: model, whole, "\(percent)% of the early payers' money")
    }

    /// `values` reach the whole LP's optimum (Σ rank × dollars, to 1e-7 relative) and meet every
    /// row of `model` (to 1e-6 relative).
    private func expectOptimalPoint(_ values: [Double], of model: LinearModel, _ whole: Solution, _ context: String) {
        let cost = model.objectiveValue(at: values)
        #expect(
            abs(cost - whole.objectiveValue) <= 1e-7 * max(1, abs(whole.objectiveValue)),
            "\(context): \(cost) vs \(whole.objectiveValue)")
        for r in 0..<model.constraintCount {
            let activity = model.terms(of: Constraint(index: r)).reduce(0.0) { $0 + $1.1 * values[$1.0.index] }
            let slack = 1e-6 * max(1, abs(activity))
            #expect(
                activity >= model.rowLower[r] - slack && activity <= model.rowUpper[r] + slack, "\(context): row \(r)")
        }
    }

    /// Phase 1 on the decomposition, then phase 2's spending model at a match margin: the model,
    /// GLPK's solve of it whole, and the compact spending master's point (from `previous`).
    private func spending(
        _ scenario: Scenario, _ options: PlanOptions, factor: Double, previous: [Decomposition.Column] = []
    ) throws -> (model: LinearModel, whole: Solution, point: PlanningRun.SpendPoint?) {
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
        let model = PlanningRun.margined(lp, f, factor)
        let whole = try GLPKSolver().solve(model, options: SolveOptions(relaxIntegrality: true))
        return (model, whole, try run.spendPoint(solved, model, isServed: isServed, previous: previous))
    }
}
