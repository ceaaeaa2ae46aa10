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

    /// `--years 3`: the same draws as the one-year roster, each applicant in their year's cohort,
    /// money by year; the plan verifies and reports its years.
    @Test func aMultiYearScenarioKeepsTheDrawsAndPlansByYear() throws {
        let (_, one) = ScenarioGenerator.generate(participants: 300, seed: 3)
        let (yaml, three) = ScenarioGenerator.generate(participants: 300, seed: 3, years: 3)
        let strip = { (csv: String) in
            csv.split(separator: "\n").map { line in
                line.split(separator: ",", omittingEmptySubsequences: false).enumerated().filter { $0.offset != 1 }
                    .map(\.element).joined(separator: ",")
            }
        }
        #expect(strip(one) == strip(three))
        #expect(
            three.contains("g001,cte-certificate-2027,") || three.contains("g001,workforce-pell-2027,")
                || three.contains("g001,ojt-track-2027,") || three.contains("g001,h1b-manufacturing-2027,"))
        let fixture = try Fixture(yaml: yaml, rows: [])
        try three.write(
            to: fixture.directory.appendingPathComponent("participants.csv"), atomically: true, encoding: .utf8)
        let (plan, scenario) = try fixture.plan()
        #expect(scenario.timeline.isTimed && scenario.programs.count == 12)
        let years = try #require(plan.review.years)
        #expect(years.allotments.contains { $0.stream == "wioa-adult" && $0.label == "PY2028" })
        #expect(plan.allocations.allSatisfy { $0.period != nil })
    }
}
