import BraidPolicy
import BraidScenario
import BraidSolver

/// The plan as the reports see it, from the decisions and the cents: allocation lines, stream
/// use with marginal values, who is served, and the binding reason for each who is not.
extension Planner {
    /// The plan from who is served, which programs run, and each cell's cents.
    static func buildPlan(
        _ scenario: Scenario, _ f: Formulation, _ analyses: [ParticipantAnalysis], isServed: [Bool], runs: [Bool],
        cents: [Int64],
        programCents: [Int64], marginals: [Double], ranges: [MarginalRange?] = [],
        status: PlanStatus, gap: Double, statistics: PlanStatistics
    ) -> Plan {
        let streams = scenario.streams
        var allocations: [Allocation] = []
        for (k, cell) in f.cells.enumerated() where cents[k] > 0 {
            var line = Allocation(
                owner: analyses[cell.owner].person.id, stream: streams[cell.stream].id, category: cell.category,
                cents: cents[k])
            if scenario.timeline.isTimed { line.period = scenario.timeline.segments[cell.segment].label }
            allocations.append(line)
        }
        var programAllocations: [Allocation] = []
        var sharedAllocations: [Allocation] = []
        for (k, cell) in f.programCells.enumerated() where programCents[k] > 0 {
            let program = cell.owner < scenario.programs.count
            var line = Allocation(
                owner: program
                    ? scenario.programs[cell.owner].info.id
                    : scenario.sharedCosts[cell.owner - scenario.programs.count].id,
                stream: streams[cell.stream].id, category: cell.category, cents: programCents[k])
            if scenario.timeline.isTimed { line.period = scenario.timeline.segments[cell.segment].label }
            if program { programAllocations.append(line) } else { sharedAllocations.append(line) }
        }
        var used = [Int64](repeating: 0, count: streams.count)
        for (k, cell) in f.cells.enumerated() { used[cell.stream] += cents[k] }
        for (k, cell) in f.programCells.enumerated() { used[cell.stream] += programCents[k] }
        let uses = streams.enumerated().map { s, stream in
            StreamUse(
                id: stream.id, budget: stream.limit, used: used[s],
                marginalValue: marginals[s], marginalRange: s < ranges.count ? ranges[s]?.range : nil,
                marginalAverage: s < ranges.count ? ranges[s]?.average : nil)
        }
        var served: [String] = []
        var notServed: [NotServed] = []
        var weighted = 0.0
        let years = YearLedger(allocations: allocations, programAllocations: programAllocations, scenario: scenario)
        let left = moneyLeft(scenario, years, used: used)
        for (i, a) in analyses.enumerated() {
            if isServed[i] {
                served.append(a.person.id)
                weighted += a.weight
            } else {
                notServed.append(
                    NotServed(
                        id: a.person.id,
                        reason: reason(
                            for: i, scenario, f, analyses, runs: runs, left: left,
                            timedOutEmpty: status == .timeLimit && gap >= 1)))
            }
        }
        var plan = Plan(
            scenario: scenario.name, status: status, gap: gap, served: served, notServed: notServed,
            allocations: allocations,
            programAllocations: programAllocations,
            programsRun: scenario.programs.indices.filter { runs[$0] }.map { scenario.programs[$0].info.id },
            streams: uses, statistics: statistics, weightedServed: weighted)
        plan.sharedAllocations = sharedAllocations
        plan.review.years = years
        return plan
    }

    /// The binding reason a participant is not served.
    static func reason(
        for i: Int, _ scenario: Scenario, _ f: Formulation, _ analyses: [ParticipantAnalysis], runs: [Bool],
        left: (Int, Int) -> Int64?,
        timedOutEmpty: Bool
    ) -> String {
        let a = analyses[i]
        if let blocker = a.blocker { return blocker }
        if timedOutEmpty { return "the time limit was reached before any plan was found; raise --time-limit" }
        if let p = scenario.programs.firstIndex(where: { $0.info.id == a.person.program }), !runs[p] {
            let program = scenario.programs[p]
            return
                "program \(program.info.id) does not run: fewer than its minimum enrollment of \(program.minEnrollment) could be funded"
                + (program.costs.isEmpty ? "" : " together with its program costs")
        }
        var parts: [String] = []
        var short = false
        var waiting: [String] = []
        for gate in f.gates where f.model.upperBounds[gate.variable.index] <= 0 {
            guard f.cellsByParticipant[i].contains(where: { gate.stream == f.cells[$0].stream }),
                analyses[i].tiers[gate.stream] >= gate.tier
            else { continue }
            let stream = scenario.streams[gate.stream].id
            if let h = gate.partial, f.model.lowerBounds[h.index] >= 1 {
                waiting.append(
                    "\(stream) pays their priority tier (\(analyses[i].tiers[gate.stream])) only money that could serve none of the \(gate.protected.count) of higher tiers it could serve, not all served (priority of service)"
                )
            } else {
                waiting.append(
                    "\(stream) pays no one of their priority tier (\(analyses[i].tiers[gate.stream])) while \(gate.protected.count) of higher tiers it could serve are not all served (priority of service)"
                )
            }
            break
        }
        for (category, segment, need, payers) in a.payers {
            let names = payers.map { s -> String in
                let stream = scenario.streams[s]
                guard let money = left(s, segment) else { return "\(stream.id) (capped for this participant)" }
                return "\(stream.id) (\(formatMoney(money)) left)"
            }
            let when =
                scenario.timeline.isTimed
                ? " (\(scenario.timeline.segments[segment].from) to \(scenario.timeline.segments[segment].to))" : ""
            parts.append("\(category)\(when) \(formatMoney(need)) payable by \(names.joined(separator: ", "))")
            let unlimited = payers.contains { scenario.streams[$0].limit == nil }
            let available = payers.reduce(Int64(0)) { sum, s in sum + max(0, left(s, segment) ?? 0) }
            if !unlimited && available < need { short = true }
        }
        let total = a.person.totalNeed
        let why =
            short
            ? "budgets exhausted: serving them costs \(formatMoney(total)) and the money that may pay it is spent on others who count as much or more"
            : "money is left for each of their costs, but serving them (\(formatMoney(total))) would break another rule of the plan (a matching share, a cap, priority of service, a target) or lower what it achieves"
        return why + (waiting.isEmpty ? "" : "; " + waiting.joined(separator: "; ")) + " — "
            + parts.joined(separator: "; ")
    }

    /// What a stream has left for a cost in a segment: its budget less what it spent, or with
    /// money by year what the allotments available then have left (the year ledger's draws);
    /// nil for an entitlement. A table by stream and segment, made once.
    static func moneyLeft(_ scenario: Scenario, _ years: YearLedger?, used: [Int64]) -> (Int, Int) -> Int64? {
        let table = scenario.streams.enumerated().map { s, stream in
            scenario.timeline.segments.map { seg -> Int64? in
                guard let limit = stream.limit else { return nil }
                guard let years, !stream.allotments.isEmpty else { return limit - used[s] }
                let open = Set(stream.allotments.filter { $0.covers(seg.from, seg.to) }.map(\.label))
                return years.allotments.filter { $0.stream == stream.id && open.contains($0.label) }.reduce(0) {
                    $0 + $1.budget - $1.spent
                }
            }
        }
        return { s, k in table[s][k] }
    }
}
