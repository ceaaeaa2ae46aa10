import BraidPolicy
import BraidTestSupport
import Foundation
import Testing

@testable import BraidPlanner
@testable import BraidReports
@testable import BraidScenario

/// Chromium from Debian's packages (installed by .ci/run).
let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
    FileManager.default.isExecutableFile(atPath: $0)
}

/// Renders a page headless: the DOM after layout, and a PNG screenshot.
func render(_ html: String) throws -> (dom: String, png: Data) {
    let folder = try Scratch.newFolder("braid-html")
    defer { try? FileManager.default.removeItem(at: folder) }
    let page = folder.appendingPathComponent("report.html"), shot = folder.appendingPathComponent("report.png")
    try html.write(to: page, atomically: true, encoding: .utf8)
    func chrome(_ extra: [String]) throws -> (String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium!)
        process.arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--user-data-dir=\(folder.path)/profile",
                "--window-size=1200,1600", "--enable-logging=stderr", "--v=0",
            ] + extra + [page.absoluteString]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }
    let (dom, log) = try chrome(["--dump-dom"])
    #expect(!log.contains("Uncaught"), "script error: \(log)")
    #expect(!log.contains("CONSOLE"), "console message: \(log)")
    _ = try chrome(["--screenshot=\(shot.path)"])
    return (dom, try Data(contentsOf: shot))
}

