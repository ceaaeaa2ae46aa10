import Foundation
import Testing

@testable import BraidSolver

/// A column-generation master of random shape: `linking` budget-like rows (≤, one ≥, one range),
/// then Σ patterns ≤ 1 for participants with two or three patterns; participants with one have
/// none. Patterns in [0, 1] (some fixed), a few fixed and boxed extras, and an artificial pair per
/// linking row at a high cost.
func randomMaster(seed: UInt64, participants: Int, linking: Int) -> LinearModel {
    var state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    func next() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53)
    }
    var m = LinearModel(name: "master")
    var terms = [[(Variable, Double)]](repeating: [], count: linking)
    for k in 0..<3 {
        let fixed = k == 0
        let x = m.addVariable("e\(k)", lower: fixed ? 1 : 0, upper: fixed ? 1 : 2)
        m.setObjectiveCoefficient(x, fixed ? 0 : -0.5)
        terms[k % linking].append((x, 500 + 100 * Double(k)))
    }
    for r in 0..<linking {
        terms[r].append((m.addVariable("up\(r)", upper: .infinity), 1))
        terms[r].append((m.addVariable("down\(r)", upper: r == 1 ? .infinity : 0), -1))
        m.setObjectiveCoefficient(Variable(index: m.variableCount - 2), -100)
        m.setObjectiveCoefficient(Variable(index: m.variableCount - 1), -100)
    }
    var blocks: [[Variable]] = []
    for i in 0..<participants {
        let count = next() < 0.6 ? 1 : (next() < 0.5 ? 2 : 3)
        var mine: [Variable] = []
        let weight = next() < 0.8 ? 1.0 : 2.0
        for _ in 0..<count {
            let x = m.addVariable("x\(i).\(mine.count)", upper: next() < 0.03 ? 0 : 1)
            m.setObjectiveCoefficient(x, weight)
            for r in 0..<linking where next() < 0.35 { terms[r].append((x, (200 + 4000 * next()).rounded())) }
            mine.append(x)
        }
        if count > 1 { blocks.append(mine) }
    }
    for r in 0..<linking {
        let total = terms[r].reduce(0.0) { $0 + max(0, $1.1) }
        switch r {
        case 1: m.addConstraint("link\(r)", terms[r], .atLeast(0.05 * total))
        case 2: m.addConstraint("link\(r)", terms[r], .between(0.02 * total, 0.4 * total))
        default: m.addConstraint("link\(r)", terms[r], .atMost((0.25 * total).rounded()))
        }
    }
    for (b, mine) in blocks.enumerated() { m.addConstraint("block\(b)", mine.map { ($0, 1.0) }, .atMost(1)) }
    m.setObjective(
        .maximize, (0..<m.variableCount).map { (Variable(index: $0), m.objectiveCoefficients[$0]) }.filter { $0.1 != 0 }
    )
    return m
}

