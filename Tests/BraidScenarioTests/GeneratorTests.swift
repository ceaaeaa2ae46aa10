import BraidPolicy
import BraidSolver
import BraidTestSupport
import Foundation
import Testing

@testable import BraidPlanner
@testable import BraidReports
@testable import BraidScenario

@Suite struct GeneratorTests {
    @Test func generatedScenarioIsDeterministicLoadsAndVerifies() throws {
        let (yaml, csv) = ScenarioGenerator.generate(participants: 60, seed: 3)
        #expect(ScenarioGenerator.generate(participants: 60, seed: 3) == (yaml, csv))
        #expect(ScenarioGenerator.generate(participants: 60, seed: 4).csv != csv)
        let fixture = try Fixture.generated(participants: 60, seed: 3)
        let (plan, scenario) = try fixture.plan()
        #expect(scenario.participants.count == 60)
        #expect(plan.served.count > 10 && !plan.notServed.isEmpty)
    }
}
