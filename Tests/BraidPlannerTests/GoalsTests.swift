import BraidPolicy
import BraidTestSupport
import Foundation
import Testing

@testable import BraidPlanner
@testable import BraidReports
@testable import BraidScenario

/// Targets, seats, program-bound money and outcome objectives on hand-reasoned rosters. (Every
/// applicant here is low-income, so priority of service never decides between them.)
@Suite struct GoalsTests {
    static func options() -> PlanOptions {
        var options = PlanOptions()
        options.prices = .always
        return options
    }

    static let fund = "  fund: {kind: nonfederal, budget: 3000, allowable: [tuition]}"

    @Test func aCountTargetServesTheGroupAndPricesWhatItCosts() throws {
        // $3,000: three men at $1,000 or one woman at $2,000 and a man. "At least 1 woman"
        // costs a person.
        let rows = [
            row("m1", sex: "M", tuition: "1000"), row("m2", sex: "M", tuition: "1000"),
            row("m3", sex: "M", tuition: "1000"), row("w1", tuition: "2000"),
        ]
        let header = rosterHeader + ",selective_service"
        let target = "targets:\n  - {label: Women, when: 'sex == \"F\"', at_least: 1}"
        let fixture = try Fixture(
            yaml: scenarioYAML(streams: Self.fund, extra: target), rows: rows.map { $0 + ",true" }, header: header)
        let (plan, _) = try fixture.plan(options: Self.options())
        #expect(plan.served.count == 2 && plan.served.contains("w1"))
        let t = try #require(plan.review.targets.first)
        #expect(t.label == "Women" && t.group == 1 && t.served == 1 && t.met && t.required == 1)
        #expect(t.price == Price(value: 1, method: "re-solve", gap: 0))
    }

    @Test func aTargetOnTheChildCareGroupIsListedOnceAmongTheGroups() throws {
        let fund = "  fund: {kind: nonfederal, budget: 3000, allowable: [tuition, child_care]}"
        let rows = [
            row("a", tuition: "1000", childCare: "500"), row("b", tuition: "1000"), row("c", tuition: "1000"),
        ]
        let same = "targets:\n  - {label: Parents, when: need_child_care > 0, at_least: 1}"
        let other = "targets:\n  - {label: Cheap, when: need_child_care == 0, at_least: 1}"
        for (extra, listed) in [(same, false), (other, true)] {
            let fixture = try Fixture(yaml: scenarioYAML(streams: fund, extra: extra), rows: rows)
            let (plan, _) = try fixture.plan(options: PlanOptions())
            let kinds = plan.review.groups.map(\.kind)
            #expect(kinds.contains("target"))
            #expect(kinds.contains("child care") == listed, "\(extra): \(plan.review.groups.map(\.label))")
        }
    }

    @Test func shareOfThoseServedAndRateTargets() throws {
        // Six applicants at $1,000 ($3,000): three women, three men (cheaper men first without a
        // target). share_at_least 2/3 of those served → two women and one man.
        let header = rosterHeader + ",selective_service"
        let rows = [
            row("m1", sex: "M", tuition: "900"), row("m2", sex: "M", tuition: "900"),
            row("m3", sex: "M", tuition: "900"),
            row("w1", tuition: "1000"), row("w2", tuition: "1000"), row("w3", tuition: "1000"),
        ].map { $0 + ",true" }
        let share = try Fixture(
            yaml: scenarioYAML(
                streams: "  fund: {kind: nonfederal, budget: 3000, allowable: [tuition]}",
                extra: "targets:\n  - {label: Women, when: 'sex == \"F\"', share_at_least: 0.66}"),
            rows: rows, header: header)
        let (plan, _) = try share.plan(options: Self.options())
        #expect(plan.served.filter { $0.hasPrefix("w") }.count == 2 && plan.served.count == 3, "\(plan.served)")
        #expect(abs((plan.review.targets.first?.achieved ?? 0) - 2.0 / 3) < 1e-9)
        // rate_at_least 1.5: the women's served rate at least 1.5 × the overall rate: with 3 served
        // of 6 (50%), women need 75% → 3 women (100%); then no man fits.
        let rate = try Fixture(
            yaml: scenarioYAML(
                streams: "  fund: {kind: nonfederal, budget: 3000, allowable: [tuition]}",
                extra: "targets:\n  - {label: Women, when: 'sex == \"F\"', rate_at_least: 1.5}"),
            rows: rows, header: header)
        let (rated, _) = try rate.plan(options: Self.options())
        #expect(rated.served == ["w1", "w2", "w3"], "\(rated.served)")
        #expect(rated.review.targets.first?.achieved == 2)
    }

