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
            "h1b-ready-to-work", "h1b-skills", "pell", "perkins", "snap-et-100", "snap-et-50-50", "tanf", "wioa-adult", "wioa-dislocated-worker",
            "wioa-youth",
        ])
        for stream in shippedPolicies.streams {
            for rule in stream.rules {
                #expect(!rule.citation.text.isEmpty || rule.citation.status == .assumption, "\(stream.id).\(rule.id)")
                #expect(!rule.text.isEmpty, "\(stream.id).\(rule.id) has no plain-language text")
            }
        }
        for parameter in shippedPolicies.parameters {
            #expect(!parameter.citation.text.isEmpty || parameter.citation.status != .law, "\(parameter.key)")
        }
        #expect(shippedPolicies.parameters.contains { $0.key == "wioa-adult.ita_cap" && $0.citation.status == .stateOption })
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
        person["immigration_status"] = .text("citizen")
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
        // Three-valued: a comparison with a blank is blank, and so is its negation.
        let blankTest = try shippedPolicies.compile("not (pell_sai < 100)", stream: "pell", expecting: .bool)
        #expect(blankTest.evaluate(EvaluationContext(person: Person(id: "p", program: "x"), program: ProgramInfo(id: "x"),
            environment: shippedPolicies.environment(period: Period(start: Day(year: 2026, month: 7, day: 1), end: Day(year: 2027, month: 6, day: 30)), state: "GA"))) == .missing)
        let e = try shippedPolicies.compile("if fafsa_filed then pell_sai < 100 else blank(pell_sai)", stream: "pell", expecting: .bool)
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

/// The law issue's loader and participant-field behaviour.
@Suite struct LawTests {
    let period = Period(start: Day(year: 2026, month: 7, day: 1), end: Day(year: 2027, month: 6, day: 30))

    func decision(_ stream: String, _ fields: [String: Value], program: ProgramInfo = ProgramInfo(id: "x"), period: Period? = nil)
        -> StreamEligibility
    {
        var person = Person(id: "p", program: "x")
        for (k, v) in fields { person[k] = v }
        let env = shippedPolicies.environment(period: period ?? self.period, state: "GA")
        return EligibilityEngine(policies: shippedPolicies, environment: env).evaluate(person, program: program, streams: [stream])[0]
    }

    @Test func aBlankWorkAuthorizationNeverGrantsWIOA() {
        #expect(PersonField.all[PersonField.index["work_authorized"]!].defaultValue == .missing)
        #expect(PersonField.all[PersonField.index["citizen_or_eligible_noncitizen"]!].defaultValue == .missing)
        let d = decision("wioa-adult", ["age": .number(30), "sex": .text("F")])
        #expect(d.failed?.id == "adult-work-authorization")
    }

    @Test func aBlankCellParsesAsBlankForTheNewFields() throws {
        for name in ["immigration_status", "qualified_alien_since", "birth_date", "in_postsecondary_school", "other_grant_aid", "sex"] {
            let field = PersonField.all[PersonField.index[name]!]
            #expect(try field.parse("").get() == .missing, "\(name)")
        }
    }

    @Test func datesAndImmigrationStatusesAreValidated() throws {
        let date = PersonField.all[PersonField.index["birth_date"]!]
        #expect(try date.parse("2008-07-01").get() == .day(Day(year: 2008, month: 7, day: 1)))
        #expect(throws: FieldError.self) { try date.parse("2008-02-30").get() }
        let status = PersonField.all[PersonField.index["immigration_status"]!]
        #expect(throws: FieldError.self) { try status.parse("green_card").get() }
        #expect(try status.parse("lpr").get() == .text("lpr"))
    }

    @Test(arguments: [("-1500", true), ("-1501", false), ("999999", true), ("1000000", false), ("12.5", false), ("0", true)])
    func theStudentAidIndexIsAWholeNumberFromMinus1500(_ raw: String, _ ok: Bool) {
        let sai = PersonField.all[PersonField.index["pell_sai"]!]
        switch sai.parse(raw) {
        case .success: #expect(ok, "\(raw) accepted")
        case .failure(let f): #expect(!ok, "\(raw): \(f.reason)")
        }
    }

    @Test func anAgeFromABirthYearIsDecidedOnlyWhereBothBirthdaysAgree() {
        // Born in 2008: 17 or 18 on 2026-07-01, so not an adult; born in 2007: 18 or 19, an adult.
        #expect(decision("wioa-adult", ["birth_year": .number(2008), "sex": .text("F"), "work_authorized": .bool(true)]).failed?.id == "adult-age")
        #expect(decision("wioa-adult", ["birth_year": .number(2007), "sex": .text("F"), "work_authorized": .bool(true)]).eligible)
    }

    @Test func explainNamesTheUncertainAge() throws {
        var person = Person(id: "p", program: "x")
        person["birth_year"] = .number(2008)
        let env = shippedPolicies.environment(period: period, state: "GA")
        let context = EvaluationContext(person: person, program: ProgramInfo(id: "x"), environment: env)
        let rule = try #require(shippedPolicies.stream("wioa-adult")?.rules.first { $0.id == "adult-age" })
        let why = context.blankInputs(of: rule.expression)
        #expect(why.contains { $0.contains("age uncertain") && $0.contains("17 or 18") }, "\(why)")
    }

