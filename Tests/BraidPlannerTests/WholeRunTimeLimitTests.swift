import BraidReports
import BraidScenario
import BraidSolver
import BraidTestSupport
import Testing

@testable import BraidPlanner

/// A time limit that counts from the start of the whole run (`PlanOptions.clockStart`; hostile
/// input finding F7): once it has ended, eligibility stops and no search is started, and a run
/// with no plan says so instead of falling back to a model as large as the roster.
@Suite struct WholeRunTimeLimitTests {
    /// Options whose limit ended a minute ago.
    func spent(_ method: SolveMethod = .automatic) -> PlanOptions {
        var options = PlanOptions(timeLimit: 1, method: method)
        options.clockStart = MonotonicClock.now() - 60
        return options
    }

    @Test func eligibilityStopsAtTheDeadline() throws {
        let scenario = try Fixture.generated(participants: 120, seed: 7).load()
        #expect(scenario.analyze(until: MonotonicClock.now() - 1) == nil)
        let all = try #require(scenario.analyze(until: MonotonicClock.now() + 600))
        #expect(all.map(\.person.id) == scenario.analyze().map(\.person.id))
        #expect(all.map(\.eligible) == scenario.analyze().map(\.eligible))
    }

    @Test func aLimitSpentBeforeEligibilityEndsTheRun() throws {
        let scenario = try Fixture.generated(participants: 120, seed: 7).load()
        #expect(throws: TimeLimitReached(step: "deciding eligibility", seconds: 1)) {
            try Planner.plan(scenario, options: spent())
        }
        #expect(
            TimeLimitReached(step: "deciding eligibility", seconds: 1).description
                == "the time limit (1 s) ended while deciding eligibility, before any plan was found; "
                + "give more time (--time-limit)")
    }

    /// Eligibility decided, the limit then spent: a large roster's decomposition (from
    /// ``Tuning/monolithicFallbackBelow``) starts no search, under priority of service (the gates of the generated roster's WIOA
    /// Adult order), and hands over nothing to spend; the monolithic search's steps still get
    /// their moment (``Tuning/minimumSearchSeconds``), so a small roster may get a plan, marked
    /// time_limit.
    @Test func aLimitSpentBeforeTheSearchGivesNoPlan() throws {
        let scenario = try Fixture.generated(participants: 400, seed: 7).load()
        let analyses = scenario.analyze()
        var large = spent(.decomposed)
        large.tuning.monolithicFallbackBelow = 100  // (400 applicants count as a large roster)
        let plan = try Planner.plan(scenario, analyses: analyses, options: large, hint: nil).plan
        #expect(plan.status == .timeLimit)
        #expect(plan.gap == 1)
        #expect(plan.served.isEmpty)
        #expect(plan.notServed.count == 400)
        #expect(plan.allocations.allSatisfy { $0.cents == 0 })
        #expect(Verifier.violations(of: plan, scenario: scenario).isEmpty)
        let monolithic = try Planner.plan(scenario, analyses: analyses, options: spent(.monolithic), hint: nil).plan
        #expect(Verifier.violations(of: monolithic, scenario: scenario).isEmpty)
    }

    /// Only a whole-run clock bounds eligibility and the prices: a limit without one (`compare`,
    /// `sweep`, a library call) is the optimisation's own.
    @Test func onlyAWholeRunClockBoundsEligibility() {
        #expect(PlanOptions(timeLimit: 5).wholeRunDeadline == nil)
        var options = PlanOptions(timeLimit: 5)
        options.clockStart = 100
        #expect(options.wholeRunDeadline == 105)
    }

    /// A plan whose whole-run limit is spent gets no prices (nil, "not computed"), rather than
    /// prices cut short to nothing.
    @Test func pricesAreLeftUnknownOnceTheLimitIsSpent() throws {
        let scenario = try Fixture.generated(participants: 120, seed: 7).load()
        let analyses = scenario.analyze()
        var options = PlanOptions()
        options.prices = .always
        let plan = try Planner.plan(scenario, analyses: analyses, options: options, hint: nil).plan
        #expect(!plan.review.priority.isEmpty)
        let priced = try Planner.priced(plan, scenario, analyses: analyses, options: options, solver: GLPKSolver())
        #expect(priced.review.priority.allSatisfy { $0.price != nil })
        var late = spent()
        late.prices = .always
        let unpriced = try Planner.priced(plan, scenario, analyses: analyses, options: late, solver: GLPKSolver())
        #expect(unpriced.review.priority.allSatisfy { $0.price == nil })
        #expect(unpriced.review.targets.allSatisfy { $0.price == nil })
    }

    /// A plan whose bound is unknown (the gate search cut short) is measured against everyone
    /// who can be served; with nothing served the gap is whole.
    @Test func anUnknownBoundIsMeasuredAgainstEveryone() throws {
        func outcome(_ objective: Double) -> Phase1Outcome {
            Phase1Outcome(
                values: [], status: .timeLimit(gap: .infinity), objective: objective, bound: .infinity, relaxation: nil)
        }
        #expect(try PlanningRun.status(of: outcome(100), ceiling: 150, step: 1) == (.timeLimit, 0.5))
        #expect(try PlanningRun.status(of: outcome(0), ceiling: 150, step: 1) == (.timeLimit, 1))
    }
}

/// A solve asked to stop (``PlanOptions/stop``: the workbench's edit overtaken by a newer one)
/// ends after the step it is in, without a plan (``PlanningStopped``), on the decomposition and
/// on the monolithic model; the same options without the signal plan to optimality.
@Suite struct StopSignalTests {
    @Test(arguments: [400, 120])
    func aStoppedSolveEndsWithoutAPlan(_ participants: Int) throws {
        let scenario = try Fixture.generated(participants: participants, seed: 7).load()
        let analyses = scenario.analyze()
        var options = PlanOptions()
        options.prices = .never
        let free = try Planner.plan(scenario, analyses: analyses, options: options, hint: nil).plan
        #expect(free.status == .optimal)
        options.stop = StopSignal()
        options.stop?.stop()
        #expect(throws: PlanningStopped.self) {
            try Planner.plan(scenario, analyses: analyses, options: options, hint: nil)
        }
    }
}
