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
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("braid-html-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
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

    @Test func compareAndSweepReportsRender() throws {
        let (baseline, changed) = try WhatIf.load(
            scenario: nil, whatIf: "\(scenariosPath)/what-if/state-sector-partnership-fund.yaml", policies: policies,
            overrides: [])
        let comparison = Comparison(
            baseline: try Planner.plan(baseline), whatIf: try Planner.plan(changed), baselineScenario: baseline,
            whatIfScenario: changed)
        let compareHTML = HTMLReport.compare(comparison)
        checkSelfContained(compareHTML)
        let (compareDOM, comparePNG) = try render(compareHTML)
        #expect(compareDOM.contains("class=\"chart bars\"") && compareDOM.contains("gains"))
        #expect(comparePNG.count > 30_000)
        let axis = try SweepAxis("wioa-adult.budget=0:20000:4000")
        let points = try Sweeper.run(
            path: "\(scenariosPath)/default", policies: policies, overrides: [], axes: [axis], options: PlanOptions())
        let sweepHTML = HTMLReport.sweep([axis], points)
        checkSelfContained(sweepHTML)
        let (sweepDOM, sweepPNG) = try render(sweepHTML)
        #expect(sweepDOM.components(separatedBy: "class=\"series\"").count - 1 >= 2)
        #expect(sweepDOM.contains("<circle"))
        #expect(sweepPNG.count > 20_000)
    }
}
