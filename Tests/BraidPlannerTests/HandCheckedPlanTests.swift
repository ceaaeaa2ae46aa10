import BraidPolicy
import BraidTestSupport
import Foundation
import Testing

@testable import BraidPlanner
@testable import BraidReports
@testable import BraidScenario

@Suite struct HandCheckedPlanTests {
    @Test func pellIsAppliedBeforeWIOAEvenWhenUseOrderPrefersWIOA() throws {
        // 900 clock hours over 26 weeks: a full Pell award year. SAI 0 → award $7,395 (max Pell).
        let fixture = try Fixture(
            yaml: scenarioYAML(
                streams: "  pell: {}\n  wioa-adult: {budget: 10000}",
                program: "{id: p, clock_hours: 900, weeks: 26, min_enrollment: 1, title_iv_eligible: true, etpl: true}",
                useOrder: "[wioa-adult, pell]"),
            rows: [row("a", sai: "0", tuition: "9000")])
        let (plan, _) = try fixture.plan(["wioa-adult.ita_cap=5000"])
        #expect(plan.served == ["a"])
        #expect(plan.paid("a", "pell", .tuition) == 739_500)
        #expect(plan.paid("a", "wioa-adult", .tuition) == 160_500)
    }

    @Test func snapFiftyFiftyLetsNonFederalMoneyServeMoreSNAPParticipants() throws {
        let rows = (1...3).map { row("s\($0)", snap: true, tuition: "600") }
        let withMatch = try Fixture(
            yaml: scenarioYAML(
                streams:
                    "  college: {kind: nonfederal, budget: 1000, allowable: [tuition]}\n  snap-et-50-50: {cap: 5000, reimburses: [college]}"
            ),
            rows: rows)
        let (plan, _) = try withMatch.plan()
        #expect(plan.served.count == 2)  // $1,000 college + $500 match (50%) pays two $600 tuitions
        #expect(plan.used("snap-et-50-50") * 2 <= plan.used("college"))
        #expect(plan.used("college") + plan.used("snap-et-50-50") == 120_000)
        let withoutMatch = try Fixture(
            yaml: scenarioYAML(streams: "  college: {kind: nonfederal, budget: 1000, allowable: [tuition]}"), rows: rows
        )
        #expect(try withoutMatch.plan().0.served.count == 1)
        // Spending on people who are not SNAP recipients earns no match.
        let notSNAP = try Fixture(
            yaml: scenarioYAML(
                streams:
                    "  college: {kind: nonfederal, budget: 1000, allowable: [tuition]}\n  snap-et-50-50: {cap: 5000, reimburses: [college]}"
            ),
            rows: (1...3).map { row("n\($0)", tuition: "600") })
        let (plain, _) = try notSNAP.plan()
        #expect(plain.served.count == 1)
        #expect(plain.used("snap-et-50-50") == 0)
    }

    /// $1,000 of college money and five $600 tuitions: the LP serves 1,000 / 600 people, one
    /// more per $600, until all five are served at $3,000 — $2,000 more. The range is found to
    /// within ``Tuning/rangingPrecision`` above it, and the words say so without exponents.
    @Test func marginalValueRangeIsWhereMoreMoneyStopsServing() throws {
        let fixture = try Fixture(
            yaml: scenarioYAML(streams: "  college: {kind: nonfederal, budget: 1000, allowable: [tuition]}"),
            rows: (1...5).map { row("n\($0)", tuition: "600") })
        var ranged = PlanOptions()
        ranged.ranges = true
        let (plan, _) = try fixture.plan(options: ranged)
        let college = try #require(plan.streams.first { $0.id == "college" })
        #expect(abs(college.marginalValue - 1.0 / 600) < 1e-9)
        let range = try #require(college.marginalRange)
        #expect(range >= 2_000 && range <= 2_000 * (1 + PlanOptions().tuning.rangingPrecision) + 100, "\(range)")
        let average = try #require(college.marginalAverage)
        // (The range is rounded to two figures; the average is over the range found.)
        #expect(abs(average * range - (5 - 1_000.0 / 600)) < 0.05 * (5 - 1_000.0 / 600), "\(average)")
        let words = MarginalText.describe(college)
        #expect(words.hasPrefix("about 3.") && words.contains(" more people for up to $2,"), "\(words)")
        #expect(!words.contains("e-"))
        // Off unless asked for (a sweep's points never have one).
        #expect(try fixture.plan().0.streams.first { $0.id == "college" }?.marginalRange == nil)
    }

