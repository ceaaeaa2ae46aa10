import ArgumentParser
import BraidPlanner
import BraidPolicy
import BraidReports
import BraidScenario
import Foundation

extension SolveMethod: ExpressibleByArgument {}
extension PriceMode: ExpressibleByArgument {}

/// How the optimisation is solved: `--method`, and whether targets and priority rules are priced.
struct MethodOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "auto (decomposition from \(Tuning().decomposeFrom) participants), monolithic or decomposed.",
            valueName: "METHOD"))
    var method: SolveMethod = .automatic
    @Option(
        help: ArgumentHelp(
            "Price each target and each stream's priority of service by solving again without it: auto (below \(Tuning().pricesBelow) applicants), always or never.",
            valueName: "WHEN"))
    var prices: PriceMode = .automatic

    /// The plan options with these choices, the limit each optimisation's own.
    func planOptions(timeLimit: Double?, gap: Double = PlanOptions().gap) -> PlanOptions {
        var options = PlanOptions(timeLimit: timeLimit ?? PlanOptions().timeLimit, gap: gap, method: method)
        options.prices = prices
        options.ranges = true
        return options
    }

    /// The plan options with these choices for a limit on the whole run of `clock`, `applicants`
    /// long (the time to write their result kept back).
    func planOptions(clock: RunClock, applicants: Int, gap: Double) -> PlanOptions {
        var options = planOptions(timeLimit: clock.plannerLimit(applicants), gap: gap)
        options.clockStart = clock.start
        return options
    }
}
