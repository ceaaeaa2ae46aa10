import Foundation
import Testing

@testable import BraidPolicy

@Suite struct RuleLanguageTests {
    func broken(_ stream: String, replacing old: String, with new: String) throws -> InputErrors {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "braid-policies-\(UUID().uuidString)")
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
        #expect(
            error.reason.contains("unknown name 'fpl_percnt'") && error.reason.contains("did you mean 'fpl_percent'"))
    }

    @Test func unbalancedParenthesesAreRejectedWithAColumn() throws {
        let errors = try broken("definitions", replacing: "expr: not (sex", with: "expr: not ((sex")
        let error = try #require(errors.errors.first)
        #expect(error.reason.contains("expected ')'"), "\(error)")
        #expect(error.column != nil)
    }

    @Test func unknownParameterInARuleIsRejected() throws {
        let errors = try broken("wioa-adult", replacing: "amount: ita_cap", with: "amount: ita_cap_amount")
        #expect(
            errors.errors.contains {
                $0.reason.contains("unknown name 'ita_cap_amount'") && $0.reason.contains("'ita_cap'")
            })
    }

    @Test(arguments: [
        ("age >= 18 and", "expected a value"), ("age = 18", "'=' is not an operator"),
        ("age >= \"x\"", "compares numbers or dates"),
        ("snap or 3", "'or' needs true/false"), ("min()", "takes 1 to 64"), ("sex in [\"F\", 2]", "mixes"),
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
        // Three-valued: a comparison with a blank is blank, and so is its negation.
        let blankTest = try shippedPolicies.compile("not (pell_sai < 100)", stream: "pell", expecting: .bool)
        #expect(
            blankTest.evaluate(
                EvaluationContext(
                    person: Person(id: "p", program: "x"), program: ProgramInfo(id: "x"),
                    environment: shippedPolicies.environment(
                        period: Period(
                            start: Day(year: 2026, month: 7, day: 1), end: Day(year: 2027, month: 6, day: 30)),
                        state: "GA"))) == .missing)
        let e = try shippedPolicies.compile(
            "if fafsa_filed then pell_sai < 100 else blank(pell_sai)", stream: "pell", expecting: .bool)
        var person = Person(id: "p", program: "x")
        let env = shippedPolicies.environment(
            period: Period(start: Day(year: 2026, month: 7, day: 1), end: Day(year: 2027, month: 6, day: 30)),
            state: "GA")
        #expect(
            e.evaluate(EvaluationContext(person: person, program: ProgramInfo(id: "x"), environment: env))
                == .bool(true))
        person["pell_sai"] = .number(500)
        #expect(
            e.evaluate(EvaluationContext(person: person, program: ProgramInfo(id: "x"), environment: env))
                == .bool(false))
        let date = try shippedPolicies.compile(
            "period.start >= 2026-07-01 and 15_650 + 1 == 15651", stream: nil, expecting: .bool)
        #expect(
            date.evaluate(EvaluationContext(person: person, program: ProgramInfo(id: "x"), environment: env))
                == .bool(true))
    }
}
