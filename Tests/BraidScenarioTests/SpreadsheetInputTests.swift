import BraidPolicy
import BraidTestSupport
import Foundation
import Testing

@testable import BraidPlanner
@testable import BraidReports
@testable import BraidScenario

/// Rosters as planners keep them: blanks are errors where they decide eligibility (unless the
/// scenario names a default), money with `$` and commas, any-case choices, Excel's encodings,
/// one message per column for a problem many rows share.
@Suite struct SpreadsheetInputTests {
    static let yaml = BadInputTests.goodYAML

    func problems(_ rows: [String], header: String = rosterHeader, yaml: String = yaml) throws -> [InputError] {
        let fixture = try Fixture(yaml: yaml, rows: rows, header: header)
        do {
            _ = try fixture.load()
            return []
        } catch let error as InputErrors {
            return error.errors
        }
    }

    /// A blank in each column that decides eligibility is an error naming file, line, column and
    /// key; a blank Student Aid Index is allowed (it means no FAFSA).
    @Test(arguments: ["annual_income", "household_size", "sex", "snap", "tanf", "employment", "work_authorized"])
    func blankDecidingCellIsAnError(_ column: String) throws {
        let columns = rosterHeader.split(separator: ",").map(String.init)
        let k = try #require(columns.firstIndex(of: column))
        var cells = row("b", tuition: "200").split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        cells[k] = ""
        let found = try problems([row("a", tuition: "100"), cells.joined(separator: ",")])
        #expect(found.count == 1, "\(found)")
        let e = try #require(found.first)
        #expect(e.file.hasSuffix("participants.csv") && e.line == 3 && e.column == k + 1 && e.key == column)
        #expect(
            e.reason.contains("is blank, and \(column) decides eligibility") && e.reason.contains("roster_defaults:"))
    }

    @Test func blankProgramAndAllowedBlanks() throws {
        let found = try problems([row("a", program: "", tuition: "100")])
        #expect(found.map(\.reason) == ["program is blank"])
        #expect(try problems([row("a", sai: "", tuition: "100")]).isEmpty)
    }

    /// `roster_defaults:` opts a column in: its blanks take the documented default, the loaded
    /// scenario warns with the rows, and explain marks the value.
    @Test func rosterDefaultsAreWarnedAndMarked() throws {
        let columns = rosterHeader.split(separator: ",").map(String.init)
        let k = columns.firstIndex(of: "annual_income")!
        var cells = row("b", tuition: "200").split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        cells[k] = ""
        let fixture = try Fixture(
            yaml: Self.yaml + "\nroster_defaults: [annual_income]",
            rows: [row("a", tuition: "100"), cells.joined(separator: ",")])
        let scenario = try fixture.load()
        #expect(scenario.warnings.count == 1)
        #expect(
            scenario.warnings.first?.contains("annual_income: 1 blank cell took the default 0 (roster_defaults:): b")
                == true)
        let b = try #require(scenario.participants.first { $0.id == "b" })
        #expect(b["annual_income"] == .number(0) && b.defaulted == [PersonField.index["annual_income"]!])
        let text = ExplainReport.eligibility(scenario.analyze().first { $0.person.id == "b" }!, scenario)
        #expect(text.contains("annual_income 0 (default: blank in the roster)"))
        let bad = try problems([row("a", tuition: "100")], yaml: Self.yaml + "\nroster_defaults: [anual_income]")
        #expect(bad.first?.reason.contains("unknown column 'anual_income' (did you mean 'annual_income'") == true)
    }

    /// A roster that leaves out a column whose default could grant eligibility (income $0, a
    /// diploma, not in school, …) is refused at its header, unless `roster_defaults:` asks for
    /// the default; leaving out a column whose blank is undecided (or whose default grants
    /// nothing) is fine.
    @Test(arguments: PersonField.grantingDefaults)
    func aColumnWhoseDefaultGrantsMustBeThere(_ column: String) throws {
        let columns = rosterHeader.split(separator: ",").map(String.init)
        let k = try #require(columns.firstIndex(of: column))
        func without(_ line: String) -> String {
            var cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            cells.remove(at: k)
            return cells.joined(separator: ",")
        }
        let rows = [without(row("a", tuition: "100"))]
        let found = try problems(rows, header: without(rosterHeader))
        #expect(found.count == 1 && found.first?.line == 1 && found.first?.key == column, "\(found)")
        #expect(found.first?.reason.contains("missing column '\(column)', which decides eligibility") == true)
        let fixture = try Fixture(
            yaml: Self.yaml + "\nroster_defaults: [\(column)]", rows: rows, header: without(rosterHeader))
        let a = try #require(try fixture.load().participants.first)
        #expect(a[column] == PersonField.all[PersonField.index[column]!].defaultValue)
    }

    /// Money as Excel writes it; negative amounts in parentheses refused; choices and booleans in
    /// any case.
    @Test func spreadsheetValues() throws {
        let header = rosterHeader + ",veteran"
        let r = row("a", income: 0, tuition: "\"$1,200.50\"").replacingOccurrences(
            of: ",0,false,false,unemployed,", with: ",\"$52,000.00\",false,false,Unemployed,"
        ).replacingOccurrences(of: ",hs,false,0", with: ",HS,false,0")
        let fixture = try Fixture(yaml: Self.yaml, rows: [r + ",Yes"], header: header)
        let a = try #require(try fixture.load().participants.first)
        #expect(a["annual_income"] == .number(52_000) && a["employment"] == .text("unemployed"))
        #expect(a["education"] == .text("hs") && a["veteran"] == .bool(true) && a.need(.tuition) == 120_050)
        #expect((try? PersonField.all[PersonField.index["sex"]!].parse("f").get()) == .text("F"))
        let negative = row("a", tuition: "(100.00)")
        #expect(try problems([negative]).first?.reason.contains("negative amount in parentheses") == true)
    }

    /// 24 rows with the same mistake give one message, with the rows and the first value.
    @Test func oneMessagePerColumnAndProblem() throws {
        let rows = (1...24).map { row("p\($0)", tuition: "100").replacingOccurrences(of: ",10000,", with: ",52k,") }
        let found = try problems(rows + [row("ok", tuition: "100")])
        #expect(found.count == 1, "\(found.map(\.reason))")
        #expect(found.first?.reason == "rows 2–25 (24 rows): must be a number; got '52k' on line 2")
        #expect(found.first?.key == "annual_income" && found.first?.line == 2)
        #expect(RowProblems.ranges([2, 3, 4, 7, 9, 10]) == "2–4, 7, 9–10")
    }

    /// Excel's encodings: UTF-16 with a byte-order mark is read; Windows-1252 is refused with the
    /// line and how to save it; a zip (an .xlsx) is named as such.
    @Test func encodings() throws {
        let utf16 = try #require("id,program\nab,x\n".data(using: .utf16))
        #expect(try decodeText(utf16, file: "r.csv") == "id,program\nab,x\n")
        let cp1252 = Data("id,program\nab,x\nJos".utf8) + Data([0xE9]) + Data(",y\n".utf8)
        #expect(throws: InputError.self) { try decodeText(cp1252, file: "r.csv") }
        do { _ = try decodeText(cp1252, file: "r.csv") } catch {
            #expect(error.line == 3 && error.reason.contains("save it as \"CSV UTF-8 (Comma delimited)\""))
        }
        do { _ = try decodeText(Data([0x50, 0x4B, 0x03, 0x04, 0]), file: "r.csv") } catch {
            #expect(error.reason.contains("is a zip file (an Excel .xlsx workbook?)"))
        }
    }
}

