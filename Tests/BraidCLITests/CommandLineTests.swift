import BraidTestSupport
import Foundation
import Testing

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The braid executable that `swift test` built (the test target depends on it).
let braidBinary: String = {
    let fm = FileManager.default
    for candidate in [
        ".build/debug/braid", ".build/x86_64-unknown-linux-gnu/debug/braid",
        ".build/aarch64-unknown-linux-gnu/debug/braid",
    ] {
        let path = root.appendingPathComponent(candidate).path
        if fm.isExecutableFile(atPath: path) { return path }
    }
    return root.appendingPathComponent(".build/debug/braid").path
}()

struct Outcome {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs braid in the repository root (with `environment` added to this process's).
func braid(_ arguments: [String], in directory: URL = root, environment: [String: String] = [:]) throws -> Outcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: braidBinary)
    process.arguments = arguments
    process.currentDirectoryURL = directory
    // Help text wraps at the terminal's width: a fixed width keeps it the same everywhere.
    process.environment = ProcessInfo.processInfo.environment.merging(
        environment.merging(["COLUMNS": "80"]) { a, _ in a }
    ) {
        _, new in new
    }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Both pipes at once: reading one to its end while braid fills the other would deadlock.
    final class Box: @unchecked Sendable { var data = Data() }
    let box = Box()
    let done = DispatchSemaphore(value: 0)
    let errHandle = err.fileHandleForReading
    DispatchQueue.global().async {
        box.data = errHandle.readDataToEndOfFile()
        done.signal()
    }
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    done.wait()
    let stderr = box.data
    process.waitUntilExit()
    return Outcome(
        status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
        stderr: String(decoding: stderr, as: UTF8.self))
}

func temporaryFolder() throws -> URL { try Scratch.newFolder("braid-cli") }

/// A copy of the default scenario in a new folder: its scenario file as `edit` returns it, and
/// its roster beside it unless `roster` is false.
func copyOfDefaultScenario(_ edit: (String) -> String = { $0 }, roster: Bool = true) throws -> URL {
    let folder = try temporaryFolder()
    let text = edit(try String(contentsOfFile: "Scenarios/default/scenario.yaml", encoding: .utf8))
    try text.write(to: folder.appendingPathComponent("scenario.yaml"), atomically: true, encoding: .utf8)
    if roster {
        try FileManager.default.copyItem(
            atPath: "Scenarios/default/participants.csv", toPath: folder.appendingPathComponent("participants.csv").path
        )
    }
    return folder
}

