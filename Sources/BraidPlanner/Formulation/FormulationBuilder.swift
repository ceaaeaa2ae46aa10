import BraidPolicy
import BraidScenario
import BraidSolver

/// Builds a ``Formulation`` step by step: programs, each participant (cells, shares, caps,
/// ordering), minimum enrollment and program costs, budgets and stream caps, matching. The order
/// of variables and rows is part of the output's determinism: the solver's path depends on it.
struct FormulationBuilder {
    let scenario: Scenario
    let analyses: [ParticipantAnalysis]
    let names: Bool
    let programIndex: [String: Int]
    var model = LinearModel(name: "braid")
    var runs: [Variable] = []
    var programCells: [Cell] = []
    var served: [Variable] = []
    var cells: [Cell] = []
    var capRows: [CapRow] = []
    var orderingRows: [OrderingRow] = []
    var laterPayerCells: [Int] = []
    var cellsByParticipant: [[Int]] = []
    var participantCaps: [[Int]] = []
    var linkingRows: [Constraint] = []
    var budgetRows: [Constraint?] = []
    var matching: [MatchRow] = []
    var gates: [PriorityGate] = []
    var indicators: [PaidIndicator] = []
    var goalRows: [GoalRow] = []
    var sharedCosts: [SharedCostRows] = []

    init(scenario: Scenario, analyses: [ParticipantAnalysis], names: Bool) {
        self.scenario = scenario
        self.analyses = analyses
        self.names = names
        programIndex = Dictionary(uniqueKeysWithValues: scenario.programs.enumerated().map { ($1.info.id, $0) })
    }

    /// A per-participant name, or "" when names are off.
    private func name(_ text: @autoclosure () -> String) -> String { names ? text() : "" }

    /// A name's segment suffix (`@2`), or "" when the scenario has no money by year.
    func when(_ segment: Int) -> String { scenario.timeline.isTimed ? "@\(segment)" : "" }

    /// Each program's run variable and program-cost cells. A program with a cost no stream may
    /// pay cannot run (its run variable is fixed at 0, and its applicants are blocked:
    /// ``Scenario/unpayableProgramCost(_:)``).
    mutating func addPrograms() {
        let streams = scenario.streams
        for (p, program) in scenario.programs.enumerated() {
            let canRun = scenario.unpayableProgramCost(program) == nil
            runs.append(model.addVariable("z[\(program.info.id)]", kind: .binary, upper: canRun ? 1 : 0))
            for (category, cost) in program.costs {
                let payers = scenario.programPayers(program, category)
                for (segment, part) in scenario.programCostParts(program, category, cost) {
                    for s in payers where scenario.timeline.available(s, segment) {
                        let v = model.addVariable(
                            "v[\(program.info.id),\(streams[s].id),\(category)\(when(segment))]",
                            upper: Double(part) / 100)
                        programCells.append(
                            Cell(owner: p, stream: s, category: category, variable: v, upper: part, segment: segment))
                    }
                }
            }
        }
    }

    /// Participant `i`: served variable, the run link, and (unless blocked) their cells and rows.
    mutating func addParticipant(_ i: Int) {
        let a = analyses[i]
        let blocked = a.blocker != nil || programIndex[a.person.program] == nil
        let y = model.addVariable(name("y[\(a.person.id)]"), kind: .binary, upper: blocked ? 0 : 1)
        served.append(y)
        if let p = programIndex[a.person.program] {
            model.addConstraint(name("run[\(a.person.id)]"), [(y, 1), (runs[p], -1)], .atMost(0))
        }
        participantCaps.append([])
        guard !blocked else {
            cellsByParticipant.append([])
            return
        }
        var mine: [Int] = []
        for (category, segment, need, payers) in a.payers {
            addCover(i, y, category, segment, need, payers, into: &mine)
        }
        cellsByParticipant.append(mine)
        addParticipantCaps(i, y, mine)
        addOrderingRows(i, y, mine)
    }

    /// One need: a cell per stream that may pay it (bounded by its share and single-category
    /// caps) and the row Σ cells = need × served.
    private mutating func addCover(
        _ i: Int, _ y: Variable, _ category: CostCategory, _ segment: Int, _ need: Int64, _ payers: [Int],
        into mine: inout [Int]
    ) {
        let a = analyses[i]
        let id = a.person.id
        var terms: [(Variable, Double)] = [(y, -Double(need) / 100)]
        for s in payers {
            let upper = a.upper(s, category, need: need)
            let stream = scenario.streams[s].id
            let v = model.addVariable(
                name("x[\(id),\(stream),\(category)\(when(segment))]"), upper: Double(upper) / 100)
            cells.append(Cell(owner: i, stream: s, category: category, variable: v, upper: upper, segment: segment))
            mine.append(cells.count - 1)
            terms.append((v, 1))
            if upper < need {
                // x ≤ upper · y: valid for the MIP, and it keeps a fractional participant from
                // drawing a whole share or cap in the LP relaxation (a tighter bound).
                model.addConstraint(
                    name("share[\(id),\(stream),\(category)\(when(segment))]"), [(v, 1), (y, -Double(upper) / 100)],
                    .atMost(0))
            }
        }
        model.addConstraint(name("cover[\(id),\(category)\(when(segment))]"), terms, .equal(0))
    }

