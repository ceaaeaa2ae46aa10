import BraidPolicy
import BraidSolver
import Foundation
import Testing

@testable import BraidCore

let shippedScenarios = ["default", "atlanta-healthcare", "oregon-maritime-welding", "houston-women-construction", "indiana-advanced-manufacturing"]

@Suite struct ShippedScenarioTests {
    @Test(arguments: shippedScenarios)
    func scenarioRunsOptimallyAndPassesVerify(_ name: String) throws {
        let scenario = try Scenario.load(path: "\(scenariosPath)/\(name)", policies: policies)
        #expect(scenario.participants.count >= (name == "default" ? 10 : 40))
        let plan = try Planner.plan(scenario)
        #expect(plan.status == "optimal")
        #expect(!plan.served.isEmpty && !plan.notServed.isEmpty, "budgets should bind but serve someone")
        #expect(Verifier.violations(of: plan, scenario: scenario).isEmpty)
        // Same input, same bytes.
        let again = try Planner.plan(try Scenario.load(path: "\(scenariosPath)/\(name)", policies: policies))
        #expect(ResultJSON.encode(plan) == ResultJSON.encode(again))
    }

    @Test(arguments: ["default", "atlanta-healthcare"])
    func exportedModelGivesTheSameOptimumInGlpsol(_ name: String) throws {
        let scenario = try Scenario.load(path: "\(scenariosPath)/\(name)", policies: policies)
        let plan = try Planner.plan(scenario)
        let formulation = try Formulation(scenario: scenario, analyses: scenario.analyze())
        let value = try #require(try glpsolOptimum(formulation.model, in: FileManager.default.temporaryDirectory))
        #expect(abs(value - plan.weightedServed) < 1e-6)
    }

    @Test func marginalValuesAreReportedForBindingBudgets() throws {
        let scenario = try Scenario.load(path: "\(scenariosPath)/default", policies: policies)
        let plan = try Planner.plan(scenario)
        #expect(plan.streams.contains { $0.marginalValue > 0 })
        #expect(plan.streams.first { $0.id == "pell" }?.budget == nil)
        let table = SummaryReport.table(plan, scenario)
        #expect(table.contains("Dollars by stream") && table.contains("people per $"))
    }
}
