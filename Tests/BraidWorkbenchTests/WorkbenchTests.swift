import BraidPlanner
import BraidPolicy
import BraidScenario
import BraidTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BraidReports
@testable import BraidWorkbench

/// The workbench's server, driven through Hummingbird's test client (the browser tests in
/// Tests/Browser drive it in Chromium): what it shows is what the planner and reports compute.
@Suite struct WorkbenchTests {
    /// A copy of the shipped default scenario in a scratch folder (saved what-ifs land there).
    static func folder() throws -> WorkFolder {
        let scratch = try Scratch.newFolder("workbench")
        let copy = scratch.appendingPathComponent("default")
        try FileManager.default.copyItem(atPath: scenariosPath + "/default", toPath: copy.path)
        return try WorkFolder(opening: copy.path)
    }

    static let token = "t0k3n"

    static func app(_ folder: WorkFolder) -> some ApplicationProtocol {
        var options = PlanOptions(timeLimit: 60)
        options.prices = .never
        let history = try? RunHistory(path: folder.dataFolder + "/history.sqlite")
        let desk = Desk(folder: folder, policies: policies, options: options, history: history)
        let hosts = HostNames(any: false)
        hosts.bound(port: 8080)
        return Application(router: Workbench.router(desk: desk, token: token, hosts: hosts))
    }

    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        ByteBuffer(
            string: fields.map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(
                separator: "&"))
    }

    static let posting: HTTPFields = [
        .contentType: "application/x-www-form-urlencoded", HTTPField.Name("X-CSRF-Token")!: token,
    ]

    @Test func thePlanPageShowsTheBaselineAndAnEditShowsTheComparisonCompareComputes() async throws {
        let folder = try Self.folder()
        let file = folder.entries[0].file
        let (baseline, changed) = try WhatIf.load(
            scenario: file, whatIf: nil, policies: policies, overrides: ["wioa-adult.budget=4000"])
        var options = PlanOptions()
        options.prices = .never
        let expected = try Planner.compare(baseline, changed, options: options)
        let comparison = Comparison(
            baseline: expected.baseline, whatIf: expected.whatIf, baselineScenario: baseline, whatIfScenario: changed)
        try await Self.app(folder).test(.router) { client in
            try await client.execute(uri: "/s/default", method: .get) { response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                #expect(page.contains("<b>\(expected.baseline.served.count) of \(baseline.participants.count)</b>"))
                #expect(page.contains("name=\"set.wioa-adult.budget\" value=\"9000\""))
                #expect(response.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
                #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
            }
            var headers = Self.posting
            headers[HTTPField.Name("X-Braid-Fragment")!] = "1"
            try await client.execute(
                uri: "/s/default/plan", method: .post, headers: headers,
                body: Self.form([("set.wioa-adult.budget", "4000"), ("set.perkins.budget", "5000")])
            ) { response in
                #expect(response.status == .ok)
                let fragment = String(buffer: response.body)
                #expect(fragment.contains("<b>\(expected.whatIf.served.count)</b>served, what-if"))
                #expect(fragment.contains(HTMLReport.escape(comparison.headline)), "\(comparison.headline)")
                #expect(!fragment.contains("<html"))
            }
            // The history keeps both runs, newest first, without a participant id.
            try await client.execute(uri: "/s/default/history", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("wioa-adult.budget=4000"))
                #expect(page.contains("baseline"))
                #expect(!baseline.participants.contains { page.contains(">\($0.id)<") })
            }
        }
    }

    /// Two past runs side by side: run B's plan against run A's, with served as each alone has.
    @Test func twoPastRunsAreComparedSideBySide() async throws {
        let folder = try Self.folder()
        var options = PlanOptions()
        options.prices = .never
        func served(_ set: [String]) throws -> Int {
            let (_, changed) = try WhatIf.load(
                scenario: folder.entries[0].file, whatIf: nil, policies: policies, overrides: set)
            return try Planner.plan(changed, options: options).served.count
        }
        let (a, b) = (try served(["wioa-adult.budget=4000"]), try served(["hospital-employer.budget=30000"]))
        try await Self.app(folder).test(.router) { client in
            var headers = Self.posting
            headers[HTTPField.Name("X-Braid-Fragment")!] = "1"
            for edit in [("set.wioa-adult.budget", "4000"), ("set.hospital-employer.budget", "30000")] {
                try await client.execute(
                    uri: "/s/default/plan", method: .post, headers: headers, body: Self.form([edit])
                ) { #expect($0.status == .ok) }
            }
            // Runs 1 (the baseline), 2 and 3.
            try await client.execute(uri: "/s/default/history/compare?a=2&b=3", method: .get) { response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                #expect(page.contains("<h1>Run 2 and run 3</h1>"))
                #expect(page.contains("<b>\(a)</b>served, baseline") && page.contains("<b>\(b)</b>served, what-if"))
            }
            try await client.execute(uri: "/s/default/history/compare?a=2", method: .get) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("pick two runs to compare"))
            }
        }
    }

    @Test func aChangeWithoutTheTokenOrFromAnotherSiteOrHostIsRefused() async throws {
        let folder = try Self.folder()
        try await Self.app(folder).test(.router) { client in
            let body = Self.form([("set.wioa-adult.budget", "4000")])
            try await client.execute(
                uri: "/s/default/plan", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: body
            ) { #expect($0.status == .forbidden) }
            var wrong = Self.posting
            wrong[HTTPField.Name("X-CSRF-Token")!] = "guess"
            try await client.execute(uri: "/s/default/plan", method: .post, headers: wrong, body: body) {
                #expect($0.status == .forbidden)
            }
            var crossSite = Self.posting
            crossSite[HTTPField.Name("Sec-Fetch-Site")!] = "cross-site"
            try await client.execute(uri: "/s/default/plan", method: .post, headers: crossSite, body: body) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/", method: .get, headers: [HTTPField.Name("Host")!: "evil.example:8080"]) {
                #expect($0.status == .misdirectedRequest)
            }
        }
    }

    @Test func aSavedWhatIfIsAFileBesideTheScenarioThatCompareRunsUnchanged() async throws {
        let folder = try Self.folder()
        try await Self.app(folder).test(.router) { client in
            try await client.execute(
                uri: "/s/default/whatifs", method: .post, headers: Self.posting,
                body: Self.form([
                    ("set.wioa-adult.budget", "4000"), ("name", "Adult cut"), ("fund.id", "united-way"),
                    ("fund.budget", "2500"), ("fund.allowable", "child_care"), ("fund.allowable", "transportation"),
                ])
            ) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("braid compare what-if/adult-cut.yaml"))
            }
        }
        let saved = folder.entries[0].path + "/what-if/adult-cut.yaml"
        let text = try String(contentsOfFile: saved, encoding: .utf8)
        #expect(text.hasPrefix("base: \"..\"\n"))
        // `braid compare` reads it as its base with its changes.
        let (baseline, changed) = try WhatIf.load(scenario: nil, whatIf: saved, policies: policies, overrides: [])
        #expect(baseline.file == folder.entries[0].file)
        #expect(changed.streams.first { $0.id == "wioa-adult" }?.budget == 4000_00)
        let fund = try #require(changed.streams.first { $0.id == "united-way" })
        #expect(fund.budget == 2500_00 && fund.allowable == [.transportation, .child_care])
    }

    @Test func aBadRosterGetsItsGroupedMessagesAndIsNotKept() async throws {
        let folder = try Self.folder()
        let header = try String(contentsOfFile: folder.entries[0].path + "/participants.csv", encoding: .utf8)
            .split(separator: "\n")[0]
        let rows = (1...4).map { "p\($0),no-such-program,30" }
        try await Self.app(folder).test(.router) { client in
            var headers = Self.posting
            headers[.contentType] = "application/octet-stream"
            headers[HTTPField.Name("X-File-Name")!] = "my%20roster.csv"
            try await client.execute(
                uri: "/s/default/roster", method: .post, headers: headers,
                body: ByteBuffer(string: ([String(header)] + rows).joined(separator: "\n"))
            ) { response in
                #expect(response.status == .unprocessableContent)
                let page = String(buffer: response.body)
                #expect(page.contains("problems in my roster.csv"))
                #expect(page.contains("my roster.csv:2"))
                #expect(!page.contains(".braid/uploads"))
            }
        }
        let uploads = folder.dataFolder + "/uploads"
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: uploads)) ?? []).isEmpty)
    }

    /// A roster kept on upload is planned beside the baseline as `braid compare` plans a what-if
    /// naming it, and a what-if saved with it runs unchanged from the command line.
    @Test func aKeptRosterIsPlannedWithAndSavedInAWhatIf() async throws {
        let folder = try Self.folder()
        let entry = folder.entries[0]
        let lines = try String(contentsOfFile: entry.path + "/participants.csv", encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let good = ([lines[0]] + lines[1...7].map { "new-" + $0.drop { $0 != "-" }.dropFirst() }).joined(
            separator: "\n")
        @Sendable func upload(_ client: some TestClientProtocol, _ text: String, name: String, keep: Bool)
            async throws -> String
        {
            var h = Self.posting
            h[.contentType] = "application/octet-stream"
            h[HTTPField.Name("X-File-Name")!] = name
            return try await client.execute(
                uri: "/s/default/roster" + (keep ? "?keep=1" : ""), method: .post, headers: h,
                body: ByteBuffer(string: text)
            ) { String(buffer: $0.body) }
        }
        // The same roster by a file saved in the folder, compared as `braid compare` would.
        let whatIfFile = entry.path + "/what-if/by-hand.yaml"
        try FileManager.default.createDirectory(
            atPath: entry.path + "/what-if", withIntermediateDirectories: true)
        try "base: ..\nparticipants: ../rosters/spring-intake.csv\n".write(
            toFile: whatIfFile, atomically: true, encoding: .utf8)
        try await Self.app(folder).test(.router) { client in
            // Checked only: nothing kept.
            let checked = try await upload(client, good, name: "Spring%20Intake.csv", keep: false)
            #expect(checked.contains("7 participants"))
            #expect(entry.rosters.isEmpty)
            let kept = try await upload(client, good, name: "Spring%20Intake.csv", keep: true)
            #expect(kept.contains("Kept as <code>rosters/spring-intake.csv</code>"), "\(kept)")
            #expect(kept.contains("href=\"/s/default?roster=spring%2Dintake%2Ecsv\""))
            #expect(entry.rosters == ["spring-intake.csv"])
            // The same bytes again: the same roster; other bytes: the next free name, never over it.
            let again = try await upload(client, good, name: "Spring%20Intake.csv", keep: true)
            #expect(again.contains("rosters/spring-intake.csv<"))
            let fewer = try await upload(
                client, lines[0...3].joined(separator: "\n"), name: "Spring%20Intake.csv", keep: true)
            #expect(fewer.contains("rosters/spring-intake-2.csv"))
            // A roster with problems is never kept.
            let bad = try await upload(client, lines[0] + "\nx1,no-such-program,30", name: "bad.csv", keep: true)
            #expect(bad.contains("problem") && !bad.contains("Kept as"))
            #expect(entry.rosters == ["spring-intake-2.csv", "spring-intake.csv"])

            let (baseline, changed) = try WhatIf.load(
                scenario: nil, whatIf: whatIfFile, policies: policies, overrides: [])
            #expect(changed.participants.count == 7 && changed.participants.allSatisfy { $0.id.hasPrefix("new-") })
            var options = PlanOptions()
            options.prices = .never
            let expected = try Planner.compare(baseline, changed, options: options)
            let comparison = Comparison(
                baseline: expected.baseline, whatIf: expected.whatIf, baselineScenario: baseline,
                whatIfScenario: changed)
            #expect(comparison.headline.hasPrefix("roster spring-intake.csv (7 applicants, was 12)"))
            try await client.execute(uri: "/s/default?roster=spring-intake.csv", method: .get) { response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                #expect(page.contains(HTMLReport.escape(comparison.headline)), "\(comparison.headline)")
                #expect(page.contains("<b>\(expected.whatIf.served.count)</b>served, what-if"))
                #expect(page.contains("<option value=\"spring-intake.csv\" selected>"))
            }
            // Only a roster kept for the scenario, by its name: never a path.
            for name in ["../participants.csv", "..%2F..%2Fscenario.yaml", "nope.csv"] {
                try await client.execute(uri: "/s/default?roster=\(name)", method: .get) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(String(buffer: response.body).contains("is kept for this scenario"))
                }
            }
            // Saved from the page, it names the roster relative to itself and `compare` reads it.
            try await client.execute(
                uri: "/s/default/whatifs", method: .post, headers: Self.posting,
                body: Self.form([("roster", "spring-intake.csv"), ("name", "Spring")])
            ) { #expect($0.status == .ok) }
        }
        let saved = entry.path + "/what-if/spring.yaml"
        #expect(
            try String(contentsOfFile: saved, encoding: .utf8).contains(
                "participants: \"../rosters/spring-intake.csv\""))
        let (_, fromFile) = try WhatIf.load(scenario: nil, whatIf: saved, policies: policies, overrides: [])
        let byHand = try WhatIf.load(scenario: nil, whatIf: whatIfFile, policies: policies, overrides: []).whatIf
        #expect(fromFile.participants.map(\.id) == byHand.participants.map(\.id))
    }

    @Test func downloadsAndTheMatrixAndExplainShowWhatTheReportsSay() async throws {
        let folder = try Self.folder()
        let scenario = try Scenario.load(path: folder.entries[0].file, policies: policies)
        let someone = scenario.participants[0].id
        try await Self.app(folder).test(.router) { client in
            try await client.execute(
                uri: "/s/default/download", method: .post, headers: Self.posting, body: Self.form([("format", "xlsx")])
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentDisposition] == "attachment; filename=\"default.xlsx\"")
                #expect(response.body.getBytes(at: 0, length: 2) == Array("PK".utf8))
            }
            try await client.execute(
                uri: "/s/default/download", method: .post, headers: Self.posting, body: Self.form([("format", "pdf")])
            ) { #expect($0.status == .unprocessableContent) }
            try await client.execute(uri: "/s/default/eligibility", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("<th scope=\"col\">wioa-adult</th>"))
                #expect(page.contains("The deciding rules"))
            }
            try await client.execute(uri: "/s/default/participants/\(someone)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("<pre class=\"explain\">"))
            }
            try await client.execute(uri: "/s/default/participants/nobody", method: .get) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: "/s/..%2F..%2Fetc", method: .get) { #expect($0.status == .notFound) }
        }
    }
}

