import BraidPolicy
import BraidSolver

/// What one participant may receive from each stream, before any optimisation.
public struct ParticipantAnalysis: Sendable {
    public let person: Person
    public let weight: Double
    public let weightLabel: String?
    /// What serving this participant adds to the objective: weight × the measure (people,
    /// completions, placements or earnings) of their program.
    public let value: Double
    /// Per target of the scenario (same order): whether the participant is in its group.
    public let groups: [Bool]
    /// Per scenario stream: the participant's priority tier under the stream's order in force
    /// (1 first), or 0 when the stream has no priority of service or may not pay for them.
    public let tiers: [Int]
    /// Per scenario stream: whether the participant counts toward a state alternative's share.
    public let shareGroup: [Bool]
    /// Per scenario stream (same order): the policy decision, or nil for a scenario's own stream.
    public let eligibility: [StreamEligibility?]
    /// Per scenario stream: whether it may pay this participant at all.
    public let eligible: [Bool]
    /// Needed categories (need > 0) with the streams (indices) that may pay each: one entry per
    /// category and timeline segment its costs fall in (segment 0 when the scenario has no money
    /// by year), with the streams whose money is available then.
    public let payers: [(category: CostCategory, segment: Int, need: Int64, streams: [Int])]
    /// Why this participant cannot be served whatever the budgets, if so.
    public let blocker: String?
}

extension ParticipantAnalysis {
    /// The most stream `s` may pay of a need: the need, within the stream's share of it and its
    /// single-category caps.
    public func upper(_ s: Int, _ category: CostCategory, need: Int64) -> Int64 {
        var upper = need
        if let decision = eligibility[s] {
            if let share = decision.categories.first(where: { $0.category == category })?.share {
                upper = min(upper, Self.shareLimit(share, need))
            }
            for cap in decision.caps where cap.rule.single == category { upper = min(upper, cap.cents) }
        }
        return upper
    }

    /// A share (0...1) of a need, in whole cents rounded down.
    static func shareLimit(_ share: Double, _ need: Int64) -> Int64 { centsFloor(share * Double(need) / 100) }
}

extension Scenario {
    /// Applicants eligible for each stream (by id), from the scenario's analyses.
    public func eligibleCounts(_ analyses: [ParticipantAnalysis]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for (s, stream) in streams.enumerated() { counts[stream.id] = analyses.lazy.filter { $0.eligible[s] }.count }
        return counts
    }

    /// Evaluates eligibility of every participant for every stream of the scenario.
    public func analyze() -> [ParticipantAnalysis] { analyze(until: nil)! }

    /// Evaluates eligibility of every participant for every stream of the scenario, or nil
    /// when the monotonic moment `deadline` (``MonotonicClock``) passes first: checked between
    /// slices of ``Parallel/eligibilitySlice`` participants, so a run's time limit holds here too.
    public func analyze(until deadline: Double?) -> [ParticipantAnalysis]? {
        let tables = AnalysisTables(self)
        var analyses: [ParticipantAnalysis] = []
        analyses.reserveCapacity(participants.count)
        for start in stride(from: 0, to: participants.count, by: Parallel.eligibilitySlice) {
            if let deadline, MonotonicClock.now() > deadline { return nil }
            let slice = participants[start..<min(participants.count, start + Parallel.eligibilitySlice)]
            // Each participant alone: in two halves on both cores at scale.
            analyses += inHalves(slice, from: Parallel.halvesFrom) { analyze($0, tables) }
        }
        return analyses
    }

