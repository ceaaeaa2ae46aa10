import ArgumentParser
import BraidPlanner
import BraidPolicy
import BraidReports
import BraidScenario
import Foundation

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Find the funding plan that serves the most people.")
    @Argument(
        help: "The scenario YAML (or its folder), or a what-if file. Default: the shipped default scenario.",
        completion: .file())
    var scenario: String?
    @OptionGroup var options: ScenarioOptions
    @OptionGroup var out: OutputOptions
    @Option(
        name: .customLong("time-limit"), parsing: .unconditional,
        help:
            "Seconds for the whole run (reading, eligibility, the search; default 120); the best plan found is returned with its gap."
    ) var timeLimit: Double?
    @Option(help: "Relative MIP gap at which the search stops.") var gap: Double = 1e-6
    @OptionGroup var method: MethodOption

    func validate() throws {
        try TimeLimit.check(timeLimit)
        try TimeLimit.check(gap: gap)
    }

    func run() throws {
        let clock = RunClock(timeLimit)
        let loaded = try options.load(scenario)
        try clock.check(after: "reading the scenario and roster", applicants: loaded.participants.count)
        let plan = try clock.telling {
            try Planner.plan(
                loaded, options: method.planOptions(clock: clock, applicants: loaded.participants.count, gap: gap))
        }
        if out.resolved == .xlsx {
            try emit(WorkbookReport.run(plan, loaded), to: out.output)
            return try Self.refuseNoPlan(plan)
        }
        let text: String
        switch out.resolved {
        case .table, .xlsx: text = SummaryReport.table(plan, loaded)
        case .json: text = ResultJSON.encode(plan)
        case .csv: text = ResultCSV.encode(plan)
        case .markdown: text = SummaryReport.markdown(plan, loaded)
        case .html: text = HTMLReport.run(plan, loaded)
        }
        try emit(text, to: out.output)
        try Self.refuseNoPlan(plan)
    }

    /// A run the time limit stopped before any plan (no one served, the gap whole) is not a
    /// success: exit 7 after writing what there is.
    static func refuseNoPlan(_ plan: Plan) throws {
        guard plan.noPlanInTime else { return }
        FileHandle.standardError.write(
            Data(
                "error: the time limit ended before any plan was found; give more time (--time-limit) or a gap (--gap)\n"
                    .utf8))
        throw ExitCode(7)
    }
}