/// A roster kept as an Excel workbook is read directly: the named sheet (or the first), numbers
/// and booleans as Excel stores them, dates from their serial numbers; the plan is the one the
/// same roster gives as CSV.
@Suite struct WorkbookRosterTests {
    @Test func xlsxRosterGivesTheSamePlanAsItsCSV() throws {
        let csv = try String(contentsOfFile: "\(scenariosPath)/default/participants.csv", encoding: .utf8)
        let rows = csv.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let header = rows[0]
        let dateColumn = header.firstIndex(of: "birth_date")
        func cell(_ k: Int, _ text: String) -> Workbook.Cell {
            if text.isEmpty { return .blank }
            if k == dateColumn, let day = Day(text) {
                // Excel's serial: days since 1899-12-30.
                var serial = 0
                var d = Day("1899-12-30")!
                while d < day {
                    d = d.next
                    serial += 1
                }
                return .number(Double(serial))
            }
            if let n = Double(text), header[k] != "id" { return .number(n) }
            return .text(text)
        }
        let sheet = Workbook.Sheet(
            "Applicants", columns: header.map { ($0, 12) },
            rows: rows.dropFirst().map { row in row.enumerated().map { cell($0, $1) } })
        let folder = try Scratch.newFolder("braid-xlsx")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Workbook([.init("Notes", columns: [("note", 20)], rows: [[.text("not the roster")]]), sheet])
            .write(to: folder.appendingPathComponent("roster.xlsx").path)
        let yaml = try String(contentsOfFile: "\(scenariosPath)/default/scenario.yaml", encoding: .utf8)
            .replacingOccurrences(
                of: "participants: participants.csv", with: "participants: roster.xlsx\nparticipants_sheet: Applicants")
        try yaml.write(to: folder.appendingPathComponent("scenario.yaml"), atomically: true, encoding: .utf8)
        let fromBook = try Scenario.load(path: folder.path, policies: policies)
        let fromCSV = try Scenario.load(path: "\(scenariosPath)/default", policies: policies)
        #expect(fromBook.participants.map(\.id) == fromCSV.participants.map(\.id))
        for (a, b) in zip(fromBook.participants, fromCSV.participants) {
            #expect(a.values == b.values && a.needs == b.needs, "\(a.id)")
        }
        #expect(ResultJSON.encode(try Planner.plan(fromBook)) == ResultJSON.encode(try Planner.plan(fromCSV)))
        #expect(
            WorkbookRoster.date(61, date1904: false) == "1900-03-01"
                && WorkbookRoster.date(59, date1904: false) == "1900-02-28"
                && WorkbookRoster.date(1, date1904: false) == "1900-01-01")

