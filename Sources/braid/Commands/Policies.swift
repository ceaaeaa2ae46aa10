import ArgumentParser
import BraidPlanner
import BraidPolicy
import BraidReports
import BraidScenario
import Foundation

struct Policies: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the encoded streams, or show one stream's rules, parameters and citations.")
    @OptionGroup var options: PolicyOptions
    @Argument(help: "A stream id (e.g. wioa-adult).") var id: String?
    @Option(help: "The date whose parameter values are shown (YYYY-MM-DD).") var on: String = "2026-07-01"

    func run() throws {
        let policies = try options.load()
        guard let day = Day(on) else { throw ValidationError("--on must be a date YYYY-MM-DD, got '\(on)'") }
        if let id {
            guard let stream = policies.stream(id) else {
                throw InputError(file: policies.directory, key: id, reason: "unknown stream" + suggestion(for: id, in: policies.streamIDs))
            }
            print(PolicyReport.stream(stream, policies: policies, on: day), terminator: "")
        } else {
            print(PolicyReport.list(policies), terminator: "")
        }
    }
}

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
                print("FAIL \(testCase.file):\(testCase.line ?? 0): \(testCase.name)")
                for failure in result.failures { print("     \(failure)") }
            }
        }
        print("\(cases.count - failed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode(1) }
    }
}
