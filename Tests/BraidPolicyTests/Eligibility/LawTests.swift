import Foundation
import Testing

@testable import BraidPolicy

/// The law issue's loader and participant-field behaviour.
@Suite struct LawTests {
    let period = Period(start: Day(year: 2026, month: 7, day: 1), end: Day(year: 2027, month: 6, day: 30))

    func decision(
        _ stream: String, _ fields: [String: Value], program: ProgramInfo = ProgramInfo(id: "x"), period: Period? = nil
    )
        -> StreamEligibility
    {
        var person = Person(id: "p", program: "x")
        for (k, v) in fields { person[k] = v }
        let env = shippedPolicies.environment(period: period ?? self.period, state: "GA")
        return EligibilityEngine(policies: shippedPolicies, environment: env).evaluate(
            person, program: program, streams: [stream])[0]
    }

    /// A stream made for one program decides what reads nothing about the participant once
    /// (``SharedStream/init(_:program:)``); every decision is the one made rule by rule per
    /// participant, for every shipped stream, over programs and participants that vary each field
    /// the rules read.
    @Test func decisionsMadeOncePerProgramAreThoseMadePerParticipant() {
        let env = shippedPolicies.environment(period: period, state: "GA")
        var programs: [ProgramInfo] = []
        for k in 0..<8 {
            var program = ProgramInfo(id: "p\(k)")
            program.clockHours = [0, 150, 600, 900][k % 4]
            program.weeks = [0, 8, 15, 40][(k + 1) % 4]
            program.cte = k % 2 == 0
            program.h1bOccupation = k % 3 == 0
            program.titleIVEligible = k % 2 == 1
            program.workforcePellApproved = k % 4 == 1
            program.etpl = k % 3 != 2
            program.wioaTrainingContract = k == 5
            program.employedWorkerOJT = k % 4 == 3
            program.secondaryCTE = k == 6
            programs.append(program)
        }
        var seed: UInt64 = 7
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(n))
        }
        var checked = 0
        for program in programs {
            let context = EvaluationContext.withoutParticipant(program: program, environment: env)
            for policy in shippedPolicies.streams {
                let once = SharedStream(policy, program: context)
                let each = SharedStream(policy)
                for p in 0..<40 {
                    var person = Person(id: "a\(p)", program: program.id)
                    for (i, field) in PersonField.all.enumerated() where next(4) != 0 {
                        switch field.type {
                        case .bool: person.values[i] = .bool(next(2) == 0)
                        case .number:
                            person.values[i] = .number(Double([0, 1, 3, 17, 24, 30, 55, 12_000, 40_000][next(9)]))
                        case .text where !field.choices.isEmpty:
                            person.values[i] = .text(field.choices[next(field.choices.count)])
                        case .day:
                            person.values[i] = .day(Day(year: 1970 + next(50), month: 1 + next(12), day: 1 + next(28)))
                        default: break
                        }
                    }
                    for c in person.needs.indices where next(2) == 0 { person.needs[c] = Int64(next(500_000)) }
                    let engine = EligibilityEngine(policies: shippedPolicies, environment: env)
                    let who = EvaluationContext(person: person, program: program, environment: env)
                    let a = engine.evaluate(once, who), b = engine.evaluate(each, who)
                    #expect(
                        a.eligible == b.eligible && a.passedCount == b.passedCount, "\(policy.id) \(program.id) \(p)")
                    #expect(
                        a.categories.map { "\($0.category) \($0.allowed) \(String(describing: $0.share))" }
                            == b.categories.map { "\($0.category) \($0.allowed) \(String(describing: $0.share))" },
                        "\(policy.id) \(program.id) \(p)")
                    #expect(a.caps.map(\.cents) == b.caps.map(\.cents), "\(policy.id) \(program.id) \(p)")
                    checked += 1
                }
            }
            // Something is decided once per program, or the test shows nothing.
            #expect(
                shippedPolicies.streams.contains {
                    SharedStream($0, program: context).decidedRules.contains { $0 != nil }
                })
        }
        #expect(checked == programs.count * shippedPolicies.streams.count * 40)
    }

    @Test func aBlankWorkAuthorizationNeverGrantsWIOA() {
        #expect(PersonField.all[PersonField.index["work_authorized"]!].defaultValue == .missing)
        #expect(PersonField.all[PersonField.index["citizen_or_eligible_noncitizen"]!].defaultValue == .missing)
        let d = decision("wioa-adult", ["age": .number(30), "sex": .text("F")])
        #expect(d.failed?.id == "adult-work-authorization")
    }

    @Test func aBlankCellParsesAsBlankForTheNewFields() throws {
        for name in [
            "immigration_status", "qualified_alien_since", "birth_date", "in_postsecondary_school", "other_grant_aid",
            "sex",
        ] {
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

    @Test(arguments: [
        ("-1500", true), ("-1501", false), ("999999", true), ("1000000", false), ("12.5", false), ("0", true),
    ])
    func theStudentAidIndexIsAWholeNumberFromMinus1500(_ raw: String, _ ok: Bool) {
        let sai = PersonField.all[PersonField.index["pell_sai"]!]
        switch sai.parse(raw) {
        case .success: #expect(ok, "\(raw) accepted")
        case .failure(let f): #expect(!ok, "\(raw): \(f.reason)")
        }
    }

    @Test func anAgeFromABirthYearIsDecidedOnlyWhereBothBirthdaysAgree() {
        // Born in 2008: 17 or 18 on 2026-07-01, so not an adult; born in 2007: 18 or 19, an adult.
        #expect(
            decision("wioa-adult", ["birth_year": .number(2008), "sex": .text("F"), "work_authorized": .bool(true)])
                .failed?.id == "adult-age")
        #expect(
            decision("wioa-adult", ["birth_year": .number(2007), "sex": .text("F"), "work_authorized": .bool(true)])
                .eligible)
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
        #expect(
            shippedPolicies.valueProblems(period: late, streams: ["pell"]).contains {
                $0.contains("pell.max_pell is known only through 2027-06-30")
            })
        #expect(shippedPolicies.valueProblems(period: period, streams: shippedPolicies.streamIDs).isEmpty)
    }

    @Test func workforcePellWindowIsBlankNotRefusedBeforeItStarts() {
        let p = Period(start: Day(year: 2025, month: 7, day: 1), end: Day(year: 2026, month: 6, day: 30))
        #expect(!shippedPolicies.valueProblems(period: p, streams: ["pell"]).contains { $0.contains("workforce") })
    }

    @Test func everyFactCarriesOneOfTheFiveLabels() {
        #expect(FactStatus.allCases.map(\.rawValue) == ["law", "regulation", "guidance", "state option", "assumption"])
        for p in shippedPolicies.parameters where p.citation.status == .regulation {
            #expect(p.citation.text.contains("CFR"), "\(p.key)")
        }
    }

    @Test func aRetiredLabelIsRejectedWithItsReplacement() throws {
        let errors = try RuleLanguageTests().broken("tanf", replacing: "status: state option", with: "status: default")
        #expect(errors.errors.contains { $0.reason.contains("'default' is retired: use state option") }, "\(errors)")
    }

    @Test func aLawLabelNeedsAStatuteInItsCitation() throws {
        let errors = try RuleLanguageTests().broken(
            "wioa-adult", replacing: "citation: WIOA sec. 3(2) (29 USC 3102(2)); 20 CFR 680.120",
            with: "citation: 20 CFR 680.120")
        #expect(errors.errors.contains { $0.reason.contains("status law needs a statute") }, "\(errors)")
    }

    @Test func aStateOptionOutsideItsAllowedValuesIsRejected() {
        #expect(throws: FieldError.self) {
            try shippedPolicies.parameterOverride(key: "tanf.state_serves_qualified_aliens", value: "maybe")
        }
        #expect(throws: FieldError.self) {
            try shippedPolicies.parameterOverride(key: "wioa-adult.self_sufficiency_fpl_percent", value: "2000")
        }
    }

    @Test func veteransPriorityIsDataInEveryDOLStream() throws {
        for id in ["wioa-adult", "wioa-dislocated-worker", "wioa-youth", "h1b-skills", "h1b-ready-to-work"] {
            let priority = try #require(shippedPolicies.stream(id)?.priority, "\(id)")
            #expect(priority.tiers.first?.condition.source.contains("covered_person") == true, "\(id)")
        }
        for id in ["pell", "tanf", "perkins", "snap-et-100", "snap-et-50-50"] {
            #expect(shippedPolicies.stream(id)?.priority == nil, "\(id)")
        }
    }

    @Test func theAdultPriorityOrderFollowsTEGL1916() throws {
        let priority = try #require(shippedPolicies.stream("wioa-adult")?.priority)
        let env = shippedPolicies.environment(period: period, state: "GA")
        func tier(_ fields: [String: Value]) -> Int? {
            var person = Person(id: "p", program: "x")
            person["household_size"] = .number(1)
            person["annual_income"] = .number(60_000)
            for (k, v) in fields { person[k] = v }
            return priority.tier(EvaluationContext(person: person, program: ProgramInfo(id: "x"), environment: env))?
                .number
        }
        #expect(tier(["veteran": .bool(true), "snap": .bool(true)]) == 1)
        #expect(tier(["snap": .bool(true)]) == 2)
        #expect(tier(["basic_skills_deficient": .bool(true)]) == 2)
        #expect(tier(["eligible_spouse": .bool(true)]) == 3)
        #expect(tier([:]) == 4)
    }
}
