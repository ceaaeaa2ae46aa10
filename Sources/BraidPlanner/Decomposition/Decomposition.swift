import BraidPolicy
import BraidScenario
import BraidSolver
import Dispatch
import Foundation
import Logging

/// The fast path for large rosters: Dantzig–Wolfe column generation over PRODUCT.md's model.
///
/// Only a few rows link participants (budgets, stream caps, matching, minimum enrollment and
/// program costs); every other row belongs to one participant, and all of a participant's rows
/// are homogeneous in (amounts, served). So the LP relaxation is exactly the *master*: a convex
/// combination of each participant's complete funding patterns (columns), at most "served" of
/// them, subject to the linking rows. Given the master's duals, a participant's best new
/// pattern is a tiny min-cost flow (needs → caps → streams, with the entitlement-first rows as
/// lower bounds), solved exactly in integer cents. When no participant has an improving
/// pattern the master's optimum *is* the monolithic LP optimum, a proven bound.
///
/// Phase 1 (who is served) then fixes the participants the LP serves whole and solves a small
/// MIP over the fractional ones and those nearest the margin; reaching the LP bound rounded to
/// the objective's step proves optimality for the whole model. Below
/// ``Tuning/valueByValueProofsBelow`` participants, a value the neighbourhood cannot reach goes
/// to the class proof (``Aggregation``, ``LagrangianFixing``), from the rounded bound down, so every plan
/// is proven. Phase 2 (which stream pays) is the same column generation with the served set
/// fixed and `use_order` as the cost.
struct Decomposition {
    let f: Formulation
    /// Per participant: index of its program's run variable (nil when it cannot be served).
    let programOf: [Int?]
    /// The participants who may be served (those with a program index), in roster order.
    let active: [Int]
    /// Each cell's entries in the linking rows (CSR by cell).
    let cellStart: [Int]
    let cellRow: [Int32]
    let cellCoefficient: [Double]
    /// Each participant's served variable's entries in the linking rows.
    let servedEntries: [[(Int32, Double)]]
    /// Run and program-cell variables, and their entries in the linking rows.
    let extras: [Variable]
    let extraEntries: [[(Int32, Double)]]
    let blocks: [Block?]
    let step: Double
    /// The planner's thresholds and heuristics.
    var tuning: Tuning
    /// Where progress goes (``PlanOptions/logger``).
    var log: Logger
    /// Whether phase 1's master is the compact one (``ColumnGeneration/compact``): from
    /// ``Tuning/compactMasterFrom`` applicants.
    var compactMaster = false
    /// At scale: the requested relative gap, at which phase 1's column generation may stop (see
    /// ``Tuning/smallestStoppingGap`` and ``Tuning/boundShareOfGap``).
    var gapStop = 0.0

    /// One participant's rows, for pricing (a class: pricing reads one per participant per
    /// round, and a struct of arrays would be retained field by field).
    final class Block: @unchecked Sendable {
        let participant: Int
        /// The participant's cells (indices into `f.cells`), grouped by category.
        let cells: [Int]
        /// Per category: the range of `cells` and the need in cents.
        let categories: [(range: Range<Int>, need: Int64)]
        /// Per local cell: the cap group it belongs to, or -1.
        let capOf: [Int]
        let capLimits: [Int64]
        /// Entitlement-first rows: local cells and the amount they must pay.
        let first: [(cells: [Int], amount: Int64)]
        /// Whether each cell is in at most one cap, and each cap and first row within one stream.
        let isNetwork: Bool
        /// The pricing network (when `isNetwork`, below ``Tuning/cachedPricingNetworksBelow``), built once:
        /// each pricing copies it and sets the cells' costs.
        var network: PricingNetwork? = nil

        init(
            participant: Int, cells: [Int], categories: [(range: Range<Int>, need: Int64)], capOf: [Int], capLimits: [Int64],
            first: [(cells: [Int], amount: Int64)], isNetwork: Bool
        ) {
            self.participant = participant
            self.cells = cells
            self.categories = categories
            self.capOf = capOf
            self.capLimits = capLimits
            self.first = first
            self.isNetwork = isNetwork
        }
    }

    /// The min-cost-flow network of one participant's pricing problem: source → category
    /// (need) → cell (upper) → cap group (limit) → stream → sink, the entitlement-first amount as
    /// a very cheap arc.
    struct PricingNetwork {
        var net = MinCostFlow()
        var source = 0, sink = 0
        /// Per local cell: its arc, and the tie-break added to its cost (earlier in use_order first).
        var cellArcs: [Int] = []
        var tie: [Double] = []
        /// Entitlement-first arcs and the amount each must carry.
        var firstArcs: [(Int, Int64)] = []
        var total: Int64 = 0

