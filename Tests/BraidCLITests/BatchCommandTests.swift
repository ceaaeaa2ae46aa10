import BraidBatch
import BraidPolicy
import BraidTestSupport
import Foundation
import Testing

/// `braid batch` and `braid merge` (docs/BATCH.md): one machine and merged shards write the same
/// bytes; each job's result is its command's JSON; unfinished, stale or altered shards, bad
/// manifests and failed jobs are refused with their file, line and key, and the documented exit.
@Suite struct BatchCommandTests {
    /// A manifest in a new folder over the shipped scenarios (absolute paths): four quick jobs.
    func manifest(_ extra: String = "") throws -> (folder: URL, path: String) {
        let folder = try temporaryFolder()
        let scenarios = root.appendingPathComponent("Scenarios").path
        let text = """
            output: out
            defaults:
              time_limit: 60
            jobs:
              - run: \(scenarios)/default
              - id: default-more-wioa
                run: \(scenarios)/default
                set: [wioa-adult.budget=15000]
              - compare: \(scenarios)/what-if/state-sector-partnership-fund.yaml
              - id: default-sweep
                sweep: \(scenarios)/default
                vary: [wioa-adult.budget=0:10000:5000]
            \(extra)
            """
        let path = folder.appendingPathComponent("national.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (folder, path)
    }

    /// Every file under a folder (relative path → bytes), the shards left out.
    func files(_ folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: folder.path)
        while let name = walker?.nextObject() as? String {
            guard !name.hasPrefix("shards"),
                let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path),
                !name.hasSuffix("/")
            else { continue }
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isFolder)
            if !isFolder.boolValue { out[name] = data }
        }
        return out
    }

    /// Runs the three shards (one by flag, one as a Slurm array task, one as a Kubernetes index).
    func runShards(_ path: String, out: String) throws {
        let byFlag = try braid(["batch", path, "--shard", "0/3", "--out", out])
        #expect(byFlag.status == 0, "\(byFlag.stderr)")
        #expect(byFlag.stderr.contains("shard 0-of-3 (--shard): 2 of 4 jobs"), "\(byFlag.stderr)")
        let slurm = try braid(
            ["batch", path, "--out", out],
            environment: [
                "SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_STEP": "2",
                "SLURM_ARRAY_TASK_COUNT": "3",
            ])
        #expect(slurm.status == 0 && slurm.stderr.contains("shard 1-of-3 (SLURM_ARRAY_TASK_ID 3)"), "\(slurm.stderr)")
        let kubernetes = try braid(
            ["batch", path, "--out", out], environment: ["JOB_COMPLETION_INDEX": "2", "BRAID_SHARDS": "3"])
        #expect(
            kubernetes.status == 0 && kubernetes.stderr.contains("shard 2-of-3 (JOB_COMPLETION_INDEX 2): 1 of 4 jobs"),
            "\(kubernetes.stderr)")
    }

    @Test func oneMachineAndMergedShardsWriteTheSameBytes() throws {
        let (folder, path) = try manifest()
        let one = try braid(["batch", path])
        #expect(one.status == 0, "\(one.stderr)")
        let single = try files(folder.appendingPathComponent("out"))
        #expect(
            Set(single.keys) == [
                "batch.json", "summary.csv", "results/default.json", "results/default-more-wioa.json",
                "results/state-sector-partnership-fund.json", "results/default-sweep.json",
            ])
        // Each result is its command's JSON.
        let run = try braid(["run", "Scenarios/default", "--set", "wioa-adult.budget=15000", "--format", "json"])
        #expect(single["results/default-more-wioa.json"] == Data(run.stdout.utf8))
        let compare = try braid(["compare", "Scenarios/what-if/state-sector-partnership-fund.yaml", "--format", "json"])
        #expect(single["results/state-sector-partnership-fund.json"] == Data(compare.stdout.utf8))
        let sweep = try braid([
            "sweep", "Scenarios/default", "--vary", "wioa-adult.budget=0:10000:5000", "--format", "json",
        ])
        #expect(single["results/default-sweep.json"] == Data(sweep.stdout.utf8))
        let summary = String(decoding: single["summary.csv"] ?? Data(), as: UTF8.self)
        #expect(
            summary.hasPrefix(
                "id,kind,status,exit_code,plan_status,served,applicants,spent,gap,points,result,message\n"))
        #expect(summary.contains("\ndefault-sweep,sweep,ok,0,,,,,,3,results/default-sweep.json,\n"), "\(summary)")

        let sharded = folder.appendingPathComponent("sharded")
        try runShards(path, out: sharded.path)
        // Nothing but the shards' own folders before the merge.
        #expect(try files(sharded).isEmpty)
        let merged = try braid(["merge", path, "--out", sharded.path])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(try files(sharded) == single)
    }

    @Test func mergeRefusesUnfinishedStaleOrAlteredShards() throws {
        let (folder, path) = try manifest()
        let out = folder.appendingPathComponent("out")
        try runShards(path, out: out.path)
        let shardIndex = out.appendingPathComponent("shards/1-of-3/shard.json")
        let kept = try Data(contentsOf: shardIndex)
        try FileManager.default.removeItem(at: shardIndex)
        let unfinished = try braid(["merge", path])
        #expect(unfinished.status == 2)
        #expect(
            unfinished.stderr.contains(
                "shard 1-of-3 has not finished (no shard.json): run it again (--shard 1/3, array task 1)"),
            "\(unfinished.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("batch.json").path))
        try kept.write(to: shardIndex)

        // A result changed after its shard recorded it.
        let result = out.appendingPathComponent("shards/0-of-3/results/default.json")
        let original = try Data(contentsOf: result)
        try (String(decoding: original, as: UTF8.self) + " ").write(to: result, atomically: true, encoding: .utf8)
        let altered = try braid(["merge", path])
        #expect(
            altered.status == 2 && altered.stderr.contains("is not the result its shard recorded"), "\(altered.stderr)")
        try original.write(to: result)

        // An index that names a result outside its shard's results/ (the merge would write there).
        let index = try String(contentsOf: shardIndex, encoding: .utf8)
        try index.replacingOccurrences(of: "\"results/default-more-wioa.json\"", with: "\"../../escaped.json\"")
            .write(to: shardIndex, atomically: true, encoding: .utf8)
        let escaping = try braid(["merge", path])
        #expect(
            escaping.status == 2 && escaping.stderr.contains("a job's result is results/default-more-wioa.json"),
            "\(escaping.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("escaped.json").path))
        try kept.write(to: shardIndex)

        // The manifest changed since the shards ran.
        try (try String(contentsOfFile: path, encoding: .utf8) + "# edited\n").write(
            toFile: path, atomically: true, encoding: .utf8)
        let stale = try braid(["merge", path])
        #expect(
            stale.status == 2 && stale.stderr.contains("was written for another version of the manifest"),
            "\(stale.stderr)")

        // No shards at all.
        let (_, fresh) = try manifest()
        let none = try braid(["merge", fresh])
        #expect(none.status == 2 && none.stderr.contains("no shard results here"), "\(none.stderr)")
    }

    @Test func aFailedJobIsRecordedTheOthersRunAndTheBatchExits8() throws {
        let scenarios = root.appendingPathComponent("Scenarios").path
        let (folder, path) = try manifest(
            """
              - id: bad-override
                run: \(scenarios)/default
                set: [wioa-adult.no_such_parameter=5]
            """)
        let result = try braid(["batch", path])
        #expect(result.status == 8)
        #expect(result.stderr.contains("error: 1 of 5 jobs failed: bad-override"), "\(result.stderr)")
        let index = try String(contentsOfFile: folder.appendingPathComponent("out/batch.json").path, encoding: .utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(index.utf8)) as? [String: Any])
        let jobs = try #require(object["jobs"] as? [[String: Any]])
        #expect(jobs.count == 5)
        let bad = try #require(jobs.last)
        #expect(bad["status"] as? String == "failed" && bad["exit_code"] as? Int == 2)
        #expect((bad["message"] as? String)?.contains("no_such_parameter") == true, "\(bad)")
        #expect(jobs.dropLast().allSatisfy { $0["status"] as? String == "ok" })
        #expect(
            !FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/results/bad-override.json").path)
        )
    }

    @Test(arguments: [
        ("  - run: X\n    colour: blue\n", "jobs[0].colour: unknown key 'colour'"),
        ("  - run: X\n    sweep: X\n", "give only one of run:, compare: or sweep: (this job has run: and sweep:)"),
        ("  - sweep: X\n", "a sweep needs vary: [KEY=FROM:TO:STEP]"),
        ("  - run: X\n    vary: [a.budget=0:1:1]\n", "vary: is for sweep jobs only"),
        ("  - sweep: X\n    vary: [wioa-adult.budget=5:1]\n", "jobs[0].vary"),
        ("  - run: X\n  - run: X\n", "job id 'default' is also the id of job 1"),
        ("  - run: X\n    prices: sometimes\n", "expected auto, always or never, got 'sometimes'"),
        ("  - run: X\n    gap: 2\n", "expected a gap from 0 to below 1, got 2"),
        ("  - run: X\n    time_limit: -1\n", "expected seconds above 0"),
        ("  - run: nowhere/at-all\n", "'nowhere/at-all' not found (paths are relative to the manifest's folder)"),
        ("  - run: X\n    id: ../escape\n", "expected an id of letters, digits"),
        ("  - {}\n", "give one of run:, compare: or sweep:"),
    ])
    func badManifestsAreRefusedWithTheirLineAndKey(_ job: String, _ message: String) throws {
        let folder = try temporaryFolder()
        let scenario = root.appendingPathComponent("Scenarios/default").path
        let path = folder.appendingPathComponent("m.yaml").path
        try ("jobs:\n" + job.replacingOccurrences(of: ": X", with: ": \(scenario)")).write(
            toFile: path, atomically: true, encoding: .utf8)
        let result = try braid(["batch", path])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("m.yaml:"), "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("m-results").path))
    }

    @Test func shardsAreReadFromTheFlagOrTheScheduler() throws {
        #expect(try Shard.parse("2/4") == Shard(index: 2, count: 4))
        for bad in ["4/4", "-1/4", "1/0", "x/2", "1", "1/2/3"] {
            #expect(throws: InputError.self, "\(bad)") { try Shard.parse(bad) }
        }
        let slurm = try #require(
            try Shard.fromEnvironment([
                "SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_STEP": "2",
                "SLURM_ARRAY_TASK_COUNT": "4",
            ]))
        #expect(slurm.shard == (try Shard(index: 2, count: 4)))
        #expect(
            try Shard.fromEnvironment(["JOB_COMPLETION_INDEX": "0", "BRAID_SHARDS": "2"])?.shard
                == Shard(index: 0, count: 2))
        #expect(try Shard.fromEnvironment([:]) == nil)
        #expect(throws: InputError.self) { try Shard.fromEnvironment(["SLURM_ARRAY_TASK_ID": "0"]) }
        #expect(throws: InputError.self) { try Shard.fromEnvironment(["JOB_COMPLETION_INDEX": "1"]) }
        #expect(throws: InputError.self) {
            try Shard.fromEnvironment([
                "SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_STEP": "2",
                "SLURM_ARRAY_TASK_COUNT": "3",
            ])
        }
        // Jobs go round: job j to shard j mod N.
        let shard = try Shard(index: 1, count: 3)
        let owned = (0..<7).filter { j in
            shard.owns(BatchJob(index: j, id: "j\(j)", kind: .run, input: "x", overrides: [], vary: []))
        }
        #expect(owned == [1, 4])
        // A bad flag is a usage error (exit 1); the scheduler's bad variables, invalid input (2).
        let (_, path) = try manifest()
        #expect(try braid(["batch", path, "--shard", "3/3"]).status == 1)
        let missingCount = try braid(["batch", path], environment: ["SLURM_ARRAY_TASK_ID": "0"])
        #expect(
            missingCount.status == 2 && missingCount.stderr.contains("SLURM_ARRAY_TASK_COUNT"), "\(missingCount.stderr)"
        )
    }
}
