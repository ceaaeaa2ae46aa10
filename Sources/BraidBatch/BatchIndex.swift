import BraidPolicy
import BraidReports
import Foundation

/// The index files of a batch's results folder (docs/BATCH.md): `batch.json` and `summary.csv`
/// for the whole batch, `shard.json` for one shard. Each is the same bytes for the same records,
/// whichever machine or shard produced them.
public enum BatchIndex {
    /// What `batch.json` holds; a shard's `shard.json` adds which shard it is.
    struct Index: Codable {
        var manifest: String
        var manifestSha256: String
        var shard: Int?
        var shards: Int?
        var jobsTotal: Int
        var jobs: [BatchRecord]
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }

    /// `batch.json`: every job's record, in manifest order.
    public static func batchJSON(_ manifest: BatchManifest, _ records: [BatchRecord]) -> String {
        encode(
            Index(
                manifest: (manifest.file as NSString).lastPathComponent, manifestSha256: manifest.digest, shard: nil,
                shards: nil, jobsTotal: manifest.jobs.count, jobs: records.sorted { $0.index < $1.index }))
    }

    /// `shard.json`: the records of one shard's jobs; written last, so its presence says the
    /// shard finished.
    public static func shardJSON(_ manifest: BatchManifest, _ shard: Shard, _ records: [BatchRecord]) -> String {
        encode(
            Index(
                manifest: (manifest.file as NSString).lastPathComponent, manifestSha256: manifest.digest,
                shard: shard.index, shards: shard.count, jobsTotal: manifest.jobs.count,
                jobs: records.sorted { $0.index < $1.index }))
    }

    private static func encode(_ index: Index) -> String {
        // (Encoding plain values and strings cannot fail.)
        String(decoding: (try? encoder().encode(index)) ?? Data(), as: UTF8.self) + "\n"
    }

    /// A shard's `shard.json`, or an error naming the file.
    static func readShard(_ path: String) throws(InputError) -> Index {
        let text = try readTextFile(path, limitBytes: 64 << 20)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            let index = try decoder.decode(Index.self, from: Data(text.utf8))
            guard index.shard != nil, index.shards != nil else {
                throw InputError(file: path, reason: "is not a shard's index (no shard or shards)")
            }
            return index
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(file: path, reason: "is not a shard's index written by braid batch: \(error)")
        }
    }

    /// `summary.csv`: one row a job, in manifest order, for a spreadsheet.
    public static func summaryCSV(_ records: [BatchRecord]) -> String {
        var out = "id,kind,status,exit_code,plan_status,served,applicants,spent,gap,points,result,message\n"
        for r in records.sorted(by: { $0.index < $1.index }) {
            let fields: [String] = [
                r.id, r.kind, r.status, String(r.exitCode), r.planStatus ?? "", r.served.map(String.init) ?? "",
                r.applicants.map(String.init) ?? "", r.spentCents.map(dollars) ?? "",
                r.gap.map { String(format: "%.6g", $0) } ?? "", r.points.map(String.init) ?? "", r.result ?? "",
                r.message ?? "",
            ]
            out += fields.map(ResultCSV.field).joined(separator: ",") + "\n"
        }
        return out
    }

    private static func dollars(_ cents: Int64) -> String {
        let sign = cents < 0 ? "-" : ""
        let c = abs(cents)
        return "\(sign)\(c / 100).\(String(format: "%02d", Int(c % 100)))"
    }
}
