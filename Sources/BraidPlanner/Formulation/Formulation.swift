import BraidPolicy
import BraidScenario
import BraidSolver

/// One amount the optimiser may set: stream `stream` pays `category` for participant (or program) `owner`.
public struct Cell: Sendable {
    public let owner: Int
    public let stream: Int
    public let category: CostCategory
    public let variable: Variable
    /// The most it may pay, in cents (need, share and single-category caps).
    public let upper: Int64
}

/// A linear cap over cells: Σ cells ≤ limit (cents), with the rule that imposes it.
public struct CapRow: Sendable {
    public let constraint: Constraint
    public let cells: [Int]
    public let limit: Int64
    public let label: String
}

/// The MIP of PRODUCT.md for a scenario, with handles to read the solution back.
public struct Formulation: Sendable {
    public var model: LinearModel
    public let analyses: [ParticipantAnalysis]
    public let served: [Variable]
    public let runs: [Variable]
    /// Participant cells, then program cells.
    public let cells: [Cell]
    public let programCells: [Cell]
    /// Budget rows by stream index (nil when the stream has no limit).
    public let budgetRows: [Constraint?]
    /// Per-participant caps, stream caps and budgets, for rounding.
    public let capRows: [CapRow]
    /// Matching: (row, stream index, rate, matched cell indices, matching stream's cell indices).
    public let matching: [(constraint: Constraint, stream: Int, rate: Double, base: [Int], paid: [Int])]
    /// Ordering rows: participant, entitlement stream, amount it must pay in cents.
    public let orderingRows: [(participant: Int, stream: Int, amount: Int64, cells: [Int])]
    /// Cost rank per stream for phase 2 (earlier in use_order = cheaper).
    public let rank: [Double]
    /// Each participant's cells (indices into `cells`), in need order.
    public let cellsByParticipant: [[Int]]
    /// Each participant's caps over several of their cells (rows of `capRows`).
    public let participantCaps: [[Int]]
    /// The rows that link participants or programs: minimum enrollment, program costs, budgets,
    /// stream caps and matching. Every other row belongs to one participant.
    public let linkingRows: [Constraint]

