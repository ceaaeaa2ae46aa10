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
        let categories: [CategoryNeed]
        /// Per local cell: the cap group it belongs to, if any.
        let capOf: [Int?]
        let capLimits: [Int64]
        /// Entitlement-first rows: local cells and the amount they must pay.
        let first: [FirstRow]
        /// Whether each cell is in at most one cap, and each cap and first row within one stream.
        let isNetwork: Bool
        /// The pricing network, built once when `isNetwork` and kept (below
        /// ``Tuning/cachedPricingNetworksBelow`` applicants): each pricing copies it and sets the
        /// cells' costs.
        let network: PricingNetwork?

        init(
            participant: Int, cells: [Int], categories: [CategoryNeed], capOf: [Int?],
            capLimits: [Int64],
            first: [FirstRow], isNetwork: Bool, keepNetwork: Bool, _ f: Formulation
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
                ? PricingNetwork(
                    cells: cells, categories: categories, capOf: capOf, capLimits: capLimits, first: first, f) : nil
        }
    }
}

extension Decomposition.Block {
    /// Participant `i`'s block, from the formulation (`first`: their entitlement-first rows);
    /// nil when their needs do not match their cells.
    static func make(
        participant i: Int, _ f: Formulation, first firstRows: [FirstRow], keepNetwork: Bool
    ) -> Decomposition.Block? {
        let cells = f.cellsByParticipant[i]
        var local: [Int: Int] = [:]
        for (l, k) in cells.enumerated() { local[k] = l }
        var categories: [CategoryNeed] = []
        var start = 0
        for (_, _, need, payers) in f.analyses[i].payers {
            categories.append(CategoryNeed(cells: start..<(start + payers.count), need: need))
            start += payers.count
        }
        guard start == cells.count else { return nil }
        var capOf = [Int?](repeating: nil, count: cells.count)
        var capLimits: [Int64] = []
        var isNetwork = true
        for c in f.participantCaps[i] {
            for k in f.capRows[c].cells {
                if capOf[local[k]!] != nil { isNetwork = false }
                capOf[local[k]!] = capLimits.count
            }
            if Set(f.capRows[c].cells.map { f.cells[$0].stream }).count > 1 { isNetwork = false }
            capLimits.append(f.capRows[c].limit)
        }
        let first = firstRows.map { row in FirstRow(cells: row.cells.map { local[$0]! }, amount: row.amount) }
        for row in first {
            // The flow network routes a stream's cells through one node: the row must be all of them.
            let stream = f.cells[cells[row.cells[0]]].stream
            if row.cells.count != cells.filter({ f.cells[$0].stream == stream }).count { isNetwork = false }
        }
        return Decomposition.Block(
            participant: i, cells: cells, categories: categories, capOf: capOf, capLimits: capLimits, first: first,
            isNetwork: isNetwork,
            keepNetwork: keepNetwork, f)
    }
}
