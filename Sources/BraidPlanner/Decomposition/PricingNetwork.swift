import BraidPolicy
import BraidScenario
import BraidSolver

extension Decomposition {
    /// The min-cost-flow network of one participant's pricing problem: source → category
    /// (need) → cell (upper) → cap group (limit) → stream → sink, the entitlement-first amount as
    /// a very cheap arc.
    struct PricingNetwork: Sendable {
        var net = MinCostFlow()
        var source = 0, sink = 0
        /// Per local cell: its arc, and the tie-break added to its cost (earlier in use_order first).
        var cellArcs: [Int] = []
        var tie: [Double] = []
        /// Entitlement-first arcs and the amount each must carry.
        var firstArcs: [(Int, Int64)] = []
        var total: Int64 = 0

        init(_ b: Block, _ f: Formulation) {
            self.init(
                cells: b.cells, categories: b.categories, capOf: b.capOf, capLimits: b.capLimits, first: b.first, f)
        }

        init(
            cells: [Int], categories: [CategoryNeed], capOf: [Int?], capLimits: [Int64],
            first: [FirstRow],
            _ f: Formulation
        ) {
            // (Built per pricing at scale: plain arrays, no sets or dictionaries.)
            net.reserve(
                nodes: 2 + cells.count + capLimits.count + categories.count,
                arcs: 2 * cells.count + capLimits.count + categories.count + first.count)
            cellArcs.reserveCapacity(cells.count)
            tie.reserveCapacity(cells.count)
            source = net.addNode()
            sink = net.addNode()
            var streams: [Int] = []
            for k in cells where !streams.contains(f.cells[k].stream) { streams.append(f.cells[k].stream) }
            streams.sort()
            let streamNodes = streams.map { _ in net.addNode() }
            func streamNode(_ s: Int) -> Int { streamNodes[streams.firstIndex(of: s)!] }
            let capNodes = capLimits.map { _ in net.addNode() }
            for (c, limit) in capLimits.enumerated() {
                let s = f.cells[cells[capOf.firstIndex(of: c)!]].stream
                net.addArc(capNodes[c], streamNode(s), capacity: limit, cost: 0)
            }
            for (n, s) in streams.enumerated() {
                if let row = first.first(where: { f.cells[cells[$0.cells[0]]].stream == s }) {
                    firstArcs.append(
                        (
                            net.addArc(
                                streamNodes[n], sink, capacity: row.amount, cost: -NetworkConstant.firstArcBonus),
                            row.amount
                        ))
                }
                net.addArc(streamNodes[n], sink, capacity: NetworkConstant.unlimitedCents, cost: 0)
            }
            for category in categories {
                let node = net.addNode()
                net.addArc(source, node, capacity: category.need, cost: 0)
                total += category.need
                for l in category.cells {
                    let cell = f.cells[cells[l]]
                    let target = capOf[l].map { capNodes[$0] } ?? streamNode(cell.stream)
                    cellArcs.append(net.addArc(node, target, capacity: cell.upper, cost: 0))
                    tie.append(NetworkConstant.tieBreak * f.rank[cell.stream])
                }
            }
        }
    }
}
