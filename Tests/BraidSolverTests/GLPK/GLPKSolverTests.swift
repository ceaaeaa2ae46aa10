import Foundation
import Testing

@testable import BraidSolver

/// The Wyndor Glass LP (Hillier & Lieberman): max 3x + 5y, x <= 4, 2y <= 12, 3x + 2y <= 18.
/// Optimum 36 at (2, 6); duals 0, 1.5, 1.
func wyndor() -> (LinearModel, Variable, Variable, [Constraint]) {
    var model = LinearModel(name: "wyndor")
    let x = model.addVariable("x")
    let y = model.addVariable("y")
    let plant1 = model.addConstraint("plant1", [(x, 1)], .atMost(4))
    let plant2 = model.addConstraint("plant2", [(y, 2)], .atMost(12))
    let plant3 = model.addConstraint("plant3", [(x, 3), (y, 2)], .atMost(18))
    model.setObjective(.maximize, [(x, 3), (y, 5)])
    return (model, x, y, [plant1, plant2, plant3])
}

/// max 10a + 13b + 7c + 8d subject to 3a + 4b + 2c + 3d <= 7, binaries: optimum 23 with a = b = 1.
func knapsack() -> (LinearModel, [Variable]) {
    var model = LinearModel(name: "knapsack")
    let items = ["a", "b", "c", "d"].map { model.addVariable($0, kind: .binary) }
    model.addConstraint("weight", zip(items, [3.0, 4, 2, 3]).map { ($0, $1) }, .atMost(7))
    model.setObjective(.maximize, zip(items, [10.0, 13, 7, 8]).map { ($0, $1) })
    return (model, items)
}

@Suite struct GLPKSolverTests {
    let solver = GLPKSolver()

    @Test func linearProgramHasKnownOptimumAndDuals() throws {
        let (model, x, y, rows) = wyndor()
        let solution = try solver.solve(model)
        #expect(solution.status == .optimal)
        #expect(abs(solution.objectiveValue - 36) < 1e-9)
        #expect(abs(solution.value(of: x) - 2) < 1e-9)
        #expect(abs(solution.value(of: y) - 6) < 1e-9)
        #expect(abs(solution.dual(of: rows[0]) - 0) < 1e-9)
        #expect(abs(solution.dual(of: rows[1]) - 1.5) < 1e-9)
        #expect(abs(solution.dual(of: rows[2]) - 1) < 1e-9)
        #expect(abs(solution.activity(of: rows[2]) - 18) < 1e-9)
        #expect(solution.basis != nil)
    }

    @Test func reducedCostOfVariableAtItsBound() throws {
        // max x + 2y, x + y <= 1.5, 0 <= y <= 1: optimum 2.5 at (0.5, 1); y's reduced cost is 1.
        var model = LinearModel()
        let x = model.addVariable("x")
        let y = model.addVariable("y", upper: 1)
        let row = model.addConstraint("sum", [(x, 1), (y, 1)], .atMost(1.5))
        model.setObjective(.maximize, [(x, 1), (y, 2)])
        let solution = try solver.solve(model)
        #expect(abs(solution.objectiveValue - 2.5) < 1e-9)
        #expect(abs(solution.dual(of: row) - 1) < 1e-9)
        #expect(abs(solution.reducedCost(of: y) - 1) < 1e-9)
        #expect(abs(solution.reducedCost(of: x)) < 1e-9)
    }

    @Test func dualSimplexReachesTheSameOptimum() throws {
        let (model, _, _, rows) = wyndor()
        let solution = try solver.solve(model, options: SolveOptions(algorithm: .dualSimplex))
        #expect(solution.status == .optimal)
        #expect(abs(solution.objectiveValue - 36) < 1e-9)
        #expect(abs(solution.dual(of: rows[2]) - 1) < 1e-9)
    }

    @Test func interiorPointReachesTheSameOptimum() throws {
        let (model, _, _, rows) = wyndor()
        let solution = try solver.solve(model, options: SolveOptions(algorithm: .interiorPoint))
        #expect(solution.status == .optimal)
        #expect(abs(solution.objectiveValue - 36) < 1e-6)
        #expect(abs(solution.dual(of: rows[1]) - 1.5) < 1e-6)
    }