    /// Builds the model.
    /// - Parameter names: whether each participant's variables and rows are named (for an
    ///   exported model); without, they are empty (the decomposition never solves or shows this
    ///   model's per-participant parts by name: at 10,000 applicants the names took 0.07 s).
    /// - Throws: ``InfeasibleError`` when a program's costs cannot be paid by any stream.
    public init(scenario: Scenario, analyses: [ParticipantAnalysis], names: Bool = true) throws(InfeasibleError) {
        var model = LinearModel(name: "braid")
        func name(_ text: @autoclosure () -> String) -> String { names ? text() : "" }
        self.analyses = analyses
        let streams = scenario.streams
        let programIndex = Dictionary(uniqueKeysWithValues: scenario.programs.enumerated().map { ($1.info.id, $0) })
        var runs: [Variable] = []
        var programCells: [Cell] = []
        for (p, program) in scenario.programs.enumerated() {
            runs.append(model.addVariable("z[\(program.info.id)]", kind: .binary))
            for (category, cost) in program.costs {
                let payers = scenario.programPayers(program, category)
                if payers.isEmpty {
                    throw InfeasibleError(
                        "program \(program.info.id) needs \(formatMoney(cost)) of \(category), and no stream in the scenario may pay \(category) for it")
                }
                for s in payers {
                    let v = model.addVariable("v[\(program.info.id),\(streams[s].id),\(category)]", upper: Double(cost) / 100)
                    programCells.append(Cell(owner: p, stream: s, category: category, variable: v, upper: cost))
                }
            }
        }
        var served: [Variable] = []
        var cells: [Cell] = []
        var capRows: [CapRow] = []
        var orderingRows: [(Int, Int, Int64, [Int])] = []
        var cellsByParticipant: [[Int]] = []
        var participantCaps: [[Int]] = []
        var linkingRows: [Constraint] = []
        for (i, a) in analyses.enumerated() {
            let id = a.person.id
            let blocked = a.blocker != nil || programIndex[a.person.program] == nil
            let y = model.addVariable(name("y[\(id)]"), kind: .binary, upper: blocked ? 0 : 1)
            served.append(y)
            var mine: [Int] = []
            if let p = programIndex[a.person.program] { model.addConstraint(name("run[\(id)]"), [(y, 1), (runs[p], -1)], .atMost(0)) }
            participantCaps.append([])
            if blocked {
                cellsByParticipant.append([])
                continue
            }
            for (category, need, payers) in a.payers {
                var terms: [(Variable, Double)] = [(y, -Double(need) / 100)]
                for s in payers {
                    var upper = need
                    if let decision = a.eligibility[s] {
                        if let share = decision.categories.first(where: { $0.category == category })?.share {
                            upper = min(upper, centsFloor(share * Double(need) / 100))
                        }
                        for cap in decision.caps where cap.rule.categories == [category] { upper = min(upper, cap.cents) }
                    }
                    let v = model.addVariable(name("x[\(id),\(streams[s].id),\(category)]"), upper: Double(upper) / 100)
                    cells.append(Cell(owner: i, stream: s, category: category, variable: v, upper: upper))
                    mine.append(cells.count - 1)
                    terms.append((v, 1))
                    if upper < need {
                        // x ≤ upper · y: valid for the MIP, and it keeps a fractional participant from
                        // drawing a whole share or cap in the LP relaxation (a tighter bound).
                        model.addConstraint(name("share[\(id),\(streams[s].id),\(category)]"), [(v, 1), (y, -Double(upper) / 100)], .atMost(0))
                    }
                }
                model.addConstraint(name("cover[\(id),\(category)]"), terms, .equal(0))
            }
            cellsByParticipant.append(mine)
            // Per-participant caps over several categories.
            for (s, stream) in streams.enumerated() {
                let streamCells = mine.filter { cells[$0].stream == s }
                guard !streamCells.isEmpty else { continue }
                var groups: [(String, [CostCategory], Int64)] = []
                if let decision = a.eligibility[s] {
                    for cap in decision.caps where cap.rule.categories.count > 1 {
                        groups.append(("\(stream.id).\(cap.rule.id)", cap.rule.categories, cap.cents))
                    }
                } else if let cap = stream.perParticipantCap {
                    groups.append(("\(stream.id).per_participant_cap", CostCategory.participant, cap))
                }
                for (label, categories, limit) in groups {
                    let group = streamCells.filter { categories.contains(cells[$0].category) }
                    guard !group.isEmpty, group.reduce(Int64(0), { $0 + cells[$1].upper }) > limit else { continue }
                    let row = model.addConstraint(
                        name("cap[\(id),\(label)]"), group.map { (cells[$0].variable, 1) } + [(y, -Double(limit) / 100)], .atMost(0))
                    participantCaps[i].append(capRows.count)
                    capRows.append(CapRow(constraint: row, cells: group, limit: limit, label: "\(label) for \(id)"))
                }
            }
            // Payer of last resort: an entitlement named in an ordering rule pays all it can first.
            var required = Set<Int>()
            for (s, _) in streams.enumerated() {
                guard let decision = a.eligibility[s], decision.eligible else { continue }
                for rule in decision.stream.ordering where mine.contains(where: { cells[$0].stream == s && rule.categories.contains(cells[$0].category) }) {
                    for other in rule.after {
                        if let e = streams.firstIndex(where: { $0.id == other }), streams[e].policy?.entitlement == true { required.insert(e) }
                    }
                }
            }
            for e in required.sorted() {
                let eCells = mine.filter { cells[$0].stream == e }
                guard !eCells.isEmpty else { continue }
                var amount = eCells.reduce(Int64(0)) { $0 + cells[$1].upper }
                for cap in a.eligibility[e]?.caps ?? [] {
                    let outside = eCells.filter { !cap.rule.categories.contains(cells[$0].category) }.reduce(Int64(0)) { $0 + cells[$1].upper }
                    amount = min(amount, cap.cents + outside)
                }
                guard amount > 0 else { continue }
                model.addConstraint(
                    name("first[\(id),\(streams[e].id)]"), eCells.map { (cells[$0].variable, 1) } + [(y, -Double(amount) / 100)], .atLeast(0))
                orderingRows.append((i, e, amount, eCells))
            }
        }
        // Minimum enrollment.
        for (p, program) in scenario.programs.enumerated() {
            let members = analyses.indices.filter { analyses[$0].person.program == program.info.id }
            var terms: [(Variable, Double)] = members.map { (served[$0], 1) }
            terms.append((runs[p], -Double(program.minEnrollment)))
            linkingRows.append(model.addConstraint("enrol[\(program.info.id)]", terms, .atLeast(0)))
            let costs = programCells.filter { $0.owner == p }
            for (category, cost) in program.costs {
                let own = costs.filter { $0.category == category }
                linkingRows.append(model.addConstraint(
                    "program[\(program.info.id),\(category)]", own.map { ($0.variable, 1) } + [(runs[p], -Double(cost) / 100)], .equal(0)))
            }
        }
        // Budgets and stream caps.
        var budgetRows: [Constraint?] = []
        for (s, stream) in streams.enumerated() {
            let mine = cells.indices.filter { cells[$0].stream == s }
            let programMine = programCells.indices.filter { programCells[$0].stream == s }
            guard let limit = stream.limit else {
                budgetRows.append(nil)
                continue
            }
            let row = model.addConstraint(
                "budget[\(stream.id)]", mine.map { (cells[$0].variable, 1) } + programMine.map { (programCells[$0].variable, 1) },
                .atMost(Double(limit) / 100))
            budgetRows.append(row)
            linkingRows.append(row)
            capRows.append(CapRow(constraint: row, cells: mine + programMine.map { -1 - $0 }, limit: limit, label: "budget of \(stream.id)"))
            for cap in stream.policy?.streamCaps ?? [] {
                let share = cap.share.evaluate(EvaluationContext.withoutParticipant(environment: scenario.environment)).number ?? 0
                let capLimit = centsFloor(share * Double(stream.budget ?? limit) / 100)
                let group = mine.filter { cap.categories.contains(cells[$0].category) } + programMine.filter { cap.categories.contains(programCells[$0].category) }.map { -1 - $0 }
                guard !group.isEmpty else { continue }
                let terms = group.map { $0 >= 0 ? (cells[$0].variable, 1.0) : (programCells[-1 - $0].variable, 1.0) }
                let r = model.addConstraint("streamcap[\(stream.id),\(cap.id)]", terms, .atMost(Double(capLimit) / 100))
                linkingRows.append(r)
                capRows.append(CapRow(constraint: r, cells: group, limit: capLimit, label: "\(stream.id).\(cap.id)"))
            }
        }
        // Matching: the matching stream spends at most rate × eligible non-federal spending.
        var matching: [(Constraint, Int, Double, [Int], [Int])] = []
        for (m, stream) in streams.enumerated() {
            guard let rule = stream.policy?.matching else { continue }
            let rate = rule.rate.evaluate(EvaluationContext.withoutParticipant(environment: scenario.environment)).number ?? 0
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
            matching.append((row, m, rate, base, paid + programPaid.map { -1 - $0 }))
        }
        model.setObjective(.maximize, analyses.indices.map { (served[$0], analyses[$0].weight) })
        let order = scenario.useOrder
        rank = streams.map { s in Double((order.firstIndex(of: s.id) ?? order.count) + 1) }
        self.model = model
        self.served = served
        self.runs = runs
        self.cells = cells
        self.programCells = programCells
        self.budgetRows = budgetRows
        self.capRows = capRows
        self.matching = matching
        self.orderingRows = orderingRows
        self.cellsByParticipant = cellsByParticipant
        self.participantCaps = participantCaps
        self.linkingRows = linkingRows
    }
}
