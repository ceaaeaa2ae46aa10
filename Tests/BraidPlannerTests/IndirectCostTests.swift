import BraidPolicy
import BraidTestSupport
import Foundation
import Testing

@testable import BraidPlanner
@testable import BraidReports
@testable import BraidScenario

/// Indirect costs: a rate on the stream's spending in the base categories, paid from the same
/// budget (2 CFR 200.414), rounded down to the cent; the de minimis rate in force on the period.
@Suite struct IndirectCostTests {
    static let grant = "  grant: {kind: federal, budget: 5000, allowable: [tuition]}"
    static let rows = (1...5).map { row("p\($0)", tuition: "1000") }

    static func fixture(_ indirect: String) throws -> Fixture {
        try Fixture(yaml: scenarioYAML(streams: grant, extra: indirect), rows: rows)
    }

    @Test(arguments: [
        // Without indirect costs $5,000 serves five at $1,000.
        ("", 5, Int64(0)),
        // At 10% each costs $1,100: four ($4,400), indirect $400.
        ("indirect: {rate: 0.10, base: [tuition], streams: [grant]}", 4, 400_00),
        // The de minimis rate for a 2026 period is 15%: four ($4,600), indirect $600.
        ("indirect: {rate: de_minimis_indirect_rate, base: [tuition]}", 4, 600_00),
        // A base without the category charges nothing.
        ("indirect: {rate: 0.10, base: [coaching]}", 5, 0),
    ])
    func theBudgetPaysDirectAndIndirectCosts(_ indirect: String, _ served: Int, _ charged: Int64) throws {
        let (plan, _) = try Self.fixture(indirect).plan()
        #expect(plan.served.count == served)
        let line = try #require(plan.review.ledger.streams.first { $0.stream == "grant" })
        #expect(line.indirect == charged && line.total == line.participantCosts + charged)
        #expect(line.total <= 5000_00)
    }

    @Test func verifyCountsIndirectCostsInTheBudget() throws {
        let (plan, _) = try Self.fixture("").plan()
        let charged = try Self.fixture("indirect: {rate: 0.10, base: [tuition]}").load()
        let issues = Verifier.violations(of: plan, scenario: charged)
        #expect(
            issues.contains {
                $0.contains("grant spends $5,000.00 and $500.00 of indirect costs, above its budget $5,000.00")
            },
            "\(issues)")
    }

    @Test func loadingRefusesABadRate() {
        let cases: [(String, String)] = [
            ("indirect: {rate: 1.5, base: [tuition]}", "an indirect rate is a share between 0 and 1"),
            ("indirect: {rate: 0.1, base: [tuition], streams: [pell]}", "unknown stream 'pell'"),
            ("indirect: {rate: 0.1, base: [tuitio]}", "unknown cost category 'tuitio'"),
            ("indirect: {base: [tuition]}", "indirect needs 'rate'"),
        ]
        for (indirect, expected) in cases {
            let message: String
            do {
                _ = try Self.fixture(indirect).load()
                message = ""
            } catch { message = "\(error)" }
            #expect(message.contains(expected), "\(indirect): \(message)")
        }
    }
}

/// TANF's administrative cap counts all its indirect costs (45 CFR 263.0(b)(2)).
@Suite struct TANFAdministrativeCapTests {
    @Test func indirectCostsUseUpTheAdministrativeCap() throws {
        // TANF ($10,000) pays two parents' $2,000 tuition, 15% indirect on tuition ($600), and
        // may pay administration within 15% of its budget ($1,500) less its indirect costs:
        // $900 of its $1,000 share of the shared administration; the fund pays the other $100.
        let streams = """
              tanf: {budget: 10000}
              fund: {kind: nonfederal, budget: 5000, allowable: [administration]}
            """
        let extra = """
            shared_costs:
              - {id: admin, category: administration, amount: 1000, scope: partnership, basis: participants}
            indirect: {rate: 0.15, base: [tuition], streams: [tanf]}
            """
        let header = rosterHeader + ",has_minor_child"
        let fixture = try Fixture(
            yaml: scenarioYAML(streams: streams, extra: extra, useOrder: "[tanf, fund]"),
            rows: [row("a", tuition: "2000"), row("b", tuition: "2000")].map { $0 + ",true" }, header: header)
        let (plan, scenario) = try fixture.plan()
        #expect(plan.served.count == 2)
        let paid = Dictionary(grouping: plan.sharedAllocations, by: \.stream).mapValues {
            $0.reduce(0) { $0 + $1.cents }
        }
        #expect(paid["tanf"] == 900_00 && paid["fund"] == 100_00, "\(paid)")
        #expect(plan.review.ledger.streams.first { $0.stream == "tanf" }?.indirect == 600_00)
        var over = plan
        over.sharedAllocations = [
            Allocation(owner: "admin", stream: "tanf", category: .administration, cents: 1000_00)
        ]
        let issues = Verifier.violations(of: over, scenario: scenario)
        #expect(
            issues.contains { $0.contains("tanf spends $1,600.00 on administration, above admin-cap $1,500.00") },
            "\(issues)")
    }
}
