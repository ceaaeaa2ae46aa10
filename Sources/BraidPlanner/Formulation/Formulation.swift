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
    public let cells: [Cell]
    public let programCells: [Cell]
    /// Budget rows by stream index (nil when the stream has no limit).
    public let budgetRows: [Constraint?]
    /// Per-participant caps, stream caps and budgets, for rounding.
    public let capRows: [CapRow]
    public let matching: [MatchRow]
    public let orderingRows: [OrderingRow]
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
        var builder = FormulationBuilder(scenario: scenario, analyses: analyses, names: names)
        try builder.addPrograms()
        for i in analyses.indices { builder.addParticipant(i) }
        builder.addEnrolment()
        builder.addBudgets()
        builder.addMatching()
        builder.model.setObjective(.maximize, analyses.indices.map { (builder.served[$0], analyses[$0].weight) })
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
        cellsByParticipant = builder.cellsByParticipant
        participantCaps = builder.participantCaps
        linkingRows = builder.linkingRows
    }
}
