import Foundation
import Testing

/// Hostile-input findings about numbers and what is read as text (the hostile-input review,
/// F22, F23, F24, F27, F28): each is refused with exit 2 (or 1 for a usage error) and a message that
/// names what was wrong, never read as something else.
@Suite struct HostileNumberTests {
    /// A copy of the default scenario whose roster's first data row has `column` set to `value`.
    func roster(_ column: String, _ value: String) throws -> URL {
        let folder = try copyOfDefaultScenario(roster: false)
        var lines = try String(contentsOfFile: "Scenarios/default/participants.csv", encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var cells = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let k = try #require(header.firstIndex(of: column))
        cells[k] = value
        lines[1] = cells.joined(separator: ",")
        try lines.joined(separator: "\n").write(
            to: folder.appendingPathComponent("participants.csv"), atomically: true, encoding: .utf8)
        return folder
    }

    /// F24: hexadecimal, NUL-truncated, sub-cent and out-of-range numbers in a roster.
    @Test(arguments: [
        ("need_tuition", "0x10", "must be a dollar amount"),
        ("need_tuition", "3000\u{0} 9999", "must be a dollar amount"),
        ("need_tuition", "1000000.004", "must be whole cents"),
        ("need_tuition", "99999999.009", "must be whole cents"),
        ("age", "24\u{0}garbage", "must be a number"),
        ("age", "200", "must be a whole number from 0 to 130"),
        ("birth_year", "3000", "must be a whole number from 1880 to 2200"),
        ("birth_year", "1e300", "must be a whole number from 1880 to 2200"),
        ("household_size", "0", "must be a whole number from 1 to 1000"),
        ("household_size", "2.5", "must be a whole number from 1 to 1000"),
    ])
    func lenientNumbersAreRefused(_ column: String, _ value: String, _ message: String) throws {
        let folder = try roster(column, value)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try braid(["check", folder.path])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("participants.csv:2") && result.stderr.contains(message), "\(result.stderr)")
    }

    /// Whole cents are decided on the text: trailing zeros and large amounts are fine.
    @Test func wholeCentsAtAnySize() throws {
        let folder = try roster("need_tuition", "99999999.010")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try braid(["check", folder.path]).status == 0)
    }

    /// F24 and F22: `--set` and `--vary` read numbers as people write them.
    @Test(arguments: [
        (["run", "--set", "wioa-adult.budget=0x1p20"], "must be a dollar amount"),
        (["sweep", "Scenarios/default", "--vary", "wioa-adult.budget=0.001:0.003:0.001"], "must be whole cents"),
        (["sweep", "Scenarios/default", "--vary", "wioa-adult.budget=0x10:0x20:1"], "expected FROM:TO:STEP numbers"),
        (["sweep", "Scenarios/default", "--vary", "wioa-adult.budget=-5000:0:5000"], "from $0 to $10 trillion"),
    ])
    func commandLineNumbers(_ arguments: [String], _ message: String) throws {
        let result = try braid(arguments)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    /// F22, F30: every command that optimises takes the same --time-limit, negative values included.
    @Test(arguments: ["0", "-5", "-1", "nan", "1e-300", "inf"])
    func timeLimitsAreCheckedAlike(_ limit: String) throws {
        for command in [
            ["run"], ["compare", "Scenarios/default", "--set", "wioa-adult.budget=1000"],
            ["sweep", "Scenarios/default", "--vary", "wioa-adult.budget=0:1000:500"],
            ["explain", "Scenarios/default", "--participant", "dft-001"],
        ] {
            let result = try braid(command + ["--time-limit", limit])
            #expect(result.status == 1, "\(command): \(result.stderr)")
            #expect(
                result.stderr.contains("--time-limit must be a number of seconds of at least 0.01"), "\(result.stderr)")
        }
    }

    /// F23: a policy number too large for a Double, and a negative matching rate, are refused
    /// at the policy file; arithmetic beyond Double's range is blank, never ∞ or NaN.
    @Test(arguments: [
        ("1" + String(repeating: "0", count: 400), "snap-et-50-50.yaml:193", "is too large"),
        ("0 - 5", "streams.snap-et-50-50", "the matching rate '0 - 5' is negative"),
        (
            "reimbursement_rate * 1" + String(repeating: "0", count: 308) + " * 1000", "streams.snap-et-50-50",
            "is blank (not a finite number)"
        ),
    ])
    func policyNumbersStayFinite(_ rate: String, _ place: String, _ message: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let policies = folder.appendingPathComponent("Policies")
        try FileManager.default.copyItem(atPath: "Policies", toPath: policies.path)
        let file = policies.appendingPathComponent("snap-et-50-50.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "  rate: reimbursement_rate\n", with: "  rate: \(rate)\n")
            .write(to: file, atomically: true, encoding: .utf8)
        let result = try braid(["check", "Scenarios/default", "--policies", policies.path])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(place) && result.stderr.contains(message), "\(result.stderr)")
    }

    /// F28: a multi-line scalar whose continuation starts with `*` or `&` is text, not an alias;
    /// a real anchor is still refused at its line, in a CRLF file after a comment too.
    @Test func onlyRealAnchorsAreRefused() throws {
        let folder = try copyOfDefaultScenario { $0 + "note: \"Budget notes:\n  * WIOA first\n  & the rest\"\n" }
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try braid(["check", folder.path]).status == 0)
        let anchored = folder.appendingPathComponent("anchored.yaml")
        try "# a comment\r\nname: x\r\nlist: !!seq &a [1]\r\nagain: *a\r\n".write(
            to: anchored, atomically: true, encoding: .utf8)
        let result = try braid(["check", anchored.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("anchored.yaml:3:") && result.stderr.contains("anchors and aliases"))
    }

    /// F27: ids GLPK cannot hold as names are exported under generic names.
    @Test func exportTakesAnyIdThatRunTakes() throws {
        let folder = try roster("id", String(repeating: "A", count: 300))
        defer { try? FileManager.default.removeItem(at: folder) }
        let lp = folder.appendingPathComponent("m.lp").path
        let result = try braid(["export-model", folder.path, "--lp", lp])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOfFile: lp, encoding: .utf8)
        #expect(!text.contains("AAAA") && text.contains("y(dft~002)"))
    }
}