    @Test func inconsistentAgeAndBirthDateAreReported() {
        var person = Person(id: "p", program: "x")
        person["age"] = .number(30)
        person["birth_date"] = .day(Day(year: 2000, month: 1, day: 1))
        #expect(birthInconsistency(person, at: period.start) != nil)
        person["birth_date"] = .day(Day(year: 1996, month: 1, day: 1))
        #expect(birthInconsistency(person, at: period.start) == nil)
    }

    @Test func thePovertyTableHonoursItsEffectiveDate() throws {
        let beforeJan13 = try #require(shippedPolicies.poverty.table(for: Day(year: 2026, month: 1, day: 12)))
        #expect(beforeJan13.year == 2025)
        let onJan13 = try #require(shippedPolicies.poverty.table(for: Day(year: 2026, month: 1, day: 13)))
        #expect(onJan13.year == 2026)
        #expect(shippedPolicies.poverty.table(for: Day(year: 2023, month: 12, day: 31)) == nil)
    }

    @Test func aPeriodWithoutPolicyValuesIsRefusedWithAMessage() {
        let early = Period(start: Day(year: 2023, month: 7, day: 1), end: Day(year: 2024, month: 6, day: 30))
        let problems = shippedPolicies.valueProblems(period: early, streams: ["pell"])
        #expect(problems.contains { $0.contains("poverty-guideline table") })
        #expect(problems.contains { $0.contains("pell.max_pell has no value") })
        let late = Period(start: Day(year: 2027, month: 7, day: 1), end: Day(year: 2028, month: 6, day: 30))
        #expect(shippedPolicies.valueProblems(period: late, streams: ["pell"]).contains { $0.contains("pell.max_pell is known only through 2027-06-30") })
        #expect(shippedPolicies.valueProblems(period: period, streams: shippedPolicies.streamIDs).isEmpty)
    }

    @Test func workforcePellWindowIsBlankNotRefusedBeforeItStarts() {
        let p = Period(start: Day(year: 2025, month: 7, day: 1), end: Day(year: 2026, month: 6, day: 30))
        #expect(!shippedPolicies.valueProblems(period: p, streams: ["pell"]).contains { $0.contains("workforce") })
    }

    @Test func everyFactCarriesOneOfTheFiveLabels() {
        #expect(FactStatus.allCases.map(\.rawValue) == ["law", "regulation", "guidance", "state option", "assumption"])
        for p in shippedPolicies.parameters where p.citation.status == .regulation { #expect(p.citation.text.contains("CFR"), "\(p.key)") }
    }

    @Test func aRetiredLabelIsRejectedWithItsReplacement() throws {
        let errors = try RuleLanguageTests().broken("tanf", replacing: "status: state option", with: "status: default")
        #expect(errors.errors.contains { $0.reason.contains("'default' is retired: use state option") }, "\(errors)")
    }

    @Test func aLawLabelNeedsAStatuteInItsCitation() throws {
        let errors = try RuleLanguageTests().broken(
            "wioa-adult", replacing: "citation: WIOA sec. 3(2) (29 USC 3102(2)); 20 CFR 680.120", with: "citation: 20 CFR 680.120")
        #expect(errors.errors.contains { $0.reason.contains("status law needs a statute") }, "\(errors)")
    }

    @Test func aStateOptionOutsideItsAllowedValuesIsRejected() {
        #expect(throws: FieldError.self) { try shippedPolicies.parameterOverride(key: "tanf.state_serves_qualified_aliens", value: "maybe") }
        #expect(throws: FieldError.self) { try shippedPolicies.parameterOverride(key: "wioa-adult.self_sufficiency_fpl_percent", value: "2000") }
    }

    @Test func veteransPriorityIsDataInEveryDOLStream() throws {
        for id in ["wioa-adult", "wioa-dislocated-worker", "wioa-youth", "h1b-skills", "h1b-ready-to-work"] {
            let priority = try #require(shippedPolicies.stream(id)?.priority, "\(id)")
            #expect(priority.tiers.first?.condition.source.contains("covered_person") == true, "\(id)")
        }
        for id in ["pell", "tanf", "perkins", "snap-et-100", "snap-et-50-50"] { #expect(shippedPolicies.stream(id)?.priority == nil, "\(id)") }
    }

    @Test func theAdultPriorityOrderFollowsTEGL1916() throws {
        let priority = try #require(shippedPolicies.stream("wioa-adult")?.priority)
        let env = shippedPolicies.environment(period: period, state: "GA")
        func tier(_ fields: [String: Value]) -> Int? {
            var person = Person(id: "p", program: "x")
            person["household_size"] = .number(1)
            person["annual_income"] = .number(60_000)
            for (k, v) in fields { person[k] = v }
            return priority.tier(EvaluationContext(person: person, program: ProgramInfo(id: "x"), environment: env))?.number
        }
        #expect(tier(["veteran": .bool(true), "snap": .bool(true)]) == 1)
        #expect(tier(["snap": .bool(true)]) == 2)
        #expect(tier(["basic_skills_deficient": .bool(true)]) == 2)
        #expect(tier(["eligible_spouse": .bool(true)]) == 3)
        #expect(tier([:]) == 4)
    }
}
