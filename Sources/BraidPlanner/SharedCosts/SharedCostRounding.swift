import BraidPolicy
import BraidScenario
import BraidSolver

/// After rounding to cents: the benefit each stream draws from a shared cost is measured on the
/// rounded cents, which can leave a stream held to its share a cent or two above it. The excess
/// moves to another payer of the same cost with room (its budget and caps; a held payer only up
/// to its own share), the unrestricted ones first. Where none has room, phase 2 is solved again
/// with that stream's payment held a little lower (``PlanningRun/spendKeepingShares``).
extension PlanningRun {
    /// - Returns: the shared-cost cells (indices into the program cells) still above their
    /// stream's share, with the cents above it (empty when every share is kept).
    func settleSharedShares(
        _ f: Formulation, isServed: [Bool], runs: [Bool], cents: [Int64], programCents: inout [Int64]
    ) -> [(cell: Int, excess: Int64)] {
        guard !f.sharedCosts.isEmpty else { return [] }
        var failed: [(cell: Int, excess: Int64)] = []
        let streams = scenario.streams
        var lines: [Allocation] = []
        for (k, cell) in f.cells.enumerated() where cents[k] > 0 {
            lines.append(
                Allocation(
                    owner: analyses[cell.owner].person.id, stream: streams[cell.stream].id, category: cell.category,
                    cents: cents[k]))
        }
        var programLines: [Allocation] = []
        for (k, cell) in f.programCells.enumerated() where programCents[k] > 0 && cell.owner < scenario.programs.count {
            programLines.append(
                Allocation(
                    owner: scenario.programs[cell.owner].info.id, stream: streams[cell.stream].id,
                    category: cell.category, cents: programCents[k]))
        }
        let served = Set(analyses.indices.filter { isServed[$0] }.map { analyses[$0].person.id })
        let results = scenario.sharedCostResults(
            served: served, allocations: lines, programAllocations: programLines, sharedAllocations: [])
        var used = [Int64](repeating: 0, count: streams.count)
        for (k, cell) in f.cells.enumerated() { used[cell.stream] += cents[k] }
        for (k, cell) in f.programCells.enumerated() { used[cell.stream] += programCents[k] }
        var capUse = f.capRows.map { row in
            row.cells.reduce(Int64(0)) { $0 + cents[$1] } + row.programCells.reduce(Int64(0)) { $0 + programCents[$1] }
        }
        for rows in f.sharedCosts {
            let share = Dictionary(
                uniqueKeysWithValues: results[rows.pool].streams.compactMap { x in
                    streams.firstIndex { $0.id == x.stream }.map { ($0, x.share) }
                })
            func room(_ k: Int) -> Int64 {
                let s = f.programCells[k].stream
                var r = streams[s].limit.map { $0 - used[s] } ?? Int64.max
                for (j, row) in f.capRows.enumerated() where row.programCells.contains(k) {
                    r = min(r, row.limit - capUse[j])
                }
                if rows.held.contains(s) { r = min(r, (share[s] ?? 0) - programCents[k]) }
                return max(0, r)
            }
            for k in rows.cells where rows.held.contains(f.programCells[k].stream) {
                var excess = programCents[k] - (share[f.programCells[k].stream] ?? 0)
                guard excess > 0 else { continue }
                let others = rows.cells.filter { $0 != k }.sorted { a, b in
                    let (ha, hb) = (
                        rows.held.contains(f.programCells[a].stream), rows.held.contains(f.programCells[b].stream)
                    )
                    return ha != hb ? !ha : a < b
                }
                for t in others where excess > 0 {
                    let d = min(excess, room(t))
                    guard d > 0 else { continue }
                    move(d, from: k, to: t)
                    excess -= d
                }
                if excess > 0 { failed.append((k, excess)) }
            }
        }
        return failed

        func move(_ d: Int64, from k: Int, to t: Int) {
            programCents[k] -= d
            programCents[t] += d
            used[f.programCells[k].stream] -= d
            used[f.programCells[t].stream] += d
            for (j, row) in f.capRows.enumerated() {
                if row.programCells.contains(k) { capUse[j] -= d }
                if row.programCells.contains(t) { capUse[j] += d }
            }
        }
    }

