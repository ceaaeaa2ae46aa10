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
/// Every gate open comes first (the usual optimum: the protected served, every tier paid). A
/// branch that closes a gate is then explored only while its bound — the LP relaxation with the
/// gates decided so far fixed and the others free — could beat the best plan found; the plan
/// returned is optimal over every setting of the gates (or within the gap the leaves prove).
extension PlanningRun {
    /// What the gate search returns: the formulation with the chosen gates fixed, phase 1's
    /// outcome on it, and the decomposition that found it (nil: the monolithic search did).
    struct GatedPhase1 {
        var f: Formulation
        var mip: Phase1Outcome
        var decomposition: (Decomposition, ColumnGeneration)?
    }

    func gatedServedPhase(_ f: Formulation, decomposes: Bool, hint: PlanHint?) throws -> GatedPhase1 {
        // Gates the presolve closed stay closed; the others are searched.
        let presolved: [Bool?] = f.gates.map { $0.closedByPresolve ? false : nil }
        let free = f.gates.indices.filter { presolved[$0] == nil }
        var allOpen = presolved
        for g in free { allOpen[g] = true }
        var best = try leaf(f, allOpen, decomposes: decomposes, hint: hint)
        guard !free.isEmpty else { return best! }
        var bounds: [Double] = []
        var leaves = 1
        let step = f.objectiveStep
        let warm = best.map { Self.hint(f, $0.mip, $0.decomposition) }
        // Depth-first: each free gate open, then closed; a closed branch needs a bound above the best.
        func explore(_ assignment: [Bool?], _ depth: Int, onOpenPath: Bool) throws {
            if depth == free.count {
                guard !onOpenPath else { return }
                leaves += 1
                if let found = try leaf(f, assignment, decomposes: decomposes, hint: nil),
                    found.mip.objective > (best?.mip.objective ?? -.infinity) + Tolerance.objective
                {
                    if let best { bounds.append(best.mip.bound) }
                    best = found
                } else {
                    bounds.append(try nodeBound(f, assignment, decomposes: decomposes, from: warm))
                }
                return
            }
            let g = free[depth]
            for open in [true, false] {
                var next = assignment
                next[g] = open
                guard Self.chainHolds(f, next) else { continue }
                let stillOpenPath = onOpenPath && open
                if !stillOpenPath {
                    let bound = try nodeBound(f, next, decomposes: decomposes, from: warm)
                    if !beats(bound, best?.mip.objective, step: step) {
                        bounds.append(bound)
                        log("  gates \(describe(f, next)): bound \(bound), pruned")
                        continue
                    }
                    log("  gates \(describe(f, next)): bound \(bound), explored")
                }
                try explore(next, depth + 1, onOpenPath: stillOpenPath)
            }
        }
        try explore(presolved, 0, onOpenPath: true)
        guard var chosen = best else {
            throw InfeasibleError(
                "priority of service cannot be met: no setting of the priority order leaves a feasible plan")
        }
        log("gate search: \(leaves) settings solved, \(bounds.count) branches bounded")
        let bound = bounds.reduce(chosen.mip.bound, max)
        if bound > chosen.mip.bound + Tolerance.objective * max(1, abs(bound)) {
            chosen.mip.bound = bound
            if case .optimal = chosen.mip.status, !beats(bound, chosen.mip.objective, step: step) {
                // (Pruned within the step: still proven.)
            } else {
                let gap = abs(bound - chosen.mip.objective) / max(Tolerance.objective, abs(chosen.mip.objective))
                chosen.mip.status = gap <= options.gap ? chosen.mip.status : .timeLimit(gap: gap)
            }
        }
        return chosen
    }

    /// The exact search with the gates fixed as `assignment` says; nil when no plan meets them.
    private func leaf(_ f: Formulation, _ assignment: [Bool?], decomposes: Bool, hint: PlanHint?) throws
        -> GatedPhase1?
    {
        let fixed = f.gates.isEmpty ? f : f.fixingGates(assignment)
        do {
            let (mip, decomposition) = try servedPhase(fixed, decomposes: decomposes, hint: hint)
            // (A search that found no plan returns every binary at 0, which an open gate forbids.)
            let meets = fixed.gates.allSatisfy { gate in
                mip.values[gate.variable.index] < 0.5
                    || gate.protected.allSatisfy { mip.values[fixed.served[$0].index] > 0.5 }
            }
            guard meets else { return nil }
            return GatedPhase1(f: fixed, mip: mip, decomposition: decomposition)
        } catch is InfeasibleError where !f.gates.isEmpty {
            return nil
        }
    }

    /// An upper bound on every plan with the gates `assignment` fixes (the others free): the LP
    /// relaxation, by column generation when the model decomposes (from the best leaf's patterns).
    private func nodeBound(_ f: Formulation, _ assignment: [Bool?], decomposes: Bool, from hint: PlanHint?) throws
        -> Double
    {
        let node = f.fixingGates(assignment)
        if decomposes {
            let d = Decomposition(node, scenario: scenario, tuning: options.tuning, log: options.logger)
            let (status, cg) = try d.relaxation(solver: solver, deadline: deadline, hint: hint)
            switch status {
            case .infeasible: return -.infinity
            case .optimal: return max(cg.solution?.objectiveValue ?? .infinity, cg.lagrangianBound)
            default: return cg.lagrangianBound.isFinite ? cg.lagrangianBound : .infinity
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

    /// Whether a branch with this bound could hold a plan better than `value`: by a step of the
    /// objective when it has one (the bound rounded down to it), by the requested gap otherwise.
    private func beats(_ bound: Double, _ value: Double?, step: Double) -> Bool {
        guard let value else { return true }
        guard bound.isFinite else { return bound > 0 }
        if step > 0 { return (bound / step + Tolerance.objective).rounded(.down) * step > value + step / 2 }
        return bound > value + max(Tolerance.objective * max(1, abs(value)), options.gap * abs(value))
    }

    /// Gates of one stream open from the first tier down: an open gate's previous one is open.
    static func chainHolds(_ f: Formulation, _ assignment: [Bool?]) -> Bool {
        for g in f.gates.indices.dropFirst() where assignment[g] == true {
            let previous = g - 1
            if f.gates[previous].stream == f.gates[g].stream, assignment[previous] == false { return false }
        }
        return true
    }

    private func describe(_ f: Formulation, _ assignment: [Bool?]) -> String {
        f.gates.indices.compactMap { g in
            assignment[g].map {
                "\(scenario.streams[f.gates[g].stream].id)/\(f.gates[g].tier) \($0 ? "open" : "closed")"
            }
        }.joined(separator: ", ")
    }
}
