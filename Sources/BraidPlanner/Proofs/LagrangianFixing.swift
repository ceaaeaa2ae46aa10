import BraidPolicy
import BraidScenario
import BraidSolver
import Foundation

/// Which served and run binaries every plan better than an incumbent must share: Lagrangian
/// reduced-cost fixing over the linking rows.
///
/// For any prices π on the linking rows (of the right signs), every feasible plan x satisfies
/// value(x) ≤ L(π) − loss(x), where L(π) = π·b + Σ extras' best + Σ programs max(0, G_g),
/// G_g = (run's reduced value) + Σ_{p in g} max(0, rv_p) and rv_p is what serving p by their
/// cheapest pattern gains at π (the pricing problem of ``Decomposition``). Leaving a participant
/// with rv_p > 0 unserved while their program runs loses rv_p; serving one with rv_p < 0 loses
/// −rv_p; running a program with G_g < 0 loses −G_g, and not running one with G_g > 0 loses G_g.
/// So a plan at least `incumbent + step` can only lose the room L(π) − incumbent − step, and any
/// choice that would lose more is fixed. With π the LP optimum's duals, L(π) is the LP bound and
/// the room is the fraction the LP bound sits above the next step, usually well under one person.
///
/// The monolithic LP's own reduced costs fix little here (its optimum is dual degenerate: most
/// served binaries are basic); the participant's reduced value rv_p is fixed by π alone.
struct LagrangianFixing {
    /// L(π), a proven upper bound on the MIP.
    var bound: Double
    /// Each participant's program (run variable position), as in ``Decomposition``.
    let programOf: [Int?]
    /// Participants that are unserved in every better plan.
    var unserved: [Int] = []
    /// Participants served in every better plan whose program runs.
    var servedIfRuns: [Int] = []
    /// Programs (run variable positions) that run, or do not, in every better plan.
    var running: [Int] = []
    var stopped: [Int] = []

    var count: Int { unserved.count + servedIfRuns.count + running.count + stopped.count }

    /// Applies the fixing to the monolithic model.
    func apply(to model: inout LinearModel, _ f: Formulation) {
        for g in running where model.upperBounds[f.runs[g].index] >= 1 {
            model.setBounds(f.runs[g], lower: 1, upper: 1)
        }
        for g in stopped where model.lowerBounds[f.runs[g].index] <= 0 {
            model.setBounds(f.runs[g], lower: 0, upper: 0)
        }
        for i in unserved { model.setBounds(f.served[i], lower: 0, upper: 0) }
        let runs = Set(running)
        for i in servedIfRuns {
            guard let g = programOf[i] else { continue }
            if runs.contains(g) {
                model.setBounds(f.served[i], lower: 1, upper: 1)
            } else {
                model.addConstraint("lagrangian[\(i)]", [(f.served[i], 1), (f.runs[g], -1)], .atLeast(0))
            }
        }
    }
}

/// What prices π on the linking rows say of each participant and program, computed once per π
/// (pricing every participant); the fixing for any value sought follows without re-pricing.
struct LagrangianPrices {
    /// L(π).
    let bound: Double
    /// Per participant: rv_p, the gain of serving them by their cheapest pattern (-∞: cannot be).
    let gain: [Double]
    /// Per program: the run's reduced value plus its participants' positive gains (G_g).
    let programGain: [Double]
    /// Programs whose run is not fixed in the model.
    let open: [Int]
    let programOf: [Int?]
    /// Participants every plan serves (an open priority gate's protected): served, their
    /// programs running, whatever the prices.
    var forced: [Int] = []

    /// The fixing for plans worth at least `value`.
    func fixing(atLeast value: Double) -> LagrangianFixing {
        let room = bound - value + Tolerance.bound * max(1, abs(bound))
        var fixing = LagrangianFixing(bound: bound, programOf: programOf)
        guard room >= 0 else { return fixing }
        for g in open {
            if programGain[g] > room {
                fixing.running.append(g)
            } else if programGain[g] < -room {
                fixing.stopped.append(g)
            }
        }
        let mustServe = Set(forced)
        for (i, rv) in gain.enumerated() where rv > -.infinity {
            if mustServe.contains(i) {
                fixing.servedIfRuns.append(i)
            } else if rv < -room {
                fixing.unserved.append(i)
            } else if rv > room {
                fixing.servedIfRuns.append(i)
            }
        }
        let mustRun = Set(forced.compactMap { programOf[$0] })
        fixing.running = Array(Set(fixing.running).union(mustRun.intersection(open))).sorted()
        fixing.stopped.removeAll { mustRun.contains($0) }
        return fixing
    }
}

