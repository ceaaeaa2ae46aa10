import Foundation
import Testing

/// `verify` as an auditor of the whole result, not only its lines (hostile-input finding F25).
@Suite struct VerifyAuditTests {
    /// The default scenario's result with one change made by `tamper`; what verify says.
    func verify(_ tamper: (inout [String: Any]) -> Void) throws -> Outcome {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try braid(["run", "--format", "json"])
        var object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        tamper(&object)
        let path = folder.appendingPathComponent("r.json")
        try JSONSerialization.data(withJSONObject: object).write(to: path)
        return try braid(["verify", "Scenarios/default", path.path])
    }

    @Test func duplicatedServedIdsAreViolations() throws {
        for copies in [1, 1_000] {
            let result = try verify { o in
                let served = o["served"] as! [String]
                o["served"] = served + Array(repeating: served[0], count: copies)
            }
            #expect(result.status == 5)
            #expect(result.stdout.contains("participant dft-001 is listed as served \(copies + 1) times"))
        }
    }

    @Test func summaryFieldsAreCheckedAgainstTheLines() throws {
        let result = try verify { o in
            var streams = o["streams"] as! [[String: Any]]
            streams[1]["used"] = 1.0
            streams[1]["budget"] = 99_999_999
            o["streams"] = streams
            o["gap"] = -5
            o["programs_run"] = ["welding-certificate"]
            o["scenario"] = "another"
        }
        #expect(result.status == 5)
        for text in [
            "wioa-adult reports $1.00 used, but its lines add up to $6,964.58",
            "wioa-adult reports a budget of $99,999,999.00, but the scenario's is $9,000.00",
            "gap -5.0 is not possible (a gap is a finite number of 0 or more)",
            "programs_run lists welding-certificate, but the lines run",
            "the result is for scenario 'another'",
        ] {
            #expect(result.stdout.contains(text), "\(text)\n\(result.stdout)")
        }
    }

    @Test func aBooleanIsNotAnAmount() throws {
        let result = try verify { o in
            var lines = o["allocations"] as! [[String: Any]]
            lines[0]["amount"] = true
            o["allocations"] = lines
        }
        #expect(result.status == 2)
        #expect(result.stderr.contains("allocations[0].amount: amount is not a number"))
    }
}
