import BraidPolicy
import BraidReports
import BraidScenario
import BraidSolver
import BraidTestSupport
import Foundation
import Logging
import Testing

@testable import BraidPlanner

/// The gate search's quick proof that a setting has no plan
/// (``PlanningRun/protectedCanBeServed(_:root:share:answered:)``): at the decomposition's scale a gate setting
/// whose protected cannot all be paid together is pruned in a moment, and the plan is the one the
/// search finds without the proof.
@Suite struct GateFeasibilityTests {
    static func options(check: Bool, lines: LogLines) -> PlanOptions {
        var options = PlanOptions()
        options.method = .decomposed
        options.prices = .never
        // (Four applicants count as a large roster here: the proof runs at that scale.)
        options.tuning.monolithicFallbackBelow = 1
        options.tuning.decomposeFrom = 1
        options.tuning.gateCheckTimeShare = check ? 0.1 : 0
        options.logger = .capturing(into: lines)
        return options
    }

    /// Three program years; WIOA Adult PY2026 $3,000 (spendable to June 2028) and PY2027 $1,000
    /// (to June 2029). Two low-income applicants (the priority group) start in September 2028, when
    /// only PY2027's $1,000 is left to pay their $1,000 each; two higher-income ones start in
    /// September 2026. Each protected applicant can be paid alone, not both: the setting that
    /// opens Adult money to the tier below (all protected served) has no plan, though the
    /// stream's money ($4,000) is twice what the protected draw ($2,000). The proof prunes it
    /// without solving it; the plan is the one the search finds without the proof, and the
    /// monolithic model's: one of the two served (which one is a tie), the tier below not paid
    /// (the gate is the stream's, not each year's: docs/DESIGN.md, "Program years").
    /// A branch beats the best plan by a step of the objective (its bound rounded down to it) —
    /// and, under a requested gap, only by more than the gap: a branch that could add one person
    /// to 418 at `--gap 0.005` (2.09 people) is not searched; exact runs still search it.
    @Test func aBranchWithinTheRequestedGapDoesNotBeatTheBest() {
        var exact = PlanOptions()
        #expect(PlanningRun.beats(419.3, 418, step: 1, options: exact))
        #expect(!PlanningRun.beats(418.9, 418, step: 1, options: exact))
        #expect(PlanningRun.beats(418.9, nil, step: 1, options: exact))
        var gapped = PlanOptions()
        gapped.gap = 0.005
        #expect(!PlanningRun.beats(419.3, 418, step: 1, options: gapped))
        #expect(!PlanningRun.beats(420.99, 418, step: 1, options: gapped))  // (420 is 2 above: within 2.09)
        #expect(PlanningRun.beats(421.0, 418, step: 1, options: gapped))
        // Without a step: by more than the gap (1e-6 relative when none was asked for).
        #expect(PlanningRun.beats(100.001, 100, step: 0, options: exact))
        #expect(!PlanningRun.beats(100.4, 100, step: 0, options: gapped))
        #expect(PlanningRun.beats(100.6, 100, step: 0, options: gapped))
        // An unknown bound beats any plan; a proven-empty branch none.
        #expect(PlanningRun.beats(.infinity, 418, step: 1, options: gapped))
        #expect(!PlanningRun.beats(-.infinity, 418, step: 1, options: gapped))
        exact.gap = 0.00005  // (below ``Tuning/smallestStoppingGap``: not a requested gap)
        #expect(PlanningRun.beats(419.3, 418, step: 1, options: exact))
    }