@Suite struct CommandLineTests {
    @Test func runWithoutArgumentsPlansTheDefaultScenario() throws {
        let result = try braid(["run"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Status: optimal"))
        #expect(result.stdout.contains("Dollars by stream"))
    }

    @Test func jsonIsByteIdenticalAcrossRunsAndVerifies() throws {
        let a = try braid(["run", "Scenarios/atlanta-healthcare", "--format", "json"])
        let b = try braid(["run", "Scenarios/atlanta-healthcare", "--format", "json"])
        #expect(a.status == 0 && a.stdout == b.stdout)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) as? [String: Any])
        #expect(
            Set(object.keys).isSuperset(of: [
                "scenario", "status", "gap", "served", "not_served", "allocations", "program_allocations", "streams",
            ]))
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("result.json").path
        let written = try braid(["run", "Scenarios/atlanta-healthcare", "--format", "json", "--output", path])
        #expect(written.status == 0 && written.stdout.isEmpty)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == a.stdout)
        let verified = try braid(["verify", "Scenarios/atlanta-healthcare", path])
        #expect(verified.status == 0, "\(verified.stdout)")
        // A tampered plan is caught.
        let tampered = a.stdout.replacingOccurrences(
            of: "\"amount\": ", with: "\"amount\": 1", options: [], range: a.stdout.range(of: "\"amount\": "))
        try tampered.write(toFile: path, atomically: true, encoding: .utf8)
        let audit = try braid(["verify", "Scenarios/atlanta-healthcare", path])
        #expect(audit.status == 5)
        #expect(audit.stdout.contains("violation:"))
    }

    @Test func csvAndMarkdownFormats() throws {
        let csv = try braid(["run", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("kind,owner,stream,category,amount,applicants,served,rate,price\n"))
        #expect(csv.stdout.contains("\ngroup,need child care,,child care,,3,1,0.3333333333,\n"))
        // The priority order's row carries its price (1 person in the default scenario).
        #expect(csv.stdout.contains("\npriority,wioa-adult,wioa-adult,order,,11,7,,1"), "\(csv.stdout)")
        let markdown = try braid(["run", "--format", "markdown"])
        #expect(markdown.stdout.contains("## Allocations"))
        #expect(markdown.stdout.contains("## Priority of service: wioa-adult"))
        #expect(markdown.stdout.contains("| wioa-adult tier 2 (priority-group) | 8 | 6 | 75.0% |"))
    }

    @Test func setOverridesChangeThePlanAndUnknownKeysExitTwo() throws {
        let base = try braid(["run", "--format", "json"])
        let more = try braid(["run", "--format", "json", "--set", "wioa-adult.budget=40000"])
        #expect(more.status == 0)
        #expect(base.stdout != more.stdout)
        let bad = try braid(["run", "--set", "wioa-adult.ita_cp=6000"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("did you mean 'wioa-adult.ita_cap'"))
    }

    @Test func checkListsEveryProblemAndExitsTwo() throws {
        let folder = try temporaryFolder()
        try """
        name: broken
        state: GA
        period: {start: 2026-07-01, end: 2027-06-30}
        streams:
          wioa-adlt: {budget: -5}
        programs:
          - {id: p, clock_hours: 100, weeks: 4}
        participants: participants.csv
        """.write(to: folder.appendingPathComponent("scenario.yaml"), atomically: true, encoding: .utf8)
        try "id,program,age,need_tuition\na,p,30,100\na,q,30,abc\n".write(
            to: folder.appendingPathComponent("participants.csv"), atomically: true, encoding: .utf8)
        let result = try braid(["check", folder.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("scenario.yaml:5"))
        #expect(result.stderr.contains("participants.csv:3: id: duplicate participant id 'a'"))
        #expect(result.stderr.contains("participants.csv:3:4: need_tuition: must be a dollar amount, got 'abc'"))
        #expect(result.stderr.contains("problems found"))
        let good = try braid(["check", "Scenarios/default"])
        #expect(good.status == 0)
    }

    @Test func exitCodesForUsageMissingFilesAndInfeasiblePlans() throws {
        #expect(try braid(["run", "--gap", "2"]).status == 1)
        let sweepGap = try braid([
            "sweep", "Scenarios/default", "--vary", "wioa-adult.budget=0:20000:10000", "--gap", "2",
        ])
        #expect(sweepGap.status == 1 && sweepGap.stderr.contains("--gap must be at least 0 and below 1"))
        #expect(try braid(["run", "--no-such-flag"]).status == 1)
        #expect(try braid(["--help"]).status == 0)
        let missing = try braid(["run", "no/such/scenario.yaml"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no/such/scenario.yaml: file not found"))
        let folder = try temporaryFolder()
        try """
        name: impossible
        state: GA
        period: {start: 2026-07-01, end: 2027-06-30}
        streams:
          fund: {kind: private, budget: 100, allowable: [tuition]}
        programs:
          - {id: p, clock_hours: 100, weeks: 4}
        participants: participants.csv
        targets:
          - {label: everyone, when: "true", at_least: 1}
        roster_defaults: [household_size, annual_income, employment, education, in_secondary_school, tanf_months_used]
        """.write(to: folder.appendingPathComponent("scenario.yaml"), atomically: true, encoding: .utf8)
        try "id,program,age,need_tuition\na,p,30,1000\n".write(
            to: folder.appendingPathComponent("participants.csv"), atomically: true, encoding: .utf8)
        let infeasible = try braid(["run", folder.path])
        #expect(infeasible.status == 3)
        #expect(infeasible.stderr.contains("no feasible plan: target 'everyone' (at least 1 served) cannot be met"))
    }

    @Test func explainEligibilityAndPolicies() throws {
        let explain = try braid(["explain", "Scenarios/default", "--participant", "dft-001"])
        #expect(explain.status == 0)
        #expect(explain.stdout.contains("SERVED") || explain.stdout.contains("NOT SERVED"))
        #expect(explain.stdout.contains("Citation:"))
        let matrix = try braid(["eligibility", "Scenarios/default", "--format", "csv"])
        #expect(matrix.stdout.hasPrefix("participant,"))
        let reasons = try braid(["eligibility", "Scenarios/default", "--participant", "dft-002"])
        #expect(reasons.stdout.contains("NOT ELIGIBLE") && reasons.stdout.contains("✗"))
        let unknown = try braid(["explain", "Scenarios/default", "--participant", "dft-0001"])
        #expect(unknown.status == 2 && unknown.stderr.contains("did you mean"))
        let list = try braid(["policies"])
        #expect(list.stdout.contains("wioa-adult") && list.stdout.contains("10 streams"))
        let one = try braid(["policies", "wioa-adult"])
        #expect(
            one.stdout.contains("wioa-adult.ita_cap = $5000")
                && one.stdout.contains("STATE OPTION: a state or local choice, set it"))
        let assumptions = try braid(["policies", "--assumptions", "--scenario", "Scenarios/oregon-maritime-welding"])
        #expect(assumptions.status == 0 && assumptions.stdout.contains("State options"))
        #expect(
            assumptions.stdout.contains(
                "perkins.federal_public_benefit_test = false  [bool, allowed: true, false]  (set by the scenario or --set)"
            ))
        #expect(!assumptions.stdout.contains("h1b-skills."), "only the scenario's streams")
        let tests = try braid(["test-policies"])
        #expect(tests.status == 0 && tests.stdout.contains(" passed, 0 failed"))
    }

    @Test func exportModelWritesLPAndMPS() throws {
        let folder = try temporaryFolder()
        let lp = folder.appendingPathComponent("m.lp").path, mps = folder.appendingPathComponent("m.mps").path
        let result = try braid(["export-model", "Scenarios/default", "--lp", lp, "--mps", mps])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOfFile: lp, encoding: .utf8).contains("Maximize"))
        #expect(FileManager.default.fileExists(atPath: mps))
        #expect(try braid(["export-model", "Scenarios/default"]).status == 1)
    }

    @Test func ctrlCDuringALongSweepExits130AndLeavesNoFile() throws {
        let folder = try temporaryFolder()
        let output = folder.appendingPathComponent("sweep.csv").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: braidBinary)
        process.arguments = [
            "sweep", "Scenarios/indiana-advanced-manufacturing", "--vary",
            "h1b-ready-to-work.budget=100000:900000:1000", "--format", "csv", "--output", output,
        ]
        process.currentDirectoryURL = root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1.5)
        process.interrupt()  // SIGINT, as Ctrl-C
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 130)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "no partial or temporary file")
    }

    @Test func outputIsWrittenAtomicallyAndFoldersAreRefused() throws {
        let folder = try temporaryFolder()
        let result = try braid(["run", "--format", "csv", "--output", folder.path])
        #expect(result.status == 2 && result.stderr.contains("is a folder"))
        let path = folder.appendingPathComponent("plan.csv").path
        #expect(try braid(["run", "--format", "csv", "--output", path]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["plan.csv"])
    }

    @Test func policiesAreFoundFromAnotherFolderWithTheFlag() throws {
        let folder = try temporaryFolder()
        let lost = try braid(["policies"], in: folder)
        #expect(lost.status == 0 || lost.stderr.contains("cannot find the policy folder"))
        let found = try braid(["policies", "--policies", root.appendingPathComponent("Policies").path], in: folder)
        #expect(found.status == 0 && found.stdout.contains("10 streams"))
    }
}
