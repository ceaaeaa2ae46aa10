import ArgumentParser
import BraidPlanner
import BraidPolicy
import BraidReports
import BraidScenario
import Foundation

struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-solve a scenario across a range of a budget or parameter (one or two dimensions).")
    @Argument(
        help: "The scenario YAML (or its folder), or a what-if file (base: and its changes).", completion: .file())
    var scenario: String
    @OptionGroup var options: ScenarioOptions
    @Option(
        name: .customLong("vary"),
        help: ArgumentHelp(
            "KEY=FROM:TO:STEP, e.g. tanf.budget=0:100000:2500 (one or two).", valueName: "KEY=FROM:TO:STEP"))
    var vary: [String] = []
    @OptionGroup var out: OutputOptions
    @Option(name: .customLong("time-limit"), parsing: .unconditional, help: "Seconds for each point's optimisation.")
    var timeLimit: Double?
    @Option(help: "Relative gap at which each point's search stops (as run's --gap).") var gap: Double =
        PlanOptions().gap
    @OptionGroup var method: MethodOption
    @Option(help: "Threads (default: \(Tuning().threads)).") var threads: Int = Tuning().threads

    func validate() throws {
        if vary.isEmpty || vary.count > 2 { throw ValidationError("give one or two --vary KEY=FROM:TO:STEP") }
        if threads < 1 || threads > 64 { throw ValidationError("--threads must be between 1 and 64") }
        try TimeLimit.check(timeLimit)
        try TimeLimit.check(gap: gap)
    }

    func run() throws {
        let policies = try options.policyOptions.load(near: scenario)
        ProtectedInputs.add(Scenario.scenarioFile(scenario))
        ProtectedInputs.addFolder(policies.directory)
        if out.output != nil { _ = try options.load(scenario) }  // (marks its roster too)
        var axes: [SweepAxis] = []
        for text in vary { axes.append(try SweepAxis(text)) }
        let path = scenario
        let points: [SweepPoint]
        let total = axes.reduce(1) { $0 * $1.values.count }
        let planOptions = PlanOptions(timeLimit: timeLimit ?? PlanOptions().timeLimit, gap: gap, method: method.method)
        if isatty(STDERR_FILENO) != 0 {
            let bar = SweepProgress(total: total)
            defer { bar.finish() }
            points = try Sweeper.run(
                path: path, policies: policies, overrides: options.overrides, axes: axes, options: planOptions,
                threads: threads, progress: { done, _ in bar.update(done) })
        } else {
            points = try Sweeper.run(
                path: path, policies: policies, overrides: options.overrides, axes: axes, options: planOptions,
                threads: threads, progress: nil)
        }
        if out.resolved == .xlsx { return try emit(WorkbookReport.sweep(axes, points), to: out.output) }
        let text: String
        switch out.resolved {
        case .json: text = SweepReport.json(axes, points)
        case .csv: text = SweepReport.csv(axes, points)
        case .html: text = HTMLReport.sweep(axes, points, names: HTMLReport.streamNames(try options.load(scenario)))
        case .markdown: text = SweepReport.markdown(axes, points)
        case .table, .xlsx: text = SweepReport.table(axes, points)
        }
        try emit(text, to: out.output)
    }
}