    /// Per-participant caps over several categories (a policy's cap rule, or a scenario stream's
    /// per-participant cap), where the cells could exceed them.
    private mutating func addParticipantCaps(_ i: Int, _ y: Variable, _ mine: [Int]) {
        let a = analyses[i]
        for (s, stream) in scenario.streams.enumerated() {
            let streamCells = mine.filter { cells[$0].stream == s }
            guard !streamCells.isEmpty else { continue }
            var groups: [(label: String, categories: [CostCategory], limit: Int64)] = []
            // (With money by year a category's need is split across segments, so a cap on one
            // category is a row too.)
            let timed = scenario.timeline.isTimed
            if let decision = a.eligibility[s] {
                for cap in decision.caps where cap.rule.categories.count > 1 || timed {
                    groups.append(("\(stream.id).\(cap.rule.id)", cap.rule.categories, cap.cents))
                }
            } else if let cap = stream.perParticipantCap {
                groups.append(("\(stream.id).per_participant_cap", CostCategory.participant, cap))
            }
            for (label, categories, limit) in groups {
                let group = streamCells.filter { categories.contains(cells[$0].category) }
                guard !group.isEmpty, group.reduce(Int64(0), { $0 + cells[$1].upper }) > limit else { continue }
                let row = model.addConstraint(
                    name("cap[\(a.person.id),\(label)]"),
                    group.map { (cells[$0].variable, 1) } + [(y, -Double(limit) / 100)], .atMost(0))
                participantCaps[i].append(capRows.count)
                capRows.append(
                    CapRow(
                        constraint: row, cells: group, programCells: [], limit: limit,
                        label: "\(label) for \(a.person.id)"))
            }
        }
    }

    /// Payer of last resort: an entitlement named in an ordering rule pays all it can first (a
    /// row). Where a budgeted stream named in one may pay the same need, the rule's stream pays
    /// last in phase 2 (``laterPayerCells``).
    private mutating func addOrderingRows(_ i: Int, _ y: Variable, _ mine: [Int]) {
        let a = analyses[i]
        let streams = scenario.streams
        var required = Set<Int>()
        for s in streams.indices {
            guard let decision = a.eligibility[s], decision.eligible else { continue }
            for rule in decision.stream.ordering
            where mine.contains(where: { cells[$0].stream == s && rule.categories.contains(cells[$0].category) }) {
                for other in rule.after {
                    guard let e = streams.firstIndex(where: { $0.id == other }) else { continue }
                    if streams[e].policy?.entitlement == true {
                        required.insert(e)
                        continue
                    }
                    let earlier = Set(mine.filter { cells[$0].stream == e }.map { cells[$0].category })
                    laterPayerCells += mine.filter {
                        cells[$0].stream == s && rule.categories.contains(cells[$0].category)
                            && earlier.contains(cells[$0].category)
                    }
                }
            }
        }
        for e in required.sorted() {
            let eCells = mine.filter { cells[$0].stream == e }
            guard !eCells.isEmpty else { continue }
            var amount = eCells.reduce(Int64(0)) { $0 + cells[$1].upper }
            for cap in a.eligibility[e]?.caps ?? [] {
                let outside = eCells.filter { !cap.rule.categories.contains(cells[$0].category) }.reduce(Int64(0)) {
                    $0 + cells[$1].upper
                }
                amount = min(amount, cap.cents + outside)
            }
            guard amount > 0 else { continue }
            model.addConstraint(
                name("first[\(a.person.id),\(streams[e].id)]"),
                eCells.map { (cells[$0].variable, 1) } + [(y, -Double(amount) / 100)],
                .atLeast(0))
            orderingRows.append(OrderingRow(participant: i, stream: e, amount: amount, cells: eCells))
        }
    }

    /// Each program: at least its minimum enrollment served when it runs, and its costs paid.
    mutating func addEnrolment() {
        for (p, program) in scenario.programs.enumerated() {
            let members = analyses.indices.filter { analyses[$0].person.program == program.info.id }
            var terms: [(Variable, Double)] = members.map { (served[$0], 1) }
            terms.append((runs[p], -Double(program.minEnrollment)))
            linkingRows.append(model.addConstraint("enrol[\(program.info.id)]", terms, .atLeast(0)))
            let costs = programCells.filter { $0.owner == p }
            for (category, cost) in program.costs {
                for (segment, part) in scenario.programCostParts(program, category, cost) {
                    let own = costs.filter { $0.category == category && $0.segment == segment }
                    linkingRows.append(
                        model.addConstraint(
                            "program[\(program.info.id),\(category)\(when(segment))]",
                            own.map { ($0.variable, 1) } + [(runs[p], -Double(part) / 100)], .equal(0)))
                }
            }
        }
    }

