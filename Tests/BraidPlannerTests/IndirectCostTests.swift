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
