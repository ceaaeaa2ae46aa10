import BraidPolicy
import BraidScenario
import BraidSolver
import Foundation
import Logging

/// The column-generation loop: solve the master, price every participant at its prices, add
/// the best new patterns, until none improves (or a bound within the requested gap stops it).
extension ColumnGeneration {
    /// A master just solved: the layout it was built in (compact), its solution in the full
    /// master's layout, the raw solve, and how much its dual bound may understate the full one.
    struct SolvedMaster {
        let shape: CompactLayout
        let raw: Solution
        let solution: Solution
        let shortfall: Double
        let seconds: Double
    }

    /// A pricing round's findings: the improving patterns (scaled gain, participant, cents), the
    /// half priced (nil: all), the round's bound and how far the proven bound is above the master.
    struct PricingRound {
        var improving: [(gain: Double, participant: Int, cents: [Int64])]
        let half: Int?
        let bound: Double
        let boundGap: Double
        let seconds: Double
    }

    /// Re-solves the master and prices until no participant has an improving pattern (the
    /// served phase; phase 2 runs ``runCompactSpend(solver:deadline:start:)``).
    mutating func run(solver: any LinearSolver, deadline: Double?, start given: [Int: Int]? = nil) throws -> Outcome {
        precondition(phase == .served, "phase 2 runs runCompactSpend")
        let tuning = d.tuning
        // New patterns per round (``Tuning/participantsPerNewPattern``).
        let improvingLimit = max(
            tuning.newPatternsAtLeast,
            active.count / (compact ? tuning.participantsPerNewPatternCompact : tuning.participantsPerNewPattern))
        var start = given
        // The last master solved, and whether a full pricing followed it.
        var last: (master: SolvedMaster, fullyPriced: Bool)? = nil
        while true {
            rounds += 1
            try d.stop?.check()
            if let deadline, MonotonicClock.now() > deadline { return try stopped(after: last, solver, improvingLimit) }
            if let limit = tuning.masterRoundLimit, rounds > limit {
                return try stopped(after: last, solver, improvingLimit)
            }
            guard let master = try solveMaster(solver: solver, deadline: deadline, start: start) else {
                return try stopped(after: last, solver, improvingLimit)
            }
            let s = master.solution
            if let priced = pricedBasis, let b = s.basis ?? basis, b == priced,
                !artificialColumns.contains(where: { b.isBasic(column: $0) })
            {
                if phase == .served {
                    lagrangianBound = min(
                        lagrangianBound, active.reduce(s.objectiveValue + master.shortfall) { $0 + max(0, margin[$1]) })
                }
                log.debug(
                    "  \(phase) round \(rounds): master \(s.objectiveValue) at the priced basis (\(s.statistics.simplexIterations) it)"
                )
                return usesArtificial(s) ? .infeasible : .optimal
            }
            pricedBasis = nil
            let round = try priceRound(master, solver: solver, improvingLimit: improvingLimit)
            last = (master, round.half == nil)
            if phase == .served, round.half == nil, d.gapStop >= tuning.smallestStoppingGap, !round.improving.isEmpty,
                !usesArtificial(s),
                round.boundGap <= tuning.boundShareOfGap * d.gapStop
            {
                log.debug("  the bound is within the requested gap (\(d.gapStop)): column generation stops")
                stoppedAtGap = true
                return .optimal
            }
            if phase == .served, round.half == nil, let mayBeat, !mayBeat(lagrangianBound) {
                log.debug("  the bound \(lagrangianBound) cannot beat the best plan: column generation stops")
                stoppedBelowBest = true
                return .timeLimit
            }
            let (added, back) = extend(master, round, improvingLimit: improvingLimit)
            if back > 0, added == 0 { continue }
            if added == 0, round.half != nil { continue }
            if added == 0 {
                if compact, master.shortfall > Tolerance.reducedValue * max(1, abs(s.objectiveValue)) {
                    // A pinned program should not run at these prices: the full master decides.
                    log.debug("  a pinned program's reduced value is \(-master.shortfall): the full master")
                    compact = false
                    settled = settled.map { _ in false }
                    basis = nil
                    start = greedyStart()
                    continue
                }
                pricedBasis = basis
                return usesArtificial(s) ? .infeasible : .optimal
            }
        }
    }