    @Test func mixedIntegerProgramHasKnownOptimum() throws {
        let (model, items) = knapsack()
        let solution = try solver.solve(model)
        #expect(solution.status == .optimal)
        #expect(abs(solution.objectiveValue - 23) < 1e-9)
        #expect(items.map { solution.value(of: $0).rounded() } == [1, 1, 0, 0])
        #expect(solution.relativeGap < 1e-6)
        // The relaxation is fractional and better.
        let relaxed = try solver.solve(model, options: SolveOptions(relaxIntegrality: true))
        #expect(abs(relaxed.objectiveValue - 23.5) < 1e-9)  // c, a, then half of b
    }

    /// Both backtracking orders and both branching rules reach the optimum of a 16-item knapsack
    /// with two weight rows, checked by enumerating all 65,536 choices.
    @Test(arguments: [false, true], [false, true])
    func everySearchOrderReachesTheSameOptimum(breadthFirst: Bool, mostFractional: Bool) throws {
        let values: [Double] = (0..<16).map { (i: Int) -> Double in Double((i * 37) % 23 + 5) }
        let first: [Double] = (0..<16).map { (i: Int) -> Double in Double((i * 11) % 13 + 3) }
        let second: [Double] = (0..<16).map { (i: Int) -> Double in Double((i * 7) % 17 + 2) }
        let weights = [first, second]
        let limits = [61.0, 57]
        var model = LinearModel(name: "knapsack2")
        let xs = (0..<16).map { model.addVariable("x\($0)", kind: .binary) }
        for (w, limit) in zip(weights, limits) { model.addConstraint("", zip(xs, w).map { ($0, $1) }, .atMost(limit)) }
        model.setObjective(.maximize, zip(xs, values).map { ($0, $1) })
        var best = 0.0
        for mask in 0..<(1 << 16) {
            let chosen = (0..<16).filter { (i: Int) -> Bool in mask & (1 << i) != 0 }
            let fits = zip(weights, limits).allSatisfy { (w: [Double], limit: Double) -> Bool in
                chosen.reduce(0.0) { $0 + w[$1] } <= limit
            }
            if fits { best = max(best, chosen.reduce(0.0) { $0 + values[$1] }) }
        }
        var options = SolveOptions(feasibilityPump: false)
        options.breadthFirst = breadthFirst
        options.mostFractional = mostFractional
        let solution = try solver.solve(model, options: options)
        #expect(solution.status == .optimal)
        #expect(abs(solution.objectiveValue - best) < 1e-9, "found \(solution.objectiveValue), optimum \(best)")
    }

    @Test func infeasibleModelsAreAStatus() throws {
        var model = LinearModel()
        let x = model.addVariable("x")
        model.addConstraint("low", [(x, 1)], .atLeast(2))
        model.addConstraint("high", [(x, 1)], .atMost(1))
        model.setObjective(.minimize, [(x, 1)])
        #expect(try solver.solve(model).status == .infeasible)
        #expect(try solver.solve(model, options: SolveOptions(presolve: false)).status == .infeasible)
        var mip = model
        mip.setKind(x, .integer)
        #expect(try solver.solve(mip).status == .infeasible)
        // Integer-infeasible although the relaxation is feasible: 2x = 1.
        var parity = LinearModel()
        let z = parity.addVariable("z", kind: .integer, lower: 0, upper: 5)
        parity.addConstraint("odd", [(z, 2)], .equal(1))
        parity.setObjective(.maximize, [(z, 1)])
        #expect(try solver.solve(parity).status == .infeasible)
    }

    @Test func unboundedModelsAreAStatus() throws {
        var model = LinearModel()
        let x = model.addVariable("x")
        let y = model.addVariable("y")
        model.addConstraint("diff", [(x, 1), (y, -1)], .atMost(1))
        model.setObjective(.maximize, [(x, 1), (y, 1)])
        #expect(try solver.solve(model).status == .unbounded)
        #expect(try solver.solve(model, options: SolveOptions(presolve: false)).status == .unbounded)
        model.setKind(x, .integer)
        #expect(try solver.solve(model).status == .unbounded)
    }

