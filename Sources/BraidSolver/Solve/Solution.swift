/// How a solve ended. Infeasible, unbounded and limits are values, not errors.
public enum SolveStatus: Sendable, Equatable, CustomStringConvertible {
    /// An optimal solution (for a MIP: within the requested relative gap, which is reported).
    case optimal
    /// No solution satisfies the constraints.
    case infeasible
    /// The objective can improve without limit.
    case unbounded
    /// The time limit was reached. `gap` is the relative gap of the best solution found, or nil
    /// when no feasible solution was found in time.
    case timeLimit(gap: Double?)
    /// The iteration limit was reached.
    case iterationLimit

    /// Whether variable values are available.
    public var hasSolution: Bool {
        switch self {
        case .optimal: return true
        case .timeLimit(let gap): return gap != nil
        case .infeasible, .unbounded, .iterationLimit: return false
        }
    }

    /// A short machine name: `optimal`, `infeasible`, `unbounded`, `time_limit`, `iteration_limit`.
    public var description: String {
        switch self {
        case .optimal: return "optimal"
        case .infeasible: return "infeasible"
        case .unbounded: return "unbounded"
        case .timeLimit: return "time_limit"
        case .iterationLimit: return "iteration_limit"
        }
    }
}

/// Counts and times of one solve.
public struct SolveStatistics: Sendable, Equatable {
    /// Simplex iterations (LP, or all LPs of a MIP).
    public var simplexIterations: Int = 0
    /// Branch-and-bound nodes (MIP only).
    public var nodes: Int = 0
    /// Wall-clock seconds spent inside the solver.
    public var seconds: Double = 0
    /// Whether the warm-start basis given in ``SolveOptions/warmStart`` was valid and used.
    public var warmStartUsed: Bool = false
    /// Whether branch and cut stopped because the incumbent reached the rounded bound.
    public var stoppedAtBound: Bool = false
}

/// A simplex basis: the status of every row and column, for warm-started re-solves.
///
/// Opaque to callers: take it from one ``Solution`` and pass it in ``SolveOptions/warmStart``.
public struct Basis: Sendable, Equatable {
    let rowStatus: [Int32]
    let columnStatus: [Int32]
}

/// The result of a solve: status, objective, values, and (for LPs) duals.
public struct Solution: Sendable {
    /// How the solve ended.
    public let status: SolveStatus
    /// The objective value of the solution (meaningful when `status.hasSolution`).
    public let objectiveValue: Double
    /// The best bound on the objective proven by the solver (the LP bound for a MIP).
    public let bestBound: Double
    /// The relative gap between `objectiveValue` and `bestBound` (0 for an LP optimum).
    public let relativeGap: Double
    /// The value of every variable, by index.
    public let values: [Double]
    /// The activity (left-hand side value) of every constraint, by index.
    public let rowActivities: [Double]
    /// The dual value of every constraint (LP, or the LP relaxation of a MIP): how much the
    /// objective changes per unit increase of the constraint's bound.
    public let duals: [Double]
    /// The reduced cost of every variable (LP, or the LP relaxation of a MIP).
    public let reducedCosts: [Double]
    /// The final basis, for a warm-started re-solve (simplex only).
    public let basis: Basis?
    /// Iterations, nodes and time.
    public let statistics: SolveStatistics

    /// A solution assembled by the caller (e.g. one model's solution told in another's layout).
    public init(
        status: SolveStatus, objectiveValue: Double, bestBound: Double, relativeGap: Double, values: [Double],
        rowActivities: [Double], duals: [Double],
        reducedCosts: [Double], basis: Basis?, statistics: SolveStatistics
    ) {
        self.status = status
        self.objectiveValue = objectiveValue
        self.bestBound = bestBound
        self.relativeGap = relativeGap
        self.values = values
        self.rowActivities = rowActivities
        self.duals = duals
        self.reducedCosts = reducedCosts
        self.basis = basis
        self.statistics = statistics
    }

    /// The value of a variable.
    public func value(of variable: Variable) -> Double { values[variable.index] }
    /// The dual value of a constraint.
    public func dual(of constraint: Constraint) -> Double { duals[constraint.index] }
    /// The reduced cost of a variable.
    public func reducedCost(of variable: Variable) -> Double { reducedCosts[variable.index] }
    /// The activity of a constraint.
    public func activity(of constraint: Constraint) -> Double { rowActivities[constraint.index] }
}

/// The simplex or the interior-point method, for LPs.
public enum LPAlgorithm: Sendable, Equatable {
    case primalSimplex
    /// The dual simplex (falling back to the primal): fast for re-solves after bound changes.
    case dualSimplex
    case interiorPoint
}

