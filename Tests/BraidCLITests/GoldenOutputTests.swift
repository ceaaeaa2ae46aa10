import Foundation
import Testing

/// What Braid writes, compared byte for byte with files under `Tests/Fixtures/golden/`: the
/// default scenario's result JSON and table, and the top-level help. A change to any of them is
/// deliberate: record it again with `BRAID_RECORD_GOLDEN=1 swift test --filter GoldenOutputTests`
/// and review the diff.
@Suite struct GoldenOutputTests {
    static let golden = root.appendingPathComponent("Tests/Fixtures/golden")

    static let cases: [(file: String, arguments: [String])] = [
        ("default-run.json", ["run", "Scenarios/default", "--format", "json"]),
        ("default-run.txt", ["run", "Scenarios/default"]),
        ("help.txt", ["--help"]),
        ("run-help.txt", ["run", "--help"]),
    ]

    @Test(arguments: cases.indices)
    func outputMatchesItsGoldenFile(_ index: Int) throws {
        let (file, arguments) = Self.cases[index]
        let result = try braid(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let path = Self.golden.appendingPathComponent(file)
        if ProcessInfo.processInfo.environment["BRAID_RECORD_GOLDEN"] != nil {
            try result.stdout.write(to: path, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: path, encoding: .utf8)
        #expect(
            result.stdout == expected,
            "braid \(arguments.joined(separator: " ")) differs from \(file); re-record with BRAID_RECORD_GOLDEN=1 if deliberate"
        )
    }
}