    @Test func ojtShareCapForcesAnEmployerShare() throws {
        let fixture = try Fixture(
            yaml: scenarioYAML(
                streams:
                    "  wioa-adult: {budget: 100000}\n  employer: {kind: private, budget: 10000, allowable: [ojt_wages]}",
                useOrder: "[wioa-adult, employer]"),
            rows: [row("o", employment: "unemployed", ojt: "8000")])
        let (plan, _) = try fixture.plan()
        #expect(plan.paid("o", "wioa-adult", .ojt_wages) == 400_000)  // 50% of wages (20 CFR 680.720)
        #expect(plan.paid("o", "employer", .ojt_wages) == 400_000)
        // Without an employer nobody may pay the other half: not served, and the reason says why.
        let alone = try Fixture(
            yaml: scenarioYAML(streams: "  wioa-adult: {budget: 100000}"), rows: [row("o", ojt: "8000")])
        let (solo, _) = try alone.plan()
        #expect(solo.served.isEmpty)
        #expect(solo.notServed.first?.reason.contains("cover at most $4,000.00 of $8,000.00") == true)
    }

    @Test func cohortBelowMinimumEnrollmentDoesNotRun() throws {
        let yaml = """
            name: cohorts
            state: GA
            period: {start: 2026-07-01, end: 2027-06-30}
            streams:
              fund: {kind: private, budget: 2000, allowable: [tuition, equipment]}
            programs:
              - {id: big, clock_hours: 100, weeks: 4, min_enrollment: 3}
              - {id: small, clock_hours: 100, weeks: 4, min_enrollment: 1}
            participants: participants.csv
            """
        let fixture = try Fixture(
            yaml: yaml,
            rows: [
                row("b1", program: "big", tuition: "800"), row("b2", program: "big", tuition: "800"),
                row("b3", program: "big", tuition: "800"),
                row("s1", program: "small", tuition: "900"),
            ])
        let (plan, _) = try fixture.plan()
        #expect(plan.served == ["s1"])
        #expect(plan.programsRun == ["small"])
        #expect(plan.notServed.first { $0.id == "b1" }?.reason.contains("minimum enrollment of 3") == true)
    }

    @Test func budgetKnapsackServesTheMostPeople() throws {
        let needs = ["700", "400", "350", "300", "250"]
        let fixture = try Fixture(
            yaml: scenarioYAML(streams: "  fund: {kind: private, budget: 1000, allowable: [tuition]}"),
            rows: needs.enumerated().map { row("k\($0.offset)", tuition: $0.element) })
        let (plan, _) = try fixture.plan()
        #expect(plan.served.count == 3)  // 250 + 300 + 350 (or 400); four would cost at least $1,300
        #expect(plan.used("fund") <= 100_000)
        #expect(!plan.served.contains("k0"))
    }

    @Test func perParticipantCapsHold() throws {
        let fixture = try Fixture(
            yaml: scenarioYAML(
                streams:
                    "  wioa-adult: {budget: 100000}\n  college: {kind: nonfederal, budget: 100000, allowable: [tuition]}",
                useOrder: "[wioa-adult, college]"),
            rows: [row("c", tuition: "3000")])
        let (plan, _) = try fixture.plan(["wioa-adult.ita_cap=2000"])
        #expect(plan.paid("c", "wioa-adult", .tuition) == 200_000)
        #expect(plan.paid("c", "college", .tuition) == 100_000)
        // A scenario stream's own per-participant cap.
        let capped = try Fixture(
            yaml: scenarioYAML(
                streams: "  fund: {kind: private, budget: 9000, allowable: [tuition], per_participant_cap: 500}"),
            rows: [row("d", tuition: "600"), row("e", tuition: "400")])
        let (cappedPlan, _) = try capped.plan()
        #expect(cappedPlan.served == ["e"])
    }

