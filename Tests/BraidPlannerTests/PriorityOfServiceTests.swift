import BraidPolicy
import BraidTestSupport
import Foundation
import Testing

@testable import BraidPlanner
@testable import BraidReports
@testable import BraidScenario

/// Priority of service as a constraint (docs/DESIGN.md, "Priority of service"): hand-reasoned
/// rosters where the plan that serves the most would give Adult money to a lower tier.
@Suite struct PriorityOfServiceTests {
    /// income 10,000 alone is low-income (tier 2, priority group); 90,000 is not (tier 4).
    static let low = 10_000, high = 90_000

    static func adult(_ budget: Int, _ rows: [String], extra: String = "") throws -> Fixture {
        try Fixture(yaml: scenarioYAML(streams: "  wioa-adult: {budget: \(budget)}", extra: extra), rows: rows)
    }

    static func options(prices: PriceMode = .always) -> PlanOptions {
        var options = PlanOptions()
        options.prices = prices
        return options
    }

    @Test func oneSlotGoesToThePriorityGroupNotToTheCheaperOther() throws {
        // $1,000 of Adult money; the other applicant costs less, but only the low-income one may
        // be paid while the low-income one waits.
        let fixture = try Self.adult(
            1000, [row("rich", income: Self.high, tuition: "600"), row("poor", income: Self.low, tuition: "1000")])
        let (plan, _) = try fixture.plan(options: Self.options())
        #expect(plan.served == ["poor"])
        let adult = try #require(plan.review.priority.first { $0.stream == "wioa-adult" })
        #expect(adult.mode == "order")
        #expect(adult.tiers.map(\.served) == [0, 1, 0, 0])
        #expect(adult.tiers[1].servable == 1 && adult.tiers[3].paid == 0)
        #expect(adult.price == Price(value: 0, method: "re-solve", gap: 0))
    }

    @Test func servingTheExpensivePriorityApplicantCostsAPersonAndThePriceSaysSo() throws {
        // $3,000: the low-income applicant needs all of it; two others need $1,500 each.
        // Without the order two would be served; with it the low-income one is (1 person).
        let fixture = try Self.adult(
            3000,
            [
                row("a", income: Self.high, tuition: "1500"), row("b", income: Self.high, tuition: "1500"),
                row("p", income: Self.low, tuition: "3000"),
            ])
        let (plan, _) = try fixture.plan(options: Self.options())
        #expect(plan.served == ["p"])
        #expect(plan.paid("p", "wioa-adult", .tuition) == 300_000)
        let price = try #require(plan.review.priority.first?.price)
        #expect(price.value == 1 && price.gap == 0)
    }

    @Test func anApplicantTheStreamCannotServeProtectsNobody() throws {
        // The low-income applicant needs $5,000 of tuition and the ITA cap is $5,000, but the
        // budget is $3,000: Adult money could not serve them, so the others are served.
        let fixture = try Self.adult(
            3000,
            [
                row("a", income: Self.high, tuition: "1500"), row("b", income: Self.high, tuition: "1500"),
                row("p", income: Self.low, tuition: "5000"),
            ])
        let (plan, scenario) = try fixture.plan(options: Self.options())
        #expect(plan.served == ["a", "b"])
        let adult = try #require(plan.review.priority.first)
        #expect(adult.tiers[1].applicants == 1 && adult.tiers[1].servable == 0)
        #expect(adult.price?.value == 0)
        let sp = try #require(scenario.priorities(scenario.analyze()).first)
        #expect(sp.servable == [false, false, false] || sp.servable == [true, true, false])
    }

    @Test func aPriorityApplicantServedByOtherMoneyIsServed() throws {
        // The low-income applicant's tuition is paid by the college fund, so Adult money may
        // pay the other one.
        let fixture = try Fixture(
            yaml: scenarioYAML(
                streams:
                    "  wioa-adult: {budget: 1000}\n  fund: {kind: nonfederal, budget: 1000, allowable: [tuition], when: 'annual_income < 20000'}"
            ),
            rows: [row("rich", income: Self.high, tuition: "1000"), row("poor", income: Self.low, tuition: "1000")])
        let (plan, _) = try fixture.plan(options: Self.options())
        #expect(plan.served == ["poor", "rich"])  // (listed in id order)
        #expect(plan.paid("rich", "wioa-adult", .tuition) == 100_000)
        #expect(plan.paid("poor", "fund", .tuition) == 100_000)
    }

    @Test func veteransInThePriorityGroupComeFirst() throws {
        // Tier 1 (a low-income veteran) before tier 2 (a low-income non-veteran): one slot.
        let header = rosterHeader + ",veteran"
        let fixture = try Fixture(
            yaml: scenarioYAML(streams: "  wioa-adult: {budget: 1000}"),
            rows: [
                row("civilian", income: Self.low, tuition: "900") + ",false",
                row("vet", income: Self.low, tuition: "1000") + ",true",
            ],
            header: header)
        let (plan, _) = try fixture.plan(options: Self.options())
        #expect(plan.served == ["vet"])
        #expect(plan.review.priority[0].tiers[0].served == 1)
    }

