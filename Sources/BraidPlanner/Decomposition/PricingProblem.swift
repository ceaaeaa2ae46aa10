import BraidPolicy
import BraidScenario
import BraidSolver

/// The pricing problem of ``Decomposition``: a participant's cheapest complete funding at given
/// cell costs (greedy, a min-cost flow, or a small LP), and the master column for a pattern.
extension Decomposition {
    /// One funding pattern of one participant.
    struct Column {
        let participant: Int
        /// Global cell indices with a positive amount, and the amounts in cents.
        let cells: [Int32]
        let cents: [Int64]
        /// Entries in the linking rows (the served variable's included).
        let entries: [LinkEntry]
        /// Σ rank × dollars: the phase-2 cost.
        let spend: Double
    }

    /// The cheapest complete funding of a participant at cell costs `h` (per dollar), or nil when
    /// their needs cannot be covered at all. Amounts are per local cell, in cents.
    func cheapest(_ b: Block, costs h: [Double], solver: any LinearSolver) throws -> [Int64]? {
        let cells = b.cells
        var cents = [Int64](repeating: 0, count: cells.count)
        // Greedy per category: optimal when no multi-category cap or first row binds. Each
        // category's cells in order of (cost, use_order rank, position) by insertion (a handful
        // of payers; no closure, which would retain the decomposition per comparison).
        var order = [Int](repeating: 0, count: cells.count)
        for category in b.categories {
            let range = category.cells
            var left = category.need
            for l in range {
                let key = (h[l], f.cellCost[cells[l]])
                var at = l
                while at > range.lowerBound {
                    let m = order[at - 1]
                    guard key < (h[m], f.cellCost[cells[m]]) else { break }
                    order[at] = m
                    at -= 1
                }
                order[at] = l
            }
            for l in order[range] where left > 0 {
                let take = min(left, f.cells[cells[l]].upper)
                cents[l] = take
                left -= take
            }
            if left > 0 { return nil }
        }
        var fits = true
        if !b.capLimits.isEmpty {
            var used = [Int64](repeating: 0, count: b.capLimits.count)
            for l in cents.indices { if let c = b.capOf[l] { used[c] += cents[l] } }
            fits = zip(used, b.capLimits).allSatisfy { $0 <= $1 }
        }
        if fits {
            for row in b.first where row.cells.reduce(Int64(0), { $0 + cents[$1] }) < row.amount { fits = false }
        }
        if fits { return cents }
        return b.isNetwork ? flow(b, costs: h) : try smallLP(b, costs: h, solver: solver)
    }

    /// The pricing problem as a min-cost flow (``PricingNetwork``) at cell costs `h`.
    func flow(_ b: Block, costs h: [Double]) -> [Int64]? {
        var p = b.network ?? PricingNetwork(b, f)
        // (The cells' limits are this formulation's: a kept network may have been built over
        // another node's, where a closed gate's cells were open.)
        for (l, arc) in p.cellArcs.enumerated() {
            p.net.setCost(arc, h[l] + p.tie[l])
            p.net.setCapacity(arc, f.cells[b.cells[l]].upper)
        }
        guard p.net.minCostFlow(p.source, p.sink, amount: p.total) == p.total else { return nil }
        for (arc, amount) in p.firstArcs where p.net.flow(arc) < amount { return nil }
        return p.cellArcs.map { p.net.flow($0) }
    }

    /// The pricing problem as a small LP in whole cents (for cap structures that are not a network).
    func smallLP(_ b: Block, costs h: [Double], solver: any LinearSolver) throws -> [Int64]? {
        var m = LinearModel(name: "pattern")
        let x = b.cells.map { m.addVariable("", kind: .integer, upper: Double(f.cells[$0].upper)) }
        m.setObjective(.minimize, x.indices.map { (x[$0], h[$0]) })
        for category in b.categories {
            m.addConstraint("", category.cells.map { (x[$0], 1) }, .equal(Double(category.need)))
        }
        for (c, limit) in b.capLimits.enumerated() {
            m.addConstraint("", x.indices.filter { b.capOf[$0] == c }.map { (x[$0], 1) }, .atMost(Double(limit)))
        }
        for row in b.first { m.addConstraint("", row.cells.map { (x[$0], 1) }, .atLeast(Double(row.amount))) }
        let s = try solver.solve(m, options: SolveOptions(relativeGap: 0))
        guard s.status == .optimal else { return nil }
        return x.map { Int64(s.value(of: $0).rounded()) }
    }

    /// The column for a pattern.
    func column(_ b: Block, _ cents: [Int64]) -> Column {
        var cells: [Int32] = [], amounts: [Int64] = []
        var dense = [Double](repeating: 0, count: f.linkingRows.count)
        var touched = Set<Int32>()
        var spend = 0.0
        for (l, c) in cents.enumerated() where c > 0 {
            let k = b.cells[l]
            cells.append(Int32(k))
            amounts.append(c)
            let dollars = Double(c) / 100
            spend += f.cellCost[k] * dollars
            for e in cellStart[k]..<cellStart[k + 1] {
                dense[Int(cellRow[e])] += cellCoefficient[e] * dollars
                touched.insert(cellRow[e])
            }
        }
        for entry in servedEntries[b.participant] {
            dense[Int(entry.row)] += entry.coefficient
            touched.insert(entry.row)
        }
        let entries = touched.sorted().map { LinkEntry(row: $0, coefficient: dense[Int($0)]) }
        return Column(participant: b.participant, cells: cells, cents: amounts, entries: entries, spend: spend)
    }
}
