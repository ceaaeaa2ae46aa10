import BraidPolicy
import BraidScenario
import BraidSolver

/// The rows that make a plan adoptable: seats, targets, priority of service and the indicators
/// that count the people a stream pays for.
extension FormulationBuilder {
    /// Each program with seats: at most that many of its members served.
    mutating func addSeats() {
        for program in scenario.programs {
            guard let seats = program.seats else { continue }
            let members = analyses.indices.filter { analyses[$0].person.program == program.info.id }
            guard members.count > seats else { continue }
            linkingRows.append(
                model.addConstraint(
                    "seats[\(program.info.id)]", members.map { (served[$0], 1) }, .atMost(Double(seats))))
        }
    }

    /// Binary "stream s pays for participant i" for every stream a share counts in people.
    mutating func addIndicators(_ streams: Set<Int>) {
        guard !streams.isEmpty else { return }
        for i in analyses.indices {
            for s in streams.sorted() {
                let mine = cellsByParticipant[i].filter { cells[$0].stream == s }
                guard !mine.isEmpty else { continue }
                let p = model.addVariable("p[\(analyses[i].person.id),\(scenario.streams[s].id)]", kind: .binary)
                let most = mine.reduce(Int64(0)) { $0 + cells[$1].upper }
                let terms = mine.map { (cells[$0].variable, 1.0) }
                model.addConstraint(
                    "paid[\(analyses[i].person.id),\(scenario.streams[s].id)]", terms + [(p, -Double(most) / 100)],
                    .atMost(0))
                model.addConstraint(
                    "paidcent[\(analyses[i].person.id),\(scenario.streams[s].id)]", terms + [(p, -0.01)], .atLeast(0))
                indicators.append(PaidIndicator(participant: i, stream: s, variable: p, cells: mine))
            }
        }
    }

    /// The scenario's targets as rows over the served (or paid-for) variables.
    /// - Throws: ``InfeasibleError`` when a count target exceeds the group members who could be served.
    mutating func addTargets(skipping dropped: Set<Int>) throws(InfeasibleError) {
        let n = Double(analyses.count)
        for (t, target) in scenario.targets.enumerated() where !dropped.contains(t) {
            let group = analyses.indices.filter { analyses[$0].groups[t] }
            let terms: [(Variable, Double)]
            let bound: ConstraintBound
            switch target.requirement {
            case .atLeast(let count):
                let open = group.filter { model.upperBounds[served[$0].index] > 0 }
                if open.count < count {
                    throw InfeasibleError(
                        "target '\(target.label)' needs at least \(count) served, but only \(open.count) of its \(group.count) applicants can be served at all"
                    )
                }
                terms = group.map { (served[$0], 1) }
                bound = .atLeast(Double(count))
            case .shareAtLeast(let share, nil):
                terms = analyses.indices.map { (served[$0], (analyses[$0].groups[t] ? 1 : 0) - share) }
                bound = .atLeast(0)
            case .shareAtLeast(let share, .some(let id)):
                let s = scenario.streams.firstIndex { $0.id == id }!
                terms = indicators.filter { $0.stream == s }.map {
                    ($0.variable, (analyses[$0.participant].groups[t] ? 1 : 0) - share)
                }
                bound = .atLeast(0)
            case .rateAtLeast(let multiple):
                guard !group.isEmpty else { continue }
                // group served / |group| ≥ multiple × served / n, times |group|.
                let m = multiple * Double(group.count) / n
                terms = analyses.indices.map { (served[$0], (analyses[$0].groups[t] ? 1 : 0) - m) }
                bound = .atLeast(0)
            }
            let row = model.addConstraint("target[\(t)]", terms.filter { $0.1 != 0 }, bound)
            if !target.requirement.countsPaidPeople { linkingRows.append(row) }
            goalRows.append(GoalRow(goal: .target(t), constraint: row))
        }
    }