    /// Stops at a limit: in the served phase, when the last master was only half priced, prices
    /// everyone at its prices once more, so the Lagrangian bound is L(π) there and not a stale
    /// early round's (at 100,000 applicants stopped at 20 s: a bound of 1e10 from round 1, a gap
    /// measured against serving everyone, 45%).
    private mutating func stopped(
        after last: (master: SolvedMaster, fullyPriced: Bool)?, _ solver: any LinearSolver, _ improvingLimit: Int
    ) throws -> Outcome {
        if phase == .served, let last, !last.fullyPriced {
            partialNext = false
            _ = try priceRound(last.master, solver: solver, improvingLimit: improvingLimit)
        }
        return .timeLimit
    }

    /// Builds and solves this round's master (compact or full, warm from the last basis or the
    /// `start` patterns); nil at the time limit.
    private mutating func solveMaster(solver: any LinearSolver, deadline: Double?, start: [Int: Int]?) throws
        -> SolvedMaster?
    {
        let model: LinearModel
        let warm: Basis?
        var constants: (shift: [Double], constant: Double) = ([], 0)
        let shape = compact ? compactLayout() : layout
        if compact {
            constants = settledConstants()
            model = compactMaster(shape, constants)
            warm = compactBasis(model, shape, start: start)
            replacing = []
            returning = [:]
        } else {
            model = master()
            if basis == nil, let start { basis = crashBasis(start, model) }
            warm = basis.map { $0.appendingColumns(model.variableCount - $0.columnCount) }
        }
        let t0 = MonotonicClock.now()
        // The compact master's variables are all boxed and its rows few: the dual simplex with
        // the long-step ratio test (at 10,000 applicants the first round takes 10 iterations
        // against the primal simplex's 1,142).
        var options = SolveOptions(
            algorithm: compact ? .dualSimplex : firstAlgorithm, presolve: false,
            timeLimit: MonotonicClock.secondsLeft(until: deadline),
            relaxIntegrality: true, warmStart: warm)
        options.longStep = compact
        let raw =
            compact && interior && rounds > 1
            ? try interiorMaster(model, shape, fallback: options, solver: solver)
            : try solver.solve(model, options: options)
        let seconds = MonotonicClock.now() - t0
        masterSeconds += seconds
        firstAlgorithm = .primalSimplex
        iterations += raw.statistics.simplexIterations
        switch raw.status {
        case .optimal: break
        case .timeLimit: return nil
        default: throw PlanningError.unexpectedStatus(step: "the decomposition's master LP", status: raw.status)
        }
        basis = raw.basis
        var s = compact ? expanded(raw, shape, shift: constants.shift) : raw
        if compact, interior, raw.basis == nil { s = snapped(s) }
        if compact { layout = shape }
        solution = s
        // (The compact master's dual bound is the full one less what a pin may hide, plus what a
        // settled pattern with a negative reduced value, held at 1, takes from it.)
        let shortfall = compact ? pinShortfall(s) + settledShortfall(s) : 0
        return SolvedMaster(shape: shape, raw: raw, solution: s, shortfall: shortfall, seconds: seconds)
    }

