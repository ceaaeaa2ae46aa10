import Foundation
import Testing

@testable import BraidPolicy

/// The repository's `Policies/` folder, found from this file.
let policiesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Policies").path

let shippedPolicies: PolicySet = {
    do { return try PolicySet.load(directory: policiesDirectory) } catch { fatalError("shipped policies do not load: \(error)") }
}()

@Suite struct ShippedPolicyTests {
    @Test func allNineStreamsLoadWithCitations() throws {
        #expect(shippedPolicies.streamIDs == [
            "h1b-skills", "pell", "perkins", "snap-et-100", "snap-et-50-50", "tanf", "wioa-adult", "wioa-dislocated-worker",
            "wioa-youth",
        ])
        for stream in shippedPolicies.streams {
            for rule in stream.rules {
                #expect(!rule.citation.text.isEmpty || rule.citation.status == .default || rule.citation.status == .assumption, "\(stream.id).\(rule.id)")
                #expect(!rule.text.isEmpty, "\(stream.id).\(rule.id) has no plain-language text")
            }
        }
        for parameter in shippedPolicies.parameters {
            #expect(!parameter.citation.text.isEmpty || parameter.citation.status != .law, "\(parameter.key)")
        }
        #expect(shippedPolicies.parameters.contains { $0.key == "wioa-adult.ita_cap" && $0.citation.status == .default })
    }

    @Test(arguments: (try? shippedPolicies.loadCases()) ?? [])
    func policyCase(_ testCase: PolicyCase) {
        let result = shippedPolicies.run(testCase)
        #expect(result.passed, "\(testCase.file):\(testCase.line ?? 0) \(testCase.name): \(result.failures.joined(separator: "; "))")
    }

    @Test func thereAreAtLeastEightCasesPerStream() throws {
        let cases = try shippedPolicies.loadCases()
        for stream in shippedPolicies.streamIDs {
            #expect(cases.filter { $0.file.hasSuffix("/\(stream).yaml") }.count >= 8, "\(stream)")
        }
    }

    @Test func povertyGuidelinesFor2026() throws {
        let table = try #require(shippedPolicies.poverty.table(for: Day(year: 2026, month: 7, day: 1)))
        #expect(table.year == 2026)
        #expect(PovertyGuidelines.guideline(table, state: "GA", householdSize: 4) == 33_000)
        #expect(PovertyGuidelines.guideline(table, state: "AK", householdSize: 4) == 41_250)
        #expect(PovertyGuidelines.guideline(table, state: "HI", householdSize: 4) == 37_950)
        let t2025 = try #require(shippedPolicies.poverty.table(for: Day(year: 2025, month: 3, day: 1)))
        #expect(PovertyGuidelines.guideline(t2025, state: "OR", householdSize: 1) == 15_650)
    }
}

@Suite struct OverrideTests {
    let period = Period(start: Day(year: 2026, month: 7, day: 1), end: Day(year: 2027, month: 6, day: 30))

    func tanfDecision(_ overrides: [Int: Value]) -> StreamEligibility {
        var person = Person(id: "p", program: "x")
        person["age"] = .number(30)
        person["has_minor_child"] = .bool(true)
        person["household_size"] = .number(3)
        person["annual_income"] = .number(27_320 * 2.2)  // 220% of the 2026 guideline for 3
        let engine = EligibilityEngine(policies: shippedPolicies, environment: shippedPolicies.environment(period: period, state: "GA", overrides: overrides))
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
        #expect(throws: FieldError.self) { try shippedPolicies.parameterOverride(key: "wioa-adult.ita_cp", value: "6000") }
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
        let count = policies.stream("wioa-adult")!.rules.count
        try policies.changeRule("wioa-adult.\(policies.stream("wioa-adult")!.rules[0].id)", expression: nil)
        #expect(policies.stream("wioa-adult")!.rules.count == count - 1)
        #expect(throws: FieldError.self) { try policies.changeRule("tanf.no-such-rule", expression: nil) }
    }
}

