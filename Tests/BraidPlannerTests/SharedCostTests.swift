import BraidPolicy
import BraidTestSupport
import Foundation
import Testing

@testable import BraidPlanner
@testable import BraidReports
@testable import BraidScenario

/// Shared costs on hand-checked rosters: the split among streams by each basis, to the cent; a
/// stream whose rules do not allow the category; an administrative cap that binds; and the rate
/// search's proof when the share limits what a stream can do.
@Suite struct SharedCostTests {
    /// Two federal grants, each for its own people (women, men), with money to spare: each pays
    /// its people's tuition and its share of the shared cost.
    static let grants = """
          women: {kind: federal, budget: 20000, allowable: [tuition, navigation], when: 'sex == "F"'}
          men: {kind: federal, budget: 20000, allowable: [tuition, navigation], when: 'sex == "M"'}
        """
    static let header = rosterHeader + ",selective_service"
    static let rows = [
        row("a", tuition: "2000"), row("b", tuition: "2000"), row("c", sex: "M", tuition: "3000"),
    ].map { $0 + ",true" }

    static func shared(_ basis: String, amount: String = "900", scope: String = "p") -> String {
        "shared_costs:\n  - {id: navigator, category: navigation, amount: \(amount), scope: \(scope), basis: \(basis)}"
    }

    static func paid(_ plan: Plan, _ stream: String) -> Int64 {
        plan.sharedAllocations.filter { $0.stream == stream }.reduce(0) { $0 + $1.cents }
    }

    @Test(arguments: [
        // participants: 2 of 3 and 1 of 3 of $900.
        ("participants", "p", Int64(600_00), Int64(300_00)),
        // hours: one program, so the same split.
        ("hours", "p", 600_00, 300_00),
        // direct costs: $4,000 against $3,000 of $900: $514.2857… and $385.7142…; the cent left
        // goes to the larger remainder.
        ("direct_costs", "p", 514_29, 385_71),
        ("participants", "partnership", 600_00, 300_00),
    ])
    func theCostIsSplitByTheBasisToTheCent(_ basis: String, _ scope: String, _ women: Int64, _ men: Int64) throws {
        let fixture = try Fixture(
            yaml: scenarioYAML(streams: Self.grants, extra: Self.shared(basis, scope: scope)), rows: Self.rows,
            header: Self.header)
        let (plan, _) = try fixture.plan()
        #expect(plan.served.count == 3)
        #expect(Self.paid(plan, "women") == women && Self.paid(plan, "men") == men)
        let result = try #require(plan.review.sharedCosts.first)
        #expect(result.incurred && result.streams.map(\.share) == [women, men])
        #expect(plan.review.ledger.streams.first { $0.stream == "women" }?.sharedCosts == women)
        #expect(ResultJSON.encode(plan).contains("\"shared_cost\": \"navigator\", \"stream\": \"men\""))
    }

    @Test func aStreamNotAllowedToPayHasItsShareCoveredByUnrestrictedMoney() throws {
        // The men's employer pays tuition only; its third of the navigator falls to the college's
        // unrestricted fund, never to the women's federal grant (2 CFR 200.405(c)).
        let streams = """
              women: {kind: federal, budget: 20000, allowable: [tuition, navigation], when: 'sex == "F"'}
              employer: {kind: private, budget: 20000, allowable: [tuition], when: 'sex == "M"'}
              college: {kind: nonfederal, budget: 1000, allowable: [navigation]}
            """
        let fixture = try Fixture(
            yaml: scenarioYAML(
                streams: streams, extra: Self.shared("participants"), useOrder: "[women, employer, college]"),
            rows: Self.rows, header: Self.header)
        let (plan, _) = try fixture.plan()
        #expect(plan.served.count == 3)
        #expect(Self.paid(plan, "employer") == 0 && Self.paid(plan, "women") == 600_00)
        #expect(Self.paid(plan, "college") == 300_00)
    }

