import BraidScenario

/// Every threshold, budget and heuristic of the planner, in one place.
///
/// The planner's answers do not depend on these values — each plan is proven optimal, or within
/// a stated gap — only how fast it gets there. Each value has one name per behaviour, a one-line
/// reason and the measurement that set it (the figures are in `BENCHMARKS.md` and
/// `docs/benchmark-history.md`; the solve path they tune is in `docs/DESIGN.md`). Tests lower
/// the size regimes to run the large-roster paths on small scenarios.
///
/// Tolerances, which are not tuning but the arithmetic's resolution, are in ``Tolerance``.
public struct Tuning: Sendable, Equatable {
    // MARK: Size regimes (applicants who may be served)

    /// `--method auto` decomposes from here: below it the monolithic MIP is as fast, and its
    /// branch and cut proves small models directly (measured at 200–1,000 applicants).
    public var decomposeFrom = 200
    /// Phase 1's master is the compact one from here: one convexity row per participant makes
    /// every simplex iteration cost in proportion to the roster (10,000 applicants: ~0.4 ms an
    /// iteration against ~0.06 ms with the linking rows alone).
    public var compactMasterFrom = 2_000
    /// Below this, a value the neighbourhood MIP cannot reach is proven out of reach value by
    /// value (the class proof), so every plan is exact; above it the decomposition reports its gap.
    /// (Not measured between: the case studies, ≤ 400, and the 10,000 benchmark fall on either
    /// side, which is what this and the other 5,000 thresholds separate.)
    public var valueByValueProofsBelow = 5_000
    /// Below this, a plan the decomposition's margin MIP cannot prove goes to the monolithic MIP,
    /// which is small enough to finish there (not measured between 400 and 10,000; see above).
    public var monolithicFallbackBelow = 5_000
    /// From here a requested gap (at least ``smallestStoppingGap``) may stop column generation
    /// before the LP optimum; below it every run is the exact one (exact runs of the case studies
    /// take under a second, so nothing is gained below; not measured between).
    public var gapStopFrom = 5_000
    /// Below this each participant's pricing network is built once and kept (re-priced often by
    /// marginal values and sweeps); above it, built per pricing (~3 KB each kept: +30 MB at 10,000).
    public var cachedPricingNetworksBelow = 5_000
    /// From here patterns settle only late, and unserved ones rest (``settleNear``): settling from
    /// the start halves the master's time at 10,000 (0.96 s to 0.5–0.6 s) but at 100,000 made the
    /// duals swing for longer (column generation not done at 84 s against 66 s without).
    public var settleLateFrom = 20_000
    /// From here a sweep's next point starts its first master from the previous plan's used
    /// pattern of each participant it served (in place of their cheapest), not from every pattern
    /// the previous point priced: at 100,000 applicants those ~175,000 patterns made a first
    /// compact master of ~60,000 rows that ran 84 s (a point's whole column-generation share)
    /// without an answer, against 0.1 s for one pattern each.
    public var sweepUsedPatternsOnlyFrom = 20_000
    /// From here a sweep's next point starts phase 2 from the previous point's spending
    /// (``PlanHint/spending``): at 100,000 applicants phase 2 of a point went from ~10 s to 2.8 s
    /// (the same stream totals); at 10,000 an 11-point sweep gained 4% and its splits moved by
    /// cents (another vertex of the same optimum), so below this a point spends as a single run.
    public var sweepSpendingFromPreviousFrom = 20_000
    /// From here, when a gap may stop column generation, the compact master is solved by the
    /// interior point from round 2 (100,000 applicants at `--gap 0.001`: 26.7 s against 33.4 s).
    public var interiorMasterFrom = 20_000
    /// Below this many applicants the gate search's first setting is chosen gate by gate by the
    /// LP bound of each choice (two monolithic LP solves a gate, cheap here); above it by the
    /// money guess of ``PlanningRun/firstGuess(_:_:)``, which needs no solve. A wrong first
    /// setting costs its whole exact search: Indiana's money guess closed WIOA Adult's second
    /// tier (LP 483.35, no plan above 482, unprovable in 20 s) where opening it gives 502.
    public var gateGuessByBoundsBelow = 5_000
    /// The shared-cost rate search's most phase-1 solves (``PlanningRun/sharedCostSearch(_:hint:)``);
    /// past it the plan is reported with its proven gap. A node is a whole phase 1: two solves a
    /// box; on the case studies the search closes at its first or second box.
    public var sharedCostSolves = 200
    /// How many times phase 2 is solved again when rounding leaves a stream a cent above its share
    /// of a shared cost and no other payer has room (each time a cent lower).
    public var shareSettleTries = 3
    /// Below this, `run` prices each target and each stream's priority of service by default (a
    /// solve each); above it only when asked (`--prices always`): at 10,000 applicants a price
    /// costs as much as the plan.
    public var pricesBelow = 5_000
    /// Below this, a what-if planned against a baseline (``PlanOptions/closeTo``) is moved to
    /// the equally good plan closest to it: one more MIP over the monolithic model and one more
    /// spending LP, cheap at case-study size; above it the what-if's plan is the one found.
    public var closestPlanBelow = 5_000
    /// ... and below this many model variables: the closest-plan MIP runs over the monolithic
    /// model, whose nodes are slow where months multiply it. The four-year Indiana what-ifs
    /// (~29,000 variables) spent 117 s of their 120 s in it and kept no one more (their phase 2
    /// then had no time left); a neighbourhood of the people the two plans disagree on still took
    /// 35 s for 1,000 nodes. The shipped one-year models have at most 6,400 variables.
    public var closestPlanVariablesBelow = 10_000
    /// The closest-plan MIP's node budget (a node budget, not a time, so the plan is the same on
    /// every machine); what it has found by then is kept, and is as good as phase 1's plan.
    /// (20,000 let Oregon's SNAP 50/50 what-if run 120 s, to the time limit, for no closer plan,
    /// and leave phase 2 no time; 2,000 nodes is ~12 s at most on the shipped models.)
    public var closestPlanNodes = 2_000
    /// ... and the workbench's, where the plan after an edit should be on screen at once: the
    /// closest plan a search finds, it finds in its first nodes (Indiana's budget edits: found
    /// within 0.15 s when found at all), and 2,000 fruitless nodes were 3.9 s of one edit's 4.1 s.
    /// The served count and the objective are the same either way; only which equally good plan.
    public var closestPlanNodesInteractive = 200
    /// Whether the closest-plan MIP over the monolithic model keeps served the reference's people
    /// phase 1 already serves, searching only the rest (the workbench: Oregon's slowest edits
    /// 0.43 → 0.29 s, the same people kept; on Houston two edits of ten kept one baseline person
    /// fewer than `compare`'s search over everyone, which stays the default). Over the
    /// decomposition's patterns, only on a model larger than ``priceNodesModelSize`` variables:
    /// the four-year Indiana's edits 0.71 → 0.51 s (803 and 829 kept where the search over
    /// everyone kept 805 and 828, 903 where it kept 904); on Indiana's one year it kept 1–4
    /// fewer in three edits of ten, for time its edits did not need. There they also keep their
    /// phase-1 patterns, as constants of the MIP (its 30–65 ms 10–25 ms, the same people kept).
    public var closestPlanKeepsWhomBothServe = false
    /// Whether, on the monolithic model, a what-if whose reference plan no longer fits (a budget
    /// cut) and whose first dive fails looks for a plan within one step of the LP's rounded bound
    /// by the class proof before the longer dives, serving the reference's people first within
    /// each class (the workbench). Oregon's cut edits: two more dives failed before a third found
    /// a plan (0.12–0.2 s), where the class MIP finds the plan and proves it in 0.03–0.09 s.
    /// (Before the first dive it cost Houston's and a generated roster's edits up to 0.13 s
    /// where that dive succeeds in 0.02 s.) Off elsewhere: `compare` keeps the plans it has
    /// always printed.
    public var classSearchBeforeDives = false
    /// ... from how many values: the target less one step, less two... (Oregon's edits that cut
    /// $8,000–$14,000 ended one or two steps below the LP's rounded bound.)
    public var classSearchSteps = 2
    /// The same budgets for the closest-plan MIP over the decomposition's patterns, whose nodes
    /// are cheaper (~0.75 ms on Indiana) and whose finds come first: on Indiana's budget edits
    /// every closer plan was found at the first node but one, at the 51st; 200 fruitless nodes
    /// were 0.15 s of a 0.33 s edit. (Over the monolithic model Oregon's edits lost a kept person
    /// at 50 nodes: its budget stays 200.)
    public var closestPatternNodes = 2_000
    public var closestPatternNodesInteractive = 60
    /// The workbench's tuning, where an edit's plan should be on screen at once: the interactive
    /// node budgets of the closest plan, which keeps whom both plans serve, and the class search
    /// before the longer dives.
    public var forEdits: Tuning {
        var edits = self
        edits.closestPlanNodes = closestPlanNodesInteractive
        edits.closestPatternNodes = closestPatternNodesInteractive
        edits.closestPlanKeepsWhomBothServe = true
        edits.classSearchBeforeDives = true
        return edits
    }
    /// ... both sized for a model of ``priceNodesModelSize`` variables, fewer in proportion on a
    /// larger one, and at least this many.
    public var closestPatternNodesAtLeast = 10
    /// The nodes of work a price's solve may spend (``PlanOptions/nodeBudget``): class-proof
    /// nodes (at most half of them), dive steps (one LP each) and branch-and-cut nodes, summed
    /// over the solve. A proof that is slow without one rule (Indiana without its
    /// work-based-learning target: LP 503.18, 502 found) then reports its price within a gap, and
    /// the price is the same on every machine. Counting only branch-and-cut nodes let that solve's
    /// proofs and dives run 40 s; counted together Indiana's five prices take ~6 s of work each
    /// (the same prices: 16 people within 0.23%, and 0).
    public var priceNodes = 1_000
    /// ... on a model of up to this many variables (Indiana's one year: 6,362); a larger model's
    /// budget shrinks in proportion: a dive step of the four-year Indiana model (29,689
    /// variables) is an LP of ~0.2 s, and one price's 464 steps took 90 s ...
    public var priceNodesModelSize = 6_400
    /// ... but never below this many.
    public var priceNodesAtLeast = 100
    /// From here the planner's per-participant work runs in two halves on both cores (below it
    /// the threads cost more than they save).
    public var halvesFrom = Parallel.halvesFrom