    /// Priority of service for each stream that has it (``StreamPriority``): a gate per tier
    /// below the first, and under a state alternative the share row.
    mutating func addPriority(_ priorities: [StreamPriority]) {
        for sp in priorities {
            let s = sp.order.stream
            var previous: Variable? = nil
            var previousPartial: Variable? = nil
            for tier in 2...(sp.order.tiers.count + 1) {
                let tierCells = sp.members[tier - 1].flatMap { i in
                    cellsByParticipant[i].filter { cells[$0].stream == s }
                }
                let protected = sp.protected(above: tier)
                guard !tierCells.isEmpty, !protected.isEmpty else { continue }
                let closed = !scenario.canServeAll(protected, analyses)
                let g = model.addVariable(
                    "g[\(scenario.streams[s].id),\(tier)]", kind: .binary, upper: closed ? 0 : 1)
                let most = tierCells.reduce(Int64(0)) { $0 + cells[$1].upper }
                let u = Double(min(scenario.streams[s].limit ?? most, most)) / 100
                let id = scenario.streams[s].id
                let partial = partialGate(sp, tier: tier)
                var rows = [
                    model.addConstraint(
                        "gate[\(id),\(tier)]",
                        tierCells.map { (cells[$0].variable, 1.0) } + [(g, -u)] + (partial.map { [($0.h, -u)] } ?? []),
                        .atMost(0)),
                    model.addConstraint(
                        "priority[\(id),\(tier)]",
                        protected.map { (served[$0], 1.0) } + [(g, -Double(protected.count))],
                        .atLeast(-0.01)),
                ]
                if let previous {
                    rows.append(model.addConstraint("gates[\(id),\(tier)]", [(g, 1), (previous, -1)], .atMost(0)))
                }
                linkingRows += rows
                let partialRows =
                    partial.map {
                        addPartialRows($0, sp, tier: tier, g: g, previous: previous, previousPartial: previousPartial)
                    } ?? []
                linkingRows += partialRows
                previous = g
                previousPartial = partial?.h
                gates.append(
                    PriorityGate(
                        stream: s, tier: tier, variable: g, cells: tierCells, protected: protected,
                        closedByPresolve: closed, rows: rows, partial: partial?.h, partialRows: partialRows))
            }
            if let share = sp.order.share {
                let terms = indicators.filter { $0.stream == s }.map {
                    ($0.variable, (analyses[$0.participant].shareGroup[s] ? 1 : 0) - share)
                }
                let row = model.addConstraint("priorityshare[\(scenario.streams[s].id)]", terms, .atLeast(0))
                goalRows.append(GoalRow(goal: .priorityShare(stream: s), constraint: row))
            }
        }
    }
}

extension FormulationBuilder {
    /// What a gate's partial setting (``PriorityGate/partial``) needs: its binary `h`, and the
    /// least the higher tiers (and programs) must get of the stream's money while it holds.
    struct PartialGate {
        let h: Variable
        let needed: Int64
        let cells: [Int]
        let programCells: [Int]
    }

    /// A gate's partial setting, when the stream has a limit and some of its money could go
    /// below the tier without reaching what any protected applicant needs (else nil). `needed` is
    /// `limit − cheapest + margin`; the margin is a cent, plus a cent for each cell that counts:
    /// rounding to cents moves each cell by less than one, so the rounded plan keeps the guarantee.
    mutating func partialGate(_ sp: StreamPriority, tier: Int) -> PartialGate? {
        let s = sp.order.stream
        guard let limit = scenario.streams[s].limit, let cheapest = sp.cheapest(above: tier), cheapest > 0 else {
            return nil
        }
        let above = (0..<(tier - 1)).flatMap { sp.members[$0] }.flatMap { i in
            cellsByParticipant[i].filter { cells[$0].stream == s }
        }.sorted()
        let programs = programCells.indices.filter { programCells[$0].stream == s }
        let needed = limit - cheapest + Int64(1 + above.count + programs.count)
        let reachable =
            above.reduce(Int64(0)) { $0 + cells[$1].upper } + programs.reduce(Int64(0)) { $0 + programCells[$1].upper }
        guard needed > 0, needed <= reachable else { return nil }
        let h = model.addVariable("h[\(scenario.streams[s].id),\(tier)]", kind: .binary)
        return PartialGate(h: h, needed: needed, cells: above, programCells: programs)
    }

    /// The partial setting's rows: `Σ higher tiers' and programs' cells ≥ needed · h`,
    /// `g + h ≤ 1`, and `h ≤ g' + h'` after the previous gate.
    mutating func addPartialRows(
        _ p: PartialGate, _ sp: StreamPriority, tier: Int, g: Variable, previous: Variable?, previousPartial: Variable?
    ) -> [Constraint] {
        let id = scenario.streams[sp.order.stream].id
        var rows = [
            model.addConstraint(
                "partial[\(id),\(tier)]",
                p.cells.map { (cells[$0].variable, 1.0) } + p.programCells.map { (programCells[$0].variable, 1.0) }
                    + [(p.h, -Double(p.needed) / 100)], .atLeast(0)),
            model.addConstraint("gateor[\(id),\(tier)]", [(g, 1), (p.h, 1)], .atMost(1)),
        ]
        if let previous {
            rows.append(
                model.addConstraint(
                    "partials[\(id),\(tier)]",
                    [(p.h, 1), (previous, -1)] + (previousPartial.map { [($0, -1.0)] } ?? []),
                    .atMost(0)))
        }
        return rows
    }
}

extension Target.Requirement {
    /// Whether the target counts the people a stream pays for (per-participant indicators).
    var countsPaidPeople: Bool {
        if case .shareAtLeast(_, .some) = self { return true }
        return false
    }
}
