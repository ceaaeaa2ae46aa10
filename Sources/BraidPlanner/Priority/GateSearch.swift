import BraidPolicy
import BraidScenario
import BraidSolver
import Foundation

/// Phase 1 under priority of service: a search over the gates (docs/DESIGN.md, "Priority of
/// service").
///
/// A gate's LP relaxation is weak (a gate at 0.9 lets a tier draw 90% of the money while a tenth of
/// the protected go unserved), so the gates are not left to the LP: each is fixed, and the
/// ordinary exact search (decomposition or monolithic) solves the model with the gates fixed.
/// The first setting is a guess (``firstGuess(_:)``); then, gate by gate, the other choice is
/// explored only while a bound for it — the gates decided so far fixed, the others relaxed —
/// could beat the best plan found. The bound is the LP relaxation on the monolithic model, and at
/// scale the Lagrangian bound at the best plan's prices: one pricing pass, with the closed tiers'
/// cells left out and the protected of open gates served whatever they cost (no bound, rather
/// than the monolithic LP, when a large roster's best plan has no prices). The plan returned is
/// optimal over every setting of the gates (or within the gap its solves prove; at the time
/// limit the settings left are bounded together by the root).
extension PlanningRun {
    /// What the gate search returns: the formulation with the chosen gates fixed, phase 1's
    /// outcome on it, and the decomposition that found it (nil: the monolithic search did).
    struct GatedPhase1 {
        var f: Formulation
        var mip: Phase1Outcome
        var decomposition: SolvedDecomposition?
    }

    /// The search's state: the best plan and every bound that pruned a branch.
    private struct GateState {
        var best: GatedPhase1?
        var bounds: [Double] = []
        var settings = 0
        /// Whether a branch was left unexplored when the time limit ended.
        var cut = false
        /// At the decomposition's scale: the unfixed formulation's decomposition, for
        /// ``PlanningRun/protectedCanBeServed(_:root:share:answered:)`` (built when first needed).
        var root: Decomposition?
        /// The checks that the protected can be served made so far.
        var answered: [GateCheck: Bool] = [:]
    }

    func gatedServedPhase(_ f: Formulation, decomposes: Bool, hint: PlanHint?) throws -> GatedPhase1 {
        let free = f.gates.indices.filter { Self.settings(f.gates[$0]).count > 1 }
        let guess =
            try referenceGuess(f)
            ?? (f.analyses.count < options.tuning.gateGuessByBoundsBelow
                ? guessByBounds(f, free, decomposes: decomposes) : Self.firstGuess(f, scenario))
        var state = GateState()
        state.best = try leaf(f, guess, decomposes: decomposes, hint: hint, &state)
        state.settings = 1
        guard !free.isEmpty else { return state.best! }
        let step = f.objectiveStep
        var start: [GateSetting?] = f.gates.map { Self.settings($0).count > 1 ? nil : .closed }
        try explore(f, &start, free, 0, guess: guess, onGuess: true, step: step, decomposes: decomposes, &state)
        guard var chosen = state.best else {
            if state.cut || outOfTime {
                let fixed = f.fixingGates(guess)
                return GatedPhase1(f: fixed, mip: .noPlan(fixed, relaxation: nil), decomposition: nil)
            }
            throw InfeasibleError(
                "priority of service cannot be met: no setting of the priority order leaves a feasible plan")
        }
        log("gate search: \(state.settings) settings solved, \(state.bounds.count) branches bounded")
        if state.cut || state.bounds.contains(.infinity) {
            // Branches left at the time limit, and settings a limit stopped before they had a
            // bound, are bounded by the root: every free gate relaxed, so it bounds every setting
            // (an infinite bound when none is known; the gap is then measured against everyone
            // who can be served, in ``PlanningRun/status(of:ceiling:step:)``).
            let root = try nodeBound(f, start, decomposes: decomposes, best: state.best)
            state.bounds = state.bounds.map { min($0, root) } + (state.cut ? [root] : [])
            log(
                "gate search: "
                    + (state.cut ? "the time limit ended with settings unexplored" : "a setting ended without a bound")
                    + "; root bound \(root)")
        }
        chosen.mip = Self.widening(
            chosen.mip, to: state.bounds.reduce(chosen.mip.bound, max), step: step, options: options)
        return chosen
    }