    @Test func glpkFatalErrorComesBackAsSwiftErrorAndTheNextSolveWorks() throws {
        #expect(throws: SolverError.glpkFatal("glp_add_rows: nrs = 0; invalid number of rows")) {
            try GLPKSolver.provokeFatalError()
        }
        let (model, _, _, _) = wyndor()
        #expect(abs(try solver.solve(model).objectiveValue - 36) < 1e-9)
    }

    @Test func goingOverTheMemoryLimitIsAGLPKErrorAndTheLimitEndsWithTheSolve() throws {
        // max Σx subject to Σx <= 1, 10,000 columns: about 2 MB of GLPK rows, columns and matrix.
        var big = LinearModel(name: "big")
        let columns = (0..<10_000).map { big.addVariable("x\($0)", upper: 1) }
        big.addConstraint("sum", columns.map { ($0, 1) }, .atMost(1))
        big.setObjective(.maximize, columns.map { ($0, 1) })
        let error = #expect(throws: SolverError.self) { try solver.solve(big, options: SolveOptions(memoryLimitMB: 1)) }
        guard case .glpkFatal(let message) = error else {
            Issue.record("expected a GLPK fatal error, got \(String(describing: error))")
            return
        }
        #expect(message.contains("memory allocation limit exceeded"), "\(message)")
        // The same thread, no limit: the failed solve's limit is gone with its environment.
        #expect(abs(try solver.solve(big).objectiveValue - 1) < 1e-9)
        // A solve that stays under its limit must not leave the limit behind either.
        let (small, _, _, _) = wyndor()
        #expect(abs(try solver.solve(small, options: SolveOptions(memoryLimitMB: 1)).objectiveValue - 36) < 1e-9)
        #expect(abs(try solver.solve(big).objectiveValue - 1) < 1e-9)
        #expect(throws: SolverError.invalidModel("the memory limit must be at least 1 MB, got 0")) {
            try solver.solve(small, options: SolveOptions(memoryLimitMB: 0))
        }
    }

    @Test func duplicateMatrixEntryIsCaughtByValidationAndByTheShim() throws {
        var model = LinearModel()
        let x = model.addVariable("x")
        model.addConstraint("twice", [(x, 1), (x, 2)], .atMost(4))
        model.setObjective(.maximize, [(x, 1)])
        #expect(throws: SolverError.invalidModel("constraint twice: variable x appears twice")) {
            try solver.solve(model)
        }
        // Without Swift's check GLPK itself stops with a fatal error — caught, not an abort.
        let error = #expect(throws: SolverError.self) {
            try solver.solveUnchecked(model, options: SolveOptions())
        }
        guard case .glpkFatal(let message) = error else {
            Issue.record("expected a GLPK fatal error, got \(String(describing: error))")
            return
        }
        #expect(message.contains("duplicate indices not allowed"))
        #expect(!message.contains("Error detected in file"))
        let (good, _) = knapsack()
        #expect(abs(try solver.solve(good).objectiveValue - 23) < 1e-9)
    }

    @Test(arguments: [
        ("empty", SolverError.invalidModel("the model has no variables")),
        ("nan", SolverError.invalidModel("constraint c: coefficient of x is nan")),
        ("inverted", SolverError.invalidModel("variable x: lower bound 2.0 is above upper bound 1.0")),
        ("infinite-objective", SolverError.invalidModel("variable x: objective coefficient inf is not finite")),
        ("inverted-row", SolverError.invalidModel("constraint c: lower bound 3.0 is above upper bound 1.0")),
    ])
    func invalidModelsAreRejectedBeforeGLPK(kind: String, expected: SolverError) throws {
        var model = LinearModel()
        if kind != "empty" {
            let x = model.addVariable("x", lower: 0, upper: kind == "inverted" ? 1 : 10)
            if kind == "inverted" { model.setBounds(x, lower: 2, upper: 1) }
            if kind == "duplicate-name" { model.addVariable("x") }
            let bound: ConstraintBound = kind == "inverted-row" ? .between(3, 1) : .atMost(1)
            model.addConstraint("c", [(x, kind == "nan" ? .nan : 1)], bound)
            model.setObjective(.maximize, [(x, kind == "infinite-objective" ? .infinity : 1)])
        }
        #expect(throws: expected) { try solver.solve(model) }
    }

    /// Names GLPK cannot hold (used twice, over 255 bytes, a control character, or a generic
    /// name taken by another) are written as generic c<column> / r<row> names, and the file
    /// still reads back (hostile-input finding F27).
    @Test func namesGLPKCannotHoldBecomeGeneric() throws {
        var model = LinearModel()
        let x = model.addVariable("x")
        let twice = model.addVariable("x")
        let long = model.addVariable(String(repeating: "A", count: 300))
        let control = model.addVariable("a\u{1}b")
        let taken = model.addVariable("c1")
        model.addConstraint("limit", [(x, 1), (twice, 1), (long, 1), (control, 1), (taken, 1)], .atMost(5))
        model.setObjective(.maximize, [(x, 1), (twice, 1), (long, 1), (control, 1), (taken, 1)])
        #expect(model.exportNames().columns == ["x", "c2", "c3", "c4", "c5"])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("braid-names-\(getpid()).lp").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try solver.write(model, to: path, format: .lp)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("c3") && !text.contains("AAAA"))
    }

    @Test func slowMixedIntegerProgramStopsAtTheTimeLimit() throws {
        // Σ 2·x_i = 31 has a feasible relaxation but no integer solution, and branch and bound
        // needs exponentially many nodes to prove it: the time limit must stop it.
        var model = LinearModel(name: "parity")
        let xs = (0..<30).map { model.addVariable("x\($0)", kind: .binary) }
        model.addConstraint("odd", xs.map { ($0, 2.0) }, .equal(31))
        model.setObjective(.maximize, xs.enumerated().map { ($1, Double($0 % 7 + 1)) })
        let started = Date()
        let solution = try solver.solve(
            model, options: SolveOptions(timeLimit: 1, feasibilityPump: false))
        let elapsed = Date().timeIntervalSince(started)
        #expect(solution.status == .timeLimit(gap: nil))
        #expect(!solution.status.hasSolution)
        #expect(elapsed < 10)
    }

    @Test func exportedLPFileSolvedByGlpsolGivesTheSameObjective() throws {
        let (model, _) = knapsack()
        let (lp, _, _, _) = wyndor()
        for (m, expected) in [(model, 23.0), (lp, 36.0)] {
            for format in [ModelFileFormat.lp, .mps] {
                let path = FileManager.default.temporaryDirectory
                    .appendingPathComponent("braid-\(UUID().uuidString).\(format == .lp ? "lp" : "mps")").path
                defer { try? FileManager.default.removeItem(atPath: path) }
                try solver.write(m, to: path, format: format)
                let objective = try glpsolObjective(path: path, format: format)
                // MPS holds a maximisation as the minimisation of the negated objective.
                #expect(abs(abs(objective) - expected) < 1e-6, "\(format) of \(m.name)")
            }
        }
    }

    @Test func warmStartedResolveMatchesColdSolveWithFewerIterations() throws {
        // A transportation LP: 25 supplies × 25 demands.
        var model = LinearModel(name: "transport")
        let n = 25
        var flows: [[Variable]] = []
        for i in 0..<n { flows.append((0..<n).map { model.addVariable("f_\(i)_\($0)") }) }
        var supplies: [Constraint] = []
        for i in 0..<n {
            supplies.append(
                model.addConstraint("supply\(i)", flows[i].map { ($0, 1) }, .atMost(Double(40 + (i * 7) % 13))))
        }
        for j in 0..<n {
            model.addConstraint("demand\(j)", (0..<n).map { (flows[$0][j], 1) }, .atLeast(Double(30 + (j * 5) % 11)))
        }
        var costs: [(Variable, Double)] = []
        for i in 0..<n {
            for j in 0..<n {
                let cost = Double((i * 31 + j * 17) % 23 + 1)
                costs.append((flows[i][j], cost))
            }
        }
        model.setObjective(.minimize, costs)
        let first = try solver.solve(model, options: SolveOptions(presolve: false))
        #expect(first.status == .optimal)
        model.setBound(supplies[3], .atMost(30))
        model.setBound(supplies[11], .atMost(35))
        let cold = try solver.solve(model, options: SolveOptions(presolve: false))
        let warm = try solver.solve(model, options: SolveOptions(presolve: false, warmStart: first.basis))
        #expect(warm.statistics.warmStartUsed)
        #expect(abs(warm.objectiveValue - cold.objectiveValue) < 1e-6)
        #expect(warm.statistics.simplexIterations < cold.statistics.simplexIterations)
    }

    @Test func solvesRunInParallelThreads() async throws {
        let results = try await withThrowingTaskGroup(of: Double.self) { group in
            for _ in 0..<8 { group.addTask { try GLPKSolver().solve(knapsack().0).objectiveValue } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { abs($0 - 23) < 1e-9 })
    }
}

/// Runs `glpsol` on a model file and returns the objective it reports.
func glpsolObjective(path: String, format: ModelFileFormat) throws -> Double {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    let output = path + ".out"
    defer { try? FileManager.default.removeItem(atPath: output) }
    process.arguments = ["glpsol", format == .lp ? "--lp" : "--freemps", path, "-o", output]
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "glpsol failed on \(path); is glpk-utils installed?")
    let text = try String(contentsOfFile: output, encoding: .utf8)
    let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("Objective:") })
    // "Objective:  obj = 23 (MAXimum)"
    let parts = line.split(separator: "=")
    let number = try #require(parts.last?.split(separator: " ").first)
    return try #require(Double(number))
}
