import BraidPolicy
import BraidScenario
import BraidSolver
import Dispatch
import Foundation
import Logging

/// The fast path for large rosters: Dantzig–Wolfe column generation over the model of docs/DESIGN.md.
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
    private(set) var f: Formulation
    /// Per participant: index of its program's run variable (nil when it cannot be served).
    let programOf: [Int?]
    /// The participants who may be served (those with a program index), in roster order.
    let active: [Int]
    /// Each cell's entries in the linking rows (CSR by cell).
    let cellStart: [Int]
    let cellRow: [Int32]
    let cellCoefficient: [Double]
    /// Each participant's served variable's entries in the linking rows.
    let servedEntries: [[LinkEntry]]
    /// Run, program-cell and priority-gate variables (in that order), and their entries in the
    /// linking rows.
    let extras: [Variable]
    let extraEntries: [[LinkEntry]]
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
    /// Set when the answer no longer matters (``PlanOptions/stop``): column generation and the
    /// margin search throw ``PlanningStopped`` at their next round.
    var stop: StopSignal? = nil

    init(_ f: Formulation, scenario: Scenario, tuning: Tuning = Tuning(), log: Logger = Logger(label: "braid.planner"))
    {
        self.f = f
        self.tuning = tuning
        self.log = log
        let programIndex = Dictionary(uniqueKeysWithValues: scenario.programs.enumerated().map { ($1.info.id, $0) })
        let n = f.analyses.count
        var programOf = f.analyses.indices.map { i -> Int? in
            guard f.model.upperBounds[f.served[i].index] > 0 else { return nil }
            return programIndex[f.analyses[i].person.program]
        }
        let entries = LinkingEntries(f)
        cellStart = entries.cellStart
        cellRow = entries.cellRow
        cellCoefficient = entries.cellCoefficient
        servedEntries = entries.servedEntries
        extras = entries.extras
        extraEntries = entries.extraEntries
        var firstRows = [[FirstRow]](repeating: [], count: n)
        for row in f.orderingRows { firstRows[row.participant].append(FirstRow(cells: row.cells, amount: row.amount)) }
        // The network is kept for small rosters (re-priced often: marginal values, sweeps).
        let keepNetworks = n < tuning.cachedPricingNetworksBelow
        blocks = f.analyses.indices.map { i in
            programOf[i] == nil ? nil : Block.make(participant: i, f, first: firstRows[i], keepNetwork: keepNetworks)
        }
        // (A participant whose needs do not match their cells cannot be served: no block.)
        for i in programOf.indices where blocks[i] == nil { programOf[i] = nil }
        self.programOf = programOf
        active = f.analyses.indices.filter { programOf[$0] != nil }
        step = f.objectiveStep
        compactMaster = active.count >= tuning.compactMasterFrom
    }
}

extension Decomposition {
    /// Whether extra `e` is a program-cost amount (not a binary: a run or a priority gate).
    func isAmount(_ e: Int) -> Bool { e >= f.runs.count && e < f.runs.count + f.programCells.count }
}

/// The linking rows' entries of the formulation's variables, by kind: each participant cell's
/// (compressed by cell), each served variable's, and each run or program-cost variable's.
struct LinkingEntries {
    let cellStart: [Int]
    let cellRow: [Int32]
    let cellCoefficient: [Double]
    let servedEntries: [[LinkEntry]]
    /// Run and program-cell variables, and their entries.
    let extras: [Variable]
    let extraEntries: [[LinkEntry]]

    init(_ f: Formulation) {
        var role = [VariableRole](repeating: .other, count: f.model.variableCount)
        for (k, cell) in f.cells.enumerated() { role[cell.variable.index] = .cell(Int32(k)) }
        for (i, y) in f.served.enumerated() { role[y.index] = .served(Int32(i)) }
        let extras = f.runs + f.programCells.map(\.variable) + f.gates.map(\.variable) + f.gates.compactMap(\.partial)
        for (e, v) in extras.enumerated() { role[v.index] = .extra(Int32(e)) }
        var counts = [Int](repeating: 0, count: f.cells.count + 1)
        var servedEntries = [[LinkEntry]](repeating: [], count: f.analyses.count)
        var extraEntries = [[LinkEntry]](repeating: [], count: extras.count)
        var cellEntries: [(cell: Int32, entry: LinkEntry)] = []
        for (j, row) in f.linkingRows.enumerated() {
            for (v, a) in f.model.terms(of: row) {
                let entry = LinkEntry(row: Int32(j), coefficient: a)
                switch role[v.index] {
                case .cell(let k):
                    cellEntries.append((k, entry))
                    counts[Int(k) + 1] += 1
                case .served(let i): servedEntries[Int(i)].append(entry)
                case .extra(let e): extraEntries[Int(e)].append(entry)
                case .other: break
                }
            }
        }
        for k in 0..<f.cells.count { counts[k + 1] += counts[k] }
        var fill = counts
        var rows = [Int32](repeating: 0, count: cellEntries.count)
        var coefficients = [Double](repeating: 0, count: cellEntries.count)
        for (cell, entry) in cellEntries {
            rows[fill[Int(cell)]] = entry.row
            coefficients[fill[Int(cell)]] = entry.coefficient
            fill[Int(cell)] += 1
        }
        cellStart = counts
        cellRow = rows
        cellCoefficient = coefficients
        self.servedEntries = servedEntries
        self.extras = extras
        self.extraEntries = extraEntries
    }
}

extension Decomposition {
    /// The same decomposition over a formulation with other bounds on its cells (the same rows
    /// and variables; a participant's served bound unchanged): pricing then reads the new cells'
    /// limits, kept pricing networks included (``flow(_:costs:)`` sets their cells' capacities).
    /// A node's bound no longer builds every block again: 8.5 ms of each of the four-year
    /// Indiana's node bounds.
    func replacing(_ node: Formulation) -> Decomposition {
        var copy = self
        copy.f = node
        return copy
    }
}
