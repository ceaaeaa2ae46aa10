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
