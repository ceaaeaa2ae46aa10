import ArgumentParser
import BraidPlanner
import BraidPolicy
import BraidReports
import BraidScenario
import Foundation

struct TestPolicies: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test-policies", abstract: "Run the policy test cases in Policies/tests.")
    @OptionGroup var options: PolicyOptions

    func run() throws {
        let policies = try options.load()
        let cases = try policies.loadCases()
        var failed = 0
        for testCase in cases {
            let result = policies.run(testCase)
            if !result.passed {
                failed += 1
                try say("FAIL \(testCase.file):\(testCase.line ?? 0): \(testCase.name)")
                for failure in result.failures { try say("     \(failure)") }
            }
        }
        try say("\(cases.count - failed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode(1) }
    }
}