    @Test func weightsChangeWhoIsServed() throws {
        let rows = [row("plain", tuition: "500"), row("snap", snap: true, tuition: "600")]
        let streams = "  fund: {kind: private, budget: 600, allowable: [tuition]}"
        let unweighted = try Fixture(yaml: scenarioYAML(streams: streams), rows: rows)
        #expect(try unweighted.plan().0.served.count == 1)
        let weighted = try Fixture(
            yaml: scenarioYAML(streams: streams).replacingOccurrences(
                of: "weights: default", with: "weights:\n    - {when: snap, weight: 2, label: SNAP recipients}"),
            rows: rows)
        let (plan, _) = try weighted.plan()
        #expect(plan.served == ["snap"])
        #expect(plan.weightedServed == 2)
    }

    @Test func useOrderSpendsEarlierStreamsFirst() throws {
        let streams =
            "  a: {kind: private, budget: 1000, allowable: [tuition]}\n  b: {kind: private, budget: 1000, allowable: [tuition]}"
        for (order, first) in [("[a, b]", "a"), ("[b, a]", "b")] {
            let fixture = try Fixture(
                yaml: scenarioYAML(streams: streams, useOrder: order), rows: [row("u", tuition: "800")])
            let (plan, _) = try fixture.plan()
            #expect(plan.paid("u", first, .tuition) == 80_000)
        }
    }

    @Test func centsAddUpExactlyWithSharesOfOddAmounts() throws {
        // 50% of $1,000.01 is $500.005: the WIOA share must round down, the employer pays the rest.
        let fixture = try Fixture(
            yaml: scenarioYAML(
                streams:
                    "  wioa-adult: {budget: 100000}\n  employer: {kind: private, budget: 10000, allowable: [ojt_wages]}",
                useOrder: "[wioa-adult, employer]"),
            rows: [row("odd", ojt: "1000.01"), row("odd2", ojt: "333.33")])
        let (plan, _) = try fixture.plan()
        #expect(plan.paid("odd", "wioa-adult", .ojt_wages) == 50_000)
        #expect(plan.paid("odd", "employer", .ojt_wages) == 50_001)
        #expect(plan.paid("odd2", "wioa-adult", .ojt_wages) + plan.paid("odd2", "employer", .ojt_wages) == 33_333)
    }

    /// A program cost no stream may pay keeps the program closed (`z_p = 0` in the contract's
    /// model), not the whole plan: its applicant is not served, with the reason.
    @Test func programWhoseCostsNothingMayPayDoesNotRun() throws {
        let fixture = try Fixture(
            yaml: scenarioYAML(
                streams: "  fund: {kind: private, budget: 9000, allowable: [tuition]}",
                program: "{id: p, clock_hours: 100, weeks: 4, min_enrollment: 1, costs: {equipment: 40000}}"),
            rows: [row("x", tuition: "100")])
        let (plan, _) = try fixture.plan()
        #expect(plan.status == .optimal && plan.served.isEmpty && plan.programsRun.isEmpty)
        #expect(
            plan.notServed.map(\.reason) == [
                "their program p cannot run: it needs $40,000.00 of equipment, and no stream in the scenario may pay equipment for it"
            ])
    }

    @Test func timeLimitedSolveSaysSoWithItsGap() throws {
        // The Indiana case study without its work-based-learning target: its proof takes more than
        // a minute (LP 503.18, best plan 502).
        let source = URL(fileURLWithPath: scenariosPath).appendingPathComponent("indiana-advanced-manufacturing")
        let yaml = try String(contentsOf: source.appendingPathComponent("scenario.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "at_least: 43}", with: "at_least: 0}")
            .split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("share_at_least: 0.85") }
            .joined(separator: "\n")
        let roster = try String(contentsOf: source.appendingPathComponent("participants.csv"), encoding: .utf8)
        let fixture = try Fixture(yaml: yaml, rows: [])
        try roster.write(
            to: fixture.directory.appendingPathComponent("participants.csv"), atomically: true, encoding: .utf8)
        let (plan, _) = try fixture.plan(options: PlanOptions(timeLimit: 3))
        #expect(plan.status == .timeLimit)
        #expect(plan.gap > 0 && plan.gap < 0.05)
        #expect(ResultJSON.encode(plan).contains("\"status\": \"time_limit\""))
    }
}
