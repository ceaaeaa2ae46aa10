import BraidPlanner
import BraidPolicy
import BraidReports
import BraidScenario
import Crypto
import Foundation

/// What one job left: its record in the batch's index, and its result file's text (the bytes its
/// command prints with `--format json`; nil when it failed before a result).
public struct BatchJobOutcome: Sendable {
    public var record: BatchRecord
    public var text: String?
}

/// A job's line in `batch.json`, `summary.csv` and a shard's `shard.json` (docs/BATCH.md).
public struct BatchRecord: Codable, Sendable, Equatable {
    public var index: Int
    public var id: String
    public var kind: String
    public var input: String
    /// `ok`, or `failed` (its exit code and message say why).
    public var status: String
    public var exitCode: Int32
    public var message: String?
    /// The result file, relative to the results folder (`results/ID.json`), or nil.
    public var result: String?
    public var sha256: String?
    /// run: the plan's; compare: the what-if's.
    public var planStatus: String?
    public var served: Int?
    public var applicants: Int?
    public var spentCents: Int64?
    public var gap: Double?
    /// sweep: its points.
    public var points: Int?

    public var failed: Bool { status != "ok" }
}

/// Runs the jobs of a batch, one at a time, with exactly the options their commands use, so a
/// job's result is the bytes `braid run|compare|sweep … --format json` prints for it.
public enum BatchJobRun {
    /// Runs `job`; a failure is recorded (with its exit code), never thrown.
    /// - Parameter policies: `--policies` (nil: found near each job's scenario, as the command does).
    public static func run(_ job: BatchJob, in manifest: BatchManifest, policies: String?) -> BatchJobOutcome {
        var record = BatchRecord(
            index: job.index, id: job.id, kind: job.kind.rawValue, input: job.input, status: "ok", exitCode: 0)
        do {
            let text: String
            switch job.kind {
            case .run: text = try run(job, manifest, policies, &record)
            case .compare: text = try compare(job, manifest, policies, &record)
            case .sweep: text = try sweep(job, manifest, policies, &record)
            }
            record.result = "results/\(job.id).json"
            record.sha256 = digest(text)
            return BatchJobOutcome(record: record, text: text)
        } catch let error as NoPlanInTime {
            record.status = "failed"
            record.exitCode = 7
            record.message =
                "the time limit ended before any plan was found; give more time (time_limit) or a gap (gap)"
            record.result = "results/\(job.id).json"
            record.sha256 = digest(error.text)
            return BatchJobOutcome(record: record, text: error.text)
        } catch {
            record.status = "failed"
            record.exitCode = ExitStatus.code(for: error) ?? 6
            record.message = "\(error)"
            return BatchJobOutcome(record: record, text: nil)
        }
    }

    /// SHA-256 of a text's UTF-8 bytes, in hex.
    public static func digest(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// A run whose time limit ended before any plan: its result is written, and it counts as failed
    /// (exit 7), as `braid run` does.
    struct NoPlanInTime: Error { let text: String }

    private static func options(_ job: BatchJob) -> PlanOptions {
        var options = PlanOptions(
            timeLimit: job.timeLimit ?? PlanOptions().timeLimit, gap: job.gap ?? PlanOptions().gap)
        options.prices = job.prices.flatMap(PriceMode.init(rawValue:)) ?? .automatic
        options.ranges = true
        return options
    }

    private static func policySet(_ explicit: String?, near path: String) throws -> PolicySet {
        try PolicySet.load(directory: try PolicyLocator.locate(explicit: explicit, near: path))
    }

    private static func run(_ job: BatchJob, _ m: BatchManifest, _ policies: String?, _ record: inout BatchRecord)
        throws -> String
    {
        let path = m.resolve(job.input)
        let scenario = try Scenario.load(
            path: path, policies: try policySet(policies, near: path), overrides: job.overrides)
        let plan = try Planner.plan(scenario, options: options(job))
        summarise(plan, into: &record)
        let text = ResultJSON.encode(plan)
        if plan.noPlanInTime {
            throw NoPlanInTime(text: text)
        }
        return text
    }

    private static func compare(_ job: BatchJob, _ m: BatchManifest, _ policies: String?, _ record: inout BatchRecord)
        throws -> String
    {
        let whatIf = m.resolve(job.input)
        let base = job.baseline.map(m.resolve)
        let (baseline, changed) = try WhatIf.load(
            scenario: base, whatIf: whatIf, policies: try policySet(policies, near: base ?? whatIf),
            overrides: job.overrides)
        let plans = try Planner.compare(baseline, changed, options: options(job))
        summarise(plans.whatIf, into: &record)
        return Comparison(
            baseline: plans.baseline, whatIf: plans.whatIf, baselineScenario: baseline, whatIfScenario: changed
        ).json()
    }

    private static func sweep(_ job: BatchJob, _ m: BatchManifest, _ policies: String?, _ record: inout BatchRecord)
        throws -> String
    {
        let path = m.resolve(job.input)
        let axes = try job.vary.map { text throws(InputError) in try SweepAxis(text) }
        // (As `braid sweep`: each point's own time limit, the default method, no ranges.)
        let points = try Sweeper.run(
            path: path, policies: try policySet(policies, near: path), overrides: job.overrides, axes: axes,
            options: PlanOptions(timeLimit: job.timeLimit ?? PlanOptions().timeLimit), threads: Tuning().threads)
        record.points = points.count
        return SweepReport.json(axes, points)
    }

    private static func summarise(_ plan: Plan, into record: inout BatchRecord) {
        record.planStatus = plan.status.rawValue
        record.served = plan.served.count
        record.applicants = plan.served.count + plan.notServed.count
        record.spentCents = plan.dollarsBraided
        record.gap = plan.gap
    }
}
