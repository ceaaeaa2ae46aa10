import BraidPolicy
import BraidScenario
import BraidSolver
import Dispatch
import Foundation
import Logging

/// The restricted master of a ``Decomposition`` and its column-generation loop.
///
/// The master's variables are the run and program-cost variables, one artificial per linking
/// row (priced out at a large cost, so every master is feasible and an infeasible phase shows as
/// a positive artificial), and the participants' patterns; its rows are the linking rows and one
/// convexity row per participant in the master. Columns are only ever appended, so each master
/// re-solve starts from the previous basis.
struct ColumnGeneration {
    enum Phase: Sendable {
        /// Maximise people served (weighted): Σ patterns ≤ the program runs.
        case served
        /// Minimise Σ rank × dollars with the served set fixed: Σ patterns = 1.
        case spend
    }

    enum Outcome: Equatable { case optimal, timeLimit, infeasible }

    let d: Decomposition
    let phase: Phase
    /// Where progress goes (the decomposition's, or silent for a marginal value's re-solve).
    var log: Logger
    var verbose: Bool { log.logLevel <= .debug }
    /// Bounds of the linking rows and of the run and program-cost variables.
    var base: LinearModel
    /// Participants in the master (with a convexity row).
    let active: [Int]
    var columns: [Decomposition.Column] = []
    var columnsOf: [[Int]]
    var basis: Basis? = nil
    /// The compact master (served phase, from ``Tuning/compactMasterFrom``). One convexity row per
    /// participant makes every simplex iteration cost in proportion to the roster. So a participant with one pattern in the LP has no
    /// row, only the bound x ≤ 1, and programs that may run are pinned running; a row appears
    /// when a participant has two patterns, and after each pricing the patterns at zero outside
    /// the basis are dropped (kept in `columns` for the MIPs), so the rows go again. A pinned
    /// program whose full reduced value says it should not run sends the solve back to the full
    /// master. The LP optimum, duals and proven bound are the full master's.
    var compact = false
    /// Whether the compact master is solved by ``BlockInteriorPoint`` from the second round on
    /// (at scale, with a gap that stops column generation; the first round, from the greedy
    /// crash basis, stays with the simplex). Its duals are central, not a vertex's, and reach the
    /// gap in fewer rounds (docs/DESIGN.md). With no basis, a pattern's place
    /// is told by its value (at a bound within 1e-6): patterns at zero are dropped, and from the
    /// second round patterns settle and rest (``settle(receiving:margin:resting:)``); a new
    /// pattern joins the old one instead of replacing it; the bound is L(π) itself, not the
    /// master's value plus the reduced values (the interior point's optimum is only within its
    /// tolerance). Should it fail, that round's master is the simplex's.
    var interior = false
    /// Per column: whether it is in the compact master's LP.
    var live: [Bool] = []
    /// What `basis` describes when compact: the live columns in LP order and the participants
    /// with a convexity row.
    var layout = CompactLayout(columns: [], rowed: [])
    /// Participants whose one pattern, held at 1, gives way to the pattern just priced (which
    /// starts at 1 in its place, so the basis stays dual feasible).
    var replacing: Set<Int> = []
    /// Per column: dropped once and priced again, so never dropped again (the loop cannot cycle).
    var sticky: [Bool] = []
    /// Per column: settled — a participant's one pattern, held at 1 with a reduced value above
    /// ``Tuning/settleMargin``, taken out of the compact master's LP as a constant (its entries move into
    /// the row limits, its weight into the objective's constant). Each solve checks its reduced
    /// value at the new duals: one that turned negative goes back into the LP (and its
    /// participant never settles again); one whose participant is priced a new pattern goes back
    /// at 1. About half the live patterns at 10,000 applicants, and the simplex works per column.
    var settled: [Bool] = []
    /// Whether patterns settle at ``Tuning/settleMargin`` (and unserved ones rest, see
    /// ``settle(receiving:margin:resting:)``) at scale (from ``Tuning/settleLateFrom``
    /// applicants): once a bound is within ``Tuning/settleNear`` of the master. Before that, from
    /// the round in which ``Tuning/participantsPerRowToSettleEarly`` have a row, only patterns
    /// above ``Tuning/settleEarlyMargin`` settle. (Other schedules tried: docs/benchmark-history.md.)
    var settlingLate = false
    /// Participants whose settled pattern went back for a negative reduced value.
    var unsettledOnce: Set<Int> = []
    /// Patterns settled so far (each time).
    var settlings = 0
    /// Columns going back into the LP at the next solve, with their basis status.
    var returning: [Int: BasisStatus] = [:]
    /// The algorithm of the next master solve (then the primal simplex: added columns keep the
    /// basis primal feasible). The dual simplex after a limit moved under a kept basis.
    var firstAlgorithm = LPAlgorithm.primalSimplex
    /// Whether this master started from a previous point's master (``PlanHint/master``).
    var warmStarted = false
    /// The basis at which the last pricing found no improving pattern (`margin` holds its reduced
    /// values). A re-solve that ends at the same basis, with no artificial basic, has the same
    /// duals — the costs and columns are unchanged, only row limits move — so it is optimal
    /// without pricing again (a marginal value's re-solve; a sweep's next point).
    var pricedBasis: Basis? = nil
    /// Pricing rounds run (all participants priced once per round), of which half pricings.
    var pricings = 0
    var halfPricings = 0
    var solution: Solution? = nil
    /// The last reduced value of each participant's best pattern (served phase: how much serving
    /// them would gain at the current prices; negative when it would cost).
    var margin: [Double]
    /// A proven upper bound on the LP relaxation (served phase): the master's optimum plus every
    /// participant's positive reduced value (each can add at most one pattern's worth).
    var lagrangianBound = Double.infinity
    var rounds = 0
    /// Whether the next pricing covers half the participants (with the compact master, after a
    /// pricing that found ``Tuning/halfPricingBatches`` batches' worth of improving patterns).
    var partialNext = false
    /// Pattern weights of the integer solution (served phase, after rounding).
    var incumbent: [Double] = []
    /// Whether the served phase stopped at ``Decomposition/gapStop`` before the LP optimum: the
    /// Lagrangian bound is proven, the master's duals are not the LP's.
    var stoppedAtGap = false
    /// Whether a plan worth the Lagrangian bound would still be of use (the gate search's later
    /// leaves: it must beat the best plan so far); nil: always. When a full pricing shows it would
    /// not, the served phase stops there (``stoppedBelowBest``).
    var mayBeat: ((Double) -> Bool)? = nil
    var stoppedBelowBest = false
    var iterations = 0
    var masterSeconds = 0.0
    var pricingSeconds = 0.0
    /// Per unit of a broken linking row: far above any objective per dollar (weights and use_order
    /// ranks are single digits), far below what would swamp GLPK's relative tolerances.
    var artificialCost: Double {
        d.tuning.artificialCostFactor * max(1, d.f.rank.max() ?? 1, d.f.analyses.map(\.value).max() ?? 1)
    }