    // MARK: Column generation

    /// The smallest requested gap that may stop column generation: below it a gap is less than a
    /// person at any roster size the decomposition solves.
    public var smallestStoppingGap = 1e-4
    /// The share of the requested gap the master may leave to the Lagrangian bound when column
    /// generation stops; the rest is for rounding the master to a plan (the margin MIP).
    public var boundShareOfGap = 0.75
    /// The share of the time limit column generation may use: at the limit it stops at the last
    /// master, whose Lagrangian bound is proven, and the margin MIP still finds a plan.
    public var columnGenerationTimeShare = 0.7
    /// The share of the time left that proving a priority gate setting has no plan may take
    /// (``PlanningRun/protectedCanBeServed(_:root:share:answered:)``): a check that cannot decide in it says
    /// "maybe", and the search solves the setting as before. Checks over a few thousand
    /// protected end in a tenth of a second; one over 50,000 can take a minute. 0: no check.
    public var gateCheckTimeShare = 0.1
    /// ... and for a node with gates still free, whose check a whole setting below it repeats
    /// when it cannot tell: a node's check that the protected can be paid is one pruning of a
    /// subtree when it says no, and 4.5–8 s a node at 100,000 applicants over three years when
    /// it says yes (it did at each of the four such nodes, and their leaves were checked anyway).
    public var partialGateCheckTimeShare = 0.02
    /// New patterns per round: at least this many, ...
    public var newPatternsAtLeast = 200
    /// ... and one per this many participants with the full master (and in phase 2, whose
    /// compact spending master has no row per participant), ...
    public var participantsPerNewPattern = 4
    /// ... or with the compact master, whose rows grow with each batch (100,000 applicants: 111 s
    /// in 27 rounds, rows ≤ 12,200, against 311 s in 13 rounds, rows up to 37,400, with a quarter).
    public var participantsPerNewPatternCompact = 20
    /// After a pricing that found this many batches' worth of improving patterns, the next round
    /// prices every other participant (10,000 applicants: the same 28 rounds, pricing ~0.1 s less).
    public var halfPricingBatches = 4
    /// Rounds in which the compact master drops unused patterns (later rounds keep them all, so
    /// the loop cannot cycle between dropping and finding one).
    public var pruningRounds = 30
    /// How far above zero (relative to 1 + the weight) a pattern's reduced value must be to settle,
    /// and below zero for an unserved one to rest.
    public var settleMargin = 0.05
    /// At scale, patterns settle at ``settleMargin`` once a full pricing's bound is within this
    /// share of the master: the duals have stopped swinging (100,000 applicants: ~108,000 live
    /// columns down to ~55,000; round 22's 3,500 iterations took 4.9 s against 9.5 s).
    public var settleNear = 0.005
    /// At scale, before ``settleNear``, only patterns paying for themselves this much settle: they
    /// rarely go back while the duals still move (100,000 applicants: rounds 10 to 20 took 6.5 s
    /// against 10.6 s).
    public var settleEarlyMargin = 0.15
    /// At scale, early settling starts once one participant in this many has a row (the end of the
    /// first rounds, in which new patterns replace old ones).
    public var participantsPerRowToSettleEarly = 100
    /// An artificial's cost per unit, as a multiple of the largest weight or use-order rank: far
    /// above any real objective per dollar, far below what would swamp GLPK's relative tolerances.
    public var artificialCostFactor = 100.0