@Suite struct BlockInteriorPointTests {
    @Test(
        "the interior point reaches the simplex's optimum on random masters, with duals that price every column right")
    func matchesTheSimplex() throws {
        for seed in 1...12 {
            let model = randomMaster(seed: UInt64(seed), participants: 40 + 30 * seed, linking: 3 + seed % 5)
            let simplex = try GLPKSolver().solve(model, options: SolveOptions(presolve: false))
            #expect(simplex.status == .optimal)
            let ipm = try BlockInteriorPoint().solve(model, linking: 3 + seed % 5)
            // Started near a point (the simplex's vertex; one column's value missing): the same optimum.
            var start = simplex.values
            start[start.count - 1] = .nan
            let warm = try BlockInteriorPoint().solve(model, linking: 3 + seed % 5, start: start)
            #expect(
                abs(warm.objectiveValue - simplex.objectiveValue) <= 1e-6 * (1 + abs(simplex.objectiveValue)),
                "seed \(seed): from a start \(warm.objectiveValue)")
            #expect(
                abs(ipm.objectiveValue - simplex.objectiveValue) <= 1e-6 * (1 + abs(simplex.objectiveValue)),
                "seed \(seed): \(ipm.objectiveValue) against \(simplex.objectiveValue)")
            // Reduced costs of the right sign for where each column sits (maximising).
            for j in 0..<model.variableCount where model.lowerBounds[j] < model.upperBounds[j] {
                let x = ipm.values[j]
                let d = ipm.reducedCosts[j]
                #expect(x >= model.lowerBounds[j] - 1e-7 && x <= model.upperBounds[j] + 1e-7)
                if x < model.lowerBounds[j] + 1e-6 {
                    #expect(d <= 1e-5, "seed \(seed) column \(j): at its lower bound with d = \(d)")
                }
                if x > model.upperBounds[j] - 1e-6 {
                    #expect(d >= -1e-5, "seed \(seed) column \(j): at its upper bound with d = \(d)")
                }
            }
            for r in 0..<model.constraintCount {
                #expect(ipm.rowActivities[r] <= model.rowUpper[r] + 1e-6 * (1 + abs(model.rowUpper[r])))
                #expect(ipm.rowActivities[r] >= model.rowLower[r] - 1e-6 * (1 + abs(model.rowLower[r])))
            }
        }
    }

    /// Phase 2's master shape: each block row an equality (Σ patterns = 1), one linking row an
    /// equality too. Their fixed slacks belong on the right-hand side (they were left out, so the
    /// method solved Σ patterns = 0).
    @Test func equalityRowsHold() throws {
        var model = LinearModel(name: "spend")
        let a = model.addVariable("a", upper: .infinity)
        let b = model.addVariable("b", upper: .infinity)
        let c = model.addVariable("c", upper: .infinity)
        let d = model.addVariable("d", upper: .infinity)
        // Two participants (a|b, c|d); a and c use the scarce stream, b and d the dearer one.
        model.addConstraint("scarce", [(a, 300), (c, 300)], .atMost(450))
        model.addConstraint("dear", [(b, 300), (d, 300), (a, 0.5)], .equal(330))
        model.addConstraint("first", [(a, 1), (b, 1)], .equal(1))
        model.addConstraint("second", [(c, 1), (d, 1)], .equal(1))
        model.setObjective(.minimize, [(a, 300), (b, 900), (c, 300), (d, 900)])
        let simplex = try GLPKSolver().solve(model, options: SolveOptions(presolve: false))
        let ipm = try BlockInteriorPoint().solve(model, linking: 2)
        #expect(simplex.status == .optimal)
        #expect(abs(ipm.objectiveValue - simplex.objectiveValue) <= 1e-6 * abs(simplex.objectiveValue))
        for r in 0..<model.constraintCount {
            #expect(ipm.rowActivities[r] <= model.rowUpper[r] + 1e-6 * (1 + abs(model.rowUpper[r])), "row \(r)")
            #expect(ipm.rowActivities[r] >= model.rowLower[r] - 1e-6 * (1 + abs(model.rowLower[r])), "row \(r)")
        }
    }

    @Test("a column in two block rows, or too few iterations, is a failure the caller can fall back from")
    func failsCleanly() throws {
        var model = LinearModel(name: "two blocks")
        let x = model.addVariable("x", upper: 1)
        let y = model.addVariable("y", upper: 1)
        model.addConstraint("budget", [(x, 2), (y, 3)], .atMost(4))
        model.addConstraint("first", [(x, 1), (y, 1)], .atMost(1))
        model.addConstraint("second", [(x, 1)], .atMost(1))
        model.setObjective(.maximize, [(x, 1), (y, 1)])
        #expect(throws: BlockInteriorPoint.Failure.shape) { try BlockInteriorPoint().solve(model, linking: 1) }
        #expect(throws: BlockInteriorPoint.Failure.shape) { try BlockInteriorPoint().solve(model, linking: 0) }
        var short = BlockInteriorPoint()
        short.iterationLimit = 1
        #expect(throws: BlockInteriorPoint.Failure.iterationLimit) {
            try short.solve(randomMaster(seed: 3, participants: 60, linking: 4), linking: 4)
        }
        // With the first two rows linking, the same LP solves (its optimum is 1: x + y <= 1).
        let solved = try BlockInteriorPoint().solve(model, linking: 2)
        #expect(abs(solved.objectiveValue - 1) <= 1e-7)
    }

    /// Asked for more accuracy than doubles hold, the method iterates on until a complementarity
    /// product reaches 0 and the next direction is not a number: the point it had stands (it is
    /// within ``BlockInteriorPoint/stalledTolerance``), where it used to fail and hand the master
    /// to the simplex.
    @Test func aPointWithNoStepFromItStandsWhenItIsClose() throws {
        final class Lines: @unchecked Sendable { var all: [String] = [] }
        var stood = 0
        for seed in 1...12 {
            let model = randomMaster(seed: UInt64(seed), participants: 40 + 30 * seed, linking: 3 + seed % 5)
            let simplex = try GLPKSolver().solve(model, options: SolveOptions(presolve: false))
            let lines = Lines()
            var exacting = BlockInteriorPoint()
            exacting.tolerance = 0
            exacting.progress = { lines.all.append($0) }
            guard let ipm = try? exacting.solve(model, linking: 3 + seed % 5) else { continue }
            #expect(lines.all.contains { $0.contains("it stands") }, "seed \(seed)")
            stood += 1
            #expect(
                abs(ipm.objectiveValue - simplex.objectiveValue)
                    <= BlockInteriorPoint.stalledTolerance * (1 + abs(simplex.objectiveValue)),
                "seed \(seed): \(ipm.objectiveValue) against \(simplex.objectiveValue)")
        }
        #expect(stood >= 3)
    }
}
