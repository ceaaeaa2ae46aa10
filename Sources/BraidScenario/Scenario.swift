import BraidPolicy
import Foundation

/// A stream as a scenario uses it: the money available and, for federal streams, their policy.
public struct ScenarioStream: Sendable {
    public let id: String
    public let kind: StreamKind
    /// The budget in cents; nil for an entitlement (Pell) or an unlimited stream.
    public var budget: Int64?
    /// SNAP E&T 50/50: the most federal reimbursement available, in cents.
    public var cap: Int64?
    /// SNAP E&T 50/50: the non-federal streams whose spending it matches.
    public let reimburses: [String]
    /// The policy of a shipped stream; nil for a scenario's own stream.
    public let policy: StreamPolicy?
    /// A scenario's own stream: the categories it may pay.
    public let allowable: [CostCategory]
    /// A scenario's own stream: who it may pay for.
    public let condition: CompiledExpression?
    /// A scenario's own stream: the most per participant, in cents.
    public let perParticipantCap: Int64?
    /// Program-bound money (`programs: [ids]`): the only programs whose participants and program
    /// costs it pays; nil when it may pay any program.
    public let programs: [String]?
    /// The partner whose money it is (`partner:`, an id of the scenario's `partners:`).
    public var partner: String? = nil
    /// A scenario's own federal grant: whether its terms let in-kind count as its match
    /// (`in_kind_match: true`).
    public var ownInKindMatch = false
    /// Money by year or with dates (`budget: {2026: …}`, `available:`), in year order; empty
    /// when the stream's budget is one amount available throughout the period.
    public var allotments: [Allotment] = []
    /// The stream's kind of year and how long a year's money lasts (its policy's
    /// `availability:`, or a scenario stream's); nil when not stated.
    public var years: StreamYears? = nil

    /// Whether the stream may pay for a program's participants and costs.
    public func pays(program id: String) -> Bool { programs?.contains(id) ?? true }

    /// The most the stream can spend: the budget, or for a matching stream its cap.
    public var limit: Int64? {
        switch (budget, cap) {
        case (let b?, let c?): return min(b, c)
        case (let b?, nil): return b
        case (nil, let c?): return c
        default: return nil
        }
    }
}

/// A program (cohort) with its minimum enrollment and program-level costs.
public struct ScenarioProgram: Sendable {
    public let info: ProgramInfo
    public let minEnrollment: Int
    /// Program-level costs in cents, in category order.
    public let costs: [(CostCategory, Int64)]
    /// The most participants it can take (`seats`); nil when unlimited.
    public let seats: Int?
    /// Expected completion, placement and wage (`outcomes`); nil when not given.
    public let outcomes: ProgramOutcomes?
    /// The cohort's first day and its length in months (`start`, `months`); nil when not given
    /// (allowed only while no money is given by year or with dates).
    public var start: Day? = nil
    public var months: Int? = nil
}

/// A weight rule of the objective: participants matching `condition` count `weight`.
public struct WeightRule: Sendable {
    public let condition: CompiledExpression
    public let weight: Double
    public let label: String
}

/// A loaded, validated scenario.
public struct Scenario: Sendable {
    public let name: String
    public let file: String
    public let rosterFile: String
    public let state: String
    public let period: Period
    /// The policies after the scenario's (and the command line's) rule changes.
    public let policies: PolicySet
    /// Parameter values in force, after `set:` and `--set`.
    public let environment: PolicyEnvironment
    public internal(set) var streams: [ScenarioStream]
    public let programs: [ScenarioProgram]
    public let participants: [Person]
    public let weights: [WeightRule]
    /// What the plan maximises (`objective.maximize`, default people).
    public let measure: ObjectiveMeasure
    /// Targets the plan must meet (`targets:`), in the file's order.
    public let targets: [Target]
    /// Streams in the order they should be spent (earlier first).
    public let useOrder: [String]
    /// The overrides applied, as `KEY=VALUE` text, for reports.
    public let overrides: [String]
    /// The partnership's organisations (`partners:`), in the file's order.
    public internal(set) var partners: [Partner] = []
    /// Partners' in-kind contributions (`in_kind:`), in the file's order.
    public internal(set) var inKind: [InKindContribution] = []
    /// Costs shared by participants funded from different streams (`shared_costs:`).
    public internal(set) var sharedCosts: [SharedCost] = []
    /// Indirect costs charged to streams (`indirect:`); nil when none.
    public internal(set) var indirect: IndirectCosts? = nil
    /// The period cut where streams' money starts or stops (one segment when no money is given
    /// by year or with dates).
    public internal(set) var timeline = Timeline.single
    /// When each category's costs fall in a program (`cost_timing:` over the default).
    public internal(set) var costTiming: [CostCategory: CostTiming] = [:]

    /// A category's timing in this scenario.
    public func timing(_ category: CostCategory) -> CostTiming {
        costTiming[category] ?? CostTiming.standard(category)
    }

    /// The streams (indices) a stream cap of stream `s` covers: `s` and the streams it is pooled
    /// with that are in the scenario; nil when another member's row stands for the group (one
    /// row a group, written by its first member).
    public func capMembers(_ s: Int, _ cap: StreamCapRule) -> [Int]? {
        let members = Set([s] + cap.pooledWith.compactMap { id in streams.firstIndex { $0.id == id } }).sorted()
        return members.first == s ? members : nil
    }

    /// A stream's indirect rate on a category (0 when it charges none on it).
    public func indirectRate(_ stream: Int, _ category: CostCategory) -> Double {
        guard let indirect, indirect.streams.contains(streams[stream].id), indirect.base.contains(category) else {
            return 0
        }
        return indirect.rate
    }
    /// What `check` says but does not refuse: roster columns whose blanks took a default.
    public internal(set) var warnings: [String] = []

    public func stream(_ id: String) -> ScenarioStream? { streams.first { $0.id == id } }
    public func program(_ id: String) -> ScenarioProgram? { programs.first { $0.info.id == id } }

    /// The weight of a participant (1 unless a weight rule matches).
    public func weight(of person: Person) -> (Double, String?) {
        guard !weights.isEmpty, let program = program(person.program) else { return (1, nil) }
        return weight(in: EvaluationContext(person: person, program: program.info, environment: environment))
    }

    func weight(in context: EvaluationContext) -> (Double, String?) {
        for rule in weights where rule.condition.evaluate(context).bool == true { return (rule.weight, rule.label) }
        return (1, nil)
    }
}