    /// The chosen plan's outcome measured against a bound the other settings raised: the bound
    /// taken; a plan proven optimal stays so while the bound cannot beat it (by a step, or beyond
    /// a requested gap), else its status is the time limit with the wider gap; a plan already
    /// stopped by a limit keeps the wider of its gap and the new one (its own gap alone would
    /// under-state it).
    /// (An infinite bound — a setting that ended at the limit with no bound — widens too: its
    /// gap is then measured against everyone who can be served, in ``status(of:ceiling:step:)``.)
    static func widening(_ mip: Phase1Outcome, to bound: Double, step: Double, options: PlanOptions) -> Phase1Outcome {
        guard bound == .infinity || bound > mip.bound + Tolerance.objective * max(1, abs(bound)) else { return mip }
        var widened = mip
        widened.bound = bound
        let gap = abs(bound - mip.objective) / max(Tolerance.objective, abs(mip.objective))
        if case .timeLimit(let known?) = mip.status {
            widened.status = .timeLimit(gap: max(known, gap))
        } else if beats(bound, mip.objective, step: step, options: options), gap > options.gap {
            widened.status = .timeLimit(gap: gap)
        }
        return widened
    }

    /// Depth first over the free gates: the guess's choice, then the other when its bound beats
    /// the best plan.
    private func explore(
        _ f: Formulation, _ assignment: inout [GateSetting?], _ free: [Int], _ depth: Int, guess: [GateSetting?],
        onGuess: Bool,
        step: Double, decomposes: Bool, _ state: inout GateState
    ) throws {
        if stopsAtTheLimit(f, decomposes: decomposes, &state) { return }
        if depth == free.count {
            guard !onGuess else { return }
            state.settings += 1
            // (Its node was checked by ``mayHoldAPlan`` on the way down. The best plan's patterns
            // as a start did not help: at 100,000 applicants its first master took 30 s.)
            if let found = try leaf(f, assignment, decomposes: decomposes, hint: nil, checked: true, &state) {
                if found.mip.objective > (state.best?.mip.objective ?? -.infinity) + Tolerance.objective {
                    if let best = state.best { state.bounds.append(best.mip.bound) }
                    state.best = found
                } else {
                    state.bounds.append(found.mip.bound)
                }
            }
            return
        }
        let g = free[depth]
        let choices = Self.settings(f.gates[g])
        let first = guess[g].flatMap { choices.contains($0) ? $0 : nil } ?? choices[0]
        for setting in [first] + choices.filter({ $0 != first }) {
            // (Nor bounds for the siblings.)
            if stopsAtTheLimit(f, decomposes: decomposes, &state) { return }
            assignment[g] = setting
            defer { assignment[g] = nil }
            guard Self.chainHolds(f, assignment) else { continue }
            let stillGuess = onGuess && setting == first
            if !stillGuess {
                // The bound first: at scale it is one pricing pass, where the check that the
                // protected can be served together took 6 s for WIOA Adult's third tier at
                // 100,000 applicants (a branch its bound then pruned anyway).
                let bound = try nodeBound(f, assignment, decomposes: decomposes, best: state.best)
                guard beats(bound, state.best?.mip.objective, step: step) else {
                    state.bounds.append(bound)
                    log("  gates \(describe(f, assignment)): bound \(bound), pruned")
                    continue
                }
                guard try mayHoldAPlan(f, assignment, whole: depth + 1 == free.count, decomposes: decomposes, &state)
                else {
                    log("  gates \(describe(f, assignment)): the protected cannot all be served, pruned")
                    continue
                }
                log("  gates \(describe(f, assignment)): bound \(bound), explored")
            }
            try explore(
                f, &assignment, free, depth + 1, guess: guess, onGuess: stillGuess, step: step,
                decomposes: decomposes, &state)
        }
    }