    /// Each stream's budget (or cap) and its policy's stream caps (e.g. an administrative share).
    mutating func addBudgets() {
        let context = EvaluationContext.withoutParticipant(environment: scenario.environment)
        for (s, stream) in scenario.streams.enumerated() {
            let mine = cells.indices.filter { cells[$0].stream == s }
            let programMine = programCells.indices.filter { programCells[$0].stream == s }
            guard let limit = stream.limit else {
                budgetRows.append(nil)
                continue
            }
            // (A dollar in an indirect base costs the budget 1 + the rate: the indirect cost too.)
            var whole: Constraint? = nil
            for range in scenario.budgetRanges(s) {
                let inRange = mine.filter { range.segments.contains(cells[$0].segment) }
                let programInRange = programMine.filter { range.segments.contains(programCells[$0].segment) }
                let rangeLimit = range.whole ? min(limit, range.cents) : range.cents
                let row = model.addConstraint(
                    "budget[\(stream.id)\(range.whole ? "" : "," + range.label)]",
                    inRange.map { (cells[$0].variable, 1 + scenario.indirectRate(s, cells[$0].category)) }
                        + programInRange.map {
                            (programCells[$0].variable, 1 + scenario.indirectRate(s, programCells[$0].category))
                        },
                    .atMost(Double(rangeLimit) / 100))
                if range.whole { whole = row }
                linkingRows.append(row)
                capRows.append(
                    CapRow(
                        constraint: row, cells: inRange, programCells: programInRange, limit: rangeLimit,
                        label: "budget of \(stream.id)\(range.whole ? "" : " " + range.label)"))
            }
            budgetRows.append(whole)
            for cap in stream.policy?.streamCaps ?? [] {
                // (A pooled cap: the group's spending under the share of the group's budgets.)
                guard let members = scenario.capMembers(s, cap) else { continue }
                let share = cap.share.evaluate(context).number ?? 0
                let budgets = members.reduce(0.0) {
                    $0 + Double(scenario.streams[$1].budget ?? scenario.streams[$1].limit ?? 0)
                }
                let capLimit = centsFloor(share * budgets / 100)
                let group = cells.indices.filter {
                    members.contains(cells[$0].stream) && cap.categories.contains(cells[$0].category)
                }
                let programGroup = programCells.indices.filter {
                    members.contains(programCells[$0].stream) && cap.categories.contains(programCells[$0].category)
                }
                guard !group.isEmpty || !programGroup.isEmpty || cap.includesIndirect else { continue }
                var terms =
                    group.map { (cells[$0].variable, 1.0) } + programGroup.map { (programCells[$0].variable, 1.0) }
                if cap.includesIndirect { terms = withIndirect(terms, members) }
                guard !terms.isEmpty else { continue }
                let r = model.addConstraint("streamcap[\(stream.id),\(cap.id)]", terms, .atMost(Double(capLimit) / 100))
                linkingRows.append(r)
                capRows.append(
                    CapRow(
                        constraint: r, cells: group, programCells: programGroup, limit: capLimit,
                        label: "\(stream.id).\(cap.id)"))
            }
        }
    }

    /// A cap's terms plus each member's indirect cost: rate × every cell in its indirect base.
    private func withIndirect(_ terms: [(Variable, Double)], _ members: [Int]) -> [(Variable, Double)] {
        var coefficient: [Int: Double] = [:]
        var order: [Variable] = []
        func add(_ v: Variable, _ a: Double) {
            if coefficient[v.index] == nil { order.append(v) }
            coefficient[v.index, default: 0] += a
        }
        for (v, a) in terms { add(v, a) }
        for cell in cells + programCells where members.contains(cell.stream) {
            let rate = scenario.indirectRate(cell.stream, cell.category)
            if rate > 0 { add(cell.variable, rate) }
        }
        return order.map { ($0, coefficient[$0.index]!) }
    }

    /// Matching: the matching stream spends at most rate × the eligible non-federal spending.
    mutating func addMatching() {
        let streams = scenario.streams
        let context = EvaluationContext.withoutParticipant(environment: scenario.environment)
        for (m, stream) in streams.enumerated() {
            guard let rule = stream.policy?.matching else { continue }
            let rate = rule.rate.evaluate(context).number ?? 0
            let targets = stream.reimburses.compactMap { id in streams.firstIndex { $0.id == id } }
            let base = cells.indices.filter { k in
                let c = cells[k]
                guard targets.contains(c.stream), let d = analyses[c.owner].eligibility[m] else { return false }
                return d.allows(c.category)
            }
            let paid = cells.indices.filter { cells[$0].stream == m }
            let programPaid = programCells.indices.filter { programCells[$0].stream == m }
            var terms = paid.map { (cells[$0].variable, 1.0) } + programPaid.map { (programCells[$0].variable, 1.0) }
            terms += base.map { (cells[$0].variable, -rate) }
            let row = model.addConstraint("match[\(stream.id)]", terms, .atMost(0))
            linkingRows.append(row)
            matching.append(
                MatchRow(constraint: row, stream: m, rate: rate, base: base, paid: paid, programPaid: programPaid))
        }
    }
}