    // MARK: Searches and proofs (phase 1)

    /// The neighbourhood MIP's size (the next four): set by judgement when it was written and not
    /// measured since; the class proof below decides whatever the neighbourhood misses, so these
    /// move only the time to a plan, never the plan.
    ///
    /// The neighbourhood MIP frees at least this many participants at the margin on each side, ...
    public var neighbourhoodAtLeast = 20
    /// ... or this many per fractional participant, ...
    public var neighbourhoodPerFractional = 2
    /// ... on the monolithic model at most one in this many of the decided ones ...
    public var neighbourhoodShareOfDecided = 3
    /// ... and widens by this factor each time it finds no plan.
    public var neighbourhoodWidening = 4
    /// Branch-and-bound nodes of the neighbourhood MIP before the class proof takes over (at 400
    /// applicants it found plans at the rounded bound in up to ~1,500 nodes).
    public var searchNodes = 2_000
    /// Nodes of the MIP over a sweep's previous plan's neighbourhood (a quarter of
    /// ``searchNodes``: a neighbour of the last point's plan is found early or not at all; not
    /// measured separately).
    public var previousPlanNodes = 500
    /// Nodes of the class proof, in all, before the slower searches take over: the sum of
    /// ``proofPortfolio``'s tries (4 × 1,000 + 4 × 4,000).
    public var proofNodes = 20_000
    /// The neighbourhood's and the class proof's first tries after a sweep's previous plan could
    /// not be extended: either may find the plan in a few dozen nodes where the other needs
    /// thousands.
    public var firstSearchNodes = 150
    /// The first class proof's node budget: enough for the shipped scenarios' proofs (under 300
    /// nodes each when written), small enough that a hopeless proof hands over in well under a second.
    public var firstProofNodes = 400
    /// Rounds of the decomposition's search in which the class proof runs its portfolio (one
    /// round per try of ``proofPortfolio``).
    public var portfolioRounds = 8
    /// The class proof's tries within ``proofNodes``: both backtracking orders with both branching
    /// rules, 1,000 nodes each, then 4,000 each. Which finds a plan soonest varies by model
    /// (Indiana, Dislocated Worker at $80,000: Driebeck–Tomlin 5,041 nodes, most fractional 303;
    /// elsewhere the reverse); over 63 cold runs of Indiana's budgets the sum went from 43.0 s to
    /// 18.4 s, and the three 41-point sweeps from 27.1 s to 7.7 s.
    public var proofPortfolio: [ProofTry] = [
        ProofTry(nodes: 1_000, breadthFirst: false, mostFractional: false),
        ProofTry(nodes: 1_000, breadthFirst: false, mostFractional: true),
        ProofTry(nodes: 1_000, breadthFirst: true, mostFractional: false),
        ProofTry(nodes: 1_000, breadthFirst: true, mostFractional: true),
        ProofTry(nodes: 4_000, breadthFirst: false, mostFractional: false),
        ProofTry(nodes: 4_000, breadthFirst: false, mostFractional: true),
        ProofTry(nodes: 4_000, breadthFirst: true, mostFractional: false),
        ProofTry(nodes: 4_000, breadthFirst: true, mostFractional: true),
    ]