extension Decomposition {
    /// The fixing at prices `duals` (indexed like `f.linkingRows`) for plans of value at least
    /// `incumbent + step`; nil when L(π) is unbounded at these prices.
    func lagrangianFixing(duals: [Double], incumbent: Double, step: Double, solver: any LinearSolver) throws
        -> LagrangianFixing?
    {
        try lagrangianPrices(duals: duals, solver: solver)?.fixing(atLeast: incumbent + step)
    }

    /// L(π) and each participant's and program's gain at prices `duals` (indexed like
    /// `f.linkingRows`); nil when L(π) is unbounded at these prices.
    func lagrangianPrices(duals rawDuals: [Double], solver: any LinearSolver) throws -> LagrangianPrices? {
        let pi = signedPrices(rawDuals)
        var rv = [Double](repeating: -.infinity, count: f.analyses.count)
        for i in active {
            guard let value = try ColumnGeneration.price(self, .served, i, pi, 0, solver: solver)?.value else {
                continue
            }
            rv[i] = value
        }
        return lagrangian(duals: pi, gains: rv)
    }

    /// The prices with those of the wrong sign for their row (a positive price on a row with no
    /// upper limit, a negative one on a row with no lower limit: tolerance noise) set to zero:
    /// the prices L(π) is taken at.
    func signedPrices(_ duals: [Double]) -> [Double] {
        let model = f.model
        return f.linkingRows.enumerated().map { j, row in
            (duals[j] > 0 && model.rowUpper[row.index] < .infinity)
                || (duals[j] < 0 && model.rowLower[row.index] > -.infinity) ? duals[j] : 0
        }
    }

    /// L(π) at prices `duals` (``signedPrices(_:)``) given each participant's gain rv_p at them
    /// (what serving them by their cheapest pattern gains, the pricing problem's value with no
    /// convexity dual; -∞: they cannot be served); nil when L(π) is unbounded at these prices.
    /// - Parameter forced: participants every plan serves (an open gate's protected): their gain
    ///   counts even when negative, and their programs run; one who cannot be served makes the
    ///   bound −∞ (no plan).
    func lagrangian(duals rawDuals: [Double], gains rv: [Double], forced: Set<Int> = []) -> LagrangianPrices? {
        let model = f.model
        // Prices of the wrong sign for a row (tolerance noise) are dropped: the bound stays valid.
        let pi = signedPrices(rawDuals)
        var bound = 0.0
        for (j, row) in f.linkingRows.enumerated() where pi[j] != 0 {
            bound += pi[j] * (pi[j] > 0 ? model.rowUpper[row.index] : model.rowLower[row.index])
        }
        /// The reduced value of an extra variable at π.
        func reduced(_ e: Int) -> Double {
            var r = model.objectiveCoefficients[extras[e].index]
            for entry in extraEntries[e] { r -= pi[Int(entry.row)] * entry.coefficient }
            return r
        }
        for e in f.runs.count..<extras.count {
            let v = extras[e]
            let r = reduced(e)
            let best = r > 0 ? r * model.upperBounds[v.index] : r * model.lowerBounds[v.index]
            guard best.isFinite else { return nil }
            bound += r == 0 ? 0 : best
        }
        var gain = (0..<f.runs.count).map(reduced)
        var mustRun = Set<Int>()
        for i in forced {
            guard rv[i] > -.infinity, let g = programOf[i] else {
                return LagrangianPrices(bound: -.infinity, gain: rv, programGain: gain, open: [], programOf: programOf)
            }
            mustRun.insert(g)
        }
        for i in active where rv[i] > -.infinity {
            gain[programOf[i]!] += forced.contains(i) ? rv[i] : max(0, rv[i])
        }
        for (g, y) in f.runs.enumerated() {
            let (lower, upper) = (model.lowerBounds[y.index], model.upperBounds[y.index])
            if mustRun.contains(g) {
                bound += upper <= 0 ? -.infinity : gain[g]
            } else {
                bound += lower >= 1 ? gain[g] : (upper <= 0 ? 0 : max(0, gain[g]))
            }
        }
        let open = f.runs.indices.filter { model.lowerBounds[f.runs[$0].index] < model.upperBounds[f.runs[$0].index] }
        var prices = LagrangianPrices(bound: bound, gain: rv, programGain: gain, open: open, programOf: programOf)
        prices.forced = f.forcedServed
        return prices
    }
}