/// Edits as what-ifs: what the form may say, and a past run reopened with its edits.
@Suite struct DraftTests {
    static func baseline() throws -> (Scenario, [Setting], [SwitchableRule]) {
        let scenario = try Scenario.load(path: scenariosPath + "/default", policies: policies)
        return (scenario, Setting.all(for: scenario), SwitchableRule.all(for: scenario))
    }

    @Test func onlyChangedKnownValuesAreKeptAndBadFieldsAreNamed() throws {
        let (_, settings, rules) = try Self.baseline()
        let draft = try Draft(
            form: [("set.wioa-adult.budget", "9000"), ("set.perkins.budget", "2,500"), ("_csrf", "x")],
            settings: settings, rules: rules)
        #expect(draft.settings.map(\.key) == ["perkins.budget"] && draft.settings[0].value == "2500")
        #expect(throws: WorkbenchError("nope.budget: not a setting of this scenario")) {
            try Draft(form: [("set.nope.budget", "1")], settings: settings, rules: rules)
        }
        #expect(throws: WorkbenchError("WIOA Title I Adult: budget: \"lots\" is not a number")) {
            try Draft(form: [("set.wioa-adult.budget", "lots")], settings: settings, rules: rules)
        }
        #expect(
            throws: WorkbenchError("new fund: its id \"United Way\" must be lower-case letters, digits and hyphens")
        ) {
            try Draft(
                form: [("fund.id", "United Way"), ("fund.budget", "10"), ("fund.allowable", "tuition")],
                settings: settings, rules: rules)
        }
        #expect(throws: WorkbenchError("path: unknown field")) {
            try Draft(form: [("path", "/etc/passwd")], settings: settings, rules: rules)
        }
    }

    @Test func aDraftReadsBackFromItsWhatIfText() throws {
        let (_, settings, rules) = try Self.baseline()
        let off = try #require(rules.first).key
        let draft = try Draft(
            form: [
                ("set.perkins.budget", "2500"), ("off.\(off)", "on"), ("fund.id", "united-way"),
                ("fund.budget", "2500"),
                ("fund.allowable", "coaching"),
            ], settings: settings, rules: rules)
        let text = draft.yaml(base: "..", name: "A \"quoted\" name", note: nil, rosterFolder: "../rosters")
        #expect(try Draft(whatIfText: text, settings: settings, rules: rules) == draft)
        #expect(text.contains("name: \"A \\\"quoted\\\" name\""))
    }

    @Test func aBigRostersTablesStopAtTheirLimitAndSaySo() throws {
        let scenario = try Fixture.generated(participants: 700, seed: 5).load()
        var options = PlanOptions()
        options.prices = .never
        options.gap = 0.01
        let plan = try Planner.plan(scenario, options: options)
        let body = HTMLReport.body(plan, scenario, participantLink: { "/p/\($0)" }, rows: 100)
        #expect(body.components(separatedBy: "<a href=\"/p/").count - 1 == 100 + min(100, plan.notServed.count))
        #expect(body.contains("… and \(plan.served.count - 100) more (the downloads list everyone)"))
    }
}