    @Test func withoutUnrestrictedMoneyTheProgramCannotRunItsDisallowedShare() throws {
        // No one may cover the employer's share: serving a man makes the navigator unpayable, so
        // the plan serves the two women only (their grant pays all $900: its share is all of it).
        let streams = """
              women: {kind: federal, budget: 20000, allowable: [tuition, navigation], when: 'sex == "F"'}
              employer: {kind: private, budget: 20000, allowable: [tuition], when: 'sex == "M"'}
            """
        let fixture = try Fixture(
            yaml: scenarioYAML(streams: streams, extra: Self.shared("participants")), rows: Self.rows,
            header: Self.header)
        let (plan, _) = try fixture.plan()
        #expect(plan.served == ["a", "b"] && plan.status == .optimal)
        #expect(Self.paid(plan, "women") == 900_00)
    }

    @Test func theShareLimitDecidesWhoIsServedAndTheSearchProvesIt() throws {
        // The women's grant has $4,500: two women ($4,000) leave $500, below its $600 share of
        // the navigator when the man is served too (the men's grant pays at most its $300).
        // Without the man the women's share is all $900: more than $500. So the grant can fund
        // one woman ($2,000 + a share): with the man, shares are 1/2 each ($450): $2,450; the
        // plan serves one woman and the man; serving all three needs $4,600 from the grant.
        let streams = """
              women: {kind: federal, budget: 4500, allowable: [tuition, navigation], when: 'sex == "F"'}
              men: {kind: federal, budget: 20000, allowable: [tuition, navigation], when: 'sex == "M"'}
            """
        let fixture = try Fixture(
            yaml: scenarioYAML(streams: streams, extra: Self.shared("participants")), rows: Self.rows,
            header: Self.header)
        let (plan, _) = try fixture.plan()
        #expect(plan.served.count == 2 && plan.served.contains("c") && plan.status == .optimal)
        #expect(Self.paid(plan, "women") == 450_00 && Self.paid(plan, "men") == 450_00)
        // Marginal values are computed (at today's shares): the women's $2,050 left buy no one,
        // since the share rule, not the budget, limits it.
        #expect(plan.streams.allSatisfy { $0.marginalValue.isFinite })
        #expect(plan.streams.first { $0.id == "women" }?.marginalValue == 0)
    }

    @Test func anAdministrativeCapBindsAndTheRestIsCovered() throws {
        // Perkins pays the $1,000 of equipment of a CTE program and may pay administration up to
        // 5% of its $4,000 budget ($200); its share of the $2,000 administration by direct costs
        // is $2,000 × 1,000 / 5,000 = $400. It pays $200; the college's fund covers the rest.
        let streams = """
              perkins: {budget: 4000}
              fund: {kind: nonfederal, budget: 20000, allowable: [tuition, administration]}
            """
        let program =
            "{id: p, clock_hours: 320, weeks: 10, min_enrollment: 1, etpl: true, cte: true, costs: {equipment: 1000}}"
        let extra =
            "shared_costs:\n  - {id: admin, category: administration, amount: 2000, scope: p, basis: direct_costs}"
        let fixture = try Fixture(
            yaml: scenarioYAML(streams: streams, program: program, extra: extra, useOrder: "[perkins, fund]"),
            rows: [row("a", tuition: "2000"), row("b", tuition: "2000")])
        let (plan, _) = try fixture.plan()
        #expect(plan.served.count == 2)
        #expect(Self.paid(plan, "perkins") == 200_00 && Self.paid(plan, "fund") == 1800_00)
        let share = plan.review.sharedCosts.first?.streams.first { $0.stream == "perkins" }?.share
        #expect(share == 400_00)
    }