    // MARK: Phase 2, marginal values, time

    /// The match margins tried in turn, in cents per matched need (each leaves room so that
    /// rounding to cents cannot push a matching stream over rate × base; the last, none, is the
    /// fallback when the served set leaves no room).
    public var matchMarginFactors: [Double] = [1, 4, 16, 0]
    /// A marginal value's re-solve raises the budget by this share of it, ...
    public var marginalStep = 0.001
    /// ... and by at least this many dollars.
    public var marginalStepAtLeast = 1.0
    /// Below this many applicants `run` and `compare` say how far each binding budget's marginal
    /// value reaches (``Planner/marginalRanges``: about 10–15 dual-simplex re-solves of the
    /// monolithic relaxation per binding stream, each from the last, one stream per thread:
    /// Indiana's 400 applicants and five binding streams, about 2 s; the default scenario 0.01 s).
    public var rangingBelow = 1_000
    /// A range's search stops after this many LPs for one stream (the answer is then unknown) ...
    public var rangingSolves = 60
    /// ... or once the budget passes this many extra dollars (it never stops binding).
    public var rangingCeiling = 1e12
    /// More money "buys nothing more" once its slope falls below this share of the first slope.
    public var rangingFlat = 0.01
    /// The search for where it stops steps out from this share of the budget (at least
    /// ``rangingFirstStepAtLeast`` dollars), by ``rangingGrowth`` each time, then halves back.
    public var rangingFirstStep = 0.01
    /// The first step's floor in dollars: below $100 a step buys nothing at any shipped cost.
    public var rangingFirstStepAtLeast = 100.0
    /// The step grows 4× a probe: a range of 1,000× the first step is found in 5 probes.
    public var rangingGrowth = 4.0
    /// Halving stops when the interval is this share of the range (the answer is rounded to two
    /// significant figures anyway).
    public var rangingPrecision = 0.2
    /// The relative gap of phase 2 as an integer program in whole cents (the rare fallback when
    /// the spending LP does not round).
    public var wholeCentsGap = 1e-4
    /// Seconds any step after phase 1 gets even when the time limit has passed, so a late run
    /// still returns a plan.
    public var minimumStepSeconds = 0.5
    /// Seconds per applicant a whole-run time limit keeps back from the planner for assembling
    /// and writing the result: at 1,000,000 applicants that took 4.5 s (plan assembly 1 s, a
    /// 110 MB JSON 3.4 s), so `run --time-limit 60` ended at 66 s without it.
    public var resultSecondsPerApplicant = 5e-6
    /// Seconds the monolithic search's last MIP gets at least.
    public var minimumSearchSeconds = 0.05
    /// A dive gives up after this many LPs per binary (plus ``diveStepsExtra``): each step fixes
    /// at least one binary, so a dive that needs more has cycled.
    public var diveStepsPerBinary = 4
    /// Slack for the dive's step limit on tiny models (a handful of binaries).
    public var diveStepsExtra = 10
    /// Moves of a cent that rounding may make to repair one match before it reports a failure
    /// (a guard against a loop, never reached in practice).
    public var matchRepairMoves = 1_000_000

