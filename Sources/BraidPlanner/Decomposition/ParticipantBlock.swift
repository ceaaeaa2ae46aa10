import BraidPolicy
import BraidScenario
import BraidSolver

extension Decomposition {
    /// One participant's rows, for pricing (a class: pricing reads one per participant per
    /// round, and a struct of arrays would be retained field by field). Immutable once built.
    final class Block: Sendable {
        let participant: Int
        /// The participant's cells (indices into `f.cells`), grouped by category.
        let cells: [Int]
        /// Per category: the range of `cells` and the need in cents.
        let categories: [(range: Range<Int>, need: Int64)]
        /// Per local cell: the cap group it belongs to, if any.
        let capOf: [Int?]
        let capLimits: [Int64]
        /// Entitlement-first rows: local cells and the amount they must pay.
        let first: [(cells: [Int], amount: Int64)]
        /// Whether each cell is in at most one cap, and each cap and first row within one stream.
        let isNetwork: Bool
        /// The pricing network, built once when `isNetwork` and kept (below
        /// ``Tuning/cachedPricingNetworksBelow`` applicants): each pricing copies it and sets the
        /// cells' costs.
        let network: PricingNetwork?

        init(
            participant: Int, cells: [Int], categories: [(range: Range<Int>, need: Int64)], capOf: [Int?], capLimits: [Int64],
            first: [(cells: [Int], amount: Int64)], isNetwork: Bool, keepNetwork: Bool, _ f: Formulation
        ) {
            self.participant = participant
            self.cells = cells
            self.categories = categories
            self.capOf = capOf
            self.capLimits = capLimits
            self.first = first
            self.isNetwork = isNetwork
            network =
                isNetwork && keepNetwork
                ? PricingNetwork(cells: cells, categories: categories, capOf: capOf, capLimits: capLimits, first: first, f) : nil
        }
    }
}