    /// Whether the search stops here for the time limit (marking the settings left as cut): once
    /// it has a plan; without one, a small model's leaves still get their moment each
    /// (``Tuning/minimumStepSeconds``), a large one's none (each would cost seconds at its scale).
    private func stopsAtTheLimit(_ f: Formulation, decomposes: Bool, _ state: inout GateState) -> Bool {
        guard outOfTime, state.best != nil || (decomposes && beyondMonolithic(f)) else { return false }
        state.cut = true
        return true
    }

    /// The first setting tried: a gate opens when the money its protected could draw from the
    /// stream is under the stream's limit (they cannot absorb it, so the tier below may get
    /// some), and closes otherwise (closing costs little: the money goes to the protected anyway).
    static func firstGuess(_ f: Formulation, _ scenario: Scenario) -> [GateSetting?] {
        var guess: [GateSetting?] = f.gates.map { $0.closedByPresolve ? .closed : nil }
        for (g, gate) in f.gates.enumerated() where guess[g] == nil {
            let protected = Set(gate.protected)
            let draw = f.cells.lazy.filter { $0.stream == gate.stream && protected.contains($0.owner) }.reduce(
                Int64(0)
            ) { $0 + $1.upper }
            let open = scenario.streams[gate.stream].limit.map { draw < $0 } ?? true
            let chained = g == 0 || f.gates[g - 1].stream != gate.stream || guess[g - 1] == .open
            guess[g] = open && chained ? .open : .closed
        }
        return guess
    }

    /// The settings a gate can take: open unless its protected cannot all be served, partial when
    /// the stream can keep money under the cheapest protected applicant, closed always.
    static func settings(_ gate: PriorityGate) -> [GateSetting] {
        (gate.closedByPresolve ? [] : [.open]) + (gate.partial == nil ? [] : [.partial]) + [.closed]
    }

    /// The first setting when planning close to a reference (``PlanOptions/closeTo``): the
    /// reference's own, where it names a setting each gate can take that the chain allows (a
    /// what-if's plan usually keeps its baseline's gates; on Indiana's budget edits this saves the
    /// ~0.1 s of LP bounds ``guessByBounds`` spends). Nil otherwise.
    private func referenceGuess(_ f: Formulation) -> [GateSetting?]? {
        guard let known = options.closeTo?.gates, !known.isEmpty, !f.gates.isEmpty else { return nil }
        var guess: [GateSetting?] = []
        for gate in f.gates {
            let choices = Self.settings(gate)
            guard choices.count > 1 else {
                guess.append(.closed)
                continue
            }
            guard let setting = known[Self.gateKey(gate, scenario)].flatMap(GateSetting.init(rawValue:)),
                choices.contains(setting)
            else { return nil }
            guess.append(setting)
        }
        return Self.chainHolds(f, guess) ? guess : nil
    }

    /// The first setting for small rosters: gate by gate, the choice whose LP bound (the gates
    /// decided so far fixed, the rest relaxed) is higher; open on a tie.
    private func guessByBounds(_ f: Formulation, _ free: [Int], decomposes: Bool) throws -> [GateSetting?] {
        var guess: [GateSetting?] = f.gates.map { Self.settings($0).count > 1 ? nil : .closed }
        for g in free {
            var best: (setting: GateSetting, bound: Double)? = nil
            for setting in Self.settings(f.gates[g]) {
                guess[g] = setting
                guard Self.chainHolds(f, guess) else { continue }
                let bound = try nodeBound(f, guess, decomposes: decomposes, best: nil)
                if best == nil || bound > best!.bound + Tolerance.objective * max(1, abs(bound)) {
                    best = (setting, bound)
                }
            }
            guess[g] = best?.setting ?? .closed
        }
        return guess
    }

