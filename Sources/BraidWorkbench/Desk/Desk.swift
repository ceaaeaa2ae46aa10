import BraidPlanner
import BraidPolicy
import BraidReports
import BraidScenario
import Dispatch
import Foundation

/// The workbench's state: each scenario's baseline plan (solved once), the planner's what-ifs
/// (re-solved warm, close to the baseline, as `braid compare` plans them), sweeps in progress and
/// the run history. All solving happens on one serial queue, off Swift's cooperative threads: the
/// server keeps answering while a plan is found, and an edit whose turn comes after a newer one
/// for the same scenario is skipped (docs/WORKBENCH.md, "Responsiveness").
public actor Desk {
    /// A scenario with its baseline plan.
    struct Baseline: Sendable {
        let entry: WorkFolder.Entry
        let scenario: Scenario
        let analyses: [ParticipantAnalysis]
        let plan: Plan
        let settings: [Setting]
        let rules: [SwitchableRule]
        let seconds: Double
        /// Where a money-only edit's solve starts (``PlanHint/forAnEdit``).
        let hint: PlanHint
    }

    /// A what-if solved against its baseline.
    struct Outcome: Sendable {
        let baseline: Baseline
        let draft: Draft
        let scenario: Scenario
        /// The what-if's eligibility decisions.
        let analyses: [ParticipantAnalysis]
        let plan: Plan
        let seconds: Double
        var comparison: Comparison {
            Comparison(
                baseline: baseline.plan, whatIf: plan, baselineScenario: baseline.scenario, whatIfScenario: scenario,
                analyses: (baseline.analyses, analyses))
        }
    }

    /// Returned when a newer edit of the same scenario came in before this one's turn.
    struct Superseded: Error {}

    public let folder: WorkFolder
    let policies: PolicySet
    let options: PlanOptions
    let history: RunHistory?
    private var baselines: [String: Baseline] = [:]
    /// The stop switch of each scenario's newest edit: a newer edit sets it, which both stops
    /// that edit's solve in flight and marks it overtaken.
    private var newest: [String: StopSignal] = [:]
    private var sweeps: [String: SweepRun] = [:]
    private var sweepCount = 0
    private let queue = DispatchQueue(label: "braid.workbench.solve", qos: .userInitiated)

    /// - Parameter options: how every plan is found (the workbench's time limit; prices off:
    ///   a what-if shows the plan and its comparison, not the priced priorities).
    public init(folder: WorkFolder, policies: PolicySet, options: PlanOptions, history: RunHistory?) {
        self.folder = folder
        self.policies = policies
        self.options = options
        self.history = history
    }

    /// Runs `work` on the solve queue.
    private func solving<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }

    func entry(_ id: String) throws(WorkbenchError) -> WorkFolder.Entry {
        guard let entry = folder.entry(id) else { throw WorkbenchError("no scenario '\(id)' in this folder") }
        return entry
    }

    /// The scenario's baseline plan (solved on first use).
    func baseline(_ id: String) async throws -> Baseline {
        if let known = baselines[id] { return known }
        let entry = try entry(id)
        let (policies, options) = (self.policies, self.options)
        let solved = try await solving { () throws -> Baseline in
            let started = Date()
            let scenario = try Scenario.load(path: entry.file, policies: policies)
            let analyses = try Planner.analyses(scenario, options: options)
            let (plan, hint) = try Planner.plan(scenario, analyses: analyses, options: options, hint: nil)
            return Baseline(
                entry: entry, scenario: scenario, analyses: analyses, plan: plan,
                settings: Setting.all(for: scenario), rules: SwitchableRule.all(for: scenario),
                seconds: Date().timeIntervalSince(started), hint: hint.forAnEdit)
        }
        baselines[id] = solved
        history?.record(scenario: id, draft: nil, plan: solved.plan, seconds: solved.seconds)
        return solved
    }

    /// The what-if of `draft` on scenario `id` (`record`: an edit, kept in the history): skipped
    /// or stopped (``Superseded``) when a newer edit of the same scenario arrives before it ends.
    func whatIf(_ id: String, _ draft: Draft, record: Bool = true) async throws -> Outcome {
        var options = self.options
        if record {
            // (A newer edit stops this scenario's edit in flight: its answer is moot.)
            newest[id]?.stop()
            options.stop = StopSignal()
            newest[id] = options.stop
        }
        let stop = options.stop
        let baseline = try await baseline(id)
        let policies = self.policies
        let outcome: Outcome
        do {
            outcome = try await solving { [options] () throws -> Outcome in
                // (An edit overtaken while it waited is not solved at all.)
                if stop?.isSet == true { throw Superseded() }
                return try Self.solve(draft, on: baseline, policies: policies, options: options)
            }
        } catch  where stop?.isSet == true {
            // (Stopped by a newer edit: whatever it ended with is moot.)
            throw Superseded()
        }
        guard stop?.isSet != true else { throw Superseded() }
        if record { history?.record(scenario: id, draft: draft, plan: outcome.plan, seconds: outcome.seconds) }
        return outcome
    }

    /// Two past runs side by side: run `a`'s plan (close to the baseline), then run `b`'s planned
    /// close to it, as `braid compare` plans a what-if against its base.
    func comparing(_ id: String, _ a: Draft, _ b: Draft) async throws -> Comparison {
        let baseline = try await baseline(id)
        let (policies, options) = (self.policies, self.options)
        return try await solving { () throws -> Comparison in
            var first = (baseline.scenario, baseline.plan)
            if !a.isEmpty {
                let solved = try Self.solve(a, on: baseline, policies: policies, options: options)
                first = (solved.scenario, solved.plan)
            }
            let second = try Self.solve(b, on: baseline, policies: policies, options: options, closeTo: first.1)
            return Comparison(
                baseline: first.1, whatIf: second.plan, baselineScenario: first.0, whatIfScenario: second.scenario)
        }
    }

    /// The what-if of `draft`, planned close to `closeTo` (the baseline's plan when nil).
    nonisolated static func solve(
        _ draft: Draft, on baseline: Baseline, policies: PolicySet, options: PlanOptions, closeTo: Plan? = nil
    )
        throws -> Outcome
    {
        let started = Date()
        let text = draft.yaml(base: nil, name: nil, note: nil, rosterFolder: baseline.entry.rosterFolder)
        // (A draft that keeps the roster keeps the baseline's participants: the programs, roster
        // defaults and sheet that reading them depends on are not a draft's to change.)
        let scenario = try WhatIf.loadWhatIf(
            scenario: baseline.entry.path, text: text, file: "the workbench's edits", policies: policies,
            participants: draft.roster == nil ? baseline.scenario.participants : nil)
        var close = options
        close.closeTo = PlanReference(closeTo ?? baseline.plan)
        // Money alone leaves eligibility (and the roster) as it was: the baseline's is reused, and
        // the solve starts from the baseline's last master (``PlanHint/forAnEdit``).
        let moneyOnly =
            draft.rulesOff.isEmpty && draft.fund == nil && draft.roster == nil
            && draft.settings.allSatisfy { s in baseline.settings.first { $0.key == s.key }?.kind == .money }
        let analyses = moneyOnly ? baseline.analyses : try Planner.analyses(scenario, options: close)
        let plan = try Planner.plan(scenario, analyses: analyses, options: close, hint: moneyOnly ? baseline.hint : nil)
            .plan
        return Outcome(
            baseline: baseline, draft: draft, scenario: scenario, analyses: analyses, plan: plan,
            seconds: Date().timeIntervalSince(started))
    }

    // MARK: Sweeps

    /// Starts a sweep of `axis` on the draft's scenario; its points arrive in ``sweep(_:)``.
    func startSweep(_ id: String, draft: Draft, axis: SweepAxis) async throws -> String {
        let baseline = try await baseline(id)
        sweepCount += 1
        let key = "\(sweepCount)"
        let run = SweepRun(axis: axis)
        sweeps[key] = run
        let (policies, options, folder) = (self.policies, self.options, self.folder)
        queue.async {
            do {
                let text = draft.yaml(
                    base: baseline.entry.path, name: nil, note: nil, rosterFolder: baseline.entry.rosterFolder)
                let path = try SweepRun.draftFile(folder, text)
                defer { try? FileManager.default.removeItem(atPath: path) }
                _ = try Sweeper.run(
                    path: path, policies: policies, overrides: [], axes: [axis], options: options, threads: 1,
                    onPoint: { index, point in run.add(index, point) }, shouldStop: { run.cancelled })
                run.finish(nil)
            } catch {
                run.finish("\(error)")
            }
        }
        return key
    }

    func sweep(_ key: String) -> SweepRun? { sweeps[key] }
}
