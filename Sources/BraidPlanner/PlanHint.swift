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
}
