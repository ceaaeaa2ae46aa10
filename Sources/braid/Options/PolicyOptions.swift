import ArgumentParser
import BraidPlanner
import BraidPolicy
import BraidReports
import BraidScenario
import Foundation

/// Options every command that reads policies shares.
struct PolicyOptions: ParsableArguments {
    @Option(name: .long, help: "The policy folder (default: Policies/ of the repository, or $BRAID_POLICIES).")
    var policies: String?

    func load() throws -> PolicySet {
        try PolicySet.load(directory: try PolicyLocator.locate(explicit: policies))
    }
}