    init(_ d: Decomposition, phase: Phase, base: LinearModel, active: [Int]) {
        self.d = d
        self.log = d.log
        self.phase = phase
        self.base = base
        self.active = active
        columnsOf = Array(repeating: [], count: d.f.analyses.count)
        margin = Array(repeating: -.infinity, count: d.f.analyses.count)
    }

    var artificialCount: Int { d.f.linkingRows.count * 2 }
    var firstColumn: Int { d.extras.count + artificialCount }
    /// The master's artificial columns (between the extras and the patterns).
    var artificialColumns: Range<Int> { d.extras.count..<firstColumn }

    /// Adds a pattern unless the participant already has the same one.
    /// - Returns: whether it was added.
    @discardableResult
    mutating func add(_ column: Decomposition.Column) -> Bool {
        let i = column.participant
        for c in columnsOf[i] where columns[c].cells == column.cells && columns[c].cents == column.cents {
            // A pattern dropped from the compact master comes back.
            if live[c] { return false }
            live[c] = true
            sticky[c] = true
            return true
        }
        columnsOf[i].append(columns.count)
        columns.append(column)
        live.append(true)
        sticky.append(false)
        settled.append(false)
        return true
    }

    /// The served phase's master LP (phase 2 has its own, ``runCompactSpend(solver:deadline:start:)``). `fixed`: participants whose convexity row is `= 1` in the served phase;
    /// `binaries`: participants with an explicit binary served variable (Σ patterns = y);
    /// `exclude`: columns left out (upper bound 0).
    func master(fixed: Set<Int> = [], binaries: [Int] = [], exclude: Set<Int> = []) -> LinearModel {
        let f = d.f
        var m = LinearModel(name: "master")
        let rows = f.linkingRows.count
        var rowTerms = [[(Variable, Double)]](repeating: [], count: rows)
        // A participant fixed as served needs their program to run.
        let running = Set(fixed.compactMap { d.programOf[$0] })
        for (e, v) in d.extras.enumerated() {
            let lower = running.contains(e) ? max(1, base.lowerBounds[v.index]) : base.lowerBounds[v.index]
            let x = m.addVariable(
                "", kind: binaries.isEmpty ? .continuous : base.variableKinds[v.index], lower: lower,
                upper: base.upperBounds[v.index])
            for entry in d.extraEntries[e] { rowTerms[Int(entry.row)].append((x, entry.coefficient)) }
        }
        addArtificials(&m, &rowTerms, extrasAt: d.extras.map { base.lowerBounds[$0.index] }, allowed: binaries.isEmpty)
        for (c, column) in columns.enumerated() {
            let x = m.addVariable("", upper: exclude.contains(c) ? 0 : .infinity)
            m.setObjectiveCoefficient(x, f.analyses[column.participant].value)
            for entry in column.entries { rowTerms[Int(entry.row)].append((x, entry.coefficient)) }
        }
        var ys: [Int: Variable] = [:]
        for i in binaries { ys[i] = m.addVariable("", kind: .binary) }
        for j in 0..<rows {
            m.addConstraint("", rowTerms[j], base.bound(of: f.linkingRows[j]))
        }
        for i in active {
            let terms = columnsOf[i].map { (Variable(index: firstColumn + $0), 1.0) }
            addServedRow(&m, i, terms, binary: ys[i], fixed: fixed.contains(i))
        }
        m.setObjective(
            .maximize,
            (0..<m.variableCount).map { (Variable(index: $0), m.objectiveCoefficients[$0]) }.filter { $0.1 != 0 })
        return m
    }