    @Test func aBraidedParticipantCountsForEachStreamByTheDollarsItPays() throws {
        // The women's grant pays at most $1,000 of a person (per_participant_cap): a woman's
        // $2,000 is paid half by it and half by the college's fund, so each of the two women
        // counts half for each; the man counts for the men's grant. Benefits: women 1, fund 1,
        // men 1 of 3: $300 each. The fund is unrestricted but pays exactly its share here
        // (use_order spends the grants first, and they pay theirs).
        let streams = """
              women: {kind: federal, budget: 20000, allowable: [tuition, navigation], when: 'sex == "F"', per_participant_cap: 1000}
              men: {kind: federal, budget: 20000, allowable: [tuition, navigation], when: 'sex == "M"'}
              fund: {kind: nonfederal, budget: 5000, allowable: [tuition, navigation]}
            """
        let fixture = try Fixture(
            yaml: scenarioYAML(streams: streams, extra: Self.shared("participants"), useOrder: "[women, men, fund]"),
            rows: Self.rows, header: Self.header)
        let (plan, _) = try fixture.plan()
        #expect(plan.served.count == 3)
        let shares = Dictionary(
            uniqueKeysWithValues: try #require(plan.review.sharedCosts.first).streams.map { ($0.stream, $0.share) })
        #expect(shares == ["women": 300_00, "men": 300_00, "fund": 300_00])
        #expect(Self.paid(plan, "women") == 300_00 && Self.paid(plan, "men") == 300_00)
        #expect(Self.paid(plan, "fund") == 300_00)
    }

    @Test func hoursWeighEachProgramByItsClockHours() throws {
        // A partnership-wide cost by hours: a 320-hour and a 160-hour program, one woman in each
        // (paid by the women's grant) and the man in the 320-hour one: benefits 480 and 320 hours
        // of 800: $540 and $360 of $900.
        let program =
            "{id: p, clock_hours: 320, weeks: 10, min_enrollment: 1, etpl: true}\n  - {id: q, clock_hours: 160, weeks: 5, min_enrollment: 1, etpl: true}"
        let rows = [
            row("a", tuition: "2000"), row("b", program: "q", tuition: "2000"), row("c", sex: "M", tuition: "3000"),
        ].map { $0 + ",true" }
        let fixture = try Fixture(
            yaml: scenarioYAML(
                streams: Self.grants, program: program, extra: Self.shared("hours", scope: "partnership")),
            rows: rows, header: Self.header)
        let (plan, _) = try fixture.plan()
        #expect(Self.paid(plan, "women") == 540_00 && Self.paid(plan, "men") == 360_00)
        #expect(plan.review.sharedCosts.first?.basisTotal == 800)
    }

    @Test func aCostOfAProgramThatDoesNotRunIsNotPaid() throws {
        // Program q has no applicants: its navigator is not incurred.
        let program =
            "{id: p, clock_hours: 320, weeks: 10, min_enrollment: 1, etpl: true}\n  - {id: q, clock_hours: 160, weeks: 5, min_enrollment: 1, etpl: true}"
        let fixture = try Fixture(
            yaml: scenarioYAML(streams: Self.grants, program: program, extra: Self.shared("participants", scope: "q")),
            rows: Self.rows, header: Self.header)
        let (plan, _) = try fixture.plan()
        #expect(plan.served.count == 3 && plan.sharedAllocations.isEmpty)
        #expect(plan.review.sharedCosts.first?.incurred == false)
    }

    @Test func aPartnershipCostNoStreamMayPayHasNoPlan() throws {
        let fixture = try Fixture(
            yaml: scenarioYAML(
                streams: Self.grants,
                extra:
                    "shared_costs:\n  - {id: rent, category: facilities, amount: 500, scope: partnership, basis: participants}"
            ),
            rows: Self.rows, header: Self.header)
        #expect(throws: InfeasibleError.self) { try fixture.plan() }
        do { _ = try fixture.plan() } catch {
            #expect(
                "\(error)".contains("shared cost 'rent' ($500.00 of facilities) has no stream that may pay facilities"))
        }
    }