    /// The chosen plan measured against the bound the other settings raised: proven optimal stays
    /// so while that bound cannot beat it; otherwise the time limit with the wider gap; a plan
    /// already stopped by a limit keeps the wider of its gap and the new one, and the gap the plan
    /// reports is never below the new bound's.
    @Test func aWiderBoundFromOtherSettingsWidensTheReportedGap() throws {
        func outcome(_ status: SolveStatus, objective: Double, bound: Double) -> Phase1Outcome {
            Phase1Outcome(values: [], status: status, objective: objective, bound: bound, relaxation: nil)
        }
        var gapped = PlanOptions()
        gapped.gap = 0.005
        // Optimal, and a bound that beats it beyond the gap: a time limit with the bound's gap.
        let beaten = PlanningRun.widening(
            outcome(.optimal, objective: 100, bound: 100.2), to: 105.4, step: 1, options: gapped)
        #expect(beaten.bound == 105.4)
        guard case .timeLimit(let g?) = beaten.status else {
            Issue.record("\(beaten.status)")
            return
        }
        #expect(abs(g - 0.054) < 1e-9)
        // Optimal, and a bound within the requested gap (1004 against 1000 at 0.5%): still optimal.
        let within = PlanningRun.widening(
            outcome(.optimal, objective: 1000, bound: 1000.4), to: 1004.6, step: 1, options: gapped)
        #expect(within.status == .optimal && within.bound == 1004.6)
        // Stopped by a limit at 1%: a bound 10% above widens it to 10%, one 1.5% above to 1.5%.
        let stopped = outcome(.timeLimit(gap: 0.01), objective: 100, bound: 101)
        let wider = PlanningRun.widening(stopped, to: 110, step: 1, options: gapped)
        #expect(wider.status == .timeLimit(gap: 0.1))
        let (_, reported) = try PlanningRun.status(of: wider, ceiling: 200, step: 1)
        #expect(reported >= 0.1 - 1e-12)
        let little = PlanningRun.widening(stopped, to: 101.5, step: 1, options: gapped)
        #expect(little.status == .timeLimit(gap: 0.015) && little.bound == 101.5)
        // ... even within the requested gap (1004 against 1000 stopped at 0.1%: 0.4%, not 0.1%).
        let close = PlanningRun.widening(
            outcome(.timeLimit(gap: 0.001), objective: 1000, bound: 1001), to: 1004.2, step: 1, options: gapped)
        guard case .timeLimit(let closeGap?) = close.status else {
            Issue.record("\(close.status)")
            return
        }
        #expect(abs(closeGap - 0.0042) < 1e-12)
        #expect(try PlanningRun.status(of: close, ceiling: 2000, step: 1).1 >= 0.004 - 1e-12)
        // A bound no higher than the plan's own changes nothing.
        let same = PlanningRun.widening(stopped, to: 100.5, step: 1, options: gapped)
        #expect(same.status == .timeLimit(gap: 0.01) && same.bound == 101)
        // A setting that ended at the limit with no bound at all (infinite): a plan proven optimal
        // on its own setting is no longer optimal, and its gap is measured against everyone who
        // can be served (a sweep at 100,000 applicants reported 61,213 "optimal" where 64,902 were
        // reachable).
        let unbounded = PlanningRun.widening(
            outcome(.optimal, objective: 61213, bound: 61239.9), to: .infinity, step: 1, options: gapped)
        guard case .timeLimit = unbounded.status else {
            Issue.record("\(unbounded.status)")
            return
        }
        let (status, gap) = try PlanningRun.status(of: unbounded, ceiling: 70000, step: 1)
        #expect(status == .timeLimit && abs(gap - (70000 - 61213) / 61213.0) < 1e-12)
    }

    @Test func aSettingWhoseProtectedCannotAllBePaidIsPrunedAndThePlanIsUnchanged() throws {
        let yaml = """
            name: gates
            state: GA
            period: {start: 2026-07-01, end: 2029-06-30}
            streams:
              wioa-adult: {budget: {2026: 3000, 2027: 1000}}
            programs:
              - {id: early, clock_hours: 300, weeks: 12, etpl: true, start: 2026-09-01, months: 3}
              - {id: late, clock_hours: 300, weeks: 12, etpl: true, start: 2028-09-01, months: 3}
            participants: participants.csv
            """
        let rows = [
            row("poor1", program: "late", income: 10_000, tuition: "1000"),
            row("poor2", program: "late", income: 10_000, tuition: "1000"),
            row("rich1", program: "early", income: 90_000, tuition: "1000"),
            row("rich2", program: "early", income: 90_000, tuition: "1000"),
        ]
        let fixture = try Fixture(yaml: yaml, rows: rows)
        let scenario = try fixture.load()
        let analyses = scenario.analyze()
        let checked = LogLines(), unchecked = LogLines()
        let with = try Planner.plan(
            scenario, analyses: analyses, options: Self.options(check: true, lines: checked), hint: nil
        ).plan
        let without = try Planner.plan(
            scenario, analyses: analyses, options: Self.options(check: false, lines: unchecked), hint: nil
        ).plan
        var monolithic = PlanOptions()
        monolithic.method = .monolithic
        monolithic.prices = .never
        let reference = try Planner.plan(scenario, analyses: analyses, options: monolithic, hint: nil).plan
        let pruned = checked.all.filter { $0.contains("the protected cannot all be served") }
        #expect(!pruned.isEmpty, "\(checked.all.filter { $0.contains("gate") })")
        #expect(!unchecked.all.contains { $0.contains("the protected cannot all be served") })
        #expect(with.status == .optimal && without.status == .optimal)
        #expect(with.served == without.served && with.served.count == 1 && with.served[0].hasPrefix("poor"))
        #expect(with.objectiveValue == reference.objectiveValue && reference.served.count == 1)
        #expect(Verifier.violations(of: with, scenario: scenario).isEmpty)
    }