    /// Whether the gates `assignment` fixes may leave a plan: false when the protected of its open
    /// gates are proven unable to be served together (checked at the decomposition's scale, where
    /// a node's own column generation takes long to find that out). A node with gates left free
    /// (`whole` false) gets ``Tuning/partialGateCheckTimeShare`` of the time left, a whole setting
    /// ``Tuning/gateCheckTimeShare``.
    private func mayHoldAPlan(
        _ f: Formulation, _ assignment: [GateSetting?], whole: Bool, decomposes: Bool, _ state: inout GateState
    ) throws -> Bool {
        guard decomposes, !f.gates.isEmpty, options.tuning.gateCheckTimeShare > 0, beyondMonolithic(f) else {
            return true
        }
        if state.root == nil {
            state.root = Decomposition(f, scenario: scenario, tuning: options.tuning, log: options.logger)
            state.root!.stop = options.stop
        }
        return try protectedCanBeServed(
            f.fixingGates(assignment), root: state.root!,
            share: whole ? options.tuning.gateCheckTimeShare : options.tuning.partialGateCheckTimeShare,
            answered: &state.answered)
    }

    /// The exact search with the gates fixed as `assignment` says; nil when no plan meets them.
    private func leaf(
        _ f: Formulation, _ assignment: [GateSetting?], decomposes: Bool, hint: PlanHint?, checked: Bool = false,
        _ state: inout GateState
    ) throws
        -> GatedPhase1?
    {
        try options.checkStop()
        guard try checked || mayHoldAPlan(f, assignment, whole: true, decomposes: decomposes, &state) else {
            log("  gates \(describe(f, assignment)): the protected cannot all be served")
            return nil
        }
        let fixed = f.gates.isEmpty ? f : f.fixingGates(assignment)
        do {
            // (A leaf after the first need only beat the best plan: a relaxation that cannot is
            // its bound, without a search for a plan — Indiana's edits: 0.5 s of margin MIP and
            // dives for a plan of 368 under a best of 402.)
            let (mip, decomposition) = try servedPhase(
                fixed, decomposes: decomposes, hint: hint, beating: state.best?.mip.objective)
            // (A search that found no plan returns every binary at 0, which an open gate forbids:
            // a gate fixed open is open whatever the values say.)
            let meets = fixed.gates.allSatisfy { gate in
                let open =
                    fixed.model.lowerBounds[gate.variable.index] > 0.5 || mip.values[gate.variable.index] > 0.5
                return !open || gate.protected.allSatisfy { mip.values[fixed.served[$0].index] > 0.5 }
            }
            guard meets else {
                // A search stopped by a limit before it found a plan has not shown there is none:
                // its bound stays among those the plan is measured against.
                if case .timeLimit = mip.status {
                    state.bounds.append(mip.bound)
                    let dominated =
                        state.best.map { !beats(mip.bound, $0.mip.objective, step: f.objectiveStep) } ?? false
                    log(
                        "  gates \(describe(f, assignment)): "
                            + (dominated
                                ? "its relaxation's bound \(mip.bound) cannot beat the best plan, pruned"
                                : "no plan found within the limit, bound \(mip.bound)"))
                }
                return nil
            }
            return GatedPhase1(f: fixed, mip: mip, decomposition: decomposition)
        } catch is InfeasibleError where !f.gates.isEmpty {
            return nil
        }
    }

    /// An upper bound on every plan with the gates `assignment` fixes (the others relaxed).
    private func nodeBound(
        _ f: Formulation, _ assignment: [GateSetting?], decomposes: Bool, best: GatedPhase1?
    ) throws
        -> Double
    {
        let node = f.fixingGates(assignment)
        if decomposes, let d = best?.decomposition?.decomposition, let solution = best?.decomposition?.master.solution {
            return try lagrangianBound(node, d, Array(solution.duals[0..<d.f.linkingRows.count]))
        }
        // (No prices to bound with at the decomposition's scale: no bound, rather than the
        // monolithic LP of a roster that large.)
        if decomposes && beyondMonolithic(f) { return .infinity }
        if decomposes {
            // The node's LP over patterns by column generation: at least as tight as the
            // monolithic LP, and far quicker where the months of a multi-year plan multiply the
            // model (Indiana over four years: ~0.2 s against 3.5–6 s a node).
            let d = Decomposition(node, scenario: scenario, tuning: options.tuning, log: .silent)
            // (At least ``Tuning/minimumStepSeconds``: the root's bound after the time limit.)
            let (outcome, cg) = try d.relaxation(
                solver: solver, deadline: remaining().map { MonotonicClock.now() + $0 })
            switch outcome {
            case .optimal: return cg.solution?.objectiveValue ?? .infinity
            case .infeasible: return -.infinity
            case .timeLimit: return .infinity
            }
        }
        let relaxed = try solver.solve(
            node.model, options: SolveOptions(timeLimit: remaining(), relaxIntegrality: true))
        switch relaxed.status {
        case .optimal: return relaxed.objectiveValue
        case .infeasible: return -.infinity
        default: return .infinity
        }
    }

