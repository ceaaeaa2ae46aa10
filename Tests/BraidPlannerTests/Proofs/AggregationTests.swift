import BraidPolicy
import BraidSolver
import BraidTestSupport
import Foundation
import Testing

@testable import BraidPlanner
@testable import BraidReports
@testable import BraidScenario

/// The served problem over classes of interchangeable participants (``Aggregation``) and the
/// Lagrangian reduced-cost fixing (``LagrangianFixing``) against the monolithic MIP: the same
/// optimum, a class solution that maps back to a feasible plan of the same value, a bound that is
/// the LP bound at the LP's duals and a valid bound at any prices, and a fixing that keeps the optimum.
@Suite struct AggregationTests {
    /// How many random scenarios per check; BRAID_AGGREGATION_CASES for more.
    static let count = caseCount("BRAID_AGGREGATION_CASES", 60)

    /// One random scenario with its model, decomposition and proven MIP optimum.
    struct Case {
        let seed: UInt64
        let duplicated: Bool
        let f: Formulation
        let d: Decomposition
        let optimum: Double
        var tolerance: Double { 1e-6 * max(1, abs(optimum)) }
        var label: String { "seed \(seed)\(duplicated ? " (duplicated)" : "")" }
    }

    /// The scenario of DecompositionTests' generator for `index`, or nil when its Formulation throws
    /// or the plain monolithic MIP is not optimal within 10 s. With `duplicated`, every other
    /// applicant appears twice (the copy, with a new id, at the end of the roster), so classes of
    /// several members occur: the random needs in cents make them rare otherwise.
    static func load(_ index: Int, duplicated: Bool) throws -> Case? {
        let seed = UInt64(index) &+ 5000
        var (yaml, rows, _) = randomScenario(seed: seed)
        if duplicated {
            rows += rows.enumerated().filter { $0.offset % 2 == 0 }.map { "d" + $0.element }
        }
        let fixture = try Fixture(yaml: yaml, rows: rows)
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        let scenario = try fixture.load()
        let f: Formulation
        // (Nil for a program nobody may pay.)
        do { f = try Formulation(scenario: scenario, analyses: scenario.analyze(), priorities: []) } catch {
            return nil
        }
        let mip = try GLPKSolver().solve(f.model, options: SolveOptions(timeLimit: 10))
        guard mip.status == .optimal else { return nil }
        return Case(
            seed: seed, duplicated: duplicated, f: f, d: Decomposition(f, scenario: scenario),
            optimum: mip.objectiveValue)
    }

    /// What is wrong with a point of a model: rows outside their bounds, variables outside theirs,
    /// fractional integers (absolute tolerance `tolerance`).
    static func violations(of x: [Double], in m: LinearModel, tolerance: Double = 1e-6) -> [String] {
        var issues: [String] = []
        guard x.count == m.variableCount else { return ["\(x.count) values for \(m.variableCount) variables"] }
        for j in 0..<m.variableCount {
            if x[j] < m.lowerBounds[j] - tolerance || x[j] > m.upperBounds[j] + tolerance {
                issues.append("\(m.variableNames[j]) = \(x[j]) outside [\(m.lowerBounds[j]), \(m.upperBounds[j])]")
            }
            if m.variableKinds[j] != .continuous, abs(x[j] - x[j].rounded()) > tolerance {
                issues.append("\(m.variableNames[j]) = \(x[j]) is not whole")
            }
        }
        for r in 0..<m.constraintCount {
            var activity = 0.0
            for e in m.rowStart[r]..<m.rowStart[r + 1] { activity += m.entryValues[e] * x[Int(m.entryColumns[e])] }
            if activity < m.rowLower[r] - tolerance || activity > m.rowUpper[r] + tolerance {
                issues.append("\(m.constraintNames[r]) = \(activity) outside [\(m.rowLower[r]), \(m.rowUpper[r])]")
            }
        }
        return issues
    }

    /// Coverage counts on standard error when BRAID_AGGREGATION_VERBOSE is set.
    static func report(_ text: String) {
        if ProcessInfo.processInfo.environment["BRAID_AGGREGATION_VERBOSE"] != nil {
            FileHandle.standardError.write(Data("AggregationTests: \(text)\n".utf8))
        }
    }

    // MARK: The class model

