import BraidSolver
import BraidTestSupport
import Foundation
import Testing

@testable import BraidPlanner
@testable import BraidReports
@testable import BraidScenario

/// Column generation stopped before the LP optimum (as at the time limit, through
/// `Tuning.masterRoundLimit`): the decomposition still returns a plan from the last master
/// solved, with a proven bound at least the true LP optimum, and the plan verifies.
@Suite struct StoppedMasterTests {
    @Test(arguments: [false, true])
    func aStoppedMasterStillGivesAFeasiblePlanUnderAProvenBound(compact: Bool) throws {
        let fixture = try Fixture.generated(participants: 300, seed: 9)
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        let (scenario, f) = try fixture.loadModel()
        let relaxed = try GLPKSolver().solve(f.model, options: SolveOptions(relaxIntegrality: true))
        #expect(relaxed.status == .optimal)
        let optimum = try Planner.plan(
            scenario, options: Fixture.withoutPriority(scenario, PlanOptions(timeLimit: 60, method: .monolithic))
        )
        .weightedServed
        var checked = 0
        for limit in [2, 3] {
            var d = Decomposition(f, scenario: scenario)
            d.compactMaster = compact
            d.tuning.masterRoundLimit = limit
            var handover = Phase1Handover()
            let (outcome, cg) = try #require(
                try d.solveServed(
                    options: PlanOptions(timeLimit: nil, method: .decomposed), solver: GLPKSolver(), deadline: nil,
                    handover: &handover))
            // The master really stopped short of the LP optimum.
            let master = try #require(cg.solution).objectiveValue
            #expect(
                master < relaxed.objectiveValue - 1e-6,
                "\(limit) rounds: master \(master), LP \(relaxed.objectiveValue)")
            #expect(
                outcome.bound >= optimum - 1e-6, "\(limit) rounds: bound \(outcome.bound) below the optimum \(optimum)")
            #expect(!outcome.values.isEmpty, "\(limit) rounds: no plan")
            guard !outcome.values.isEmpty else { continue }
            #expect(
                outcome.objective <= optimum + 1e-6,
                "\(limit) rounds: plan \(outcome.objective) above the optimum \(optimum)")
            let issues = AggregationTests.violations(of: outcome.values, in: f.model)
            #expect(issues.isEmpty, "\(limit) rounds: \(issues.prefix(5).joined(separator: "; "))")
            checked += 1
        }
        #expect(checked == 2)
    }

    /// A gate search's later leaf need only beat the best plan so far: when its relaxation's
    /// proven bound cannot (at the end of column generation, or at a full pricing on the way),
    /// the decomposition seeks no plan and returns that bound; when it can (or nothing is to be
    /// beaten), the plan is found as before.
    @Test func aRelaxationThatCannotBeatTheBestPlanSeeksNone() throws {
        let fixture = try Fixture.generated(participants: 300, seed: 9)
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        let (scenario, f) = try fixture.loadModel()
        func solve(beating: Double?) throws -> Phase1Outcome { try solved(beating: beating).0 }
        func solved(beating: Double?) throws -> (Phase1Outcome, ColumnGeneration) {
            let d = Decomposition(f, scenario: scenario)
            var handover = Phase1Handover()
            return try #require(
                try d.solveServed(
                    options: PlanOptions(timeLimit: nil, method: .decomposed), solver: GLPKSolver(), deadline: nil,
                    beating: beating, handover: &handover))
        }
        let plain = try solve(beating: nil)
        #expect(plain.objective > 0 && plain.nodes > 0, "\(plain.objective), \(plain.nodes) nodes")
        // The plan is optimal (one person a step): no plan of the same model beats it.
        let skipped = try solve(beating: plain.objective)
        #expect(skipped.objective == 0 && skipped.nodes == 0 && skipped.values.allSatisfy { $0 == 0 })
        // Its bound is the relaxation's: above every plan, and below the next person.
        #expect(skipped.bound >= plain.objective - 1e-6, "\(skipped.bound) vs \(plain.objective)")
        #expect((skipped.bound + 1e-9).rounded(.down) <= plain.objective, "\(skipped.bound)")
        guard case .timeLimit = skipped.status else {
            Issue.record("a leaf with no plan sought reads as \(skipped.status)")
            return
        }
        // Far above every plan: column generation itself stops at the first full pricing whose
        // Lagrangian bound shows it (fewer rounds than the relaxation's), that bound its answer.
        let (far, farMaster) = try solved(beating: plain.objective + 50)
        let (_, plainMaster) = try solved(beating: nil)
        #expect(farMaster.stoppedBelowBest && farMaster.rounds < plainMaster.rounds, "\(farMaster.rounds) rounds")
        #expect(far.objective == 0 && far.nodes == 0 && far.bound >= plain.objective - 1e-6, "\(far.bound)")
        #expect((far.bound + 1e-9).rounded(.down) <= plain.objective + 50, "\(far.bound)")
        // One person below what the bound allows is still worth the search.
        let searched = try solve(beating: plain.objective - 1)
        #expect(searched.objective == plain.objective, "\(searched.objective) vs \(plain.objective)")
    }

    /// A gate setting with open gates (their protected must all be served, so its first masters
    /// lean on artificials), asked to beat values above its LP optimum: column generation
    /// stops at a full pricing whose L(π) cannot beat them — also while the master still uses
    /// artificials, for L(π) bounds the LP at any prices — and the bound it stops at is never
    /// below that optimum.
    @Test(arguments: [false, true])
    func aSettingThatCannotBeatStopsWithAValidBound(compact: Bool) throws {
        let fixture = try Fixture.generated(participants: 600, seed: 9)
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        let scenario = try fixture.load()
        let gated = try Formulation(scenario: scenario, analyses: scenario.analyze())
        #expect(gated.gates.count >= 3)
        // Every gate open but WIOA Adult's last tier (all open has no plan): 316 protected of
        // WIOA Adult's third tier to serve.
        let setting: [GateSetting?] = gated.gates.map { gate in
            scenario.streams[gate.stream].id == "wioa-adult" && gate.tier == 4 ? .closed : .open
        }
        #expect(PlanningRun.chainHolds(gated, setting))
        let open = gated.fixingGates(setting)
        let lp = try GLPKSolver().solve(open.model, options: SolveOptions(relaxIntegrality: true))
        try #require(lp.status == .optimal)
        let optimum = lp.objectiveValue
        var d = Decomposition(open, scenario: scenario)
        d.compactMaster = compact
        let (plainOutcome, plain) = try d.relaxation(solver: GLPKSolver(), deadline: nil)
        #expect(plainOutcome == .optimal && !plain.stoppedBelowBest)
        #expect(abs(try #require(plain.solution).objectiveValue - optimum) <= 1e-6 * max(1, optimum))
        var stoppedOnArtificials = 0
        // (At this size the master leans on artificials for a round or two: only a value far above
        // the optimum is out of reach of L(π) that early.)
        for factor in [1.001, 1.02, 1.2, 100, 1000] {
            let target = optimum * factor
            let (outcome, cg) = try d.relaxation(solver: GLPKSolver(), deadline: nil, mayBeat: { $0 >= target })
            #expect(outcome == .timeLimit && cg.stoppedBelowBest, "×\(factor): \(outcome)")
            #expect(
                cg.lagrangianBound >= optimum - 1e-6 * max(1, optimum) && cg.lagrangianBound < target,
                "×\(factor): bound \(cg.lagrangianBound), LP \(optimum)")
            #expect(cg.rounds <= plain.rounds, "×\(factor): \(cg.rounds) rounds against \(plain.rounds)")
            if let s = cg.solution, cg.usesArtificial(s) { stoppedOnArtificials += 1 }
        }
        #expect(stoppedOnArtificials >= 1)
    }
}
