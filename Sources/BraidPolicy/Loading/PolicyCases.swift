import Foundation

/// One policy test case of `Policies/tests/*.yaml`: a person, a program and a period, with the
/// expected decision per stream and the rule that decides it.
public struct PolicyCase: Sendable {
    public let name: String
    public let file: String
    public let line: Int?
    let period: Period
    let state: String
    let person: Person
    let program: ProgramInfo
    let overrides: [(String, String)]
    let expectations: [Expectation]

    /// What a case expects of one stream.
    struct Expectation {
        let stream: String
        let eligible: Bool?
        let rule: String?
        let caps: [(String, Double)]
        /// Participant categories the stream must (or must not) be allowed to pay.
        let mayPay: [CostCategory]
        let mayNotPay: [CostCategory]
    }
}

extension PolicyCase {
    /// What a test case's person has unless it says otherwise (Policies/FORMAT.md): a
    /// 30-year-old woman, a citizen, not in school, with work experience and no outside grant
    /// aid. A field written `null` (or `~`) is blank, as an empty roster cell is.
    public static let personDefaults: [(String, Value)] = [
        ("age", .number(30)), ("sex", .text("F")), ("work_authorized", .bool(true)),
        ("citizen_or_eligible_noncitizen", .bool(true)),
        ("immigration_status", .text("citizen")), ("in_postsecondary_school", .bool(false)),
        ("prior_work_experience", .bool(true)),
        ("other_grant_aid", .number(0)),
    ]
}

/// The outcome of a policy test case.
public struct PolicyCaseResult: Sendable {
    public let testCase: PolicyCase
    /// Empty when the case passed.
    public let failures: [String]
    public var passed: Bool { failures.isEmpty }
}

extension PolicySet {
    /// Loads every test case under `directory/tests`.
    public func loadCases() throws(InputErrors) -> [PolicyCase] {
        let folder = (directory as NSString).appendingPathComponent("tests")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter {
            $0.hasSuffix(".yaml")
        }.sorted()
        let diagnostics = Diagnostics()
        var cases: [PolicyCase] = []
        for file in files {
            let path = (folder as NSString).appendingPathComponent(file)
            do {
                let root = try YAMLValue.parse(try readTextFile(path), file: path)
                for item in try root.items() {
                    if let c = parseCase(item, diagnostics) { cases.append(c) }
                }
            } catch {
                diagnostics.add(error)
            }
        }
        try diagnostics.check()
        return cases
    }

    private func parseCase(_ item: YAMLValue, _ diagnostics: Diagnostics) -> PolicyCase? {
        item.checkKeys(["name", "period", "state", "program", "person", "set", "expect", "note"], diagnostics)
        let before = diagnostics.errors.count
        let name =
            item["name"].flatMap { n in diagnostics.attempt { () throws(InputError) in try n.string() } } ?? item.key
        var period = Period(start: Day(year: 2026, month: 7, day: 1), end: Day(year: 2027, month: 6, day: 30))
        if let p = item["period"] {
            if let s = p["start"].flatMap({ n in diagnostics.attempt { () throws(InputError) in try n.day() } }) {
                period.start = s
            }
            if let e = p["end"].flatMap({ n in diagnostics.attempt { () throws(InputError) in try n.day() } }) {
                period.end = e
            }
        }
        let state =
            item["state"].flatMap { n in diagnostics.attempt { () throws(InputError) in try n.string() } } ?? "GA"
        var program = ProgramInfo(id: "test-program")
        if let p = item["program"] {
            p.checkKeys(ProgramInfo.fields.map(\.name), diagnostics)
            for (key, value) in (try? p.entries()) ?? [] {
                guard let field = ProgramInfo.fields.first(where: { $0.name == key }), field.type != .text else {
                    if key == "id", let id = try? value.string() { program.id = id }
                    continue
                }
                if field.type == .number {
                    program.set(
                        key,
                        diagnostics.attempt { () throws(InputError) in try value.number() }.map(Value.number)
                            ?? .missing)
                } else {
                    program.set(
                        key,
                        diagnostics.attempt { () throws(InputError) in try value.bool() }.map(Value.bool) ?? .missing)
                }
            }
        }
        let person = casePerson(item["person"], name: name, program: program.id, diagnostics)
        var overrides: [(String, String)] = []
        if let s = item["set"] {
            for (key, value) in (try? s.entries()) ?? [] {
                if let text = diagnostics.attempt({ () throws(InputError) in try value.string() }) {
                    overrides.append((key, text))
                }
            }
        }
        let expectations = caseExpectations(item["expect"], diagnostics)
        guard diagnostics.errors.count == before else { return nil }
        return PolicyCase(
            name: name, file: item.file, line: item.line, period: period, state: state, person: person,
            program: program,
            overrides: overrides, expectations: expectations)
    }

    /// A case's person: the documented defaults, then the fields it gives.
    private func casePerson(_ node: YAMLValue?, name: String, program: String, _ diagnostics: Diagnostics) -> Person {
        var person = Person(id: name, program: program)
        for (field, value) in PolicyCase.personDefaults { person[field] = value }
        if let p = node {
            for (key, value) in (try? p.entries()) ?? [] {
                if key.hasPrefix("need_"), let category = CostCategory(rawValue: String(key.dropFirst(5))),
                    category.isParticipantLevel
                {
                    if let c = diagnostics.attempt({ () throws(InputError) in try value.cents() }) {
                        person.needs[CostCategory.participant.firstIndex(of: category)!] = c
                    }
                    continue
                }
                guard let index = PersonField.index[key] else {
                    diagnostics.add(
                        value.error(
                            "unknown participant field '\(key)'" + suggestion(for: key, in: PersonField.all.map(\.name))
                        ))
                    continue
                }
                let raw =
                    value.isNull ? "" : (diagnostics.attempt { () throws(InputError) in try value.string() } ?? "")
                switch PersonField.all[index].parse(raw) {
                case .success(let v): person.values[index] = v
                case .failure(let f): diagnostics.add(value.error(f.reason))
                }
            }
        }
        return person
    }

