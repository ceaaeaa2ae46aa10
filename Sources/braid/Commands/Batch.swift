import ArgumentParser
import BraidBatch
import BraidPolicy
import BraidSolver
import Foundation

struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a manifest's scenarios, what-ifs and sweeps: all of them, or one shard on a scheduler.",
        discussion: """
            Each job's result is the JSON its command prints (run, compare or sweep --format json), in \
            OUT/results/ID.json, with OUT/batch.json and OUT/summary.csv. A shard (--shard K/N, or from \
            SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX with BRAID_SHARDS) writes OUT/shards/K-of-N/; \
            'braid merge' then writes the same files one machine would. Exit 8 when a job failed. \
            See docs/BATCH.md.
            """)
    @Argument(help: "The batch manifest (YAML): output:, defaults: and jobs:.", completion: .file())
    var manifest: String
    @Option(
        help: ArgumentHelp(
            "Run only shard K of N (counted from 0). Default: the Slurm array task or Kubernetes index, else every job.",
            valueName: "K/N"))
    var shard: String?
    @Option(
        name: .customLong("out"),
        help: "The results folder (default: the manifest's output:, or NAME-results beside it).")
    var output: String?
    @OptionGroup var policyOptions: PolicyOptions

    func validate() throws {
        if let shard {
            do { _ = try Shard.parse(shard) } catch { throw ValidationError(error.reason) }
        }
    }

    func run() throws {
        let m = try BatchManifest.load(manifest)
        ProtectedInputs.add(manifest)
        var selected: (shard: Shard, source: String)? = nil
        if let shard {
            selected = (try Shard.parse(shard), "--shard")
        } else {
            selected = try Shard.fromEnvironment(ProcessInfo.processInfo.environment)
        }
        let output = m.outputFolder(override: output)
        let folder = selected.map { BatchMerge.shardFolder(output, $0.shard) } ?? output
        let jobs = selected.map { s in m.jobs.filter(s.shard.owns) } ?? m.jobs
        note(
            selected.map { "shard \($0.shard.name) (\($0.source)): \(jobs.count) of \(m.jobs.count) jobs" }
                ?? "\(jobs.count) jobs")
        var outcomes: [BatchJobOutcome] = []
        for (n, job) in jobs.enumerated() {
            let started = MonotonicClock.now()
            let outcome = BatchJobRun.run(job, in: m, policies: policyOptions.policies)
            try BatchFiles.writeResult(outcome, into: folder)
            let r = outcome.record
            let seconds = String(format: "%.1f", MonotonicClock.now() - started)
            note(
                "[\(n + 1)/\(jobs.count)] \(r.id) (\(r.kind)): "
                    + (r.failed
                        ? "failed, exit \(r.exitCode): \(r.message ?? "")"
                        : [r.planStatus, r.served.map { "\($0) served" }, r.points.map { "\($0) points" }]
                            .compactMap { $0 }.joined(separator: ", ")) + " (\(seconds) s)")
            outcomes.append(outcome)
        }
        if let selected {
            // Written last: its presence says the shard finished.
            try BatchFiles.write(
                BatchIndex.shardJSON(m, selected.shard, outcomes.map(\.record)), to: folder, "shard.json")
        } else {
            for (path, text) in BatchMerge.indexFiles(m, outcomes.map(\.record)) {
                try BatchFiles.write(text, to: folder, path)
            }
        }
        note("results in \(folder)")
        try BatchFiles.refuseFailures(outcomes)
    }
}

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Gather the shards of a batch into the files one machine would have written.",
        discussion: """
            Reads OUT/shards/K-of-N/ for every K, checks that each shard finished, ran this manifest and \
            wrote the results it recorded, then writes OUT/results/, OUT/batch.json and OUT/summary.csv: \
            the same bytes 'braid batch MANIFEST' writes on one machine. Exit 8 when a job failed.
            """)
    @Argument(help: "The batch manifest the shards ran.", completion: .file()) var manifest: String
    @Option(
        name: .customLong("out"),
        help: "The results folder (default: the manifest's output:, or NAME-results beside it).")
    var output: String?
    @Option(help: "The number of shards, when shards of more than one count are in the folder.") var shards: Int?

    func run() throws {
        let m = try BatchManifest.load(manifest)
        ProtectedInputs.add(manifest)
        let output = m.outputFolder(override: output)
        let outcomes = try BatchMerge.collect(m, output: output, count: shards)
        for outcome in outcomes { try BatchFiles.writeResult(outcome, into: output) }
        for (path, text) in BatchMerge.indexFiles(m, outcomes.map(\.record)) {
            try BatchFiles.write(text, to: output, path)
        }
        note("merged \(outcomes.count) jobs into \(output)")
        try BatchFiles.refuseFailures(outcomes)
    }
}

/// Writing a batch's files: each atomically (``writeAtomically(_:to:)``), folders made 0700 (the
/// results hold participants' data).
enum BatchFiles {
    static func write(_ text: String, to folder: String, _ path: String) throws {
        let full = (folder as NSString).appendingPathComponent(path)
        let parent = (full as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(
                atPath: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw FileWriteError(path: parent, reason: "cannot make the folder: \(error.localizedDescription)")
        }
        try writeAtomically(text, to: full)
    }

    /// A job's result file; a failed job's old one (from an earlier run) is removed.
    static func writeResult(_ outcome: BatchJobOutcome, into folder: String) throws {
        if let text = outcome.text, let result = outcome.record.result {
            try write(text, to: folder, result)
        } else {
            let stale = (folder as NSString).appendingPathComponent("results/\(outcome.record.id).json")
            if FileManager.default.fileExists(atPath: stale) { try? FileManager.default.removeItem(atPath: stale) }
        }
    }

    /// Exit 8, naming the failed jobs, when any failed.
    static func refuseFailures(_ outcomes: [BatchJobOutcome]) throws {
        let failed = outcomes.filter(\.record.failed).map(\.record.id)
        guard !failed.isEmpty else { return }
        FileHandle.standardError.write(
            Data(
                "error: \(failed.count) of \(outcomes.count) jobs failed: \(failed.prefix(10).joined(separator: ", "))\(failed.count > 10 ? ", …" : "") (see batch.json or shard.json)\n"
                    .utf8))
        throw ExitCode(8)
    }
}

/// A progress line on standard error.
private func note(_ text: String) {
    FileHandle.standardError.write(Data("braid batch: \(Braid.visible(text))\n".utf8))
}
