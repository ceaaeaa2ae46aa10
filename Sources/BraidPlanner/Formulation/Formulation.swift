import BraidPolicy
import BraidScenario
import BraidSolver

/// The MIP of a scenario (the model in `docs/DESIGN.md`), with handles to read the solution back.
///
/// Variables: per participant a binary "served" y and, per needed category and stream that may
/// pay it, an amount (a participant ``Cell``); per program a binary "runs" z and its program-cost
/// cells. Rows: each need covered exactly when served, shares and caps, payer-of-last-resort
/// ordering, minimum enrollment, program costs, budgets, stream caps and matching. The
/// objective: the weighted number of people served.
public struct Formulation: Sendable {
    public var model: LinearModel
    public let analyses: [ParticipantAnalysis]
    public let served: [Variable]
    public let runs: [Variable]
    /// Participant cells, then program cells.
    public internal(set) var cells: [Cell]
    public let programCells: [Cell]
    /// Budget rows by stream index (nil when the stream has no limit).
    public let budgetRows: [Constraint?]
    /// Per-participant caps, stream caps and budgets, for rounding.
    public let capRows: [CapRow]
    public let matching: [MatchRow]
    public let orderingRows: [OrderingRow]
    /// Cells of a stream that an ordering rule puts after a budgeted stream that may pay the same
    /// need (WIOA supportive services after SNAP E&T and TANF, 20 CFR 680.910): phase 2 spends
    /// them last, before `use_order` decides anything, so they pay only what the earlier
    /// streams cannot.
    public let laterPayerCells: [Int]
    /// Phase 2's cost per dollar of each participant cell: its stream's rank, plus a step larger
    /// than the ranks span for ``laterPayerCells`` (so they are spent last, then `use_order`).
    public let cellCost: [Double]
    /// Cost rank per stream for phase 2 (earlier in use_order = cheaper).
    public let rank: [Double]
    /// Each participant's cells (indices into `cells`), in need order.
    public let cellsByParticipant: [[Int]]
    /// Each participant's caps over several of their cells (rows of `capRows`).
    public let participantCaps: [[Int]]
    /// The rows that link participants or programs: minimum enrollment, program costs, budgets,
    /// stream caps, matching, seats, targets in people served and priority gates. Every other row
    /// belongs to one participant, except the rows over ``indicators``.
    public internal(set) var linkingRows: [Constraint]
    /// Priority-of-service gates, stream by stream, tier by tier.
    public let gates: [PriorityGate]
    /// "Stream pays for participant" binaries, for shares counted in people a stream pays for.
    public let indicators: [PaidIndicator]
    /// Targets' and priority shares' rows.
    public let goalRows: [GoalRow]
    /// Shared costs' cells and basis terms, by pool (``Scenario/sharedCosts``).
    public let sharedCosts: [SharedCostRows]

    /// Every binary: served, runs, gates, indicators.
    public var binaries: [Variable] {
        served + runs + gates.map(\.variable) + gates.compactMap(\.partial) + indicators.map(\.variable)
    }
    /// The model with gates fixed (``GateSetting``): open (its protected participants served),
    /// partial (its tier paid only what could serve none of them: the partial row holds), closed
    /// (its tier's cells pay nothing: their upper limit becomes 0, so the decomposition's pricing
    /// leaves them out too); nil leaves the gate free.
    ///
    /// A fixed gate's rows that its bounds make hold (the tier's limit, the order after the
    /// previous gate, a closed gate's count, a setting's exclusions) leave the linking rows: the
    /// decomposition's masters are smaller without them.
    func fixingGates(_ settings: [GateSetting?]) -> Formulation {
        var f = self
        var redundant = Set<Int>()
        for (g, gate) in gates.enumerated() {
            guard let setting = settings[g] else { continue }
            let open = setting == .open
            let partial = setting == .partial
            f.model.setBounds(gate.variable, lower: open ? 1 : 0, upper: open ? 1 : 0)
            if let h = gate.partial { f.model.setBounds(h, lower: partial ? 1 : 0, upper: partial ? 1 : 0) }
            // (An open gate's count row stays: it is what serves the protected in the decomposition;
            // a partial gate's own row stays: it is what keeps the tier under the cheapest protected.)
            for (r, row) in gate.rows.enumerated() where !(open && r == 1) { redundant.insert(row.index) }
            for (r, row) in gate.partialRows.enumerated() where !(partial && r == 0) { redundant.insert(row.index) }
            guard setting == .closed else { continue }
            for k in gate.cells {
                let c = cells[k]
                f.cells[k] = Cell(
                    owner: c.owner, stream: c.stream, category: c.category, variable: c.variable, upper: 0,
                    segment: c.segment)
                f.model.setBounds(c.variable, lower: 0, upper: 0)
            }
        }
        // (A row linking two gates holds only when both are fixed.)
        for (g, gate) in gates.enumerated() where settings[g] == nil || (g > 0 && settings[g - 1] == nil) {
            if gate.rows.count > 2 { redundant.remove(gate.rows[2].index) }
            if gate.partialRows.count > 2 { redundant.remove(gate.partialRows[2].index) }
        }
        f.linkingRows.removeAll { redundant.contains($0.index) }
        return f
    }

