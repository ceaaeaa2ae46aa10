import ArgumentParser
import BraidPlanner
import BraidPolicy
import BraidReports
import BraidScenario
import Foundation

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a baseline and a what-if on the same roster, side by side.",
        discussion: """
            SCENARIO is the baseline. WHATIF is a small file (base:, set:, streams:, remove_streams:, rules:, use_order:) \
            whose changes are applied to SCENARIO; give only the what-if file to use its own base:. --set changes the what-if side.
            """)
    @Argument(help: "The baseline scenario, or a what-if file.", completion: .file()) var scenario: String
    @Argument(help: "A what-if file.", completion: .file()) var whatIf: String?
    @OptionGroup var options: ScenarioOptions
    @OptionGroup var out: OutputOptions
    @Option(name: .customLong("time-limit"), parsing: .unconditional, help: "Seconds for each optimisation.")
    var timeLimit: Double?
    @OptionGroup var method: MethodOption

    func validate() throws { try TimeLimit.check(timeLimit) }

    func run() throws {
        let policies = try options.policyOptions.load(near: scenario)
        var baseSide: String? = scenario
        var changeSide: String? = whatIf
        if whatIf == nil && WhatIf.isWhatIf(scenario) {
            baseSide = nil
            changeSide = scenario
        }
        if let baseSide, let changeSide, let warning = WhatIf.baseMismatch(scenario: baseSide, whatIf: changeSide) {
            FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
        }
        if changeSide == nil && options.overrides.isEmpty {
            throw ValidationError("give a what-if file or at least one --set KEY=VALUE to compare against")
        }
        let (baseline, changed) = try WhatIf.load(
            scenario: baseSide, whatIf: changeSide, policies: policies, overrides: options.overrides)
        for side in [scenario, whatIf].compactMap({ $0 }) { ProtectedInputs.add(Scenario.scenarioFile(side)) }
        options.protect(baseline, given: baseline.file)
        options.protect(changed, given: changed.file)
        let planOptions = method.planOptions(timeLimit: timeLimit)
        let plans = try Planner.compare(baseline, changed, options: planOptions)
        let comparison = Comparison(
            baseline: plans.baseline, whatIf: plans.whatIf,
            baselineScenario: baseline, whatIfScenario: changed)
        if out.resolved == .xlsx { return try emit(WorkbookReport.compare(comparison), to: out.output) }
        let text: String
        switch out.resolved {
        case .table, .xlsx: text = comparison.table()
        case .json: text = comparison.json()
        case .csv: text = comparison.csv()
        case .markdown: text = comparison.markdown()
        case .html: text = HTMLReport.compare(comparison)
        }
        try emit(text, to: out.output)
    }
}