@Suite(.enabled(if: chromium != nil, "needs Chromium (apt-get install chromium); .ci/run installs it"))
struct HTMLReportTests {
    func checkSelfContained(_ html: String) {
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("http://") && !html.contains("https://"), "the report must not reach the network")
        #expect(!html.contains("<script"))
    }

    @Test func runReportRendersWithItsCharts() throws {
        let scenario = try Scenario.load(path: "\(scenariosPath)/default", policies: policies)
        let plan = try Planner.plan(scenario)
        let html = HTMLReport.run(plan, scenario)
        checkSelfContained(html)
        let (dom, png) = try render(html)
        #expect(dom.contains("class=\"chart sankey\"") && dom.contains("class=\"chart bars\""))
        #expect(dom.components(separatedBy: "class=\"flow\"").count - 1 == HTMLReport.flows(plan).count)
        #expect(dom.contains("dft-006"))  // a participant not served, with the reason
        #expect(png.count > 30_000, "screenshot is \(png.count) bytes: the page looks empty")
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    /// The texts of the SVG elements with this class (after layout, from the DOM).
    func texts(_ dom: String, _ cls: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: "<text class=\"\(cls)( [^\"]*)?\"[^>]*>([^<]*)<")
        return regex.matches(in: dom, range: NSRange(dom.startIndex..., in: dom)).map {
            String(dom[Range($0.range(at: 2), in: dom)!]).replacingOccurrences(of: "&amp;", with: "&")
        }
    }

    func count(_ dom: String, _ s: String) -> Int { dom.components(separatedBy: s).count - 1 }

    /// Labels a person reads: stream names from the policies, categories in words, money axes in
    /// dollars — no raw ids in the charts.
    @Test func runReportSpeaksInNamesAndDollars() throws {
        let scenario = try Scenario.load(path: "\(scenariosPath)/default", policies: policies)
        var options = PlanOptions()
        options.ranges = true
        let plan = try Planner.plan(scenario, options: options)
        let (dom, _) = try render(HTMLReport.run(plan, scenario))
        let labels = texts(dom, "label")
        #expect(
            labels.contains { $0.hasPrefix("Federal Pell Grant $") }
                && labels.contains { $0.hasPrefix("Books & supplies $") })
        #expect(!labels.contains { $0.contains("_") || $0.hasPrefix("pell") }, "\(labels)")
        let ticks = texts(dom, "tick")
        #expect(
            !ticks.isEmpty
                && ticks.allSatisfy { $0.range(of: #"^\$[0-9]{1,3}(,[0-9]{3})*$"#, options: .regularExpression) != nil },
            "\(ticks)")
        #expect(dom.contains("about 1.6 more people for up to $10,000 more"))
    }

    @Test func compareAndSweepReportsRender() throws {
        let (baseline, changed) = try WhatIf.load(
            scenario: nil, whatIf: "\(scenariosPath)/what-if/state-sector-partnership-fund.yaml", policies: policies,
            overrides: [])
        let (before, after) = try Planner.compare(baseline, changed)
        let comparison = Comparison(
            baseline: before, whatIf: after, baselineScenario: baseline, whatIfScenario: changed)
        let compareHTML = HTMLReport.compare(comparison)
        checkSelfContained(compareHTML)
        let (compareDOM, comparePNG) = try render(compareHTML)
        #expect(compareDOM.contains("class=\"chart bars\"") && compareDOM.contains("gains"))
        #expect(compareDOM.contains("<p class=\"lede\">+$22,000 added (new ga-sector-partnership-fund): "))
        // Each budgeted stream's budget is drawn behind what it used, on both sides.
        let budgeted = comparison.streamIDs.reduce(0) { n, id in
            n + (before.streams.first { $0.id == id }?.budget != nil ? 1 : 0)
                + (after.streams.first { $0.id == id }?.budget != nil ? 1 : 0)
        }
        #expect(count(compareDOM, "class=\"budget\"") == budgeted)
        #expect(compareDOM.contains("<h2>Served by group</h2>"))
        #expect(comparePNG.count > 30_000)

        let axis = try SweepAxis("wioa-adult.budget=0:20000:2500")
        let points = try Sweeper.run(
            path: "\(scenariosPath)/default", policies: policies, overrides: [], axes: [axis], options: PlanOptions())
        let sweepHTML = HTMLReport.sweep([axis], points, names: HTMLReport.streamNames(baseline))
        checkSelfContained(sweepHTML)
        let (sweepDOM, sweepPNG) = try render(sweepHTML)
        #expect(count(sweepDOM, "class=\"series\"") >= 2)
        // People ticks are whole numbers; the money axis reads $2,500, not 2500.
        let peopleTicks = texts(sweepDOM, "tick y").prefix { !$0.contains(".") }
        #expect(peopleTicks.count >= 3 && peopleTicks.allSatisfy { Int($0) != nil }, "\(Array(peopleTicks))")
        let moneyTicks = texts(sweepDOM, "tick x")
        #expect(moneyTicks.contains("$20,000") && moneyTicks.allSatisfy { $0.hasPrefix("$") }, "\(moneyTicks)")
        // Lines that overlap keep their names: a label at each line's end, a marker shape each.
        #expect(texts(sweepDOM, "direct").contains("WIOA Title I Adult"))
        #expect(sweepDOM.contains("<polygon") && sweepDOM.contains("<circle"))
        #expect(sweepPNG.count > 20_000)

        let two = [try SweepAxis("wioa-adult.budget=0:20000:10000"), try SweepAxis("college-fund.budget=0:10000:5000")]
        let grid = try Sweeper.run(
            path: "\(scenariosPath)/default", policies: policies, overrides: [], axes: two, options: PlanOptions())
        let (heatDOM, _) = try render(HTMLReport.sweep(two, grid))
        #expect(count(heatDOM, "class=\"cell\"") == 9)
        #expect(Set(texts(heatDOM, "value")) == Set(grid.map { "\($0.plan.served.count)" }))
        // A line per college-fund budget, then one per budgeted stream's rate.
        #expect(count(heatDOM, "class=\"series\"") == 3 + grid[0].plan.streams.filter { $0.budget != nil }.count)
    }

    /// "Save as PDF" gives clean pages: the print stylesheet keeps charts and table rows whole,
    /// and Chromium prints the report to a PDF of several pages.
    /// A what-if on another roster, over a base with its own `set:`: the comparison names only
    /// the what-if's own settings, and each side's groups count its own applicants.
    @Test func aComparisonShowsOnlyItsChangesAndEachSidesApplicants() throws {
        let folder = try Scratch.newFolder("braid-compare-roster")
        defer { try? FileManager.default.removeItem(at: folder) }
        let lines = try String(contentsOfFile: "\(scenariosPath)/default/participants.csv", encoding: .utf8)
            .split(separator: "\n")
        try (lines[0...5].joined(separator: "\n") + "\n").write(
            to: folder.appendingPathComponent("five.csv"), atomically: true, encoding: .utf8)
        let path = folder.appendingPathComponent("w.yaml").path
        // (The default scenario's own `set:` has wioa-adult.ita_cap: 5000; the what-if keeps it.)
        try
            "base: \(scenariosPath)/default\nparticipants: five.csv\nset: {wioa-adult.ita_cap: 5000, wioa-adult.budget: 1000}\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let (baseline, changed) = try WhatIf.load(scenario: nil, whatIf: path, policies: policies, overrides: [])
        #expect(baseline.overrides.contains("wioa-adult.ita_cap=5000"))
        let (before, after) = try Planner.compare(baseline, changed)
        let c = Comparison(baseline: before, whatIf: after, baselineScenario: baseline, whatIfScenario: changed)
        #expect(c.settingsChanged == ["wioa-adult.budget=1000"])
        #expect(c.table().split(separator: "\n")[2] == "          wioa-adult.budget=1000")
        let html = HTMLReport.compare(c)
        #expect(html.contains("What-if settings: wioa-adult.budget=1000</p>"))
        let all = try #require(after.review.groups.first { $0.label == "all applicants" })
        #expect(all.applicants == 5)
        #expect(
            html.contains(
                "<tr><td>all applicants</td><td class=\"num\">\(before.served.count) of 12 (")
        )
        #expect(html.contains("<td class=\"num\">\(after.served.count) of 5 ("))
        // The last value of a key decides; a key set back to the baseline's value is no change.
        #expect(
            Comparison.settingsChanged(from: ["a=1", "b=2"], to: ["a=1", "b=3", "c=4", "b=2", "a=0"]) == [
                "a=0", "c=4",
            ])
        #expect(Comparison.settingsChanged(from: ["a=1"], to: ["a=1"]).isEmpty)
    }

    /// The one-pass escape agrees with the four replacements it stands for, on plain, special and
    /// non-ASCII text.
    @Test func escapingMatchesTheReplacements() {
        func replaced(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        let samples = [
            "", "plain", "a&b", "<script>alert(\"x\")</script>", "&&&", "\"", "José Ñúñez & Co. <é>",
            "e\u{301}<\u{1F600}>", "tab\there & \"quoted\" 'single'", "&amp; already",
        ]
        for s in samples { #expect(HTMLReport.escape(s) == replaced(s), "\(s)") }
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab&<>\"' é\u{1F600}")
        for _ in 0..<500 {
            let s = String((0..<Int.random(in: 0...20, using: &generator)).map { _ in alphabet.randomElement()! })
            #expect(HTMLReport.escape(s) == replaced(s), "\(s)")
        }
    }

    @Test func reportPrintsToPDF() throws {
        let scenario = try Scenario.load(path: "\(scenariosPath)/default", policies: policies)
        let html = HTMLReport.run(try Planner.plan(scenario), scenario)
        #expect(html.contains("@media print") && html.contains("break-inside:avoid"))
        let folder = try Scratch.newFolder("braid-pdf")
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("r.html"), pdf = folder.appendingPathComponent("r.pdf")
        try html.write(to: page, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium!)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(folder.path)/profile",
            "--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", page.absoluteString,
        ]
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        process.waitUntilExit()
        let data = try Data(contentsOf: pdf)
        #expect(data.starts(with: Array("%PDF".utf8)))
        let text = String(decoding: data, as: UTF8.self)
        let pages = try NSRegularExpression(pattern: "/Type\\s*/Page[^s]")
        #expect(pages.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text)) >= 2)
    }
    /// Sixty streams: every node of the flow chart below the one before it (within the 0.1 the numbers are
    /// printed to), inside the chart
    /// (the first layout ran out of height past 40 and drew them backwards, overlapping).
    @Test func aFlowChartOfManyStreamsStaysInOrder() throws {
        let flows = (0..<60).map { (from: "fund-\($0)", to: "tuition", cents: Int64(100_000 + $0 * 1_000)) }
        let svg = HTMLReport.sankey(flows, names: [:])
        let viewBox = try #require(svg.firstMatch(of: /viewBox="0 0 [0-9.]+ ([0-9.]+)"/)).1
        let height = try #require(Double(String(viewBox)))
        let tops = svg.matches(of: /<rect x="250" y="([0-9.]+)" width="14" height="([0-9.]+)"/).map {
            (Double(String($0.1))!, Double(String($0.2))!)
        }
        #expect(tops.count == 60)
        for (a, b) in zip(tops, tops.dropFirst()) { #expect(b.0 >= a.0 + a.1 + 9.8, "\(a) then \(b)") }
        #expect(tops.last.map { $0.0 + $0.1 <= height } == true)
    }
}
