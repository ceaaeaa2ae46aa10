import Foundation
import Testing

@testable import BraidPolicy

/// The repository's `Policies/` folder, found from this file (Tests/BraidPolicyTests/Loading/).
let policiesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Policies").path

let shippedPolicies: PolicySet = {
    do { return try PolicySet.load(directory: policiesDirectory) } catch {
        fatalError("shipped policies do not load: \(error)")
    }
}()

@Suite struct ShippedPolicyTests {
    @Test func allNineStreamsLoadWithCitations() throws {
        #expect(
            shippedPolicies.streamIDs == [
                "h1b-ready-to-work", "h1b-skills", "pell", "perkins", "snap-et-100", "snap-et-50-50", "tanf",
                "wioa-adult", "wioa-dislocated-worker",
                "wioa-youth",
            ])
        for stream in shippedPolicies.streams {
            for rule in stream.rules {
                #expect(!rule.citation.text.isEmpty || rule.citation.status == .assumption, "\(stream.id).\(rule.id)")
                #expect(!rule.text.isEmpty, "\(stream.id).\(rule.id) has no plain-language text")
            }
        }
        for parameter in shippedPolicies.parameters {
            #expect(!parameter.citation.text.isEmpty || parameter.citation.status != .law, "\(parameter.key)")
        }
        #expect(
            shippedPolicies.parameters.contains { $0.key == "wioa-adult.ita_cap" && $0.citation.status == .stateOption }
        )
    }

    @Test(arguments: (try? shippedPolicies.loadCases()) ?? [])
    func policyCase(_ testCase: PolicyCase) {
        let result = shippedPolicies.run(testCase)
        #expect(
            result.passed,
            "\(testCase.file):\(testCase.line ?? 0) \(testCase.name): \(result.failures.joined(separator: "; "))")
    }

    @Test func thereAreAtLeastEightCasesPerStream() throws {
        let cases = try shippedPolicies.loadCases()
        for stream in shippedPolicies.streamIDs {
            #expect(cases.filter { $0.file.hasSuffix("/\(stream).yaml") }.count >= 8, "\(stream)")
        }
    }

    @Test func povertyGuidelinesFor2026() throws {
        let table = try #require(shippedPolicies.poverty.table(for: Day(year: 2026, month: 7, day: 1)))
        #expect(table.year == 2026)
        #expect(PovertyGuidelines.guideline(table, state: "GA", householdSize: 4) == 33_000)
        #expect(PovertyGuidelines.guideline(table, state: "AK", householdSize: 4) == 41_250)
        #expect(PovertyGuidelines.guideline(table, state: "HI", householdSize: 4) == 37_950)
        let t2025 = try #require(shippedPolicies.poverty.table(for: Day(year: 2025, month: 3, day: 1)))
        #expect(PovertyGuidelines.guideline(t2025, state: "OR", householdSize: 1) == 15_650)
    }
}