    @Test func verifyCatchesAStreamPayingAboveItsShare() throws {
        let fixture = try Fixture(
            yaml: scenarioYAML(streams: Self.grants, extra: Self.shared("participants")), rows: Self.rows,
            header: Self.header)
        let (plan, scenario) = try fixture.plan()
        var tampered = plan
        tampered.sharedAllocations = [
            Allocation(owner: "navigator", stream: "women", category: .navigation, cents: 700_00),
            Allocation(owner: "navigator", stream: "men", category: .navigation, cents: 200_00),
        ]
        let issues = Verifier.violations(of: tampered, scenario: scenario)
        #expect(
            issues.contains { $0.contains("women pays $700.00, above its share of the benefit $600.00") }, "\(issues)")
        tampered.sharedAllocations.removeLast()
        #expect(Verifier.violations(of: tampered, scenario: scenario).contains { $0.contains("is paid $700.00") })
    }

    @Test func loadingRefusesABadSharedCost() {
        let cases: [(String, String)] = [
            (
                "{id: n, category: tuition, amount: 5, scope: p, basis: participants}",
                "a shared cost's category is one of"
            ),
            ("{id: n, category: navigation, amount: 0, scope: p, basis: participants}", "above $0"),
            (
                "{id: n, category: navigation, amount: 5, scope: q, basis: participants}",
                "scope is 'partnership' or a program id"
            ),
            (
                "{id: n, category: navigation, amount: 5, scope: p, basis: heads}",
                "basis is one of participants, hours, direct_costs"
            ),
            ("{id: n, category: navigation, amount: 5, scope: p}", "needs 'basis'"),
        ]
        for (item, expected) in cases {
            let message: String
            do {
                _ = try Fixture(
                    yaml: scenarioYAML(streams: Self.grants, extra: "shared_costs:\n  - \(item)"), rows: Self.rows,
                    header: Self.header
                ).load()
                message = ""
            } catch { message = "\(error)" }
            #expect(message.contains(expected) && message.contains("scenario.yaml:"), "\(item): \(message)")
        }
    }
}

/// WIOA's local administrative cap is pooled across Adult, Dislocated Worker and Youth (WIOA
/// sec. 128(b)(4)(B)): one stream may use more than its tenth while the group stays under 10%.
@Suite struct PooledAdministrativeCapTests {
    @Test func adultMayUseTheDislocatedWorkerTenth() throws {
        // Two adults, both paid by WIOA Adult: its share of the $2,500 administration is all of
        // it. Its own tenth is $1,000, the pool's is $2,000 (two $10,000 budgets): it pays
        // $2,000 and the college's fund the other $500.
        let streams = """
              wioa-adult: {budget: 10000}
              wioa-dislocated-worker: {budget: 10000}
              fund: {kind: nonfederal, budget: 5000, allowable: [administration]}
            """
        let extra =
            "shared_costs:\n  - {id: admin, category: administration, amount: 2500, scope: partnership, basis: participants}"
        let fixture = try Fixture(
            yaml: scenarioYAML(streams: streams, extra: extra, useOrder: "[wioa-adult, wioa-dislocated-worker, fund]"),
            rows: [row("a", tuition: "2000"), row("b", tuition: "2000")])
        let (plan, scenario) = try fixture.plan()
        #expect(plan.served.count == 2)
        let paid = Dictionary(grouping: plan.sharedAllocations, by: \.stream).mapValues {
            $0.reduce(0) { $0 + $1.cents }
        }
        #expect(paid["wioa-adult"] == 2000_00 && paid["fund"] == 500_00, "\(paid)")
        // Paying $2,001 breaks the pooled cap, and verify says so.
        var over = plan
        over.sharedAllocations = [
            Allocation(owner: "admin", stream: "wioa-adult", category: .administration, cents: 2001_00),
            Allocation(owner: "admin", stream: "fund", category: .administration, cents: 499_00),
        ]
        let issues = Verifier.violations(of: over, scenario: scenario)
        #expect(issues.contains { $0.contains("above admin-cap $2,000.00") }, "\(issues)")
    }
}
