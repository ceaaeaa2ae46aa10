import ArgumentParser
import BraidPlanner
import BraidPolicy
import BraidReports
import BraidScenario
import Foundation

/// Options every command that reads policies shares.
struct PolicyOptions: ParsableArguments {
    @Option(
        name: .long,
        help:
            "The policy folder (default: $BRAID_POLICIES, a Policies/ beside the scenario or above it, the repository's, or the installed one).",
        completion: .directory)
    var policies: String?

    /// - Parameter scenario: the scenario to be read: a `Policies/` beside it is used first.
    func load(near scenario: String? = nil) throws -> PolicySet {
        try PolicySet.load(directory: try PolicyLocator.locate(explicit: policies, near: scenario))
    }
}
