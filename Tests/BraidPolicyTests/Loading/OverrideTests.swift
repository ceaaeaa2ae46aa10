import Foundation
import Testing

@testable import BraidPolicy

@Suite struct OverrideTests {
    let period = Period(start: Day(year: 2026, month: 7, day: 1), end: Day(year: 2027, month: 6, day: 30))

    func tanfDecision(_ overrides: [Int: Value]) -> StreamEligibility {
        var person = Person(id: "p", program: "x")
        person["age"] = .number(30)
        person["has_minor_child"] = .bool(true)
        person["household_size"] = .number(3)
        person["immigration_status"] = .text("citizen")
        person["annual_income"] = .number(27_320 * 2.2)  // 220% of the 2026 guideline for 3
        let engine = EligibilityEngine(
            policies: shippedPolicies,
            environment: shippedPolicies.environment(period: period, state: "GA", overrides: overrides))
        return engine.evaluate(person, program: ProgramInfo(id: "x"), streams: ["tanf"])[0]
    }

    @Test func validSetChangesTheDecisionsThatDependOnIt() throws {
        let before = tanfDecision([:])
        #expect(!before.eligible)
        let (slot, value) = try shippedPolicies.parameterOverride(key: "tanf.income_limit_fpl_percent", value: "250")
        let after = tanfDecision([slot: value])
        #expect(after.eligible)
    }

    @Test func unknownParameterFailsWithCloseMatches() {
        #expect(throws: FieldError.self) {
            try shippedPolicies.parameterOverride(key: "wioa-adult.ita_cp", value: "6000")
        }
        do {
            _ = try shippedPolicies.parameterOverride(key: "wioa-adult.ita_cp", value: "6000")
        } catch {
            #expect(error.reason.contains("did you mean 'wioa-adult.ita_cap'"))
        }
        do {
            _ = try shippedPolicies.parameterOverride(key: "wioa-adlt.ita_cap", value: "6000")
        } catch {
            #expect(error.reason.contains("unknown stream 'wioa-adlt'") && error.reason.contains("'wioa-adult'"))
        }
    }

    @Test func wrongTypeAndOutOfRangeAreRejected() {
        for (key, value, text) in [
            ("wioa-adult.ita_cap", "lots", "expected a number"), ("wioa-adult.ita_cap", "-5", "below the minimum"),
            ("wioa-adult.ojt_reimbursement_rate", "0.95", "above the maximum"),
        ] {
            do {
                _ = try shippedPolicies.parameterOverride(key: key, value: value)
                Issue.record("\(key)=\(value) was accepted")
            } catch {
                #expect(error.reason.contains(text), "\(error.reason)")
            }
        }
    }

    @Test func aRuleCanBeSwitchedOffOrReplaced() throws {
        var policies = shippedPolicies
        try policies.changeRule("tanf.\(policies.stream("tanf")!.rules.last!.id)", expression: "fpl_percent <= 300")
        #expect(policies.stream("tanf")!.rules.last!.expression.source == "fpl_percent <= 300")
        let count = policies.stream("h1b-skills")!.rules.count
        try policies.changeRule("h1b-skills.h1b-age", expression: nil)
        #expect(policies.stream("h1b-skills")!.rules.count == count - 1)
        #expect(throws: FieldError.self) { try policies.changeRule("tanf.no-such-rule", expression: nil) }
    }

    /// Law and regulation are not a scenario's to change (issue 19: work authorization is not a
    /// state default a scenario switches off); guidance, state options and assumptions are.
    @Test(arguments: [
        "wioa-adult.adult-work-authorization", "wioa-youth.youth-work-authorization",
        "wioa-dislocated-worker.dw-work-authorization", "tanf.tanf-qualified-alien", "wioa-adult.adult-age",
    ])
    func lawIsNotAScenariosToChange(_ key: String) throws {
        var policies = shippedPolicies
        for expression in [nil, "true"] as [String?] {
            do {
                try policies.changeRule(key, expression: expression)
                Issue.record("\(key) was changed")
            } catch {
                #expect(error.reason.contains("not a state's or a scenario's to change"), "\(error.reason)")
                #expect(error.reason.contains("--policies"))
            }
        }
    }
}