        init(_ b: Block, _ f: Formulation) {
            // (Built per pricing at scale: plain arrays, no sets or dictionaries.)
            net.reserve(nodes: 2 + b.cells.count + b.capLimits.count + b.categories.count, arcs: 2 * b.cells.count + b.capLimits.count + b.categories.count + b.first.count)
            cellArcs.reserveCapacity(b.cells.count)
            tie.reserveCapacity(b.cells.count)
            source = net.addNode()
            sink = net.addNode()
            var streams: [Int] = []
            for k in b.cells where !streams.contains(f.cells[k].stream) { streams.append(f.cells[k].stream) }
            streams.sort()
            let streamNodes = streams.map { _ in net.addNode() }
            func streamNode(_ s: Int) -> Int { streamNodes[streams.firstIndex(of: s)!] }
            let capNodes = b.capLimits.map { _ in net.addNode() }
            for (c, limit) in b.capLimits.enumerated() {
                let s = f.cells[b.cells[b.capOf.firstIndex(of: c)!]].stream
                net.addArc(capNodes[c], streamNode(s), capacity: limit, cost: 0)
            }
            let bonus = 1e6
            for (n, s) in streams.enumerated() {
                if let row = b.first.first(where: { f.cells[b.cells[$0.cells[0]]].stream == s }) {
                    firstArcs.append((net.addArc(streamNodes[n], sink, capacity: row.amount, cost: -bonus), row.amount))
                }
                net.addArc(streamNodes[n], sink, capacity: Int64.max / 4, cost: 0)
            }
            for (range, need) in b.categories {
                let node = net.addNode()
                net.addArc(source, node, capacity: need, cost: 0)
                total += need
                for l in range {
                    let cell = f.cells[b.cells[l]]
                    let target = b.capOf[l] >= 0 ? capNodes[b.capOf[l]] : streamNode(cell.stream)
                    cellArcs.append(net.addArc(node, target, capacity: cell.upper, cost: 0))
                    tie.append(Tolerance.tieBreak * f.rank[cell.stream])
                }
            }
        }
    }

    /// One funding pattern of one participant.
    struct Column {
        let participant: Int
        /// Global cell indices with a positive amount, and the amounts in cents.
        let cells: [Int32]
        let cents: [Int64]
        /// Entries in the linking rows (the served variable's included).
        let entries: [(Int32, Double)]
        /// Σ rank × dollars: the phase-2 cost.
        let spend: Double
    }

    init(_ f: Formulation, scenario: Scenario, tuning: Tuning = Tuning(), log: Logger = Logger(label: "braid.planner")) {
        self.f = f
        self.tuning = tuning
        self.log = log
        let programIndex = Dictionary(uniqueKeysWithValues: scenario.programs.enumerated().map { ($1.info.id, $0) })
        let n = f.analyses.count
        var programOf = f.analyses.indices.map { i -> Int? in
            guard f.model.upperBounds[f.served[i].index] > 0 else { return nil }
            return programIndex[f.analyses[i].person.program]
        }
        var cellOfVariable = [Int32](repeating: -1, count: f.model.variableCount)
        for (k, cell) in f.cells.enumerated() { cellOfVariable[cell.variable.index] = Int32(k) }
        var participantOfVariable = [Int32](repeating: -1, count: f.model.variableCount)
        for (i, y) in f.served.enumerated() { participantOfVariable[y.index] = Int32(i) }
        var extraOfVariable = [Int32](repeating: -1, count: f.model.variableCount)
        let extras = f.runs + f.programCells.map(\.variable)
        for (e, v) in extras.enumerated() { extraOfVariable[v.index] = Int32(e) }
        var counts = [Int](repeating: 0, count: f.cells.count + 1)
        var servedEntries = [[(Int32, Double)]](repeating: [], count: n)
        var extraEntries = [[(Int32, Double)]](repeating: [], count: extras.count)
        var triples: [(Int32, Int32, Double)] = []
        for (j, row) in f.linkingRows.enumerated() {
            for (v, a) in f.model.terms(of: row) {
                if cellOfVariable[v.index] >= 0 {
                    triples.append((cellOfVariable[v.index], Int32(j), a))
                    counts[Int(cellOfVariable[v.index]) + 1] += 1
                } else if participantOfVariable[v.index] >= 0 {
                    servedEntries[Int(participantOfVariable[v.index])].append((Int32(j), a))
                } else if extraOfVariable[v.index] >= 0 {
                    extraEntries[Int(extraOfVariable[v.index])].append((Int32(j), a))
                }
            }
        }
        for k in 0..<f.cells.count { counts[k + 1] += counts[k] }
        var fill = counts
        var rows = [Int32](repeating: 0, count: triples.count)
        var coefficients = [Double](repeating: 0, count: triples.count)
        for (cell, row, a) in triples {
            rows[fill[Int(cell)]] = row
            coefficients[fill[Int(cell)]] = a
            fill[Int(cell)] += 1
        }
        cellStart = counts
        cellRow = rows
        cellCoefficient = coefficients
        self.servedEntries = servedEntries
        self.extras = extras
        self.extraEntries = extraEntries
        var firstRows = [[(cells: [Int], amount: Int64)]](repeating: [], count: n)
        for row in f.orderingRows { firstRows[row.participant].append((row.cells, row.amount)) }
        blocks = f.analyses.indices.map { i -> Block? in
            guard programOf[i] != nil else { return nil }
            let cells = f.cellsByParticipant[i]
            var local: [Int: Int] = [:]
            for (l, k) in cells.enumerated() { local[k] = l }
            var categories: [(Range<Int>, Int64)] = []
            var start = 0
            for (_, need, payers) in f.analyses[i].payers {
                categories.append((start..<(start + payers.count), need))
                start += payers.count
            }
            guard start == cells.count else {
                programOf[i] = nil
                return nil
            }
            var capOf = [Int](repeating: -1, count: cells.count)
            var capLimits: [Int64] = []
            var isNetwork = true
            for c in f.participantCaps[i] {
                for k in f.capRows[c].cells {
                    if capOf[local[k]!] >= 0 { isNetwork = false }
                    capOf[local[k]!] = capLimits.count
                }
                if Set(f.capRows[c].cells.map { f.cells[$0].stream }).count > 1 { isNetwork = false }
                capLimits.append(f.capRows[c].limit)
            }
            let first = firstRows[i].map { row in (cells: row.cells.map { local[$0]! }, amount: row.amount) }
            for row in first {
                // The flow network routes a stream's cells through one node: the row must be all of them.
                let stream = f.cells[cells[row.cells[0]]].stream
                if row.cells.count != cells.filter({ f.cells[$0].stream == stream }).count { isNetwork = false }
            }
            let block = Block(participant: i, cells: cells, categories: categories, capOf: capOf, capLimits: capLimits, first: first, isNetwork: isNetwork)
            // Kept for small rosters (re-priced often: marginal values, sweeps); built per pricing
            // at scale, where keeping one per applicant costs ~3 KB each (+30 MB at 10,000).
            if isNetwork && n < tuning.cachedPricingNetworksBelow { block.network = PricingNetwork(block, f) }
            return block
        }
        self.programOf = programOf
        active = f.analyses.indices.filter { programOf[$0] != nil }
        step = ServedSearch.objectiveStep(f)
        compactMaster = active.count >= tuning.compactMasterFrom
    }