    /// Phase 2 and rounding that keep every held stream within its share: when rounding leaves
    /// one above it and no other payer has room, the spending LP is solved again (on the
    /// monolithic model) with that payment's upper limit a cent below where it was, a few times.
    func spendKeepingShares(
        _ f: Formulation, _ mip: Phase1Outcome, _ spendOn: SolvedDecomposition?, isServed: [Bool], runs: [Bool],
        previous: [Decomposition.Column] = []
    ) throws -> Spending {
        var model = f
        var spending = try spendingPhase(model, mip, spendOn, isServed: isServed, runs: runs, previous: previous)
        for _ in 0..<options.tuning.shareSettleTries {
            let failed = settleSharedShares(
                model, isServed: isServed, runs: runs, cents: spending.cents, programCents: &spending.programCents)
            let over = indirectOverruns(model, spending)
            let capsOver = indirectCapOverruns(model, spending)
            if failed.isEmpty && over.isEmpty && capsOver.isEmpty { return spending }
            for (row, excess) in capsOver {
                guard case .atMost(let limit) = model.model.bound(of: row) else { continue }
                model.model.setBound(row, .atMost(limit - Double(excess + 1) / 100))
            }
            for (k, excess) in failed {
                let limit = Double(max(0, spending.programCents[k] - excess - 1)) / 100
                model.model.setBounds(model.programCells[k].variable, lower: 0, upper: limit)
            }
            for (s, excess) in over {
                guard let row = model.budgetRows[s], case .atMost(let limit) = model.model.bound(of: row) else {
                    continue
                }
                model.model.setBound(row, .atMost(limit - Double(excess + 1) / 100))
            }
            log(
                "after rounding: \(failed.count) share(s) and \(over.count) budget(s) with indirect costs over; phase 2 again"
            )
            spending = try spendingPhase(model, mip, nil, isServed: isServed, runs: runs)
        }
        throw PlanningError.roundingFailed(
            "a stream pays above its share of a shared cost, or its budget with indirect costs, after rounding")
    }

    /// Stream caps that count indirect costs (TANF's administrative cap) whose rounded spending
    /// and indirect costs exceed them, with the row and the cents over.
    func indirectCapOverruns(_ f: Formulation, _ spending: Spending) -> [(row: Constraint, excess: Int64)] {
        guard let indirect = scenario.indirect else { return [] }
        let context = EvaluationContext.withoutParticipant(environment: scenario.environment)
        var found: [(row: Constraint, excess: Int64)] = []
        for (s, stream) in scenario.streams.enumerated() {
            for cap in stream.policy?.streamCaps ?? [] where cap.includesIndirect {
                guard let members = scenario.capMembers(s, cap),
                    let row = f.capRows.first(where: { $0.label == "\(stream.id).\(cap.id)" })
                else { continue }
                var spent: Int64 = 0
                var base = [Int64](repeating: 0, count: scenario.streams.count)
                for (k, cell) in f.cells.enumerated() where members.contains(cell.stream) {
                    if cap.categories.contains(cell.category) { spent += spending.cents[k] }
                    if indirect.base.contains(cell.category) { base[cell.stream] += spending.cents[k] }
                }
                for (k, cell) in f.programCells.enumerated() where members.contains(cell.stream) {
                    if cap.categories.contains(cell.category) { spent += spending.programCents[k] }
                    if indirect.base.contains(cell.category) { base[cell.stream] += spending.programCents[k] }
                }
                let charged = members.filter { indirect.streams.contains(scenario.streams[$0].id) }.reduce(Int64(0)) {
                    $0 + indirect.charge(onBase: base[$1])
                }
                let budgets = members.reduce(0.0) {
                    $0 + Double(scenario.streams[$1].budget ?? scenario.streams[$1].limit ?? 0)
                }
                let limit = centsFloor((cap.share.evaluate(context).number ?? 0) * budgets / 100)
                if spent + charged > limit { found.append((row.constraint, spent + charged - limit)) }
            }
        }
        return found
    }

    /// Streams whose rounded spending and indirect cost (rate × base, rounded down) exceed the
    /// budget, with the cents over.
    func indirectOverruns(_ f: Formulation, _ spending: Spending) -> [(stream: Int, excess: Int64)] {
        guard let indirect = scenario.indirect else { return [] }
        var used = [Int64](repeating: 0, count: scenario.streams.count)
        var base = used
        for (k, cell) in f.cells.enumerated() {
            used[cell.stream] += spending.cents[k]
            if indirect.base.contains(cell.category) { base[cell.stream] += spending.cents[k] }
        }
        for (k, cell) in f.programCells.enumerated() {
            used[cell.stream] += spending.programCents[k]
            if indirect.base.contains(cell.category) { base[cell.stream] += spending.programCents[k] }
        }
        return scenario.streams.indices.compactMap { s in
            guard indirect.streams.contains(scenario.streams[s].id), let limit = scenario.streams[s].limit else {
                return nil
            }
            let excess = used[s] + indirect.charge(onBase: base[s]) - limit
            return excess > 0 ? (s, excess) : nil
        }
    }
}