    func analyze(_ person: Person, _ tables: AnalysisTables) -> ParticipantAnalysis {
        guard let p = tables.programIndex[person.program] else {
            let (weight, label) = weight(of: person)
            return ParticipantAnalysis(
                person: person, weight: weight, weightLabel: label, value: 0,
                groups: targets.map { _ in false }, tiers: streams.map { _ in 0 },
                shareGroup: streams.map { _ in false },
                eligibility: [], eligible: [], payers: [], blocker: "unknown program \(person.program)")
        }
        let program = tables.programs[p]
        let context = EvaluationContext(person: person, program: program.info, environment: environment)
        let (weight, label) = weights.isEmpty ? (1, nil) : weight(in: context)
        let count = program.shared.count
        var decisions: [StreamEligibility?] = []
        decisions.reserveCapacity(count)
        var eligible: [Bool] = []
        eligible.reserveCapacity(count)
        for s in 0..<count {
            if let policy = program.shared[s] {
                let decision = tables.engine.evaluate(policy, context)
                decisions.append(decision)
                eligible.append(decision.eligible && program.pays[s])
            } else {
                decisions.append(nil)
                eligible.append(
                    program.pays[s] && (tables.conditions[s].map { $0.evaluate(context).bool == true } ?? true))
            }
        }
        var tiers = [Int](repeating: 0, count: count)
        var shareGroup = [Bool](repeating: false, count: count)
        for order in tables.orders where eligible[order.stream] {
            tiers[order.stream] = order.tier(context)
            if order.share != nil { shareGroup[order.stream] = order.inShareGroup(context) }
        }
        let groups = targets.map { $0.condition.evaluate(context).bool == true }
        let (payers, blocker) = payersAndBlocker(person, decisions, eligible, program: program, tables)
        return ParticipantAnalysis(
            person: person, weight: weight, weightLabel: label, value: weight * program.measure, groups: groups,
            tiers: tiers, shareGroup: shareGroup, eligibility: decisions, eligible: eligible, payers: payers,
            blocker: blocker)
    }

    /// Each needed category with the streams that may pay it, and why no budget can serve the
    /// participant, if so: a category no stream may pay, shares and single-category caps that
    /// leave part of a need, or caps spanning several categories that do (``CapCoverage``).
    func payersAndBlocker(
        _ person: Person, _ decisions: [StreamEligibility?], _ eligible: [Bool], program: AnalysisTables.Program,
        _ tables: AnalysisTables
    ) -> (payers: [(category: CostCategory, segment: Int, need: Int64, streams: [Int])], blocker: String?) {
        var payers: [(CostCategory, Int, Int64, [Int])] = []
        var coverage: [CapCoverage.Need] = []
        var blockers: [String] = []
        if let closed = program.closed { blockers.append(closed) }
        let payable = Self.payableCategories(decisions, eligible, tables)
        for (c, category) in CostCategory.participant.enumerated() {
            let total = person.needs[c]
            guard total > 0 else { continue }
            let eligibleWho = payable.indices.filter { payable[$0] & category.bit != 0 }
            if eligibleWho.isEmpty {
                payers.append((category, 0, total, []))
                blockers.append(
                    "no eligible stream may pay \(category) (\(formatMoney(total))): "
                        + whyNot(category, decisions, eligible, program: program.info.id))
                continue
            }
            let parts = timeline.split(
                total, start: program.start, months: program.months, timing: tables.timings[c])
            for (segment, need) in parts {
                let who = eligibleWho.filter { timeline.available($0, segment) }
                payers.append((category, segment, need, who))
                if who.isEmpty {
                    blockers.append(
                        "no money that may pay \(category) is available \(timeline.segments[segment].from) to \(timeline.segments[segment].to) (\(formatMoney(need))): "
                            + eligibleWho.map { streams[$0].availabilityText }.joined(separator: "; "))
                    continue
                }
                // Shares and single-category caps can leave part of a need that nobody may pay.
                var most: Int64 = 0
                var limits: [String] = []
                var uppers: [(stream: Int, cents: Int64)] = []
                uppers.reserveCapacity(who.count)
                for s in who {
                    var upper = need
                    if let d = decisions[s] {
                        if let share = d.categories.first(where: { $0.category == category })?.share {
                            upper = min(upper, ParticipantAnalysis.shareLimit(share, need))
                            if share < 1 {
                                limits.append(
                                    "\(streams[s].id) pays at most \(NumberText.fixed(share * 100, 0))% (\(d.stream.costLine(category)!.citation.text))"
                                )
                            }
                        }
                        for cap in d.caps where cap.rule.single == category && cap.cents < upper {
                            upper = cap.cents
                            limits.append("\(streams[s].id) cap \(cap.rule.id) \(formatMoney(cap.cents))")
                        }
                    }
                    most += upper
                    uppers.append((s, upper))
                }
                coverage.append(CapCoverage.Need(category: category, need: need, upper: uppers))
                if most < need {
                    blockers.append(
                        "the streams that may pay \(category) cover at most \(formatMoney(most)) of \(formatMoney(need)): "
                            + limits.joined(separator: "; "))
                }
            }
        }
        if blockers.isEmpty, let blocker = capShortfall(coverage, decisions) { blockers.append(blocker) }
        return (payers, blockers.isEmpty ? nil : blockers.joined(separator: "; "))
    }