    @Test func verifyCatchesAPlanThatPaysALowerTierWhileAHigherOneWaits() throws {
        let fixture = try Self.adult(
            1000, [row("rich", income: Self.high, tuition: "600"), row("poor", income: Self.low, tuition: "1000")])
        let scenario = try fixture.load()
        // The plan without the order (priority waived) serves the cheaper applicant.
        let waived = try Planner.plan(scenario, options: Fixture.withoutPriority(scenario))
        #expect(waived.served == ["rich"])
        let issues = Verifier.violations(of: waived, scenario: scenario)
        #expect(issues.count == 1)
        #expect(
            issues.first?.contains(
                "wioa-adult pays rich (tier 4) $600.00 while poor (tier 2), whom it could serve, is not served")
                == true, "\(issues)")
    }

    /// $4,000; two low-income applicants need $3,000 each, a third applicant (tier 4) $1,000.
    /// Once one low-income applicant is served, the $1,000 left cannot serve the other: it may
    /// serve the tier-4 applicant (the guarantee: money to lower tiers, with what is left
    /// unspent, stays under the least that could serve a waiting higher-tier applicant).
    @Test func moneyNoHigherTierCouldUseGoesToALowerTier() throws {
        let fixture = try Self.adult(
            4000,
            [
                row("p1", income: Self.low, tuition: "3000"), row("p2", income: Self.low, tuition: "3000"),
                row("r", income: Self.high, tuition: "1000"),
            ])
        let (plan, scenario) = try fixture.plan(options: Self.options())
        #expect(plan.served.count == 2 && plan.served.contains("r"), "\(plan.served)")
        #expect(plan.paid("r", "wioa-adult", .tuition) == 100_000)
        #expect(Verifier.violations(of: plan, scenario: scenario).isEmpty)
        #expect(plan.review.priority.first?.price?.value == 0)
    }

    /// $5,000; two low-income applicants need $3,000 each, three others $1,000 each. Without the
    /// order three others and nobody of the priority group could be served; with it one
    /// low-income applicant is served, and two others share the $2,000 no waiting low-income
    /// applicant could use ($2,000 + $0 unspent < $3,000).
    @Test func theLowerTiersGetOnlyWhatCouldServeNoWaitingHigherTier() throws {
        let fixture = try Self.adult(
            5000,
            [
                row("p1", income: Self.low, tuition: "3000"), row("p2", income: Self.low, tuition: "3000"),
                row("r1", income: Self.high, tuition: "1000"), row("r2", income: Self.high, tuition: "1000"),
                row("r3", income: Self.high, tuition: "1000"),
            ])
        let (plan, scenario) = try fixture.plan(options: Self.options())
        #expect(plan.served.count == 3, "\(plan.served)")
        #expect(plan.served.filter { $0.hasPrefix("p") }.count == 1)
        #expect(Verifier.violations(of: plan, scenario: scenario).isEmpty)
        // Three others and no low-income applicant is the plan the order forbids: $3,000 to tier
        // 4 and $2,000 unspent could serve a low-income applicant.
        let three = Plan(
            scenario: plan.scenario, status: .optimal, gap: 0, served: ["r1", "r2", "r3"],
            notServed: [NotServed(id: "p1", reason: ""), NotServed(id: "p2", reason: "")],
            allocations: ["r1", "r2", "r3"].map {
                Allocation(owner: $0, stream: "wioa-adult", category: .tuition, cents: 100_000)
            }, programAllocations: [], programsRun: plan.programsRun, streams: [], statistics: PlanStatistics(),
            weightedServed: 3)
        let issues = Verifier.violations(of: three, scenario: scenario)
        #expect(
            issues.contains {
                $0.contains("its $3,000.00 to tier 4 and below with $2,000.00 unspent could serve one of them")
            }, "\(issues)")
    }

    @Test func explainSaysTheTier() throws {
        let fixture = try Self.adult(1000, [row("poor", income: Self.low, tuition: "1000")])
        let scenario = try fixture.load()
        let text = ExplainReport.eligibility(try #require(scenario.analyze().first), scenario)
        #expect(text.contains("priority of service: tier 2 of 4 [priority-group]"), "\(text)")
    }

    @Test func aStateShareReplacesTheOrderButVeteransStillComeFirst() throws {
        // priority_share 0.5: of those Adult pays for, at least half in a priority group. Three
        // slots of $1,000: two others and one low-income applicant may be paid (1 of 3 is below
        // half, so at most one other with the low-income one, or two low-income ones).
        let rows = [
            row("r1", income: Self.high, tuition: "1000"), row("r2", income: Self.high, tuition: "1000"),
            row("r3", income: Self.high, tuition: "1000"), row("p1", income: Self.low, tuition: "1000"),
        ]
        let fixture = try Self.adult(3000, rows, extra: "set: {wioa-adult.priority_share: 0.5}")
        let (plan, _) = try fixture.plan(options: Self.options())
        let adult = try #require(plan.review.priority.first)
        #expect(adult.mode == "share" && adult.requiredShare == 0.5)
        #expect(plan.served.count == 2 && plan.served.contains("p1"), "\(plan.served)")
        #expect(adult.achievedShare == 0.5)
        // Under the federal order only the low-income applicant could be paid before the others.
        let federal = try Self.adult(3000, rows)
        let (ordered, _) = try federal.plan(options: Self.options())
        #expect(ordered.served.count == 3 && ordered.served.contains("p1"))
    }
}