    // MARK: Pricing

    /// The cheapest complete funding of a participant at cell costs `h` (per dollar), or nil when
    /// their needs cannot be covered at all. Amounts are per local cell, in cents.
    func cheapest(_ b: Block, costs h: [Double], solver: any LinearSolver) throws -> [Int64]? {
        let cells = b.cells
        var cents = [Int64](repeating: 0, count: cells.count)
        // Greedy per category: optimal when no multi-category cap or first row binds. Each
        // category's cells in order of (cost, use_order rank, position) by insertion (a handful
        // of payers; no closure, which would retain the decomposition per comparison).
        var order = [Int](repeating: 0, count: cells.count)
        for (range, need) in b.categories {
            var left = need
            for l in range {
                let key = (h[l], f.rank[f.cells[cells[l]].stream])
                var at = l
                while at > range.lowerBound {
                    let m = order[at - 1]
                    guard key < (h[m], f.rank[f.cells[cells[m]].stream]) else { break }
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
            for l in cents.indices where b.capOf[l] >= 0 { used[b.capOf[l]] += cents[l] }
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
        for (l, arc) in p.cellArcs.enumerated() { p.net.setCost(arc, h[l] + p.tie[l]) }
        guard p.net.minCostFlow(p.source, p.sink, amount: p.total) == p.total else { return nil }
        for (arc, amount) in p.firstArcs where p.net.flow(arc) < amount { return nil }
        return p.cellArcs.map { p.net.flow($0) }
    }

    /// The pricing problem as a small LP in whole cents (for cap structures that are not a network).
    func smallLP(_ b: Block, costs h: [Double], solver: any LinearSolver) throws -> [Int64]? {
        var m = LinearModel(name: "pattern")
        let x = b.cells.map { m.addVariable("", kind: .integer, upper: Double(f.cells[$0].upper)) }
        m.setObjective(.minimize, x.indices.map { (x[$0], h[$0]) })
        for (range, need) in b.categories { m.addConstraint("", range.map { (x[$0], 1) }, .equal(Double(need))) }
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
            spend += f.rank[f.cells[k].stream] * dollars
            for e in cellStart[k]..<cellStart[k + 1] {
                dense[Int(cellRow[e])] += cellCoefficient[e] * dollars
                touched.insert(cellRow[e])
            }
        }
        for (j, a) in servedEntries[b.participant] {
            dense[Int(j)] += a
            touched.insert(j)
        }
        let entries = touched.sorted().map { ($0, dense[Int($0)]) }
        return Column(participant: b.participant, cells: cells, cents: amounts, entries: entries, spend: spend)
    }
}

