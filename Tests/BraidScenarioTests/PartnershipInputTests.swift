import BraidPolicy
import BraidTestSupport
import Foundation
import Testing

@testable import BraidScenario

/// `partners:`, `partner:` and `in_kind:`: what loads, and each refusal with its reason and key.
@Suite struct PartnershipInputTests {
    static func load(_ streams: String, _ extra: String) throws -> Scenario {
        try Fixture(yaml: scenarioYAML(streams: streams, extra: extra), rows: [row("a", tuition: "100")]).load()
    }

    static func refusal(_ streams: String, _ extra: String) -> String {
        do {
            _ = try load(streams, extra)
            return ""
        } catch { return "\(error)" }
    }

    static let fund = "  fund: {kind: nonfederal, budget: 1000, allowable: [tuition], partner: college}"
    static let partners = "partners:\n  college: {name: Valley College, role: training provider}"

    @Test func partnersAndInKindLoad() throws {
        let s = try Self.load(
            Self.fund,
            Self.partners
                + "\nin_kind:\n  - {partner: college, description: Lab, value: '$1,200.50', valuation: fair rental value, source: ASSUMPTION}"
        )
        #expect(s.partners == [Partner(id: "college", name: "Valley College", role: "training provider")])
        #expect(s.stream("fund")?.partner == "college")
        #expect(s.inKind.first?.value == 1200_50 && s.inKind.first?.source == "ASSUMPTION")
    }

    @Test func refusalsNameTheRuleAndTheKey() {
        let inKind = { (claim: String) in
            Self.partners
                + "\nin_kind:\n  - {partner: college, description: Lab, value: 100, valuation: rent\(claim)}"
        }
        let cases: [(String, String, String)] = [
            (Self.fund, "partners:\n  collage: {name: X}", "unknown partner 'college'"),
            (Self.fund, "", "declare it under partners:"),
            (Self.fund, inKind(", counts_as_match_for: [fund]"), "only a federal award has a non-federal match"),
            (
                Self.fund + "\n  snap-et-50-50: {cap: 500, reimburses: [fund]}",
                inKind(", counts_as_match_for: [snap-et-50-50]"),
                "7 CFR 277.4(e)"
            ),
            (
                Self.fund + "\n  wioa-adult: {budget: 500}", inKind(", counts_as_match_for: [wioa-adult]"),
                "wioa-adult has no rule letting in-kind count as its match"
            ),
            (Self.fund, inKind(", counts_as_match_for: [nope]"), "unknown stream 'nope'"),
            (
                Self.fund, Self.partners + "\nin_kind:\n  - {partner: college, description: Lab, value: 100}",
                "needs 'valuation'"
            ),
            (
                Self.fund,
                Self.partners + "\nin_kind:\n  - {partner: college, description: Lab, value: 0, valuation: x}",
                "above $0"
            ),
            (
                Self.fund,
                Self.partners + "\nin_kind:\n  - {partner: nobody, description: Lab, value: 5, valuation: x}",
                "unknown partner 'nobody'"
            ),
            (
                "  fund: {kind: nonfederal, budget: 1000, allowable: [tuition], in_kind_match: true}", "",
                "only a federal grant has a non-federal match"
            ),
            (
                Self.fund,
                Self.partners
                    + "\nin_kind:\n  - {partner: college, description: Lab, value: 5, valuation: x, worth: 3}",
                "unknown key 'worth'"
            ),
        ]
        for (streams, extra, expected) in cases {
            let message = Self.refusal(streams, extra)
            #expect(message.contains(expected), "\(extra): \(message)")
            #expect(message.contains("scenario.yaml:"), "\(message)")
        }
    }

    @Test func aWhatIfAddsAPartnerAndReplacesTheInKindList() throws {
        let fixture = try Fixture(
            yaml: scenarioYAML(streams: Self.fund, extra: Self.partners), rows: [row("a", tuition: "100")])
        let whatIf = fixture.directory.appendingPathComponent("what-if.yaml")
        try """
        base: scenario.yaml
        partners: {vigor: {name: Vigor, role: employer}}
        in_kind: [{partner: vigor, description: Shipyard, value: 24000, valuation: fair rental value}]
        """.write(to: whatIf, atomically: true, encoding: .utf8)
        let s = try Scenario.load(path: whatIf.path, policies: policies)
        #expect(s.partners.map(\.id) == ["college", "vigor"])
        #expect(s.inKind.map(\.description) == ["Shipyard"])
    }
}