    /// A case's expectations per stream: eligible or not, the deciding rule, caps, what may pay.
    private func caseExpectations(_ node: YAMLValue?, _ diagnostics: Diagnostics) -> [PolicyCase.Expectation] {
        var expectations: [PolicyCase.Expectation] = []
        for (streamID, value)
            in (node.flatMap { n in diagnostics.attempt { () throws(InputError) in try n.entries() } } ?? [])
        {
            guard let stream = stream(streamID) else {
                diagnostics.add(value.error("unknown stream '\(streamID)'" + suggestion(for: streamID, in: streamIDs)))
                continue
            }
            value.checkKeys(["eligible", "rule", "caps", "may_pay", "may_not_pay"], diagnostics)
            let rule = value["rule"].flatMap { n in diagnostics.attempt { () throws(InputError) in try n.string() } }
            if let rule, !stream.rules.contains(where: { $0.id == rule }) {
                diagnostics.add(
                    value["rule"]!.error(
                        "stream \(streamID) has no rule '\(rule)'" + suggestion(for: rule, in: stream.rules.map(\.id))))
            }
            var caps: [(String, Double)] = []
            for (capID, amount)
                in (value["caps"].flatMap { n in diagnostics.attempt { () throws(InputError) in try n.entries() } }
                ?? [])
            {
                if !stream.caps.contains(where: { $0.id == capID }) {
                    diagnostics.add(
                        amount.error(
                            "stream \(streamID) has no cap '\(capID)'"
                                + suggestion(for: capID, in: stream.caps.map(\.id))))
                }
                if let n = diagnostics.attempt({ () throws(InputError) in try amount.number() }) {
                    caps.append((capID, n))
                }
            }
            func categories(_ key: String) -> [CostCategory] {
                guard let node = value[key],
                    let names = diagnostics.attempt({ () throws(InputError) in try node.strings() })
                else { return [] }
                return names.compactMap { name in
                    if let c = CostCategory(rawValue: name) { return c }
                    diagnostics.add(
                        node.error(
                            "unknown cost category '\(name)'"
                                + suggestion(for: name, in: CostCategory.allCases.map(\.rawValue))))
                    return nil
                }
            }
            expectations.append(
                .init(
                    stream: streamID,
                    eligible: value["eligible"].flatMap { n in
                        diagnostics.attempt { () throws(InputError) in try n.bool() }
                    },
                    rule: rule, caps: caps, mayPay: categories("may_pay"), mayNotPay: categories("may_not_pay")))
        }
        return expectations
    }

    /// Runs one case.
    public func run(_ testCase: PolicyCase) -> PolicyCaseResult {
        var failures: [String] = []
        var values: [Int: Value] = [:]
        var policies = self
        for (key, raw) in testCase.overrides {
            if key.contains("."), let stream = key.split(separator: ".").first, policies.stream(String(stream)) != nil,
                policies.stream(String(stream))!.rules.contains(where: {
                    $0.id == key.split(separator: ".", maxSplits: 1)[1]
                })
            {
                do { try policies.changeRule(key, expression: raw == "off" ? nil : raw) } catch {
                    failures.append(error.reason)
                }
                continue
            }
            do {
                let (slot, value) = try parameterOverride(key: key, value: raw)
                values[slot] = value
            } catch {
                failures.append(error.reason)
            }
        }
        if let why = birthInconsistency(testCase.person, at: testCase.period.start) { failures.append(why) }
        failures += policies.valueProblems(
            period: testCase.period, streams: testCase.expectations.map(\.stream), overrides: Set(values.keys))
        let engine = EligibilityEngine(
            policies: policies,
            environment: policies.environment(period: testCase.period, state: testCase.state, overrides: values))
        let results = engine.evaluate(testCase.person, program: testCase.program)
        for expectation in testCase.expectations {
            guard let result = results.first(where: { $0.stream.id == expectation.stream }) else { continue }
            if let eligible = expectation.eligible, eligible != result.eligible {
                failures.append(
                    "\(expectation.stream): expected \(eligible ? "eligible" : "not eligible"), got "
                        + (result.eligible ? "eligible" : "not eligible by rule \(result.failed!.id)"))
            }
            if let rule = expectation.rule, result.failed?.id != rule {
                failures.append(
                    "\(expectation.stream): expected rule \(rule) to decide, got \(result.failed?.id ?? "none (eligible)")"
                )
            }
            for category in expectation.mayPay where !result.allows(category) {
                failures.append("\(expectation.stream): expected it may pay \(category), but it may not")
            }
            for category in expectation.mayNotPay where result.allows(category) {
                failures.append("\(expectation.stream): expected it may not pay \(category), but it may")
            }
            for (capID, amount) in expectation.caps {
                let got = result.caps.first { $0.rule.id == capID }.map { Double($0.cents) / 100 } ?? 0
                if abs(got - amount) > 0.005 {
                    failures.append(
                        "\(expectation.stream): cap \(capID) expected \(formatNumber(amount)), got \(formatNumber(got))"
                    )
                }
            }
        }
        return PolicyCaseResult(testCase: testCase, failures: failures)
    }
}