    /// L(π) for the node: the gates' rows dropped (their prices set to 0), the closed tiers'
    /// cells out of the pricing, the protected of open gates served whatever they gain.
    private func lagrangianBound(_ node: Formulation, _ d: Decomposition, _ duals: [Double]) throws -> Double {
        // The leaf's linking rows (its decomposition's entries are theirs), the gates' at price 0.
        var node = node
        node.linkingRows = d.f.linkingRows
        var pi = duals
        let gateRows = Set(node.gates.flatMap { $0.rows.map(\.index) + $0.partialRows.map(\.index) })
        for (j, row) in node.linkingRows.enumerated() where gateRows.contains(row.index) { pi[j] = 0 }
        let nd = d.replacing(node)
        let pricing = nd.signedPrices(pi)
        let gains = try parallelMap(2, threads: options.tuning.threads) { half -> [(Int, Double)] in
            let mine = nd.active.enumerated().filter { $0.offset % 2 == half }.map(\.element)
            return try mine.map { i in
                (i, try ColumnGeneration.price(nd, .served, i, pricing, 0, solver: solver)?.value ?? -.infinity)
            }
        }
        var rv = [Double](repeating: -.infinity, count: node.analyses.count)
        for (i, value) in gains.joined() { rv[i] = value }
        // Every node's model lets each gate's variable sit at its fixed value or 0…1: the bound
        // takes the extras at their best, as L(π) does.
        return nd.lagrangian(duals: pi, gains: rv, forced: Set(node.forcedServed))?.bound ?? .infinity
    }

    /// Whether a branch with this bound could hold a plan better than `value`: by a step of the
    /// objective when it has one (the bound rounded down to it), by the gap otherwise — and, under
    /// a requested gap (``PlanOptions/withinRequestedGap(_:of:)``), by more than that gap: a plan
    /// within it of every branch's bound is the answer the gap asks for (Indiana's workbench
    /// edits at 0.5%: a leaf whose relaxation reached one person above a best plan of 418 spent
    /// 50 ms of margin MIP looking for that person).
    func beats(_ bound: Double, _ value: Double?, step: Double) -> Bool {
        Self.beats(bound, value, step: step, options: options)
    }

    static func beats(_ bound: Double, _ value: Double?, step: Double, options: PlanOptions) -> Bool {
        guard let value else { return true }
        guard bound.isFinite else { return bound > 0 }
        let reach = step > 0 ? (bound / step + Tolerance.objective).rounded(.down) * step : bound
        let better =
            step > 0
            ? reach > value + step / 2
            : reach > value + max(Tolerance.objective * max(1, abs(value)), options.gap * abs(value))
        return better && !options.withinRequestedGap(value, of: reach)
    }

    /// Gates of one stream open from the first tier down: an open gate's previous one is open,
    /// and a partial gate's previous one is not closed.
    static func chainHolds(_ f: Formulation, _ assignment: [GateSetting?]) -> Bool {
        for g in f.gates.indices.dropFirst() {
            guard let setting = assignment[g], setting != .closed, f.gates[g - 1].stream == f.gates[g].stream,
                let previous = assignment[g - 1]
            else { continue }
            if previous == .closed || (setting == .open && previous == .partial) { return false }
        }
        return true
    }

    private func describe(_ f: Formulation, _ assignment: [GateSetting?]) -> String {
        f.gates.indices.compactMap { g in
            assignment[g].map { "\(Self.gateKey(f.gates[g], scenario)) \($0)" }
        }.joined(separator: ", ")
    }
}
