import Foundation
import Testing

@Suite struct WhatIfCommandTests {
    static let whatIf = "Scenarios/what-if/tanf-aligned-with-sector-partnerships.yaml"

    /// `run`, `check`, `eligibility`, `explain`, `sweep` and `verify` take a what-if file: it is
    /// its base with its changes (TANF at 250% FPL and $45,000), the same scenario `compare` plans.
    @Test func everyScenarioCommandReadsAWhatIf() throws {
        let check = try braid(["check", Self.whatIf])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(
            check.stdout.contains(
                "\(Self.whatIf): ok (a what-if on Scenarios/houston-women-construction/scenario.yaml)"))

        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = folder.appendingPathComponent("r.json").path
        let run = try braid(["run", Self.whatIf, "--format", "json", "--output", result, "--prices", "never"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: result))) as? [String: Any])
        let streams = try #require(json["streams"] as? [[String: Any]])
        #expect(streams.first { $0["id"] as? String == "tanf" }?["budget"] as? Double == 45_000)
        let compare = try braid(["compare", Self.whatIf, "--format", "json", "--prices", "never"])
        let changes = try #require(
            (try JSONSerialization.jsonObject(with: Data(compare.stdout.utf8)) as? [String: Any])?["whatif"]
                as? [String: Any])
        #expect((json["served"] as? [Any])?.count == (changes["served"] as? [Any])?.count)
        #expect(try braid(["verify", Self.whatIf, result]).status == 0)

        // hou-002's income is between 200% and 250% FPL: TANF's income rule rejects her in the
        // base, and the what-if's higher limit does not.
        let base = try braid(["eligibility", "Scenarios/houston-women-construction", "--format", "csv"])
        let changed = try braid(["eligibility", Self.whatIf, "--format", "csv"])
        #expect(base.status == 0 && changed.status == 0, "\(changed.stderr)")
        #expect(base.stdout.contains("hou-002,") && changed.stdout.contains("hou-002,"))
        #expect(base.stdout != changed.stdout)
        let explain = try braid(["explain", Self.whatIf, "--participant", "hou-002"])
        #expect(explain.status == 0 && explain.stdout.contains("tanf"), "\(explain.stderr)")
        let sweep = try braid(["sweep", Self.whatIf, "--vary", "tanf.budget=40000:50000:5000", "--format", "csv"])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        #expect(sweep.stdout.split(separator: "\n").count == 4)
    }

    /// A mistake inside a what-if is reported at the what-if's file, line and column (not its
    /// base's), `set:` included; a what-if compared against another scenario than its base warns.
    @Test func errorsPointAtTheWhatIfFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("typo.yaml").path
        try """
        base: \(root.path)/Scenarios/houston-women-construction
        set:
          tanf.budjet: 5
        streams:
          fund: {kind: nonfederal, budget: 100, allowable: [child_kare]}

        """.write(toFile: path, atomically: true, encoding: .utf8)
        let check = try braid(["check", path])
        #expect(check.status == 2)
        #expect(check.stderr.contains("\(path):3:16: set.tanf.budjet: unknown parameter"), "\(check.stderr)")
        #expect(check.stderr.contains("\(path):5:"), "\(check.stderr)")
        #expect(!check.stderr.contains("houston-women-construction/scenario.yaml"), "\(check.stderr)")

        let missing = folder.appendingPathComponent("missing.yaml").path
        try "base: ../no-such-scenario\n".write(toFile: missing, atomically: true, encoding: .utf8)
        let run = try braid(["run", missing])
        #expect(run.status == 2 && run.stderr.contains("\(missing):1:7: base: the base scenario cannot be read"))

        let wrong = try braid(["compare", "Scenarios/default", Self.whatIf, "--prices", "never"])
        #expect(wrong.stderr.contains("warning: \(Self.whatIf): its base is ../houston-women-construction"))
        let right = try braid(["compare", "Scenarios/houston-women-construction", Self.whatIf, "--prices", "never"])
        #expect(right.status == 0 && !right.stderr.contains("warning"), "\(right.stderr)")
    }

    /// A parameter sweep shows each point's eligibility pool and a headline, in every format
    /// (Markdown too).
    @Test func sweepHeadlineAndPoolsInEveryFormat() throws {
        let args = [
            "sweep", "Scenarios/houston-women-construction", "--vary", "tanf.income_limit_fpl_percent=200:250:50",
        ]
        let table = try braid(args)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.hasPrefix("tanf.income_limit_fpl_percent from 200 to 250: "))
        #expect(table.stdout.contains("tanf-eligible applicants 34 → 39") && table.stdout.contains("tanf eligible"))
        let markdown = try braid(args + ["--format", "markdown"])
        #expect(markdown.status == 0 && markdown.stdout.contains("| ---: |"), "\(markdown.stderr)")
        let json = try braid(args + ["--format", "json"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((root["headline"] as? String)?.contains("34 → 39") == true)
        let points = try #require(root["points"] as? [[String: Any]])
        #expect(points.map { ($0["eligible"] as? [String: Int])?["tanf"] } == [34, 39])
        let csv = try braid(args + ["--format", "csv"])
        #expect(csv.stdout.split(separator: "\n").first?.hasSuffix("sb-engineers.eligible") == true)
    }

    /// No cell Braid writes to CSV can run as a formula in a spreadsheet: ids that look like
    /// formulas get a leading apostrophe (and stay readable); numbers stay numbers.
    @Test func csvCellsNeverStartAFormula() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try (try String(contentsOfFile: "Scenarios/default/scenario.yaml", encoding: .utf8))
            .write(to: folder.appendingPathComponent("scenario.yaml"), atomically: true, encoding: .utf8)
        var lines = try String(contentsOfFile: "Scenarios/default/participants.csv", encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let evil = ["\"=HYPERLINK(\"\"http://x\"\")\"", "+SUM(A1)", "@cmd", "-2+3"]
        for (k, id) in evil.enumerated() { lines[k + 1] = id + String(lines[k + 1].drop { $0 != "," }) }
        try (lines.joined(separator: "\n") + "\n").write(
            to: folder.appendingPathComponent("participants.csv"), atomically: true, encoding: .utf8)
        for args in [["run", folder.path, "--format", "csv"], ["eligibility", folder.path, "--format", "csv"]] {
            let result = try braid(args)
            #expect(result.status == 0, "\(result.stderr)")
            for line in result.stdout.split(separator: "\n") {
                for cell in line.split(separator: ",", omittingEmptySubsequences: false) {
                    let text = cell.hasPrefix("\"") ? cell.dropFirst() : cell
                    if let first = text.first, "=+-@".contains(first) {
                        #expect(Double(text) != nil, "\(args[0]): a cell starts a formula: \(line)")
                    }
                }
            }
            #expect(result.stdout.contains("'+SUM(A1)") || args[0] == "run")
        }
        let eligibility = try braid(["eligibility", folder.path, "--format", "csv"]).stdout
        #expect(eligibility.contains("\n\"'=HYPERLINK(\"\"http://x\"\")\",") && eligibility.contains("\n'@cmd,"))
    }

    /// `braid init` writes a starter that checks and runs (and never overwrites); a mistyped
    /// command gets a suggestion; `--output r.html` writes HTML; a contradicting --format or an
    /// old .xls name is refused.
    @Test func starterFilesCommandsAndFormats() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let starter = folder.appendingPathComponent("mine").path
        #expect(try braid(["init", starter]).status == 0)
        #expect(try braid(["check", starter]).status == 0)
        let run = try braid(["run", starter, "--output", "\(starter)/plan.html"])
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOfFile: "\(starter)/plan.html", encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(try braid(["compare", "\(starter)/what-if.yaml", "--prices", "never"]).status == 0)
        let again = try braid(["init", starter])
        #expect(again.status == 1 && again.stderr.contains("never overwrites"))
        let columns = try String(contentsOfFile: "\(starter)/COLUMNS.md", encoding: .utf8)
        #expect(columns.contains("| `annual_income` | dollars |") && columns.contains("| `need_child_care` |"))
        // The workbook template is a roster too: the same plan as the CSV one.
        let yaml = "\(starter)/scenario.yaml"
        let csvPlan = try braid(["run", starter, "--format", "json"]).stdout
        try (try String(contentsOfFile: yaml, encoding: .utf8))
            .replacingOccurrences(of: "participants: participants.csv", with: "participants: participants.xlsx")
            .write(toFile: yaml, atomically: true, encoding: .utf8)
        let bookPlan = try braid(["run", starter, "--format", "json"])
        #expect(bookPlan.status == 0 && bookPlan.stdout == csvPlan, "\(bookPlan.stderr)")

        let typo = try braid(["rn"])
        #expect(typo.status == 1 && typo.stderr.contains("unknown command 'rn' (did you mean 'run'?)"))
        let clash = try braid(["run", "--output", "\(folder.path)/r.json", "--format", "csv"])
        #expect(clash.status == 1 && clash.stderr.contains("names a .json file but --format is csv"))
        #expect(!FileManager.default.fileExists(atPath: "\(folder.path)/r.json"))
        let old = try braid(["run", "--output", "\(folder.path)/r.xls"])
        #expect(old.status == 1 && old.stderr.contains("Braid writes .xlsx workbooks, not .xls"))
    }

    /// A `Policies/` beside a scenario is the one used (a state's own copy), before the
    /// repository's.
    @Test func policiesBesideTheScenarioComeFirst() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(atPath: "Policies", toPath: folder.appendingPathComponent("Policies").path)
        let wioa = folder.appendingPathComponent("Policies/wioa-adult.yaml")
        let text = try String(contentsOf: wioa, encoding: .utf8)
        try text.replacingOccurrences(of: "name: WIOA Title I Adult", with: "name: Our state's WIOA Adult copy")
            .write(to: wioa, atomically: true, encoding: .utf8)
        #expect(try braid(["init", folder.appendingPathComponent("s").path]).status == 0)
        let shown = try braid(["run", folder.appendingPathComponent("s").path, "--format", "html"])
        #expect(shown.status == 0)
        #expect(
            shown.stdout.contains("Our state&#39;s WIOA Adult copy")
                || shown.stdout.contains("Our state's WIOA Adult copy"))
    }

    /// `check` catches what `run` would reject (a count target out of reach) and warns about
    /// what quietly serves no one (a program cost no stream may pay, a program that cannot reach
    /// its minimum, a match with nothing to match), each with the fix.
    @Test func checkCatchesWhatRunWouldReject() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let dir = folder.appendingPathComponent("s")
        #expect(try braid(["init", dir.path]).status == 0)
        let file = dir.appendingPathComponent("scenario.yaml")
        let starter = try String(contentsOf: file, encoding: .utf8)
        var yaml = starter.replacingOccurrences(of: "min_enrollment: 1", with: "min_enrollment: 5")
        yaml = yaml.replacingOccurrences(of: "  local-fund:", with: "  snap-et-50-50: {cap: 5000}\n  local-fund:")
        yaml += "targets:\n  - {label: women, when: 'sex == \"F\"', at_least: 3}\n"
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        let check = try braid(["check", dir.path])
        #expect(check.status == 2)
        #expect(
            check.stderr.contains(
                "target 'women' needs at least 3 served, but only 1 of its 1 applicants can be served at all"))
        #expect(check.stderr.contains("warning: program welding-certificate needs at least 5 enrolled, but only 2"))
        #expect(check.stderr.contains("warning: snap-et-50-50 matches nothing"))
        let run = try braid(["run", dir.path])
        #expect(run.status == 3, "run rejects what check caught")
    }

    /// A program cost no stream may pay keeps that program from running (the contract's
    /// `z_p = 0`): `check` warns, `run` plans without it and says why each applicant waits.
    @Test func aProgramNoStreamMayPayDoesNotRun() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let dir = folder.appendingPathComponent("s")
        #expect(try braid(["init", dir.path]).status == 0)
        let file = dir.appendingPathComponent("scenario.yaml")
        let yaml = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(
            of: "min_enrollment: 1", with: "min_enrollment: 1\n    costs: {equipment: 3000}")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        let check = try braid(["check", dir.path])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(
            check.stderr.contains(
                "warning: program welding-certificate needs $3,000.00 of equipment, and no stream may pay equipment for it: it will not run, and none of its 2 applicants will be served (add equipment"
            ), "\(check.stderr)")
        let run = try braid(["run", dir.path, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\"served\": []"), "\(run.stdout)")
        #expect(
            run.stdout.contains(
                "their program welding-certificate cannot run: it needs $3,000.00 of equipment, and no stream in the scenario may pay equipment for it"
            ))
        let result = dir.appendingPathComponent("result.json")
        try run.stdout.write(to: result, atomically: true, encoding: .utf8)
        let verified = try braid(["verify", dir.path, result.path])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    }

    /// `--format xlsx` (or an .xlsx --output) writes a workbook that Excel and openpyxl read:
    /// the same dollars as the JSON, as currency numbers, headers frozen; the same plan gives the
    /// same bytes.
    @Test(.enabled(if: openpyxl, "needs Python's openpyxl (pip install openpyxl); .ci/run installs it"))
    func workbooksReadBackWithTheirNumbers() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let book = folder.appendingPathComponent("plan.xlsx").path
        #expect(try braid(["run", "Scenarios/default", "--output", book]).status == 0)
        let json = try #require(
            try JSONSerialization.jsonObject(
                with: Data(try braid(["run", "Scenarios/default", "--format", "json"]).stdout.utf8))
                as? [String: Any])
        let read = try python(
            """
            import openpyxl, json, sys
            wb = openpyxl.load_workbook(sys.argv[1])
            s = wb["Streams"]
            out = {"sheets": wb.sheetnames, "freeze": s.freeze_panes, "format": s["D2"].number_format,
                   "used": {r[0]: r[3] for r in s.iter_rows(min_row=2, values_only=True)},
                   "allocated": round(sum(r[4] for r in wb["Allocations"].iter_rows(min_row=2, values_only=True)), 2),
                   "not_served": [r[0] for r in wb["Not served"].iter_rows(min_row=2, values_only=True)],
                   "ledger": {r[0]: r[7] for r in wb["Ledger"].iter_rows(min_row=2, values_only=True)}}
            print(json.dumps(out))
            """, book)
        #expect(
            read["sheets"] as? [String] == [
                "Summary", "Streams", "Categories", "Allocations", "Not served", "Eligibility", "Groups", "Targets",
                "Ledger",
            ])
        #expect(read["freeze"] as? String == "A2" && (read["format"] as? String)?.contains("$#,##0.00") == true)
        let streams = try #require(json["streams"] as? [[String: Any]])
        let used = try #require(read["used"] as? [String: Double])
        for s in streams { #expect(used[s["id"] as! String] == s["used"] as? Double) }
        #expect(abs((read["allocated"] as? Double ?? 0) - streams.reduce(0.0) { $0 + ($1["used"] as! Double) }) < 0.005)
        #expect((read["not_served"] as? [String])?.count == (json["not_served"] as? [Any])?.count)
        let ledger = try #require(json["ledger"] as? [String: Any])
        let sheet = try #require(read["ledger"] as? [String: Double])
        #expect(
            sheet["federal"] == ledger["federal"] as? Double && sheet["non-federal"] == ledger["nonfederal"] as? Double)
        #expect(abs((sheet["leverage (per federal $1)"] ?? 0) - (ledger["leverage"] as? Double ?? 1)) < 1e-9)
        let again = folder.appendingPathComponent("again.xlsx").path
        #expect(try braid(["run", "Scenarios/default", "--format", "xlsx", "--output", again]).status == 0)
        #expect(FileManager.default.contents(atPath: book) == FileManager.default.contents(atPath: again))
        for args in [
            [
                "compare", "Scenarios/what-if/state-sector-partnership-fund.yaml", "--prices", "never", "--output",
                "\(folder.path)/c.xlsx",
            ],
            [
                "sweep", "Scenarios/default", "--vary", "wioa-adult.budget=0:10000:5000", "--output",
                "\(folder.path)/s.xlsx",
            ],
            ["eligibility", "Scenarios/default", "--format", "xlsx", "--output", "\(folder.path)/e.xlsx"],
        ] {
            #expect(try braid(args).status == 0, "\(args[0])")
        }
        let sheets = try python(
            """
            import openpyxl, json, sys
            print(json.dumps({f: openpyxl.load_workbook(sys.argv[1] + "/" + f).sheetnames for f in ["c.xlsx", "s.xlsx", "e.xlsx"]}))
            """, folder.path)
        #expect(sheets["c.xlsx"] as? [String] == ["Summary", "Streams", "Eligible", "Gain and lose"])
        #expect(sheets["s.xlsx"] as? [String] == ["Summary", "Points"])
        #expect(sheets["e.xlsx"] as? [String] == ["Eligibility"])
        let toStdout = try braid(["run", "Scenarios/default", "--format", "xlsx"])
        #expect(toStdout.status == 1 && toStdout.stderr.contains("give --output FILE.xlsx"))
    }
}

/// Whether Python's openpyxl is installed (the workbook tests read files back with it).
let openpyxl: Bool = (try? python("import openpyxl\nprint('{}')", "")) != nil

/// Runs a Python script with one argument and parses the JSON object it prints.
func python(_ script: String, _ argument: String) throws -> [String: Any] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, argument]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = Pipe()
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0, let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { throw CocoaError(.fileReadCorruptFile) }
    return object
}