    /// Prices the participants at the master's prices: each one's margin, the round's bound (the
    /// Lagrangian bound after a full pricing), the improving patterns.
    private mutating func priceRound(_ master: SolvedMaster, solver: any LinearSolver, improvingLimit: Int) throws
        -> PricingRound
    {
        let f = d.f
        let s = master.solution
        pricings += 1
        let t1 = MonotonicClock.now()
        // (The interior point's prices are priced as L(π) takes them: of the right sign.)
        let rowDuals =
            interior ? d.signedPrices(Array(s.duals[0..<f.linkingRows.count])) : Array(s.duals[0..<f.linkingRows.count])
        let convexityDual = Array(s.duals[f.linkingRows.count..<(f.linkingRows.count + active.count)])
        var improving: [(gain: Double, participant: Int, cents: [Int64])] = []
        var bound = s.objectiveValue + master.shortfall
        // While many applicants improve, a round prices every other one (alternating halves): the
        // batch is a fraction of them either way. A full pricing decides the bound and the end.
        let half = partialNext ? rounds % 2 : nil
        if half != nil { halfPricings += 1 }
        let priced = try price(rowDuals, convexityDual, solver: solver, half: half)
        let seconds = MonotonicClock.now() - t1
        pricingSeconds += seconds
        for (n, i) in active.enumerated() {
            guard let p = priced[n] else { continue }
            margin[i] = p.value
            bound += max(0, p.value)
            let scale = 1 + abs(f.analyses[i].value)
            if p.value > Tolerance.reducedValue * scale { improving.append((p.value / scale, i, p.cents)) }
        }
        if interior, master.raw.basis == nil, half == nil { bound = lagrangianBound(rowDuals, convexityDual, priced) }
        if phase == .served, half == nil { lagrangianBound = min(lagrangianBound, bound) }
        // How far the proven bound is above the master's value, relative to it.
        let boundGap = (lagrangianBound - s.objectiveValue) / max(1, abs(s.objectiveValue))
        if compact, boundGap <= d.tuning.settleNear { settlingLate = true }
        // (A setting that need only beat the best plan prices everyone once its master is
        // feasible: each full pricing may prove it cannot, and stop.)
        partialNext =
            compact && !warmStarted && improving.count >= d.tuning.halfPricingBatches * improvingLimit
            && (mayBeat == nil || usesArtificial(s))
        if verbose {
            let rows =
                compact
                ? ", \(f.linkingRows.count + master.shape.rowed.count) rows, \(master.shape.columns.count) live" : ""
            log.debug(
                "  \(phase) round \(rounds): master \(s.objectiveValue) \(half == nil ? "bound \(bound)" : "half priced") (\(s.statistics.simplexIterations) it, warm \(s.statistics.warmStartUsed), \(String(format: "%.3f", master.seconds)) s; pricing \(String(format: "%.3f", seconds)) s), \(improving.count) improving, \(columns.count) columns\(rows)"
            )
        }
        return PricingRound(improving: improving, half: half, bound: bound, boundGap: boundGap, seconds: seconds)
    }

    /// Adds the best improving patterns (at most `improvingLimit`), and with the compact master
    /// prunes, returns and settles patterns. Returns the patterns added and the settled ones that
    /// went back.
    private mutating func extend(_ master: SolvedMaster, _ round: PricingRound, improvingLimit: Int) -> (
        added: Int, back: Int
    ) {
        let tuning = d.tuning
        let shape = master.shape
        let improving = round.improving.sorted { ($0.gain, -$0.participant) > ($1.gain, -$1.participant) }
        let chosen = improving.prefix(improvingLimit)
        let receiving = Set(chosen.map(\.participant))
        if compact, !chosen.isEmpty, rounds <= tuning.pruningRounds { prune(shape, receiving: receiving) }
        if compact { returnSettled(of: receiving) }
        var added = 0
        // The new columns built on both cores, added in order.
        let d = self.d
        for column in inHalves(
            Array(chosen), from: tuning.halvesFrom, { d.column(d.blocks[$0.participant]!, $0.cents) }) where add(column)
        {
            added += 1
        }
        // Settled patterns whose reduced value turned negative go back into the LP.
        let back = compact ? unsettle(master.solution) : 0
        // (A sweep's warm master keeps the settled patterns it was handed and settles no more: its
        // points re-solve in a round or two.)
        if compact, interior, added > 0 {
            // (No path to keep: the interior point starts from no basis.)
            settle(receiving: receiving, resting: true)
        } else if compact, !warmStarted, added > 0 {
            if active.count < tuning.settleLateFrom || settlingLate {
                settle(receiving: receiving, resting: settlingLate && active.count >= tuning.settleLateFrom)
            } else if shape.rowed.count >= active.count / tuning.participantsPerRowToSettleEarly {
                settle(receiving: receiving, margin: tuning.settleEarlyMargin)
            }
        }
        if verbose, back > 0 { log.debug("  \(back) settled patterns go back") }
        return (added, back)
    }
}