    @Test(arguments: [false, true])
    func classModelHasTheMonolithicOptimumAndMapsBackToAFeasiblePlan(duplicated: Bool) throws {
        var checked = 0, aggregated = 0
        for index in 0..<Self.count {
            guard let c = try Self.load(index, duplicated: duplicated) else { continue }
            let classes = Aggregation(c.d)
            // Every active participant is in exactly one class, classes in roster order.
            #expect(classes.classes.flatMap { $0 }.sorted() == c.d.active, "\(c.label)")
            #expect(classes.classes.allSatisfy { $0 == $0.sorted() }, "\(c.label)")
            if classes.classes.contains(where: { $0.count > 1 }) { aggregated += 1 }
            let (model, layout) = classes.model(fixing: nil, cutoff: nil)
            let s = try GLPKSolver().solve(model, options: SolveOptions(timeLimit: 10))
            // a. The same optimum as the monolithic MIP.
            guard s.status == .optimal else {
                Issue.record("\(c.label): the class model ended \(s.status); the monolithic optimum is \(c.optimum)")
                continue
            }
            checked += 1
            #expect(
                abs(s.objectiveValue - c.optimum) <= c.tolerance,
                "\(c.label): classes \(s.objectiveValue), monolithic \(c.optimum)")
            // b. Its point in the monolithic model is feasible, with the class optimum as its value.
            let x = classes.values(s, layout)
            let issues = Self.violations(of: x, in: c.f.model)
            #expect(issues.isEmpty, "\(c.label): \(issues.prefix(5).joined(separator: "; "))")
            let value = zip(c.f.model.objectiveCoefficients, x).reduce(0) { $0 + $1.0 * $1.1 }
            #expect(
                abs(value - s.objectiveValue) <= c.tolerance,
                "\(c.label): mapped point's value \(value), class optimum \(s.objectiveValue)")
        }
        Self.report(
            "class model (duplicated: \(duplicated)): \(checked) of \(Self.count) scenarios checked, \(aggregated) with a class of several"
        )
        #expect(checked * 3 >= Self.count, "only \(checked) of \(Self.count) scenarios checked")
        if duplicated {
            #expect(aggregated * 3 >= Self.count, "only \(aggregated) scenarios with a class of several members")
        }
    }

    // MARK: The Lagrangian bound

    @Test(arguments: [false, true])
    func lagrangianBoundIsTheLPBoundAtItsDualsAndABoundAtAnyPrices(duplicated: Bool) throws {
        var checked = 0, unbounded = 0
        for index in 0..<Self.count {
            guard let c = try Self.load(index, duplicated: duplicated) else { continue }
            let relaxed = try GLPKSolver().solve(c.f.model, options: SolveOptions(relaxIntegrality: true))
            guard relaxed.status == .optimal else {
                Issue.record("\(c.label): the MIP is optimal but its LP relaxation ended \(relaxed.status)")
                continue
            }
            checked += 1
            let duals = c.f.linkingRows.map { relaxed.dual(of: $0) }
            let step = c.f.objectiveStep
            let lp = relaxed.objectiveValue
            // c. At the LP's duals, L(π) is the LP bound.
            let atDuals = try c.d.lagrangianFixing(
                duals: duals, incumbent: c.optimum - step, step: step, solver: GLPKSolver())
            #expect(atDuals != nil, "\(c.label): no bound at the LP duals")
            if let atDuals {
                #expect(
                    abs(atDuals.bound - lp) <= 1e-6 * max(1, abs(lp)),
                    "\(c.label): L(π*) = \(atDuals.bound), LP \(lp), MIP \(c.optimum)")
            }
            // At other prices it is still a bound on the MIP.
            for (name, prices) in [("zero", duals.map { _ in 0.0 }), ("1.7 × LP", duals.map { 1.7 * $0 })] {
                guard
                    let fixing = try c.d.lagrangianFixing(
                        duals: prices, incumbent: c.optimum - step, step: step, solver: GLPKSolver())
                else {
                    unbounded += 1
                    continue
                }
                #expect(
                    fixing.bound >= c.optimum - 1e-6,
                    "\(c.label): L(π) at \(name) prices = \(fixing.bound) below the MIP optimum \(c.optimum)")
            }
        }
        Self.report(
            "Lagrangian bound (duplicated: \(duplicated)): \(checked) of \(Self.count) scenarios checked, \(unbounded) nil bounds at other prices"
        )
        #expect(checked * 3 >= Self.count, "only \(checked) of \(Self.count) scenarios checked")
    }

    // MARK: The fixing

    @Test(arguments: [false, true])
    func lagrangianFixingKeepsTheOptimum(duplicated: Bool) throws {
        var checked = 0, fixedSomething = 0, fixedTotal = 0
        for index in 0..<Self.count {
            guard let c = try Self.load(index, duplicated: duplicated) else { continue }
            let step = c.f.objectiveStep
            guard step > 0 else { continue }
            let relaxed = try GLPKSolver().solve(c.f.model, options: SolveOptions(relaxIntegrality: true))
            guard relaxed.status == .optimal else {
                Issue.record("\(c.label): the MIP is optimal but its LP relaxation ended \(relaxed.status)")
                continue
            }
            let duals = c.f.linkingRows.map { relaxed.dual(of: $0) }
            guard
                let fixing = try c.d.lagrangianFixing(
                    duals: duals, incumbent: c.optimum - step, step: step, solver: GLPKSolver())
            else {
                Issue.record("\(c.label): no fixing at the LP duals")
                continue
            }
            checked += 1
            if fixing.count > 0 { fixedSomething += 1 }
            fixedTotal += fixing.count
            let what =
                "\(fixing.unserved.count) unserved, \(fixing.servedIfRuns.count) served, \(fixing.running.count) running, \(fixing.stopped.count) stopped"
            // d. Every plan of value ≥ (opt − step) + step survives the fixing: the optimum does.
            var fixedModel = c.f.model
            fixing.apply(to: &fixedModel, c.f)
            let fixed = try GLPKSolver().solve(fixedModel, options: SolveOptions(timeLimit: 10))
            #expect(fixed.status == .optimal, "\(c.label): the fixed model ended \(fixed.status) (fixed \(what))")
            if fixed.status == .optimal {
                #expect(
                    abs(fixed.objectiveValue - c.optimum) <= c.tolerance,
                    "\(c.label): fixed \(fixed.objectiveValue), optimum \(c.optimum) (fixed \(what))")
            }
            // The same through the class model under the cutoff; its plan satisfies the fixing too.
            let classes = Aggregation(c.d)
            let (model, layout) = classes.model(fixing: fixing, cutoff: c.optimum - 1e-7)
            let s = try GLPKSolver().solve(model, options: SolveOptions(timeLimit: 10))
            #expect(
                s.status == .optimal,
                "\(c.label): the class model with the fixing and cutoff ended \(s.status) (fixed \(what))")
            if s.status == .optimal {
                #expect(
                    abs(s.objectiveValue - c.optimum) <= c.tolerance,
                    "\(c.label): classes with fixing \(s.objectiveValue), optimum \(c.optimum) (fixed \(what))")
                let issues = Self.violations(of: classes.values(s, layout), in: fixedModel)
                #expect(issues.isEmpty, "\(c.label): \(issues.prefix(5).joined(separator: "; "))")
            }
            // The fixing is valid at any prices (of the right signs), not only the LP's.
            for (name, prices) in [("zero", duals.map { _ in 0.0 }), ("1.7 × LP", duals.map { 1.7 * $0 })] {
                guard
                    let other = try c.d.lagrangianFixing(
                        duals: prices, incumbent: c.optimum - step, step: step, solver: GLPKSolver()), other.count > 0
                else { continue }
                var otherModel = c.f.model
                other.apply(to: &otherModel, c.f)
                let r = try GLPKSolver().solve(otherModel, options: SolveOptions(timeLimit: 10))
                #expect(
                    r.status == .optimal && abs(r.objectiveValue - c.optimum) <= c.tolerance,
                    "\(c.label): fixing at \(name) prices: \(r.status) \(r.objectiveValue), optimum \(c.optimum)")
            }
        }
        Self.report(
            "fixing (duplicated: \(duplicated)): \(checked) of \(Self.count) scenarios checked, \(fixedSomething) fixed something, \(fixedTotal) fixings in all"
        )
        #expect(checked * 3 >= Self.count, "only \(checked) of \(Self.count) scenarios checked")
        #expect(fixedSomething > 0, "the fixing never fixed anything: the check is vacuous")
    }

    // MARK: The class proof

    /// The class proof, best-bound and breadth first, with GLPK's default branching and on the most
    /// fractional variable: sought at the optimum from one step below,
    /// it finds a plan of the optimum's value that is feasible in the monolithic model; sought one
    /// step above the optimum, it proves that nothing is worth that.
    @Test(arguments: [false, true], [false, true])
    func classProofFindsTheOptimumAndProvesNothingAboveItInEveryOrder(breadthFirst: Bool, mostFractional: Bool) throws {
        var checked = 0
        for index in 0..<Self.count {
            guard let c = try Self.load(index, duplicated: index % 2 == 1) else { continue }
            let step = c.f.objectiveStep
            guard step > 0 else { continue }
            let relaxed = try GLPKSolver().solve(c.f.model, options: SolveOptions(relaxIntegrality: true))
            guard relaxed.status == .optimal else { continue }
            let prices = try c.d.lagrangianPrices(
                duals: c.f.linkingRows.map { relaxed.dual(of: $0) }, solver: GLPKSolver())
            let classes = Aggregation(c.d)
            let options = PlanOptions(timeLimit: nil)
            let found = try c.d.classProof(
                prices: prices, classes: classes, incumbent: c.optimum - step, target: c.optimum, nodes: 20_000,
                breadthFirst: breadthFirst, mostFractional: mostFractional,
                deadline: nil,
                options: options, solver: GLPKSolver())
            guard let better = found.better else {
                Issue.record(
                    "\(c.label): no plan worth the optimum \(c.optimum) found (\(found.nodes) nodes, proven \(found.proven))"
                )
                continue
            }
            checked += 1
            #expect(
                abs(better.value - c.optimum) <= c.tolerance, "\(c.label): found \(better.value), optimum \(c.optimum)")
            let issues = Self.violations(of: better.values, in: c.f.model)
            #expect(issues.isEmpty, "\(c.label): \(issues.prefix(5).joined(separator: "; "))")
            let above = try c.d.classProof(
                prices: prices, classes: classes, incumbent: c.optimum, target: c.optimum + step, nodes: 20_000,
                breadthFirst: breadthFirst, mostFractional: mostFractional,
                deadline: nil,
                options: options, solver: GLPKSolver())
            #expect(
                above.proven && above.better == nil,
                "\(c.label): above the optimum: proven \(above.proven), found \(above.better?.value ?? .nan)")
        }
        Self.report(
            "class proof (breadth first: \(breadthFirst), most fractional: \(mostFractional)): \(checked) of \(Self.count) scenarios checked"
        )
        #expect(checked * 3 >= Self.count, "only \(checked) of \(Self.count) scenarios checked")
    }

    // MARK: By hand

    @Test func identicalParticipantsShareAClassInRosterOrder() throws {
        // a and c differ only in id; b needs more tuition.
        let fixture = try Fixture(
            yaml: scenarioYAML(streams: "  wioa-adult: {budget: 7000}"),
            rows: [row("a", tuition: "3000"), row("b", tuition: "4000"), row("c", tuition: "3000")])
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        let (scenario, f) = try fixture.loadModel()
        let d = Decomposition(f, scenario: scenario)
        #expect(f.analyses.map(\.person.id) == ["a", "b", "c"])
        #expect(d.active == [0, 1, 2])
        let classes = Aggregation(d)
        #expect(classes.classes == [[0, 2], [1]])
        // The class model serves as many as the monolithic MIP: $7,000 pays for two.
        let (model, layout) = classes.model(fixing: nil, cutoff: nil)
        let s = try GLPKSolver().solve(model, options: SolveOptions(timeLimit: 10))
        let mip = try GLPKSolver().solve(f.model, options: SolveOptions(timeLimit: 10))
        #expect(s.status == .optimal && mip.status == .optimal)
        #expect(abs(s.objectiveValue - mip.objectiveValue) < 1e-6)
        #expect(abs(s.objectiveValue - 2) < 1e-6)
        #expect(layout.count.count == 2)
        #expect(Self.violations(of: classes.values(s, layout), in: f.model).isEmpty)
    }
}