@Suite struct RuleLanguageTests {
    func broken(_ stream: String, replacing old: String, with new: String) throws -> InputErrors {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("braid-policies-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: policiesDirectory, toPath: folder.path)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("\(stream).yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try #require(text.contains(old), "fixture text not found: \(old)")
        try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
        do {
            _ = try PolicySet.load(directory: folder.path)
        } catch {
            return error
        }
        Issue.record("the broken policy loaded")
        return InputErrors([])
    }

    @Test func typoInAFieldIsRejectedWithFileLineColumnAndSuggestion() throws {
        let errors = try broken("tanf", replacing: "fpl_percent <=", with: "fpl_percnt <=")
        let error = try #require(errors.errors.first)
        #expect(error.file.hasSuffix("tanf.yaml"))
        #expect(error.line != nil && error.column != nil)
        #expect(error.reason.contains("unknown name 'fpl_percnt'") && error.reason.contains("did you mean 'fpl_percent'"))
    }

    @Test func unbalancedParenthesesAreRejectedWithAColumn() throws {
        let errors = try broken("definitions", replacing: "expr: not (sex", with: "expr: not ((sex")
        let error = try #require(errors.errors.first)
        #expect(error.reason.contains("expected ')'"), "\(error)")
        #expect(error.column != nil)
    }

    @Test func unknownParameterInARuleIsRejected() throws {
        let errors = try broken("wioa-adult", replacing: "amount: ita_cap", with: "amount: ita_cap_amount")
        #expect(errors.errors.contains { $0.reason.contains("unknown name 'ita_cap_amount'") && $0.reason.contains("'ita_cap'") })
    }

    @Test(arguments: [
        ("age >= 18 and", "expected a value"), ("age = 18", "'=' is not an operator"), ("age >= \"x\"", "compares numbers or dates"),
        ("snap or 3", "'or' needs true/false"), ("min()", "takes at least 1"), ("sex in [\"F\", 2]", "mixes"),
        ("frobnicate(1)", "unknown function"), ("\"open", "unclosed string"),
    ])
    func expressionErrors(source: String, message: String) {
        do {
            _ = try shippedPolicies.compile(source, stream: "wioa-adult", expecting: .bool)
            Issue.record("\(source) compiled")
        } catch {
            #expect(error.reason.contains(message), "\(source): \(error.reason)")
        }
    }

    @Test func evaluationIsPureAndHandlesMissingValues() throws {
        let e = try shippedPolicies.compile("if fafsa_filed then pell_sai < 100 else not (pell_sai < 100)", stream: "pell", expecting: .bool)
        var person = Person(id: "p", program: "x")
        let env = shippedPolicies.environment(period: Period(start: Day(year: 2026, month: 7, day: 1), end: Day(year: 2027, month: 6, day: 30)), state: "GA")
        #expect(e.evaluate(EvaluationContext(person: person, program: ProgramInfo(id: "x"), environment: env)) == .bool(true))
        person["pell_sai"] = .number(500)
        #expect(e.evaluate(EvaluationContext(person: person, program: ProgramInfo(id: "x"), environment: env)) == .bool(false))
        let date = try shippedPolicies.compile("period.start >= 2026-07-01 and 15_650 + 1 == 15651", stream: nil, expecting: .bool)
        #expect(date.evaluate(EvaluationContext(person: person, program: ProgramInfo(id: "x"), environment: env)) == .bool(true))
    }
}

@Suite struct FieldParsingTests {
    /// The fast trim used for every roster cell matches Foundation's `.whitespaces` trim exactly.
    @Test func trimMatchesFoundation() {
        let samples = [
            "", " ", "\t", "  42  ", "\t$1,200.50\t", "\u{00A0}7\u{00A0}", "\u{3000}yes\u{2003}", "a b", " a\u{00A0}b ",
            "\n5\n", " \r\n", "é ", " ñ", "\u{200B}x\u{200B}", "\u{202F}\u{205F}12\u{1680}",
        ]
        for s in samples { #expect(s.trimmedOfWhitespace == s.trimmingCharacters(in: .whitespaces), "\(s.unicodeScalars.map(\.value))") }
        var differing: [UInt32] = []
        for v in UInt32(0)...0x10FFFF {
            guard let u = Unicode.Scalar(v) else { continue }
            if String.isTrimmedSpace(u) != CharacterSet.whitespaces.contains(u) { differing.append(v) }
        }
        #expect(differing.isEmpty, "scalars classified differently: \(differing.prefix(20))")
    }

    @Test func moneyParsesSeparatorsAndRejectsNonFinite() throws {
        #expect(try parseMoney(" $1,234.56 ").get() == 123_456)
        #expect(try parseMoney("1_000").get() == 100_000)
        #expect(try parseMoney("\u{00A0}7\u{00A0}").get() == 700)
        for bad in ["inf", "-Infinity", ".NaN", "nan", "1,2x", "-5", "1.005", ""] {
            #expect(throws: FieldError.self, "\(bad)") { try parseMoney(bad).get() }
        }
    }
}