/// Options of a solve.
public struct SolveOptions: Sendable {
    /// The LP algorithm (MIPs always use the simplex for their relaxations).
    public var algorithm: LPAlgorithm = .primalSimplex
    /// Use GLPK's LP presolver (ignored when a warm start is given).
    public var presolve: Bool = true
    /// The time limit for the whole solve (LP relaxation and branch and cut), in seconds.
    public var timeLimit: Double? = nil
    /// The simplex iteration limit.
    public var iterationLimit: Int? = nil
    /// MIP: stop after this many branch-and-bound nodes, reported like the time limit (a node
    /// budget, unlike a time limit, gives the same result on any machine).
    public var nodeLimit: Int? = nil
    /// The relative MIP gap at which branch and cut stops.
    public var relativeGap: Double = 1e-6
    /// Run the feasibility-pump heuristic (finds incumbents early on Braid's models).
    public var feasibilityPump: Bool = true
    /// Generate Gomory, MIR, cover and clique cuts.
    public var cuts: Bool = false
    /// The dual simplex's long-step ratio test (GLPK's `GLP_RT_FLIP`): a boxed variable may pass
    /// from one bound to the other within one iteration. Where nearly every variable is boxed and
    /// rows are few, an LP of 10,000 columns takes ten iterations instead of a thousand.
    public var longStep: Bool = false
    /// MIP: backtrack breadth first (GLPK's `GLP_BT_BFS`) instead of to the best local bound. Under
    /// a cutoff that ends the search at the first plan found, the order decides only how soon that
    /// plan turns up; a proof that none exists visits the same nodes either way.
    public var breadthFirst: Bool = false
    /// MIP: branch on the most fractional variable (GLPK's `GLP_BR_MFV`) instead of GLPK's default
    /// Driebeck–Tomlin heuristic: another path through the same tree, for a portfolio of searches.
    public var mostFractional: Bool = false
    /// Solve integer and binary variables as continuous (the LP relaxation).
    public var relaxIntegrality: Bool = false
    /// A basis from an earlier solve of a model with the same rows and columns.
    public var warmStart: Basis? = nil
    /// Let GLPK report its progress (its own text, piece by piece) to `progress`. Nothing is
    /// printed: the library never writes to standard output or error.
    public var verbose: Bool = false
    /// Receives GLPK's progress text when `verbose`.
    public var progress: (@Sendable (String) -> Void)? = nil
    /// MIP: every feasible objective value is a multiple of this step (e.g. 1 when all weights are
    /// whole numbers), so the search stops once the incumbent reaches the bound rounded to it.
    public var objectiveStep: Double = 0
    /// MIP: a bound proven elsewhere (e.g. the LP relaxation of a larger model).
    public var externalBound: Double? = nil
    /// MIP: a feasible point to start branch and cut from.
    public var initialSolution: [Double]? = nil
    /// The most memory GLPK may allocate on this thread during the solve, in megabytes (at least 1);
    /// nil: no limit. Going over it is ``SolverError/glpkFatal(_:)`` ("memory allocation limit
    /// exceeded"). The corresponding GLPK routine is `glp_mem_limit`.
    public var memoryLimitMB: Int? = nil

    /// Creates options; every setting has a default.
    public init(
        algorithm: LPAlgorithm = .primalSimplex, presolve: Bool = true, timeLimit: Double? = nil,
        iterationLimit: Int? = nil, relativeGap: Double = 1e-6, feasibilityPump: Bool = true, cuts: Bool = false,
        relaxIntegrality: Bool = false, warmStart: Basis? = nil, objectiveStep: Double = 0,
        externalBound: Double? = nil,
        initialSolution: [Double]? = nil, verbose: Bool = false, progress: (@Sendable (String) -> Void)? = nil,
        memoryLimitMB: Int? = nil
    ) {
        self.progress = progress
        self.memoryLimitMB = memoryLimitMB
        self.objectiveStep = objectiveStep
        self.externalBound = externalBound
        self.initialSolution = initialSolution
        self.algorithm = algorithm
        self.presolve = presolve
        self.timeLimit = timeLimit
        self.iterationLimit = iterationLimit
        self.relativeGap = relativeGap
        self.feasibilityPump = feasibilityPump
        self.cuts = cuts
        self.relaxIntegrality = relaxIntegrality
        self.warmStart = warmStart
        self.verbose = verbose
    }
}

/// Anything that solves a ``LinearModel`` (GLPK, or a test double).
public protocol LinearSolver: Sendable {
    /// Solves the model.
    /// - Throws: ``SolverError`` for an invalid model or a solver failure; infeasible and
    ///   unbounded models are statuses of the returned solution.
    func solve(_ model: LinearModel, options: SolveOptions) throws(SolverError) -> Solution
}

/// The two file formats GLPK writes.
public enum ModelFileFormat: Sendable, Equatable {
    /// CPLEX LP format (readable; `glpsol --lp`).
    case lp
    /// Free MPS (`glpsol --freemps`). A maximisation is written as minimising the negated objective.
    case mps
}