    /// Participant `i`'s served-phase row over `terms` (their patterns): Σ = y with y ≤ z for a
    /// free participant (binary y), Σ = 1 for a fixed one, Σ ≤ z otherwise (z: their program runs).
    func addServedRow(_ m: inout LinearModel, _ i: Int, _ terms: [(Variable, Double)], binary y: Variable?, fixed: Bool)
    {
        let z = Variable(index: d.programOf[i]!)
        if let y {
            m.addConstraint("", terms + [(y, -1)], .equal(0))
            if base.lowerBounds[d.extras[d.programOf[i]!].index] < 1 {
                m.addConstraint("", [(y, 1), (z, -1)], .atMost(0))
            }
        } else if fixed {
            m.addConstraint("", terms, .equal(1))
        } else {
            m.addConstraint("", terms + [(z, -1)], .atMost(0))
        }
    }

    /// One artificial pair per linking row, usable only where the master's zero point (the extras
    /// at `extrasAt`, no pattern) breaks the row (a phase-2 match margin; a forced program), at a
    /// cost that outweighs any real use of a dollar but stays small: GLPK's reduced-cost tolerance
    /// is relative, and a huge cost hides real improvements. In a MIP (`allowed` false) none may be
    /// used.
    func addArtificials(
        _ m: inout LinearModel, _ rowTerms: inout [[(Variable, Double)]], extrasAt: [Double], allowed: Bool,
        constants: [Double]? = nil
    ) {
        let f = d.f
        let penalty = phase == .served ? -artificialCost : artificialCost
        var zero = constants ?? [Double](repeating: 0, count: f.linkingRows.count)
        for (e, at) in extrasAt.enumerated() {
            for entry in d.extraEntries[e] { zero[Int(entry.row)] += entry.coefficient * at }
        }
        for j in 0..<f.linkingRows.count {
            let r = f.linkingRows[j].index
            let needed =
                allowed
                && (phase == .spend || zero[j] < base.rowLower[r] - Tolerance.row
                    || zero[j] > base.rowUpper[r] + Tolerance.row)
            let up = m.addVariable("", upper: needed && base.rowLower[r] > -.infinity ? .infinity : 0)
            let down = m.addVariable("", upper: needed && base.rowUpper[r] < .infinity ? .infinity : 0)
            if needed {
                m.setObjectiveCoefficient(up, penalty)
                m.setObjectiveCoefficient(down, penalty)
            }
            rowTerms[j].append((up, 1))
            rowTerms[j].append((down, -1))
        }
    }

