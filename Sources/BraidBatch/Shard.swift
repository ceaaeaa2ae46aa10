import BraidPolicy
import Foundation

/// One part of a batch run on a scheduler: shard `index` of `count`, counted from 0. Job `j` (its
/// place in the manifest) belongs to shard `j mod count`, so every shard knows its jobs from the
/// manifest alone.
public struct Shard: Sendable, Equatable {
    public let index: Int
    public let count: Int

    /// The most shards a batch may have.
    public static let most = 10_000

    public init(index: Int, count: Int) throws(InputError) {
        guard count >= 1, count <= Self.most else {
            throw InputError(file: "--shard", reason: "expected from 1 to \(Self.most) shards, got \(count)")
        }
        guard index >= 0, index < count else {
            throw InputError(
                file: "--shard",
                reason: "shard \(index) is not one of 0 to \(count - 1) (shards are counted from 0: K/N with 0 ≤ K < N)"
            )
        }
        self.index = index
        self.count = count
    }

    /// The folder name of its results: `K-of-N`.
    public var name: String { "\(index)-of-\(count)" }

    /// Whether the job at `index` in the manifest is this shard's.
    public func owns(_ job: BatchJob) -> Bool { job.index % count == index }

    /// `K/N` as `--shard` takes it.
    public static func parse(_ text: String) throws(InputError) -> Shard {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else {
            throw InputError(file: "--shard", reason: "expected K/N (shard K of N, counted from 0), got '\(text)'")
        }
        return try Shard(index: k, count: n)
    }

    /// The shard a scheduler gives this process, and where it was read: a Slurm job array
    /// (`SLURM_ARRAY_TASK_ID` from `SLURM_ARRAY_TASK_MIN` by `SLURM_ARRAY_TASK_STEP`, of
    /// `SLURM_ARRAY_TASK_COUNT`), or a Kubernetes Indexed Job (`JOB_COMPLETION_INDEX` of
    /// `BRAID_SHARDS`, which the Job sets to its `completions`). Nil when neither is there.
    public static func fromEnvironment(_ environment: [String: String]) throws(InputError) -> (
        shard: Shard, source: String
    )? {
        func number(_ name: String) throws(InputError) -> Int? {
            guard let text = environment[name] else { return nil }
            guard let n = Int(text.trimmingCharacters(in: .whitespaces)) else {
                throw InputError(file: "environment", key: name, reason: "expected a whole number, got '\(text)'")
            }
            return n
        }
        if let id = try number("SLURM_ARRAY_TASK_ID") {
            guard let count = try number("SLURM_ARRAY_TASK_COUNT") else {
                throw InputError(
                    file: "environment", key: "SLURM_ARRAY_TASK_COUNT",
                    reason: "not set, though SLURM_ARRAY_TASK_ID is: run braid batch inside an sbatch --array job")
            }
            let first = try number("SLURM_ARRAY_TASK_MIN") ?? 0
            let step = try number("SLURM_ARRAY_TASK_STEP") ?? 1
            guard step >= 1, id >= first, (id - first) % step == 0 else {
                throw InputError(
                    file: "environment", key: "SLURM_ARRAY_TASK_ID",
                    reason: "task \(id) is not in the array from \(first) by \(step)")
            }
            return (try Shard(index: (id - first) / step, count: count), "SLURM_ARRAY_TASK_ID \(id)")
        }
        if let index = try number("JOB_COMPLETION_INDEX") {
            guard let count = try number("BRAID_SHARDS") else {
                throw InputError(
                    file: "environment", key: "BRAID_SHARDS",
                    reason: "not set, though JOB_COMPLETION_INDEX is: set it to the Indexed Job's completions")
            }
            return (try Shard(index: index, count: count), "JOB_COMPLETION_INDEX \(index)")
        }
        return nil
    }
}