    /// Participants every plan of this model serves: the protected of each gate fixed open.
    public var forcedServed: [Int] {
        Array(Set(gates.filter { model.lowerBounds[$0.variable.index] >= 1 }.flatMap(\.protected))).sorted()
    }

    /// Whether the decomposition can solve the model: no row couples per-participant indicators.
    public var decomposable: Bool { indicators.isEmpty }

    /// Builds the model.
    /// - Parameter names: whether each participant's variables and rows are named (for an
    ///   exported model); without, they are empty (the decomposition never solves or shows this
    ///   model's per-participant parts by name: at 10,000 applicants the names took 0.07 s).
    /// - Throws: ``InfeasibleError`` when a program's costs cannot be paid by any stream.
    /// - Parameters:
    ///   - priorities: the priority orders to enforce (default: all of ``Scenario/priorities(_:)``).
    ///   - droppedTargets: targets (indices) left out, to price them.
    public init(
        scenario: Scenario, analyses: [ParticipantAnalysis], priorities: [StreamPriority]? = nil,
        droppedTargets: Set<Int> = [],
        basisBoxes: [BasisBox]? = nil,
        names: Bool = true
    ) throws(InfeasibleError) {
        var builder = FormulationBuilder(scenario: scenario, analyses: analyses, names: names)
        builder.addPrograms()
        for i in analyses.indices { builder.addParticipant(i) }
        builder.addEnrolment()
        try builder.addSharedCosts(basisBoxes ?? Self.rootBoxes(scenario, analyses))
        builder.addSeats()
        builder.addBudgets()
        builder.addMatching()
        var counted = Set<Int>()
        for (t, target) in scenario.targets.enumerated() where !droppedTargets.contains(t) {
            if case .shareAtLeast(_, .some(let id)) = target.requirement {
                counted.insert(scenario.streams.firstIndex { $0.id == id }!)
            }
        }
        let priorities = priorities ?? scenario.priorities(analyses)
        for sp in priorities where sp.order.share != nil { counted.insert(sp.order.stream) }
        builder.addIndicators(counted)
        try builder.addTargets(skipping: droppedTargets)
        builder.addPriority(priorities)
        builder.model.setObjective(.maximize, analyses.indices.map { (builder.served[$0], analyses[$0].value) })
        let order = scenario.useOrder
        rank = scenario.streams.map { s in Double((order.firstIndex(of: s.id) ?? order.count) + 1) }
        self.analyses = analyses
        model = builder.model
        served = builder.served
        runs = builder.runs
        cells = builder.cells
        programCells = builder.programCells
        budgetRows = builder.budgetRows
        capRows = builder.capRows
        matching = builder.matching
        orderingRows = builder.orderingRows
        laterPayerCells = Array(Set(builder.laterPayerCells)).sorted()
        let later = Set(laterPayerCells)
        let step = 2 * ((rank.max() ?? 0) + 1)
        let ranks = rank
        // (With money by year, money that could still be spent after the plan comes after money
        // that expires within it; an ordering rule's later payer comes after both.)
        let lasting = scenario.lastingMoney()
        let cells = builder.cells
        let laterStep = scenario.timeline.isTimed ? 3 * step : step
        cellCost = cells.indices.map { k in
            let c = cells[k]
            return ranks[c.stream] + (lasting[c.stream] ? step : 0) + (later.contains(k) ? laterStep : 0)
        }
        cellsByParticipant = builder.cellsByParticipant
        participantCaps = builder.participantCaps
        linkingRows = builder.linkingRows
        gates = builder.gates
        indicators = builder.indicators
        goalRows = builder.goalRows
        sharedCosts = builder.sharedCosts
    }

    /// Each shared cost's basis box before any search: from nothing to everyone in its scope.
    static func rootBoxes(_ scenario: Scenario, _ analyses: [ParticipantAnalysis]) -> [BasisBox] {
        scenario.sharedCosts.map { cost in
            let people = analyses.reduce(Int64(0)) { $0 + scenario.basisUnits(cost, $1.person) }
            let programs = scenario.programs.reduce(Int64(0)) { $0 + scenario.basisUnits(cost, $1) }
            return BasisBox.relaxing(0, people + programs)
        }
    }
}