    // MARK: Threads and sweeps

    /// Threads for pricing, the spending points and marginal values (this machine's two cores;
    /// results never depend on it: each is gathered in index order).
    public var threads = 2
    /// A sweep hands each thread this many runs of neighbouring points, so one slow stretch of the
    /// range does not hold up the rest (Indiana, 41 points on two threads: 3.0–3.5 s, against
    /// 3.3–17.1 s with one or three runs per thread).
    public var sweepRunsPerThread = 2
    /// ... each of at least this many points (each point warm from the last).
    public var sweepRunAtLeast = 4

    // MARK: Test seams

    /// Column generation stops after this many rounds as if at the time limit (nil: never).
    public var masterRoundLimit: Int? = nil

    public init() {}

    /// The large-roster paths (late settling, the interior-point master, a sweep's lean start) from
    /// `applicants` on, for tests on small scenarios.
    public mutating func scaleBehaviours(from applicants: Int) {
        settleLateFrom = applicants
        interiorMasterFrom = applicants
        sweepUsedPatternsOnlyFrom = applicants
        sweepSpendingFromPreviousFrom = applicants
    }
}

/// One try of the class proof: a node budget, the backtracking order and the branching rule.
public struct ProofTry: Sendable, Equatable {
    /// The try's node budget (GLPK branch-and-bound nodes).
    public var nodes: Int
    /// Breadth-first backtracking (best bound first proves a bound sooner); else depth first.
    public var breadthFirst: Bool
    /// Branch on the most fractional binary; else GLPK's default (Driebeck–Tomlin).
    public var mostFractional: Bool
}

