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

    /// A key given twice (JSONSerialization would keep the last) is refused at its line, at the
    /// root and inside a line; the same file without the repeat verifies.
    @Test func duplicateJSONKeysAreRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try braid(["run", "--format", "json"])
        for (from, to, line) in [
            ("\"status\": \"optimal\",", "\"status\": \"optimal\", \"status\": \"time_limit\",", 3),
            ("\"stream\": \"pell\"", "\"stream\": \"pell\", \"stream\": \"wioa-adult\"", 0),
        ] {
            let path = folder.appendingPathComponent("dup.json")
            try run.stdout.replacingOccurrences(of: from, with: to).write(to: path, atomically: true, encoding: .utf8)
            let result = try braid(["verify", "Scenarios/default", path.path])
            let key = from.split(separator: "\"")[0]
            #expect(result.status == 2 && result.stderr.contains("duplicate key '\(key)'"), "\(result.stderr)")
            if line > 0 { #expect(result.stderr.contains("dup.json:\(line):")) }
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
            "wioa-adult reports $1.00 used, but its lines add up to $",
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

/// Ordering rules that name a budgeted stream (hostile-input finding F12): WIOA Adult pays
/// transportation and child care only after SNAP E&T (and TANF), 20 CFR 680.910, even when
/// `use_order` puts WIOA first; `verify` flags a plan where SNAP E&T could still have paid.
@Suite struct OrderingRuleTests {
    /// The default scenario with WIOA first in use_order, a larger WIOA budget and college fund.
    func scenario() throws -> URL {
        var text = ""
        let folder = try copyOfDefaultScenario {
            text = $0.replacingOccurrences(
                of: "use_order: [pell, snap-et-50-50, perkins, wioa-adult, college-fund, hospital-employer]",
                with: "use_order: [pell, wioa-adult, perkins, college-fund, snap-et-50-50, hospital-employer]"
            )
            .replacingOccurrences(
                of: "college-fund: {kind: nonfederal, budget: 5000",
                with: "college-fund: {kind: nonfederal, budget: 50000"
            )
            .replacingOccurrences(of: "wioa-adult: {budget: 9000}", with: "wioa-adult: {budget: 90000}")
            return text
        }
        #expect(text.contains("use_order: [pell, wioa-adult"))
        return folder
    }

    @Test func theEarlierProgramPaysFirstAndVerifyChecksIt() throws {
        let folder = try scenario()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try braid(["run", folder.path, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        var object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let streams = try #require(object["streams"] as? [[String: Any]])
        let snap = try #require(streams.first { $0["id"] as? String == "snap-et-50-50" })
        // SNAP E&T spends its whole $2,500 before WIOA pays supportive services (it spent $2,248
        // when use_order alone decided).
        #expect((snap["used"] as? Double) == 2500)
        let path = folder.appendingPathComponent("r.json")
        try run.stdout.write(to: path, atomically: true, encoding: .utf8)
        #expect(try braid(["verify", folder.path, path.path]).status == 0)
        // Moved back to WIOA, a SNAP E&T supportive-service line is a violation.
        var lines = try #require(object["allocations"] as? [[String: Any]])
        let k = try #require(
            lines.firstIndex {
                $0["stream"] as? String == "snap-et-50-50"
                    && ["transportation", "child_care"].contains($0["category"] as? String ?? "")
            })
        lines[k]["stream"] = "wioa-adult"
        object["allocations"] = lines
        try JSONSerialization.data(withJSONObject: object).write(to: path)
        let tampered = try braid(["verify", folder.path, path.path])
        #expect(tampered.status == 5)
        #expect(
            tampered.stdout.contains("snap-et-50-50, which pays first, could still pay")
                && tampered.stdout.contains("supportive-after-other-programs"), "\(tampered.stdout)")
    }
}
