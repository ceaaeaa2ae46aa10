import ArgumentParser
import BraidPlanner
import BraidPolicy
import BraidReports
import BraidScenario
import Foundation

/// Scenario, policies and overrides: what every scenario command reads.
struct ScenarioOptions: ParsableArguments {
    @OptionGroup var policyOptions: PolicyOptions
    @Option(name: .customLong("set"), help: ArgumentHelp("Override a policy parameter or a scenario's money: STREAM.PARAM=VALUE, STREAM.budget=N, STREAM.cap=N (repeatable).", valueName: "KEY=VALUE"))
    var overrides: [String] = []

    func load(_ path: String?) throws -> Scenario {
        let policies = try policyOptions.load()
        let scenario = path ?? (PolicyLocator.scenarios(policies: policies.directory) as NSString).appendingPathComponent("default")
        return try Scenario.load(path: scenario, policies: policies, overrides: overrides)
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, markdown, html
}

extension SolveMethod: ExpressibleByArgument {}

/// How the optimisation is solved: `--method`.
struct MethodOption: ParsableArguments {
    @Option(help: ArgumentHelp("auto (decomposition from \(Tuning().decomposeFrom) participants), monolithic or decomposed.", valueName: "METHOD"))
    var method: SolveMethod = .automatic
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Find the funding plan that serves the most people.")
    @Argument(help: "The scenario YAML (or its folder). Default: the shipped default scenario.") var scenario: String?
    @OptionGroup var options: ScenarioOptions
    @Option(help: "Output format: table, json, csv, markdown or html.") var format: OutputFormat = .table
    @Option(help: "Write the output to this file (atomically) instead of standard output.") var output: String?
    @Option(name: .customLong("time-limit"), help: "Seconds for the optimisation; the best plan found is returned with its gap.") var timeLimit: Double?
    @Option(help: "Relative MIP gap at which the search stops.") var gap: Double = 1e-6
    @OptionGroup var method: MethodOption

    func validate() throws {
        if let timeLimit, !(timeLimit > 0 && timeLimit.isFinite) { throw ValidationError("--time-limit must be a positive number of seconds") }
        if !(gap >= 0 && gap < 1) { throw ValidationError("--gap must be at least 0 and below 1") }
    }

    func run() throws {
        let loaded = try options.load(scenario)
        let plan = try Planner.plan(loaded, options: PlanOptions(timeLimit: timeLimit ?? PlanOptions().timeLimit, gap: gap, method: method.method))
        let text: String
        switch format {
        case .table: text = SummaryReport.table(plan, loaded)
        case .json: text = ResultJSON.encode(plan)
        case .csv: text = ResultCSV.encode(plan)
        case .markdown: text = SummaryReport.markdown(plan, loaded)
        case .html: text = HTMLReport.run(plan, loaded)
        }
        try emit(text, to: output)
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Validate a scenario, its roster and the policies; list every problem.")
    @Argument(help: "The scenario YAML (or its folder).") var scenario: String
    @OptionGroup var options: ScenarioOptions

    func run() throws {
        let loaded = try options.load(scenario)
        print("\(loaded.file): ok — \(loaded.participants.count) participants, \(loaded.programs.count) programs, \(loaded.streams.count) streams")
    }
}

struct ExportModel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-model", abstract: "Write the exact optimisation model (phase 1: people served) for external solvers.")
    @Argument(help: "The scenario YAML (or its folder).") var scenario: String
    @OptionGroup var options: ScenarioOptions
    @Option(help: "Write CPLEX LP format to this file.") var lp: String?
    @Option(help: "Write free MPS format to this file (a maximisation is written as minimising the negated objective).") var mps: String?
    @Flag(help: "The monolithic MIP (the only model written: the decomposition's masters are internal). Accepted for scripts that say so.")
    var monolithic = false

    func validate() throws {
        if lp == nil && mps == nil { throw ValidationError("give --lp FILE or --mps FILE") }
    }

    func run() throws {
        let loaded = try options.load(scenario)
        try ModelExport.write(loaded, lp: lp, mps: mps)
    }
}
