import BraidPolicy
import Foundation

/// The files of a finished batch, and `braid merge`: the shards' results gathered into the same
/// files a one-machine run writes (docs/BATCH.md).
public enum BatchMerge {
    /// The index files a finished batch writes into its results folder beside each job's result
    /// (relative to it): `batch.json` and `summary.csv`.
    public static func indexFiles(_ manifest: BatchManifest, _ records: [BatchRecord]) -> [(path: String, text: String)]
    {
        [("batch.json", BatchIndex.batchJSON(manifest, records)), ("summary.csv", BatchIndex.summaryCSV(records))]
    }

    /// The shard folder of `shard` inside a results folder.
    public static func shardFolder(_ output: String, _ shard: Shard) -> String {
        (output as NSString).appendingPathComponent("shards/\(shard.name)")
    }

    /// Every job's outcome from the shards under `output/shards/`, checked: one set of shards
    /// (`count`, or the only count there), each finished (its `shard.json` written), each of this
    /// manifest (its SHA-256), together covering every job once, each result file's bytes as its
    /// shard recorded them.
    public static func collect(_ manifest: BatchManifest, output: String, count given: Int?) throws(InputErrors)
        -> [BatchJobOutcome]
    {
        let folder = (output as NSString).appendingPathComponent("shards")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var counts = Set<Int>()
        for name in names {
            let parts = name.split(separator: "-")
            if parts.count == 3, parts[1] == "of", Int(parts[0]) != nil, let n = Int(parts[2]) { counts.insert(n) }
        }
        guard !counts.isEmpty else {
            throw InputErrors([
                InputError(
                    file: folder,
                    reason:
                        "no shard results here: run braid batch with --shard K/N (or in a Slurm or Kubernetes job array) first"
                )
            ])
        }
        guard let count = given ?? (counts.count == 1 ? counts.first : nil) else {
            throw InputErrors([
                InputError(
                    file: folder,
                    reason:
                        "shards of \(counts.sorted().map(String.init).joined(separator: ", ")) found: give --shards N (or remove the stale ones)"
                )
            ])
        }
        let diagnostics = Diagnostics()
        var outcomes: [Int: BatchJobOutcome] = [:]
        for k in 0..<count {
            guard let shard = try? Shard(index: k, count: count) else { break }
            for outcome in read(shard, of: manifest, output: output, diagnostics) {
                outcomes[outcome.record.index] = outcome
            }
        }
        try diagnostics.check()
        let missing = manifest.jobs.filter { outcomes[$0.index] == nil }.map(\.id)
        if !missing.isEmpty {
            throw InputErrors([
                InputError(
                    file: folder,
                    reason:
                        "no shard holds the jobs \(missing.prefix(10).joined(separator: ", "))\(missing.count > 10 ? " and \(missing.count - 10) more" : "")"
                )
            ])
        }
        return manifest.jobs.map { outcomes[$0.index]! }
    }

    /// One shard's outcomes, checked (problems go to `diagnostics`).
    private static func read(_ shard: Shard, of manifest: BatchManifest, output: String, _ diagnostics: Diagnostics)
        -> [BatchJobOutcome]
    {
        let (k, count) = (shard.index, shard.count)
        let here = shardFolder(output, shard)
        let indexFile = (here as NSString).appendingPathComponent("shard.json")
        guard FileManager.default.fileExists(atPath: indexFile) else {
            diagnostics.add(
                InputError(
                    file: here,
                    reason:
                        "shard \(shard.name) has not finished (no shard.json): run it again (--shard \(k)/\(count), array task \(k))"
                ))
            return []
        }
        guard let index = diagnostics.attempt({ () throws(InputError) in try BatchIndex.readShard(indexFile) }) else {
            return []
        }
        guard index.manifestSha256 == manifest.digest else {
            diagnostics.add(
                InputError(
                    file: indexFile,
                    reason: "was written for another version of the manifest (\(index.manifest)): run the shard again"))
            return []
        }
        guard index.shard == k, index.shards == count, index.jobsTotal == manifest.jobs.count else {
            diagnostics.add(
                InputError(file: indexFile, reason: "does not describe shard \(shard.name) of this manifest"))
            return []
        }
        var outcomes: [BatchJobOutcome] = []
        for record in index.jobs {
            guard record.index >= 0, record.index < manifest.jobs.count, record.index % count == k,
                manifest.jobs[record.index].id == record.id
            else {
                diagnostics.add(InputError(file: indexFile, key: record.id, reason: "is not a job of this shard"))
                continue
            }
            // (A result is only ever results/ID.json: an index that names another path, which the
            // merge would read and write, is refused.)
            guard record.result == nil || record.result == "results/\(record.id).json" else {
                diagnostics.add(
                    InputError(
                        file: indexFile, key: record.id,
                        reason: "names the result '\(record.result ?? "")'; a job's result is results/\(record.id).json"
                    ))
                continue
            }
            var text: String? = nil
            if let result = record.result {
                let path = (here as NSString).appendingPathComponent(result)
                text = diagnostics.attempt { () throws(InputError) in try readTextFile(path, limitBytes: 1 << 31) }
                if let t = text, BatchJobRun.digest(t) != record.sha256 {
                    diagnostics.add(
                        InputError(
                            file: path,
                            reason: "is not the result its shard recorded (its SHA-256 differs): run the shard again"))
                }
            }
            outcomes.append(BatchJobOutcome(record: record, text: text))
        }
        return outcomes
    }
}