    /// A basis in which each chosen pattern is basic in place of its participant's convexity row
    /// (the point "these participants funded by these patterns"); GLPK repairs any infeasibility.
    func crashBasis(_ chosen: [Int: Int], _ model: LinearModel) -> Basis {
        var rows = [BasisStatus](repeating: .basic, count: d.f.linkingRows.count)
        for i in active { rows.append(chosen[i] == nil ? .basic : .atUpper) }
        let basic = Set(chosen.values.map { firstColumn + $0 })
        let columns = (0..<model.variableCount).map { j -> BasisStatus in
            if basic.contains(j) { return .basic }
            let (lower, upper) = (model.lowerBounds[j], model.upperBounds[j])
            if lower == upper { return .fixed }
            return j < d.f.runs.count ? .atUpper : .atLower  // programs run; nothing else paid yet
        }
        return Basis(rows: rows, columns: columns)
    }

    /// Participants served greedily while every linking row's upper limit holds — most weight
    /// first, then cheapest, each by their first pattern; or in the `order` given, by the pattern
    /// `chosenColumn` names — a starting point for the first master.
    func greedyStart(order given: [Int]? = nil, using chosenColumn: [Int: Int] = [:]) -> [Int: Int] {
        let f = d.f
        var activity = [Double](repeating: 0, count: f.linkingRows.count)
        let order: [Int]
        if let given {
            order = given
        } else {
            // (The sort keys computed once: at 100,000 applicants, summing the cents in every
            // comparison took 0.2 s.)
            // (Those every plan serves — an open priority gate's protected — first.)
            let forced = Set(f.forcedServed)
            var keys: [(rank: Int, weight: Double, cents: Int64, participant: Int)] = []
            for i in active where !columnsOf[i].isEmpty {
                keys.append(
                    (forced.contains(i) ? 0 : 1, -f.analyses[i].value, columns[columnsOf[i][0]].cents.reduce(0, +), i))
            }
            keys.sort {
                ($0.rank, $0.weight, $0.cents, $0.participant) < ($1.rank, $1.weight, $1.cents, $1.participant)
            }
            order = keys.map(\.participant)
        }
        var chosen: [Int: Int] = [:]
        for i in order where !columnsOf[i].isEmpty {
            let c = chosenColumn[i] ?? columnsOf[i][0]
            let fits = columns[c].entries.allSatisfy { entry in
                activity[Int(entry.row)] + entry.coefficient
                    <= base.rowUpper[f.linkingRows[Int(entry.row)].index] + Tolerance.row
            }
            guard fits else { continue }
            for entry in columns[c].entries { activity[Int(entry.row)] += entry.coefficient }
            chosen[i] = c
        }
        return chosen
    }

    /// The patterns to carry to the next solve of the same roster: every pattern, each
    /// participant's most used one (in the integer plan) last.
    func patternsForNextSolve() -> [Decomposition.Column] {
        var out: [Decomposition.Column] = []
        for (i, list) in columnsOf.enumerated() {
            guard let lean = heaviest(of: i, by: incumbent) else { continue }
            out += list.filter { $0 != lean }.map { columns[$0] } + [columns[lean]]
        }
        return out
    }

    /// Participant `i`'s pattern of most weight (`weights` per column, 0 past its end), the
    /// earliest on a tie; nil when they have none.
    func heaviest(of i: Int, by weights: [Double]) -> Int? {
        func weight(_ c: Int) -> Double { c < weights.count ? weights[c] : 0 }
        return columnsOf[i].max { (weight($0), -$0) < (weight($1), -$1) }
    }

    /// What `patterns`, each held at 1 as a constant of a compact master, put in each linking
    /// row, and the sum of their `objective` (the served phase's weight, phase 2's cost).
    func constants(of patterns: [Int], objective: (Decomposition.Column) -> Double) -> (
        shift: [Double], constant: Double
    ) {
        var shift = [Double](repeating: 0, count: d.f.linkingRows.count)
        var constant = 0.0
        for c in patterns {
            constant += objective(columns[c])
            for entry in columns[c].entries { shift[Int(entry.row)] += entry.coefficient }
        }
        return (shift, constant)
    }

    /// `start` less what pattern `c` puts in the linking rows at their duals `pi`, entry by entry
    /// (a pattern's reduced value from its weight or cost).
    func reduced(_ start: Double, by c: Int, at pi: ArraySlice<Double>) -> Double {
        var r = start
        for entry in columns[c].entries { r -= pi[pi.startIndex + Int(entry.row)] * entry.coefficient }
        return r
    }

    /// Whether the master's solution uses an artificial (the phase's rows cannot all be met).
    func usesArtificial(_ s: Solution) -> Bool {
        artificialColumns.contains { s.values[$0] > Tolerance.reducedValue }
    }
}
