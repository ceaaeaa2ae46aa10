import BraidPolicy
import BraidTestSupport
import Foundation
import Testing

@testable import BraidPlanner
@testable import BraidReports
@testable import BraidScenario

@Suite struct ProgramEligibilityTests {
    @Test func workforcePellAppliesToShortProgramsOnlyFromJuly2026() throws {
        let program =
            "{id: p, clock_hours: 240, weeks: 10, min_enrollment: 1, workforce_pell_approved: true, title_iv_eligible: true}"
        let fixture = try Fixture(
            yaml: scenarioYAML(streams: "  pell: {}", program: program), rows: [row("a", sai: "0", tuition: "100")])
        #expect(ExplainReport.programs(try fixture.load()).contains("pell: applies"))
        let early = try Fixture(
            yaml: scenarioYAML(streams: "  pell: {}", program: program).replacingOccurrences(
                of: "start: 2026-07-01", with: "start: 2026-06-30"),
            rows: [row("a", sai: "0", tuition: "100")])
        #expect(ExplainReport.programs(try early.load()).contains("pell: does not apply"))
    }
}
