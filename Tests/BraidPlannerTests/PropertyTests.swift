import BraidPolicy
import BraidSolver
import BraidTestSupport
import Foundation
import Testing

@testable import BraidPlanner
@testable import BraidReports
@testable import BraidScenario

@Suite struct PropertyTests {
    /// The result JSON's string literals: plain strings (appended whole) and strings that need
    /// escaping (character by character) both read back as themselves.
    @Test func jsonStringsAreWrittenAlikeOnBothPaths() throws {
        var g = SeededGenerator(seed: 5)
        let alphabet = Array("ab Z09-_.,é€😀\"\\\n\r\t\u{01}\u{1F}/")
        for n in 0..<500 {
            let s = String((0..<(n % 13)).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &g)] })
            var out = ""
            ResultJSON.appendString(s, to: &out)
            #expect(out == ResultJSON.string(s), "\(s.debugDescription)")
            let back = try JSONSerialization.jsonObject(with: Data("[\(out)]".utf8)) as? [String]
            #expect(back == [s], "\(s.debugDescription)")
        }
    }

    /// How many random scenarios: a few hundred in CI; set BRAID_PROPERTY_CASES for the long run.
    static let count = caseCount("BRAID_PROPERTY_CASES", 200)

    @Test(arguments: 0..<count)
    func randomScenarioSatisfiesTheInvariants(_ index: Int) throws {
        let seed = UInt64(index) &+ 1000
        let (yaml, rows, budgets) = randomScenario(seed: seed)
        let fixture = try Fixture(yaml: yaml, rows: rows)
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        let scenario = try fixture.load()
        let plan: Plan
        do {
            plan = try Planner.plan(scenario, options: PlanOptions(timeLimit: 20))
        } catch is InfeasibleError {
            return  // a program cost nobody may pay: reported, not a violation
        }
        // 1. Every plan passes the independent audit.
        let issues = Verifier.violations(of: plan, scenario: scenario)
        #expect(issues.isEmpty, "seed \(seed): \(issues.joined(separator: "; "))")
        guard plan.status == .optimal else { return }
        // 2. Same input, same bytes.
        #expect(
            ResultJSON.encode(try Planner.plan(try fixture.load(), options: PlanOptions(timeLimit: 20)))
                == ResultJSON.encode(plan), "seed \(seed)")
        // 3. Raising a budget never serves fewer.
        var g = SeededGenerator(seed: seed ^ 0xABCD)
        let stream = budgets[Int.random(in: 0..<budgets.count, using: &g)]
        let key = stream == "snap-et-50-50" ? "\(stream).cap" : "\(stream).budget"
        let current = scenario.stream(stream)!.limit ?? 0
        let raised = "\(key)=\(Double(current) / 100 + Double(Int.random(in: 1...5000, using: &g)))"
        let richer: Plan
        do { richer = try Planner.plan(try fixture.load([raised]), options: PlanOptions(timeLimit: 20)) } catch {
            Issue.record("seed \(seed) with \(raised): \(error)")
            return
        }
        if richer.status == .optimal {
            #expect(richer.weightedServed >= plan.weightedServed - 1e-9, "seed \(seed): \(key)")
        }
        // 4. Removing a participant nobody may serve changes nothing.
        let analyses = scenario.analyze()
        if let blocked = analyses.first(where: { $0.blocker != nil }) {
            let fewer = try Fixture(yaml: yaml, rows: rows.filter { !$0.hasPrefix(blocked.person.id + ",") })
            defer { try? FileManager.default.removeItem(at: fewer.directory) }
            let without: Plan
            do { without = try Planner.plan(try fewer.load(), options: PlanOptions(timeLimit: 20)) } catch {
                Issue.record("seed \(seed) without \(blocked.person.id): \(error)")
                return
            }
            #expect(without.weightedServed == plan.weightedServed, "seed \(seed): removing \(blocked.person.id)")
        }
        // 5. Every tenth case: glpsol finds the same optimum in the exported model.
        if index % 10 == 0 {
            let f = try Formulation(scenario: scenario, analyses: analyses)
            if let value = try glpsolOptimum(f.model, in: fixture.directory) {
                #expect(
                    abs(value - plan.weightedServed) < 1e-6,
                    "seed \(seed): glpsol \(value) vs braid \(plan.weightedServed)")
            }
        }
    }
}