    @Test func aShareOfThePeopleAStreamPaysFor() throws {
        // Of those the fund pays for, at least half women; the employer pays anyone's tuition.
        // Without the target the fund would pay the two men.
        let header = rosterHeader + ",selective_service"
        let rows = [
            row("m1", sex: "M", tuition: "500"), row("m2", sex: "M", tuition: "500"), row("w1", tuition: "1000"),
        ].map { $0 + ",true" }
        let fixture = try Fixture(
            yaml: scenarioYAML(
                streams:
                    "  fund: {kind: nonfederal, budget: 1000, allowable: [tuition]}\n  boss: {kind: private, budget: 1000, allowable: [tuition]}",
                extra: "targets:\n  - {label: Fund women, when: 'sex == \"F\"', share_at_least: 0.5, of: fund}"),
            rows: rows, header: header)
        let (plan, _) = try fixture.plan(options: Self.options())
        // The fund pays the woman and the employer the men: all three, the target met.
        #expect(plan.served.count == 3, "\(plan.served)")
        let fundPeople = Set(plan.allocations.filter { $0.stream == "fund" }.map(\.owner))
        let women = fundPeople.filter { $0.hasPrefix("w") }.count
        #expect(fundPeople.isEmpty || 2 * women >= fundPeople.count, "\(fundPeople)")
        #expect(plan.review.targets.first?.met == true)
    }

    /// A share of no one (the stream pays no one) and a rate of an empty group hold trivially:
    /// `met`, and every report says why instead of "yes"; a share of people counted is not.
    @Test func aTargetThatCountsNoOneIsMetTriviallyAndSaysWhy() throws {
        let header = rosterHeader + ",selective_service"
        let rows = [row("m1", sex: "M", tuition: "500"), row("w1", tuition: "500")].map { $0 + ",true" }
        let targets = [
            "targets:",
            "  - {label: Rides, when: 'sex == \"F\"', share_at_least: 0.5, of: rides}",
            "  - {label: Elders, when: 'age > 200', rate_at_least: 1.2}",
            "  - {label: Women, when: 'sex == \"F\"', share_at_least: 0.5}",
        ].joined(separator: "\n")
        let fixture = try Fixture(
            yaml: scenarioYAML(
                streams:
                    "  fund: {kind: nonfederal, budget: 1000, allowable: [tuition]}\n  rides: {kind: private, budget: 500, allowable: [transportation]}",
                extra: targets),
            rows: rows, header: header)
        let (plan, _) = try fixture.plan(options: PlanOptions())
        #expect(plan.served.count == 2)
        let why = plan.review.targets.map(\.countsNoOne)
        #expect(why == ["rides pays for no one", "no applicant is in the group", nil])
        #expect(plan.review.targets.allSatisfy { $0.met })
        let table = ReviewReport.targets(plan).rows
        #expect(table[1][4] == "-" && table[1][5] == "trivially (rides pays for no one)")
        #expect(table[3][5] == "yes")
        let json = ResultJSON.encode(plan)
        #expect(json.contains("\"counts_no_one\": \"no applicant is in the group\""))
        #expect(try ResultCSV.encode(plan).contains("target,Rides,,met trivially,"))
    }

