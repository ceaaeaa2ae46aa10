import BraidPolicy
import BraidScenario
import BraidSolver
import Dispatch
import Foundation

/// Re-solves a scenario across one or two varied keys, warm-starting each point from the last
/// (the LP basis and the previous plan's served participants), on several threads.
public enum Sweeper {
    /// - Parameters:
    ///   - onPoint: each point as it is solved (its index in the grid), for a live chart.
    ///   - shouldStop: asked before each point; true ends the sweep with the points solved so far
    ///     (the workbench's cancel).
    public static func run(
        path: String, policies: PolicySet, overrides: [String], axes: [SweepAxis], options given: PlanOptions,
        threads: Int? = nil,
        progress: (@Sendable (Int, Int) -> Void)? = nil,
        onPoint: (@Sendable (Int, SweepPoint) -> Void)? = nil,
        shouldStop: (@Sendable () -> Bool)? = nil
    ) throws -> [SweepPoint] {
        // Each point is its own range: the marginal ranges of single plans are not computed.
        let options = {
            var options = given
            options.ranges = false
            return options
        }()
        let grid: [[Double]] =
            axes.count == 1
            ? axes[0].values.map { [$0] } : axes[0].values.flatMap { a in axes[1].values.map { [a, $0] } }
        let base = try Scenario.load(path: path, policies: policies, overrides: overrides)
        try checkMoneyAxes(axes, base)
        // Check parameter keys once, with the first values.
        if axes.contains(where: { !$0.isMoney }) {
            _ = try Scenario.load(
                path: path, policies: policies, overrides: overrides + axes.map { "\($0.key)=\(format($0.values[0]))" })
        }
        let moneyOnly = axes.allSatisfy(\.isMoney)
        let analyses = moneyOnly ? base.analyze() : []
        let pools = moneyOnly ? base.eligibleCounts(analyses) : [:]
        let lanes = max(1, min(threads ?? options.tuning.threads, grid.count))
        // Runs of neighbouring points (each warm from the last), handed to whichever thread is
        // free (``Tuning/sweepRunsPerThread``), so few points start cold.
        let perThread = options.tuning.sweepRunsPerThread
        let runLength =
            lanes == 1
            ? grid.count
            : max(options.tuning.sweepRunAtLeast, (grid.count + perThread * lanes - 1) / (perThread * lanes))
        let runs = stride(from: 0, to: grid.count, by: runLength).map { $0..<min(grid.count, $0 + runLength) }
        let counter = Counter()
        /// A run of neighbouring points, each warm from the last.
        @Sendable func solve(_ run: Range<Int>) -> [Result<SweepPoint, any Error>] {
            var hint: PlanHint? = nil
            var out: [Result<SweepPoint, any Error>] = []
            for index in run {
                if shouldStop?() == true { break }
                out.append(
                    Result {
                        let point = grid[index]
                        let (plan, next): (Plan, PlanHint)
                        var eligible = pools
                        if moneyOnly {
                            var scenario = base
                            for (axis, value) in zip(axes, point) {
                                scenario.setMoney(axis.key, cents: Int64((value * 100).rounded()))
                            }
                            (plan, next) = try Planner.plan(scenario, analyses: analyses, options: options, hint: hint)
                        } else {
                            let scenario = try Scenario.load(
                                path: path, policies: policies,
                                overrides: overrides + zip(axes, point).map { "\($0.key)=\(format($1))" })
                            let analyses = scenario.analyze()
                            eligible = scenario.eligibleCounts(analyses)
                            (plan, next) = try Planner.plan(scenario, analyses: analyses, options: options, hint: nil)
                        }
                        hint = next
                        let solved = SweepPoint(values: point, plan: plan, eligible: eligible)
                        onPoint?(index, solved)
                        return solved
                    })
                progress?(counter.increment(), grid.count)
            }
            return out
        }
        // Each thread claims the next run when free.
        let results = try parallelMap(runs.count, threads: lanes) { r in solve(runs[r]) }
        return try results.flatMap { $0 }.map { try $0.get() }
    }

    static func format(_ value: Double) -> String { formatNumber(value) }

    /// Each money axis names a stream of the scenario that takes a budget, and a year it gives.
    static func checkMoneyAxes(_ axes: [SweepAxis], _ base: Scenario) throws(InputError) {
        for axis in axes where axis.isMoney {
            let money = MoneyKey(axis.key)!
            let id = money.stream
            guard var stream = base.stream(id) else {
                throw InputError(
                    file: "--vary", key: axis.key,
                    reason: "unknown stream '\(id)'" + suggestion(for: id, in: base.streams.map(\.id)))
            }
            if stream.policy?.entitlement == true {
                throw InputError(file: "--vary", key: axis.key, reason: Scenario.entitlementHasNoBudget(id))
            }
            let years = stream.allotments.count
            if let reason = stream.setMoney(money.field, cents: 0) {
                throw InputError(file: "--vary", key: axis.key, reason: reason)
            }
            if stream.allotments.count != years {
                throw InputError(
                    file: "--vary", key: axis.key,
                    reason:
                        "'\(id)' has no money for that year in the scenario: vary a year it gives (\(base.stream(id)!.allotments.map(\.label).joined(separator: ", ")))"
                )
            }
        }
    }
}
