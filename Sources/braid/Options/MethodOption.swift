import ArgumentParser
import BraidPlanner
import BraidPolicy
import BraidReports
import BraidScenario
import Foundation

extension SolveMethod: ExpressibleByArgument {}

/// How the optimisation is solved: `--method`.
struct MethodOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "auto (decomposition from \(Tuning().decomposeFrom) participants), monolithic or decomposed.",
            valueName: "METHOD"))
    var method: SolveMethod = .automatic
}
