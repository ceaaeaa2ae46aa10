import BraidPolicy
import BraidTestSupport
import Foundation
import Testing

@testable import BraidPlanner
@testable import BraidReports
@testable import BraidScenario

/// Each case breaks a valid fixture one way and names the file, line and key the error must give.
@Suite struct BadInputTests {
    static let goodYAML = """
        name: bad-input fixture
        state: GA
        period: {start: 2026-07-01, end: 2027-06-30}
        streams:
          wioa-adult: {budget: 5000}
          college: {kind: nonfederal, budget: 1000, allowable: [tuition]}
          snap-et-50-50: {cap: 500, reimburses: [college]}
        programs:
          - {id: p, clock_hours: 100, weeks: 4, min_enrollment: 1}
        participants: participants.csv
        """
    static let goodRows = [row("a", tuition: "100"), row("b", tuition: "200")]

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let yaml: String
        let rows: [String]
        let header: String
        let file: String
        let line: Int?
        let key: String
        let text: String
        var testDescription: String { name }
    }

    static func yamlCase(_ name: String, _ from: String, _ to: String, line: Int?, key: String, text: String) -> Case {
        Case(
            name: name, yaml: goodYAML.replacingOccurrences(of: from, with: to), rows: goodRows, header: rosterHeader,
            file: "scenario.yaml", line: line, key: key, text: text)
    }

    static func csvCase(
        _ name: String, rows: [String], header: String = rosterHeader, line: Int?, key: String, text: String
    ) -> Case {
        Case(
            name: name, yaml: goodYAML, rows: rows, header: header, file: "participants.csv", line: line, key: key,
            text: text)
    }

    static let cases: [Case] = [
        yamlCase(
            "law rule switched off", "participants: participants.csv",
            "participants: participants.csv\nrules: {wioa-adult.adult-work-authorization: off}", line: 11,
            key: "rules.wioa-adult.adult-work-authorization", text: "is law (WIOA sec. 188(a)(5)"),
        yamlCase(
            "law rule replaced", "participants: participants.csv",
            "participants: participants.csv\nrules: {wioa-adult.adult-age: 'age >= 16'}", line: 11,
            key: "rules.wioa-adult.adult-age", text: "not a state's or a scenario's to change"),
        yamlCase(
            "unknown top-level key", "state: GA", "state: GA\nstat: GA", line: 3, key: "stat",
            text: "unknown key 'stat' (did you mean 'state'"),
        yamlCase(
            "unknown stream", "wioa-adult: {budget: 5000}", "wioa-adlt: {budget: 5000}", line: 5,
            key: "streams.wioa-adlt", text: "did you mean 'wioa-adult'"),
        yamlCase(
            "unknown category", "allowable: [tuition]", "allowable: [tuiton]", line: 6,
            key: "streams.college.allowable", text: "unknown cost category 'tuiton'"),
        yamlCase(
            "negative money", "budget: 5000", "budget: -5000", line: 5, key: "streams.wioa-adult.budget",
            text: "must not be negative"),
        yamlCase(
            "non-finite money", "budget: 5000", "budget: .inf", line: 5, key: "streams.wioa-adult.budget",
            text: "finite"),
        yamlCase(
            "non-numeric money", "budget: 5000", "budget: lots", line: 5, key: "streams.wioa-adult.budget",
            text: "dollar amount"),
        yamlCase(
            "federal reimburses target", "reimburses: [college]", "reimburses: [wioa-adult]", line: 7,
            key: "streams.snap-et-50-50.reimburses", text: "federal money never counts"),
        yamlCase(
            "unknown program key", "min_enrollment: 1}", "min_enrolment: 1}", line: 9, key: "programs[0].min_enrolment",
            text: "did you mean 'min_enrollment'"),
        yamlCase(
            "duplicate key", "state: GA", "state: GA\nstate: OR", line: nil, key: "", text: "duplicate key 'state'"),
        yamlCase("tab indentation", "  wioa-adult:", "\twioa-adult:", line: 5, key: "", text: "tab"),
        yamlCase(
            "unclosed bracket", "allowable: [tuition]", "allowable: [tuition", line: nil, key: "",
            text: "malformed YAML"),
        yamlCase(
            "alias", "streams:\n", "x: &a {budget: 1}\nstreams:\n", line: nil, key: "",
            text: "aliases are not supported"),
        yamlCase(
            "bad set key", "participants: participants.csv",
            "participants: participants.csv\nset: {wioa-adult.ita_cp: 6000}", line: 11, key: "set.wioa-adult.ita_cp",
            text: "did you mean 'wioa-adult.ita_cap'"),
        yamlCase(
            "stream without a policy", "wioa-adult: {budget: 5000}", "wioa-adult: {budget: 5000}\n  fund: {budget: 5}",
            line: 6, key: "streams.fund", text: "needs kind: nonfederal, private or federal"),
        yamlCase(
            "roster is the scenario", "participants: participants.csv", "participants: scenario.yaml", line: 10,
            key: "participants", text: "cannot be the scenario file"),
        yamlCase(
            "missing roster", "participants: participants.csv", "participants: nowhere.csv", line: nil, key: "",
            text: "file not found"),
        // Both once trapped in Int(Double); found while writing the fuzz harnesses (Fuzz/).
        yamlCase(
            "huge min_enrollment", "min_enrollment: 1}", "min_enrollment: 1e300}", line: 9,
            key: "programs[0].min_enrollment", text: "must be at most 1000000"),
        csvCase(
            "huge household", rows: [row("a").replacingOccurrences(of: ",F,1,", with: ",F,1e300,")], line: 2,
            key: "household_size", text: "must be a whole number from 1 to 1000"),
        csvCase("duplicate id", rows: [row("a"), row("a")], line: 3, key: "id", text: "duplicate participant id 'a'"),
        csvCase(
            "unknown program", rows: [row("a", program: "q")], line: 2, key: "program", text: "unknown program 'q'"),
        csvCase(
            "unknown column", rows: [row("a") + ",1"], header: rosterHeader + ",colour", line: 1, key: "colour",
            text: "unknown column 'colour'"),
        csvCase(
            "negative need", rows: [row("a", tuition: "-5")], line: 2, key: "need_tuition", text: "must not be negative"
        ),
        csvCase("NaN need", rows: [row("a", tuition: "NaN")], line: 2, key: "need_tuition", text: "dollar amount"),
        csvCase("huge need", rows: [row("a", tuition: "1e300")], line: 2, key: "need_tuition", text: "too large"),
        csvCase("wrong column count", rows: ["a,p,30"], line: 2, key: "", text: "has 3 fields, the header has"),
        csvCase(
            "bad boolean", rows: [row("a").replacingOccurrences(of: ",false,false,", with: ",maybe,false,")], line: 2,
            key: "snap", text: "must be true or false"),
        csvCase(
            "bad enum", rows: [row("a", employment: "retired")], line: 2, key: "employment", text: "must be one of"),
        csvCase("unclosed quote", rows: ["\"a,p,30"], line: 2, key: "", text: "quoted field is not closed"),
        csvCase(
            "header of 5,000 empty columns", rows: [row("a")],
            header: "id,program" + String(repeating: ",", count: 5_000),
            line: 1, key: "", text: "has more than 1000 fields"),
    ]

    @Test(arguments: cases)
    func badInputIsReportedWithFileLineAndKey(_ c: Case) throws {
        let fixture = try Fixture(yaml: c.yaml, rows: c.rows, header: c.header)
        do {
            _ = try fixture.load()
            Issue.record("\(c.name): accepted")
        } catch {
            #expect(error is InputError || error is InputErrors, "input errors exit 2")
            let errors = (error as? InputErrors)?.errors ?? []
            let match = errors.first { $0.reason.contains(c.text) }
            #expect(match != nil, "\(c.name): \(error)")
            guard let match else { return }
            if c.text != "file not found" { #expect(match.file.hasSuffix(c.file), "\(c.name): \(match)") }
            if let line = c.line { #expect(match.line == line, "\(c.name): \(match)") }
            #expect(match.key == c.key, "\(c.name): \(match)")
        }
    }

    /// Ids compare once case and Unicode forms are set aside; the ASCII shortcut agrees with the
    /// full folding, and ASCII's invisible characters are its controls.
    @Test func idsCompareAcrossCaseAndUnicodeForms() {
        #expect(Roster.identity("AbC-01") == "abc-01")
        #expect(Roster.identity("AbC-01") == Roster.identity("abc-01"))
        #expect(Roster.identity("\u{FF21}\u{FF42}C-01") == Roster.identity("abc-01"))  // full-width letters
        #expect(Roster.identity("Ma\u{0301}ria") == Roster.identity("M\u{00E1}ria"))
        for v in UInt32(0)..<0x80 {
            let scalar = Unicode.Scalar(v)!
            let id = "Id-" + String(scalar) + "Z"
            #expect(
                Roster.identity(id)
                    == id.precomposedStringWithCompatibilityMapping.folding(options: [.caseInsensitive], locale: nil),
                "U+\(v)")
            let category = scalar.properties.generalCategory
            #expect(Roster.isInvisible(scalar) == (category == .control || category == .format), "U+\(v)")
        }
        #expect(Roster.isInvisible("\u{200B}") && Roster.isInvisible("\u{202E}") && !Roster.isInvisible("é"))
    }

    @Test func checkListsEveryProblemAtOnce() throws {
        let yaml = Self.goodYAML.replacingOccurrences(of: "budget: 5000", with: "budget: -1").replacingOccurrences(
            of: "state: GA", with: "state: GA\nstat: x")
        let fixture = try Fixture(yaml: yaml, rows: [row("a", program: "q"), row("a")])
        do {
            _ = try fixture.load()
            Issue.record("accepted")
        } catch {
            #expect(((error as? InputErrors)?.errors.count ?? 0) >= 4, "\(error)")
        }
    }

    /// A roster of 2,500 rows is parsed in two halves on both cores: its problems still come
    /// in line order, those of both halves, with the checks across rows (duplicate ids) intact.
    @Test func aLargeRostersProblemsComeInLineOrder() throws {
        var rows = (0..<2_500).map { row("p\($0)", tuition: "100") }
        rows[10] = row("", tuition: "100")
        rows[1_300] = row("p1300", tuition: "-5")
        rows[2_000] = row("p2000", program: "q")
        rows[2_400] = row("p7", tuition: "100")
        let fixture = try Fixture(yaml: Self.goodYAML, rows: rows)
        do {
            _ = try fixture.load()
            Issue.record("accepted")
        } catch {
            let found =
                (error as? InputErrors)?.errors.filter { $0.file.hasSuffix("participants.csv") }.map {
                    "\($0.line ?? 0) \($0.key)"
                } ?? []
            #expect(found == ["12 id", "1302 need_tuition", "2002 program", "2402 id"], "\(error)")
        }
    }

    @Test func acceptedSpreadsheetQuirks() throws {
        // CRLF line ends, a byte-order mark, quoted fields with commas, "$1,200.50", blank needs, x_ columns.
        let fixture = try Fixture(yaml: Self.goodYAML, rows: [])
        let csv =
            "\u{FEFF}" + rosterHeader + ",x_note\r\n" + row("a", tuition: "\"$1,200.50\"") + ",\"hello, world\"\r\n"
            + row("b") + ",\r\n"
        try csv.write(
            to: fixture.directory.appendingPathComponent("participants.csv"), atomically: true, encoding: .utf8)
        let scenario = try fixture.load()
        #expect(scenario.participants.map(\.id) == ["a", "b"])
        #expect(scenario.participants[0].need(.tuition) == 120_050)
    }
}
