import BraidPolicy
import BraidTestSupport
import Foundation
import Testing

@testable import BraidPlanner
@testable import BraidScenario

/// The reason given for each applicant not served (hostile-input finding F20): "budgets
/// exhausted" only where the money that may pay is spent, and "no budget can serve them" where
/// caps spanning several costs leave part of the needs that no stream may pay.
@Suite struct NotServedReasonTests {
    /// dft-006's child care ($3,968) may be paid only by Pell, whose award ($3,628) spans all
    /// five of their costs: no amount of money serves them, and the reason says so with the cap.
    @Test(arguments: [
        [],
        [
            "wioa-adult.budget=9999999999", "college-fund.budget=9999999999",
            "snap-et-50-50.budget=9999999999", "perkins.budget=9999999999", "hospital-employer.budget=9999999999",
        ],
    ])
    func aSpanningCapThatLeavesANeedUnpaidIsNamed(_ overrides: [String]) throws {
        let scenario = try Scenario.load(
            path: "\(scenariosPath)/default", policies: policies, overrides: overrides)
        let plan = try Planner.plan(scenario)
        let reason = try #require(plan.notServed.first { $0.id == "dft-006" }?.reason)
        #expect(reason.hasPrefix("no budget can serve them"), "\(reason)")
        #expect(reason.contains("pell pell-award $3,628.00"), "\(reason)")
        #expect(reason.contains("at most $7,278.00 of $7,618.00"), "\(reason)")
        for other in plan.notServed where other.id != "dft-006" {
            if overrides.isEmpty { continue }
            #expect(!other.reason.contains("budgets exhausted"), "\(other.id): \(other.reason)")
        }
    }

    /// The flow over spanning caps on a hand-checked case: Pell may pay $500 of tuition and
    /// $400 of child care under one award; WIOA may pay $300 of tuition only. Of the $900 needed,
    /// a $500 award leaves $800 payable (WIOA's $300 of tuition, Pell's $500 of the rest), a $600
    /// award all of it (WIOA $300, Pell $200 of tuition and the $400 of child care).
    @Test func theFlowOverSpanningCapsIsExact() throws {
        let needs = [
            CapCoverage.Need(category: .tuition, need: 500, upper: [(0, 500), (1, 300)]),
            CapCoverage.Need(category: .child_care, need: 400, upper: [(0, 400)]),
        ]
        func award(_ cents: Int64) -> [CapCoverage.SpanningCap] {
            [CapCoverage.SpanningCap(stream: 0, id: "award", categories: [.tuition, .child_care], cents: cents)]
        }
        #expect(CapCoverage.flow(needs, caps: award(500)) == 800)
        #expect(CapCoverage.flow(needs, caps: award(600)) == 900)
        #expect(CapCoverage.flow(needs, caps: award(0)) == 300)
        #expect(CapCoverage.flow(needs, caps: []) == 900)
    }
}
