import BraidPolicy
import BraidScenario
import BraidSolver

/// What a solve can pass to the next one in a sweep: who was served, and the LP basis.
public struct PlanHint: Sendable {
    let binaries: [Double]
    let basis: Basis?
    /// The decomposition's patterns (each participant's used one last), for its next master.
    var patterns: [Decomposition.Column] = []
    /// The decomposition's last served-phase master: its columns in order, its optimal basis and
    /// each participant's reduced value there. A neighbouring point of a budget sweep re-solves it
    /// from there with the dual simplex (the basis stays dual feasible when only a limit moves).
    /// `live`: the compact master's live columns (nil: the full master).
    var master: MasterSnapshot? = nil
    /// The decomposition's phase-2 patterns, the one each served participant spends by most: a
    /// neighbouring point's phase 2 starts from them (at 100,000 applicants a point moves a
    /// few hundred of 65,000 people, and most keep their split).
    var spending: [Decomposition.Column] = []

    /// For an edit of the same roster (the workbench's): only the decomposition's last master,
    /// re-solved from its basis by the primal simplex (when every column and the basis still
    /// fit); no search starts from the previous plan. An edit jumps where a sweep steps: the
    /// dual simplex a sweep's next point uses took 0.2 s on the four-year Indiana's budget at
    /// ×0.55, the primal 0.04 s (cold: 0.14 s), and the previous plan's neighbourhood MIP took
    /// 0.9–1.8 s on some edits (BENCHMARKS.md, "Workbench").
    public var forAnEdit: PlanHint {
        var hint = PlanHint(binaries: [], basis: nil, master: master)
        hint.master?.primal = true
        return hint
    }
}

/// The decomposition's last served-phase master, for the next point of a sweep.
struct MasterSnapshot {
    /// Its columns in order.
    var columns: [Decomposition.Column]
    /// Its optimal basis.
    var basis: Basis
    /// Each participant's reduced value there.
    var margin: [Double]
    /// The compact master's live and settled columns (nil: the full master).
    var live: [Bool]?
    var settled: [Bool]?
    /// Whether the next solve starts from the basis by the primal simplex (an edit) rather than
    /// the dual (a sweep's next point).
    var primal = false
}
