import Foundation
import Testing

/// The smaller hostile-input findings (F30 of the hostile-input review): each input is refused
/// with exit 2 (1 for a usage error) and a message that says what it is, never echoing a file
/// that is not a roster, never a raw Foundation error.
@Suite struct HostileFilesTests {
    /// The default scenario with its roster path replaced.
    func scenario(roster: String) throws -> URL {
        try copyOfDefaultScenario(
            { $0.replacingOccurrences(of: "participants: participants.csv", with: "participants: \(roster)") },
            roster: false)
    }

    @Test func rostersThatAreNotFiles() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a").path, b = folder.appendingPathComponent("b").path
        try FileManager.default.createSymbolicLink(atPath: a, withDestinationPath: b)
        try FileManager.default.createSymbolicLink(atPath: b, withDestinationPath: a)
        let secret = folder.appendingPathComponent("secret.txt")
        try "root:x:0:0:root:/root:/bin/bash\n".write(to: secret, atomically: true, encoding: .utf8)
        for (roster, message) in [
            (a, "is a loop of symbolic links"), ("/dev/null", "is not a regular file"),
            (secret.path, "is not a roster: its first line names neither an id nor a program column"),
        ] {
            let scenario = try scenario(roster: roster)
            defer { try? FileManager.default.removeItem(at: scenario) }
            let result = try braid(["check", scenario.path])
            #expect(result.status == 2 && result.stderr.contains(message), "\(roster): \(result.stderr)")
            #expect(!result.stderr.contains("root:x"))
        }
    }

    /// Pell is an entitlement: no budget or cap from --set, a scenario or --vary.
    @Test func anEntitlementTakesNoBudget() throws {
        let message = "'pell' is an entitlement: it pays every eligible participant their award"
        for arguments in [
            ["run", "--set", "pell.budget=100"], ["sweep", "Scenarios/default", "--vary", "pell.budget=0:100:100"],
        ] {
            let result = try braid(arguments)
            #expect(result.status == 2 && result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        var edited = ""
        let folder = try copyOfDefaultScenario {
            edited = $0.replacingOccurrences(of: "  pell: {}", with: "  pell: {budget: 100}")
            return edited
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(edited.contains("pell: {budget: 100}"))
        let result = try braid(["check", folder.path])
        #expect(result.status == 2 && result.stderr.contains("streams.pell.budget: " + message), "\(result.stderr)")
    }

    @Test func generateSaysWhyItCannotWrite() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let negative = try braid(["generate", "--participants", "-5", "--output", folder.path + "/g"])
        #expect(negative.status == 1 && negative.stderr.contains("--participants must be between 1 and 2,000,000"))
        let file = folder.appendingPathComponent("file").path
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        let under = try braid(["generate", "--participants", "5", "--output", file + "/g"])
        #expect(under.status == 2 && under.stderr.contains("cannot create the folder: \(file) is a file, not a folder"))
        #expect(!under.stderr.contains("NSCocoaErrorDomain"))
        let target = folder.appendingPathComponent("g").path
        #expect(try braid(["generate", "--participants", "5", "--output", target]).status == 0)
        let again = try braid(["generate", "--participants", "5", "--output", target])
        #expect(again.status == 2 && again.stderr.contains("exists; generate never overwrites a scenario"))
    }

    /// An output name at the 255-byte limit is written (the temporary name is shortened).
    @Test func longOutputNames() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(String(repeating: "a", count: 250) + ".json").path
        #expect(try braid(["run", "--format", "json", "--output", path]).status == 0)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path) == [(path as NSString).lastPathComponent])
    }

    @Test func functionArityIsStatedWithItsLimit() throws {
        let folder = try copyOfDefaultScenario {
            $0 + "rules:\n  tanf.tanf-income: 'min(" + Array(repeating: "1", count: 65).joined(separator: ", ")
                + ") > 0'\n"
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try braid(["check", folder.path])
        #expect(
            result.status == 2 && result.stderr.contains("min() takes 1 to 64 argument(s), got 65"), "\(result.stderr)")
    }
    /// An escape sequence or a bidi override in a scenario's text is refused at its line (it
    /// would rewrite the terminal or reorder a report: CWE-150), in a value or a key.
    @Test func controlCharactersInScenarioTextAreRefused() throws {
        for (from, to, line) in [
            ("name: Default", "name: \"\\e[31mRED\\e[0m Default", 30),
            ("name: Default", "name: \"\\u202Eflipped\\u202C Default", 30),
            ("  perkins: {budget: 5000}", "  \"perk\\u2066ins\": {budget: 5000}", 0),
        ] {
            let scenario = try copyOfDefaultScenario {
                $0.replacingOccurrences(of: from, with: to).replacingOccurrences(
                    of: "Georgia welding certificate and hospital EVS OJT, 2026-27",
                    with: to.hasPrefix("name")
                        ? "Georgia\"" : "Georgia welding certificate and hospital EVS OJT, 2026-27")
            }
            defer { try? FileManager.default.removeItem(at: scenario) }
            let result = try braid(["run", scenario.path])
            #expect(result.status == 2, "\(to): \(result.stderr)")
            #expect(result.stderr.contains("holds a control or direction-override character"), "\(result.stderr)")
            #expect(!result.stderr.contains("\u{1B}["), "nothing raw reaches the terminal")
            if line > 0 { #expect(result.stderr.contains("scenario.yaml:\(line):")) }
        }
    }

    /// Markdown from compare and sweep shows ids literally: a fence longer than any backticks in
    /// the table, and table cells escaped.
    @Test func markdownOfCompareAndSweepIsEscaped() throws {
        let scenario = try copyOfDefaultScenario {
            $0.replacingOccurrences(of: "hospital-employer", with: "hosp```ital|<b>")
        }
        defer { try? FileManager.default.removeItem(at: scenario) }
        let compare = try braid(["compare", scenario.path, "--set", "wioa-adult.budget=20000", "--format", "markdown"])
        #expect(compare.status == 0, "\(compare.stderr)")
        #expect(compare.stdout.contains("\n````\n"), "the fence outgrows the id's three backticks")
        #expect(compare.stdout.components(separatedBy: "\n````\n").count == 3)
        let sweep = try braid([
            "sweep", scenario.path, "--vary", "wioa-adult.budget=8000:9000:1000", "--format", "markdown",
        ])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        #expect(sweep.stdout.contains("hosp\\`\\`\\`ital\\|\\<b\\> used"), "\(sweep.stdout)")
        #expect(!sweep.stdout.contains("<b>"))
    }
}