    @Test func aCountTheGroupCannotReachIsNoFeasiblePlanNamingTheTarget() throws {
        let fixture = try Fixture(
            yaml: scenarioYAML(
                streams: Self.fund, extra: "targets:\n  - {label: Twenty, when: 'age >= 18', at_least: 20}"),
            rows: [row("a", tuition: "100")])
        #expect {
            try Planner.plan(try fixture.load())
        } throws: { error in
            "\(error)".contains(
                "target 'Twenty' needs at least 20 served, but only 1 of its 1 applicants can be served")
        }
    }

    /// A count the group could reach but the money cannot: the error names the target, found
    /// by solving without it (hostile-input review of issue 20: "constraints contradict each
    /// other" named nothing). The group is one program, by `program.id`.
    @Test func aCountTheMoneyCannotReachNamesTheTarget() throws {
        let fixture = try Fixture(
            yaml: scenarioYAML(
                streams: "  fund: {kind: nonfederal, budget: 250, allowable: [tuition]}",
                extra: "targets:\n  - {label: three in p, when: 'program.id == \"p\"', at_least: 3}"),
            rows: [row("a", tuition: "100"), row("b", tuition: "100"), row("c", tuition: "100")])
        #expect {
            try Planner.plan(try fixture.load())
        } throws: { error in
            "\(error)".contains(
                "target 'three in p' (at least 3 served) cannot be met with this money and these rules; without it a plan exists"
            )
        }
        // Within the money, the program's target is met.
        let two = try Fixture(
            yaml: scenarioYAML(
                streams: "  fund: {kind: nonfederal, budget: 250, allowable: [tuition]}",
                extra: "targets:\n  - {label: two in p, when: 'program.id == \"p\"', at_least: 2}"),
            rows: [row("a", tuition: "100"), row("b", tuition: "100"), row("c", tuition: "100")])
        let (plan, _) = try two.plan()
        #expect(plan.served.count == 2 && plan.review.targets.first?.met == true)
    }

    @Test func seatsLimitAProgram() throws {
        let fixture = try Fixture(
            yaml: scenarioYAML(
                streams: Self.fund,
                program: "{id: p, clock_hours: 320, weeks: 10, min_enrollment: 1, seats: 2, etpl: true}"),
            rows: (1...4).map { row("a\($0)", tuition: "100") })
        let (plan, scenario) = try fixture.plan()
        #expect(plan.served.count == 2)
        // A plan that fills three seats is caught.
        let over = Plan(
            scenario: plan.scenario, status: plan.status, gap: 0, served: ["a1", "a2", "a3"],
            notServed: [NotServed(id: "a4", reason: "")],
            allocations: ["a1", "a2", "a3"].map {
                Allocation(owner: $0, stream: "fund", category: .tuition, cents: 10_000)
            },
            programAllocations: [], programsRun: ["p"], streams: plan.streams, statistics: plan.statistics,
            weightedServed: 3)
        #expect(Verifier.violations(of: over, scenario: scenario).contains("program p serves 3, above its 2 seats"))
    }

    @Test func programBoundMoneyPaysOnlyItsPrograms() throws {
        // The hospital's money pays only its EVS program's students: the welding student's
        // tools are not its to pay.
        let yaml = """
            name: bound
            state: GA
            period: {start: 2026-07-01, end: 2027-06-30}
            streams:
              hospital: {kind: private, budget: 5000, allowable: [tuition, tools_uniforms], programs: [evs]}
            programs:
              - {id: evs, clock_hours: 320, weeks: 8, min_enrollment: 1}
              - {id: welding, clock_hours: 600, weeks: 16, min_enrollment: 1}
            participants: participants.csv
            """
        let fixture = try Fixture(
            yaml: yaml, rows: [row("e", program: "evs", tuition: "100"), row("w", program: "welding", tuition: "100")])
        let (plan, scenario) = try fixture.plan()
        #expect(plan.served == ["e"])
        let reason = plan.notServed.first { $0.id == "w" }?.reason ?? ""
        #expect(reason.contains("hospital pays only for evs"), "\(reason)")
        let wrong = Plan(
            scenario: plan.scenario, status: plan.status, gap: 0, served: ["e", "w"], notServed: [],
            allocations: [
                Allocation(owner: "e", stream: "hospital", category: .tuition, cents: 10_000),
                Allocation(owner: "w", stream: "hospital", category: .tuition, cents: 10_000),
            ],
            programAllocations: [], programsRun: ["evs", "welding"], streams: plan.streams,
            statistics: plan.statistics, weightedServed: 2)
        #expect(
            Verifier.violations(of: wrong, scenario: scenario).contains {
                $0.contains("w: hospital pays tuition but pays only for evs")
            })
    }

    @Test func anOutcomeObjectiveServesWhoCompletesAndReportsTheCost() throws {
        // One $1,000 slot; program "strong" completes 90% (placement 80%, $20/h), "weak" 50%
        // (placement 100%, $30/h). Completions and placements pick strong (0.9, 0.72 against 0.5,
        // 0.5); earnings pick weak (0.5 × 30 × 2080 = 31,200 against 0.72 × 20 × 2080 = 29,952).
        func yaml(_ measure: String) -> String {
            """
            name: outcomes
            state: GA
            period: {start: 2026-07-01, end: 2027-06-30}
            streams:
              fund: {kind: nonfederal, budget: 1000, allowable: [tuition]}
            programs:
              - {id: strong, clock_hours: 320, weeks: 8, min_enrollment: 1, outcomes: {completion_rate: 0.9, placement_rate: 0.8, hourly_wage: 20, source: test}}
              - {id: weak, clock_hours: 320, weeks: 8, min_enrollment: 1, outcomes: {completion_rate: 0.5, placement_rate: 1, hourly_wage: 30, source: test}}
            participants: participants.csv
            objective: {maximize: \(measure)}
            """
        }
        let rows = [row("s", program: "strong", tuition: "1000"), row("w", program: "weak", tuition: "1000")]
        for (measure, who, value) in [
            ("completions", "s", 0.9), ("placements", "s", 0.72), ("earnings", "w", 31_200.0),
        ] {
            let (plan, _) = try Fixture(yaml: yaml(measure), rows: rows).plan()
            #expect(plan.served == [who], "\(measure)")
            #expect(abs(plan.objectiveValue - value) < 1e-6, "\(measure): \(plan.objectiveValue)")
            let overall = try #require(plan.review.outcomes?.overall)
            #expect(overall.participants == 1 && overall.cents == 100_000)
            #expect(overall.costPerParticipant == 1000)
            if who == "s" {
                #expect(
                    abs(overall.completions - 0.9) < 1e-9 && abs((overall.costPerPlacement ?? 0) - 1000 / 0.72) < 1e-6)
            }
        }
        // Without outcomes on every program an outcome objective is an error naming the program.
        let missing = yaml("completions").replacingOccurrences(
            of: ", outcomes: {completion_rate: 0.5, placement_rate: 1, hourly_wage: 30, source: test}", with: "")
        #expect {
            try Fixture(yaml: missing, rows: rows).load()
        } throws: { error in
            "\(error)".contains(
                "objective.maximize: completions needs outcomes for every program; program 'weak' has none")
        }
    }

    @Test func badGoalsAreErrorsWithTheirKey() throws {
        let cases: [(String, String)] = [
            ("targets:\n  - {when: 'age > 1', at_least: 1}", "a target needs a 'label'"),
            (
                "targets:\n  - {label: x, when: 'age > 1', at_least: 1, rate_at_least: 2}",
                "needs exactly one of at_least, share_at_least or rate_at_least"
            ),
            (
                "targets:\n  - {label: x, when: 'age > 1', share_at_least: 1.5}",
                "share_at_least must be a share from 0 to 1"
            ),
            (
                "targets:\n  - {label: x, when: 'age > 1', share_at_least: 0.5, of: pel}",
                "of: 'pel' is not a stream of the scenario"
            ),
            ("targets:\n  - {label: x, when: 'agee > 1', at_least: 1}", "agee"),
            ("targets:\n  - {label: x, when: 'age > 1', at_least: 1.5}", "at_least must be a whole number"),
        ]
        for (extra, message) in cases {
            let fixture = try Fixture(
                yaml: scenarioYAML(streams: Self.fund, extra: extra), rows: [row("a", tuition: "1")])
            #expect {
                try fixture.load()
            } throws: { error in
                "\(error)".contains(message)
            }
        }
        let seats = try Fixture(
            yaml: scenarioYAML(
                streams: Self.fund, program: "{id: p, clock_hours: 1, weeks: 1, min_enrollment: 3, seats: 2}"),
            rows: [row("a", tuition: "1")])
        #expect { try seats.load() } throws: { "\($0)".contains("seats (2) is below min_enrollment (3)") }
        let bound = try Fixture(
            yaml: scenarioYAML(
                streams: "  fund: {kind: nonfederal, budget: 3000, allowable: [tuition], programs: [q]}"),
            rows: [row("a", tuition: "1")])
        #expect { try bound.load() } throws: { "\($0)".contains("stream 'fund' names unknown program 'q'") }
    }
}