    /// The check is made once per question: a child setting that closes a gate none of whose
    /// cells its protected own (WIOA Adult's fourth tier under its third open) asks what its
    /// parent asked and gets its answer without a solve; a closure that shuts protected
    /// applicants' cells asks anew. Each reused answer is what a fresh check says; a check out of
    /// time ("maybe") is not reused.
    @Test func aSettingThatAsksWhatItsParentAskedIsNotCheckedAgain() throws {
        let fixture = try Fixture.generated(participants: 600, seed: 9)
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        let scenario = try fixture.load()
        let analyses = scenario.analyze()
        let f = try Formulation(scenario: scenario, analyses: analyses)
        let run = PlanningRun(scenario: scenario, analyses: analyses, options: PlanOptions(), solver: GLPKSolver())
        let root = Decomposition(f, scenario: scenario)
        func gate(_ stream: String, _ tier: Int) throws -> Int {
            try #require(f.gates.firstIndex { scenario.streams[$0.stream].id == stream && $0.tier == tier })
        }
        var parent = [GateSetting?](repeating: nil, count: f.gates.count)
        parent[try gate("wioa-adult", 2)] = .open
        parent[try gate("wioa-adult", 3)] = .open
        var adultFourthClosed = parent
        adultFourthClosed[try gate("wioa-adult", 4)] = .closed
        // With no time for it the check says "maybe" (true), and that is not remembered.
        var answered: [GateCheck: Bool] = [:]
        #expect(try run.protectedCanBeServed(f.fixingGates(parent), root: root, share: 1e-12, answered: &answered))
        #expect(answered.isEmpty)
        let first = try run.protectedCanBeServed(f.fixingGates(parent), root: root, share: 0.1, answered: &answered)
        #expect(answered.count == 1 && !f.fixingGates(parent).forcedServed.isEmpty)
        // The fourth tier's cells are its own applicants', none of them protected here.
        let protected = Set(f.fixingGates(parent).forcedServed)
        #expect(f.gates[try gate("wioa-adult", 4)].cells.allSatisfy { !protected.contains(f.cells[$0].owner) })
        let reused = try run.protectedCanBeServed(
            f.fixingGates(adultFourthClosed), root: root, share: 0.1, answered: &answered)
        #expect(answered.count == 1 && reused == first)
        var fresh: [GateCheck: Bool] = [:]
        #expect(
            try run.protectedCanBeServed(f.fixingGates(adultFourthClosed), root: root, share: 0.1, answered: &fresh)
                == reused)
        // Closing a gate whose tier holds protected applicants' cells is another question.
        let shutting = try #require(
            f.gates.indices.first { g in
                parent[g] == nil && f.gates[g].cells.contains { protected.contains(f.cells[$0].owner) }
            })
        var other = parent
        other[shutting] = .closed
        let answer = try run.protectedCanBeServed(f.fixingGates(other), root: root, share: 0.1, answered: &answered)
        #expect(answered.count == 2)
        fresh = [:]
        #expect(try run.protectedCanBeServed(f.fixingGates(other), root: root, share: 0.1, answered: &fresh) == answer)
    }
}