/// The planner's tolerances: the resolution of its arithmetic, not tuning.
enum Tolerance {
    /// A binary (or a pattern's weight) within this of 0 or 1 is taken as decided.
    static let integral = 1e-6
    /// A pattern weight or binary above this is in use; objective values closer than this
    /// (relative to their size) are equal.
    static let used = 1e-9
    /// Two objective values closer than this (relative) are the same plan value.
    static let objective = 1e-9
    /// A reduced value above this (relative to 1 + the weight or cost) is an improvement; an
    /// artificial above it is used.
    static let reducedValue = 1e-7
    /// How far (relative) a bound may sit from a value and still count as it (LP noise).
    static let bound = 1e-6
    /// A row's slack, in dollars, below which the row counts as met.
    static let row = 1e-9
    /// Dollars to cents: a value this close below a whole cent is that cent.
    static let cent = 1e-6
    /// Values below this are zero (a marginal value, a pattern weight in a point).
    static let zero = 1e-12
}

/// Constants of the pricing network's construction (not tuning: any value far enough out works).
enum NetworkConstant {
    /// An entitlement-first arc's cost per cent: far below any price, so the flow sends the
    /// required amount through the entitlement before anything else.
    static let firstArcBonus = 1e6
    /// An arc's capacity with no limit (far above any need in cents, far from overflow).
    static let unlimitedCents = Int64.max / 4
    /// Per dollar and use-order rank: a tie-break far below any price, so that of two equally
    /// cheap payers the one earlier in `use_order` pays.
    static let tieBreak = 1e-9
}

extension Tuning {
    /// A node budget sized for a model of ``priceNodesModelSize`` variables: `budget` there, fewer
    /// in proportion on a larger model (each node is an LP of it), and at least `atLeast`.
    func nodes(_ budget: Int, atLeast: Int, variables: Int) -> Int {
        let share = min(1, Double(priceNodesModelSize) / Double(max(1, variables)))
        return max(atLeast, Int((Double(budget) * share).rounded(.down)))
    }
}