    /// The reason caps spanning several categories leave part of the needs unpayable, if so.
    func capShortfall(_ needs: [CapCoverage.Need], _ decisions: [StreamEligibility?]) -> String? {
        let caps = CapCoverage.bindingCaps(needs, decisions)
        guard !caps.isEmpty, !CapCoverage.paidWithoutCaps(needs, caps: caps) else { return nil }
        let payable = CapCoverage.flow(needs, caps: caps)
        let total = needs.reduce(Int64(0)) { $0 + $1.need }
        guard payable < total else { return nil }
        let named = caps.map { cap in
            "\(streams[cap.stream].id) \(cap.id) \(formatMoney(cap.cents)) for "
                + cap.categories.map(\.rawValue).joined(separator: ", ")
        }
        return
            "no budget can serve them: the streams that may pay their costs cover at most \(formatMoney(payable)) of \(formatMoney(total)) under caps that span several costs ("
            + named.joined(separator: "; ") + ")"
    }

    /// Per stream, the categories it may pay the participant (``mayPay(_:_:_:_:)`` of each), as
    /// bits: each decision's cost lines read once, not once per category.
    static func payableCategories(_ decisions: [StreamEligibility?], _ eligible: [Bool], _ tables: AnalysisTables)
        -> [UInt32]
    {
        decisions.indices.map { s in payable(decisions[s], eligible: eligible[s], allowable: tables.allowable[s]) }
    }

    /// The categories one stream may pay, as bits: none unless it may pay the participant at
    /// all; a policy's, those its decision allows (any of the category's lines) at a share above
    /// 0 (the category's first line); a scenario's own stream's, its `allowable` (bits).
    static func payable(_ decision: StreamEligibility?, eligible: Bool, allowable: UInt32) -> UInt32 {
        guard eligible else { return 0 }
        guard let decision else { return allowable }
        guard decision.eligible else { return 0 }
        var allowed: UInt32 = 0, seen: UInt32 = 0, noShare: UInt32 = 0
        for line in decision.categories {
            let bit = line.category.bit
            if line.allowed { allowed |= bit }
            if seen & bit == 0 {
                seen |= bit
                if !((line.share ?? 1) > 0) { noShare |= bit }
            }
        }
        return allowed & ~noShare
    }

    public func mayPay(_ s: Int, _ category: CostCategory, _ decisions: [StreamEligibility?], _ eligible: [Bool])
        -> Bool
    {
        let allowable = streams[s].allowable.reduce(UInt32(0)) { $0 | $1.bit }
        return Self.payable(decisions[s], eligible: eligible[s], allowable: allowable) & category.bit != 0
    }

    func whyNot(_ category: CostCategory, _ decisions: [StreamEligibility?], _ eligible: [Bool], program: String)
        -> String
    {
        streams.indices.map { s -> String in
            let id = streams[s].id
            if let programs = streams[s].programs, !programs.contains(program) {
                return "\(id) pays only for \(programs.joined(separator: ", "))"
            }
            if let d = decisions[s] {
                if let failed = d.failed {
                    return "\(id) not eligible (\(failed.id): \(failed.text) [\(failed.citation.text)])"
                }
                if let line = d.categories.first(where: { $0.category == category }) {
                    if !line.allowed { return "\(id) pays \(category) only when \(line.line.condition?.source ?? "")" }
                    return "\(id) share is 0"
                }
                return "\(id) does not pay \(category)"
            }
            if !eligible[s] { return "\(id) only pays when \(streams[s].condition?.source ?? "")" }
            return "\(id) does not pay \(category)"
        }.joined(separator: "; ")
    }