        let wrong = yaml.replacingOccurrences(
            of: "participants_sheet: Applicants", with: "participants_sheet: Aplicants")
        try wrong.write(to: folder.appendingPathComponent("scenario.yaml"), atomically: true, encoding: .utf8)
        #expect(throws: InputErrors.self) { try Scenario.load(path: folder.path, policies: policies) }
        do { _ = try Scenario.load(path: folder.path, policies: policies) } catch {
            #expect(
                error.errors.first?.reason.contains("has no sheet 'Aplicants' (did you mean 'Applicants'?)") == true)
        }
    }
}

extension WorkbookRosterTests {
    /// A sheet over 10 MB (12,000 applicants) reads like its CSV: the parser takes it in chunks
    /// (libxml2 refuses it as one block).
    @Test func largeWorkbookRoster() throws {
        let (yaml, csv) = ScenarioGenerator.generate(participants: 12_000, seed: 3)
        let lines = csv.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let folder = try Scratch.newFolder("braid-big")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Workbook([
            .init(
                "Roster", columns: lines[0].map { ($0, 10) },
                rows: lines.dropFirst().map {
                    $0.map { $0.isEmpty ? .blank : Double($0).map(Workbook.Cell.number) ?? .text($0) }
                })
        ]).write(to: folder.appendingPathComponent("participants.xlsx").path)
        try csv.write(to: folder.appendingPathComponent("participants.csv"), atomically: true, encoding: .utf8)
        try yaml.write(to: folder.appendingPathComponent("scenario.yaml"), atomically: true, encoding: .utf8)
        try yaml.replacingOccurrences(of: "participants: participants.csv", with: "participants: participants.xlsx")
            .write(to: folder.appendingPathComponent("book.yaml"), atomically: true, encoding: .utf8)
        let book = try Scenario.load(path: folder.appendingPathComponent("book.yaml").path, policies: policies)
        let plain = try Scenario.load(path: folder.path, policies: policies)
        #expect(book.participants.count == 12_000)
        #expect(book.participants.map(\.id) == plain.participants.map(\.id))
        #expect(
            zip(book.participants, plain.participants).allSatisfy { $0.values == $1.values && $0.needs == $1.needs })
    }
}
