import BraidPolicy
import BraidTestSupport
import Foundation
import Testing

@testable import BraidPlanner
@testable import BraidReports
@testable import BraidScenario

/// The partnership ledger on a hand-checked plan: each stream's participant and program costs,
/// each partner's cash and in-kind, leverage, and `verify` catching a ledger that does not add up.
@Suite struct PartnershipLedgerTests {
    /// Everyone can be served ($5,500 of tuition and $1,000 of equipment, $6,500 of money);
    /// use_order spends the employer, then the college's fund, then the grant, which alone may
    /// pay equipment: employer $500, fund $1,000, grant $4,000 of tuition and the $1,000 of
    /// equipment.
    static let streams = """
          employer: {kind: private, budget: 500, allowable: [tuition]}
          fund: {kind: nonfederal, budget: 1000, allowable: [tuition], partner: college}
          grant: {kind: federal, budget: 5000, allowable: [tuition, equipment], partner: board, in_kind_match: true}
        """
    static let extra = """
        partners:
          college: {name: Valley College, role: training provider}
          board: {name: Valley Workforce Board, role: convener}
        in_kind:
          - {partner: college, description: Welding lab, value: 600, valuation: fair rental value, counts_as_match_for: [grant]}
          - {partner: board, description: Volunteer mentors, value: 150.50, valuation: 10 h at $15.05}
        """
    static let program =
        "{id: p, clock_hours: 320, weeks: 10, min_enrollment: 1, etpl: true, costs: {equipment: 1000}}"

    static func fixture() throws -> Fixture {
        let rows = [row("a", tuition: "2000"), row("b", tuition: "2000"), row("c", tuition: "1500")]
        return try Fixture(
            yaml: scenarioYAML(
                streams: streams, program: program, extra: extra, useOrder: "[employer, fund, grant]"),
            rows: rows)
    }

    @Test func theLedgerSplitsEachStreamsCostsAndAddsInKindAndLeverage() throws {
        let (plan, _) = try Self.fixture().plan()
        let l = plan.review.ledger
        #expect(plan.served.count == 3)
        let byID = Dictionary(uniqueKeysWithValues: l.streams.map { ($0.stream, $0) })
        #expect(byID["employer"]?.participantCosts == 500_00 && byID["employer"]?.partner == nil)
        #expect(byID["fund"]?.participantCosts == 1000_00 && byID["fund"]?.programCosts == 0)
        #expect(byID["grant"]?.participantCosts == 4000_00 && byID["grant"]?.programCosts == 1000_00)
        #expect(byID["grant"]?.inKindMatch == 600_00 && byID["fund"]?.inKindMatch == 0)
        #expect(l.federal == 5000_00 && l.nonfederal == 1500_00 && l.inKindTotal == 750_50)
        // (1,500 + 750.50) / 5,000
        #expect(abs((l.leverage ?? 0) - 0.4501) < 1e-12)
        let partners = Dictionary(uniqueKeysWithValues: l.partners.map { ($0.partner.id, $0) })
        #expect(partners["college"]?.nonfederal == 1000_00 && partners["college"]?.inKind == 600_00)
        #expect(abs((partners["college"]?.leverage ?? 0) - 0.32) < 1e-12)
        #expect(partners["board"]?.federal == 5000_00 && partners["board"]?.inKind == 150_50)
        #expect(abs((partners["board"]?.leverage ?? 0) - 0.0301) < 1e-12)
        let csv = ResultCSV.encode(plan)
        #expect(
            csv.contains("ledger,board,grant,program_costs,1000.00,,,,\nledger,board,grant,shared_costs,0.00,,,,\n"))
        #expect(csv.contains("in_kind,college,grant,Welding lab,600.00,,,,\n"))
        #expect(csv.contains("leverage,college,,,,,,0.32,\n"))
        let text = SummaryReport.table(plan, try Self.fixture().load())
        #expect(text.contains("Partnership ledger") && text.contains("Valley Workforce Board"))
        #expect(text.contains("leverage $0.45 per federal $1"))
    }

    @Test func withoutFederalMoneyLeverageIsNull() throws {
        let fixture = try Fixture(
            yaml: scenarioYAML(
                streams: "  fund: {kind: nonfederal, budget: 5000, allowable: [tuition], partner: college}",
                extra: "partners:\n  college: {name: Valley College}"),
            rows: [row("a", tuition: "2000")])
        let (plan, _) = try fixture.plan()
        #expect(plan.review.ledger.leverage == nil && plan.review.ledger.partners.first?.leverage == nil)
        #expect(ResultJSON.encode(plan).contains("\"in_kind\": 0.00, \"leverage\": null"))
    }

    @Test func verifyRederivesTheLedgerAndCatchesATamperedOne() throws {
        let fixture = try Self.fixture()
        let (plan, scenario) = try fixture.plan()
        let json = ResultJSON.encode(plan)
        let tampered: [(String, String, String)] = [
            (
                "\"federal\": 5000.00, \"nonfederal\": 1500.00", "\"federal\": 5000.00, \"nonfederal\": 1499.99",
                "totals"
            ),
            (
                "\"program_costs\": 1000.00, \"shared_costs\": 0.00, \"indirect\": 0.00, \"total\": 5000.00",
                "\"program_costs\": 999.00, \"shared_costs\": 0.00, \"indirect\": 0.00, \"total\": 4999.00",
                "grant"
            ),
            ("\"in_kind_match\": 600.00", "\"in_kind_match\": 0.00", "grant"),
            ("\"leverage\": 0.32}", "\"leverage\": 0.5}", "partner college's leverage"),
        ]
        for (from, to, named) in tampered {
            #expect(json.contains(from), "\(from)")
            let path = fixture.directory.appendingPathComponent("tampered.json").path
            try json.replacingOccurrences(of: from, with: to).write(toFile: path, atomically: true, encoding: .utf8)
            let issues = Verifier.violations(of: try ResultReader.read(path), scenario: scenario)
            #expect(issues.contains { $0.contains(named) }, "\(to): \(issues)")
        }
    }
}