    /// The streams that may pay a program-level category of a program (indices), by policy
    /// rules that concern the program only, or by a scenario stream's allowable list.
    /// Why a program cannot run whatever the budgets: the first of its costs that no stream in the
    /// scenario may pay (nil when every cost has a payer). Its applicants cannot be served.
    public func unpayableProgramCost(_ program: ScenarioProgram) -> String? {
        for (category, cost) in program.costs {
            let payers = programPayers(program, category)
            if payers.isEmpty {
                return
                    "their program \(program.info.id) cannot run: it needs \(formatMoney(cost)) of \(category), and no stream in the scenario may pay \(category) for it"
            }
            for (segment, part) in programCostParts(program, category, cost)
            where !payers.contains(where: { timeline.available($0, segment) }) {
                let seg = timeline.segments[segment]
                return
                    "their program \(program.info.id) cannot run: it needs \(formatMoney(part)) of \(category) from \(seg.from) to \(seg.to), and no money that may pay it is available then ("
                    + payers.map { streams[$0].availabilityText }.joined(separator: "; ") + ")"
            }
        }
        return nil
    }

    public func programPayers(_ program: ScenarioProgram, _ category: CostCategory) -> [Int] {
        let context = EvaluationContext.withoutParticipant(program: program.info, environment: environment)
        return streams.indices.filter { s in
            let stream = streams[s]
            guard stream.pays(program: program.info.id) else { return false }
            guard let policy = stream.policy else {
                return stream.allowable.contains(category) && stream.condition == nil
            }
            guard let line = policy.costLine(category) else { return false }
            for rule in policy.rules where !rule.expression.readsParticipant {
                if rule.expression.evaluate(context).bool != true { return false }
            }
            if let condition = line.condition, condition.readsParticipant || condition.evaluate(context).bool != true {
                return false
            }
            return true
        }
    }
}

/// What analysing a participant needs of the scenario, worked out once for a roster rather
/// than per participant (a program found by id, whether each stream pays it, why it cannot run).
struct AnalysisTables {
    /// A program with what every one of its applicants shares.
    struct Program {
        let info: ProgramInfo
        /// Per scenario stream, its policy with what this program decides for every applicant
        /// (``SharedStream``; nil for a scenario's own stream).
        let shared: [SharedStream?]
        let start: Day?
        let months: Int?
        /// Per scenario stream: whether it may pay this program (`programs:` of the stream).
        let pays: [Bool]
        /// Why the program cannot run whatever the budgets (``Scenario/unpayableProgramCost(_:)``).
        let closed: String?
        /// The objective's measure of one participant of the program (before weights).
        let measure: Double
    }

    let engine: EligibilityEngine
    /// Per scenario stream: a scenario's own stream's condition, and the categories it may pay
    /// (``CostCategory/bit``).
    let conditions: [CompiledExpression?]
    let allowable: [UInt32]
    /// The priority orders in force (``Scenario/priorityOrders``).
    let orders: [PriorityOrder]
    let programIndex: [String: Int]
    let programs: [Program]
    /// Per participant category (``CostCategory/participant`` order): when its costs fall.
    let timings: [CostTiming]

    init(_ scenario: Scenario) {
        engine = EligibilityEngine(policies: scenario.policies, environment: scenario.environment)
        conditions = scenario.streams.map(\.condition)
        allowable = scenario.streams.map { $0.allowable.reduce(0) { $0 | $1.bit } }
        orders = scenario.priorityOrders
        var index: [String: Int] = [:]
        for (p, program) in scenario.programs.enumerated() where index[program.info.id] == nil {
            index[program.info.id] = p
        }
        programIndex = index
        programs = scenario.programs.map { program in
            let context = EvaluationContext.withoutParticipant(program: program.info, environment: scenario.environment)
            return Program(
                info: program.info,
                shared: scenario.streams.map { $0.policy.map { SharedStream($0, program: context) } },
                start: program.start, months: program.months,
                pays: scenario.streams.map { $0.pays(program: program.info.id) },
                closed: scenario.unpayableProgramCost(program),
                measure: scenario.measure.value(program.outcomes) ?? 0)
        }
        timings = CostCategory.participant.map(scenario.timing)
    }
}
