import BraidPolicy
import BraidScenario
import Foundation

/// An auditor that checks a plan against the rules without the optimiser: it re-derives
/// eligibility and checks every allocation line, cap, share, ordering, match, budget, coverage
/// and cent. (BraidReports does not import BraidPlanner: this check is independent of the code
/// that made the plan by construction.)
public enum Verifier {
    /// Every violation of the rules in a plan (empty when clean).
    public static func violations(of plan: Plan, scenario: Scenario) -> [String] {
        var audit = Audit(plan: plan, scenario: scenario)
        audit.checkParticipantLists()
        audit.checkAllocations()
        audit.checkServed()
        audit.checkPrograms()
        audit.checkSharedCosts()
        audit.checkStreams()
        audit.checkBudgetedOrdering()
        audit.checkSeats()
        audit.checkGoals()
        audit.checkSummary()
        audit.checkLedger()
        audit.checkYears()
        return audit.issues
    }
}

/// One audit's state: what the plan pays, summed per participant, stream and category.
struct Audit {
    let plan: Plan
    let scenario: Scenario
    let analyses: [String: ParticipantAnalysis]
    let streamIndex: [String: Int]
    let served: Set<String>
    var issues: [String] = []
    /// "id|category" → cents.
    var paid: [String: Int64] = [:]
    /// "id|stream|category" → cents.
    var perStream: [String: Int64] = [:]
    var byStream: [Int64]

    init(plan: Plan, scenario: Scenario) {
        self.plan = plan
        self.scenario = scenario
        analyses = Dictionary(uniqueKeysWithValues: scenario.analyze().map { ($0.person.id, $0) })
        streamIndex = Dictionary(uniqueKeysWithValues: scenario.streams.enumerated().map { ($1.id, $0) })
        served = Set(plan.served)
        byStream = [Int64](repeating: 0, count: scenario.streams.count)
    }

    /// Everyone is served or not served, once, and is in the roster.
    mutating func checkParticipantLists() {
        for id in plan.served where analyses[id] == nil {
            issues.append("served participant \(id) is not in the roster")
        }
        for id in served.intersection(plan.notServed.map(\.id)) {
            issues.append("participant \(id) is listed as served and not served")
        }
        for id in analyses.keys.sorted() where !served.contains(id) && !plan.notServed.contains(where: { $0.id == id })
        {
            issues.append("participant \(id) is neither served nor listed as not served")
        }
    }

    /// Each allocation line: a known participant and stream, a positive amount, a served
    /// participant, a stream that may pay that category for them.
    mutating func checkAllocations() {
        for line in plan.allocations {
            guard let a = analyses[line.owner] else {
                issues.append("allocation to unknown participant \(line.owner)")
                continue
            }
            guard let s = streamIndex[line.stream] else {
                issues.append("\(line.owner): stream \(line.stream) is not in the scenario")
                continue
            }
            if line.cents <= 0 {
                issues.append("\(line.owner): \(line.stream) pays a non-positive amount for \(line.category)")
            }
            if !served.contains(line.owner) {
                issues.append(
                    "\(line.owner) is not served but \(line.stream) pays \(formatMoney(line.cents)) for \(line.category)"
                )
            }
            if !scenario.mayPay(s, line.category, a.eligibility, a.eligible) {
                let bound = scenario.streams[s].programs.flatMap {
                    $0.contains(a.person.program) ? nil : "pays only for \($0.joined(separator: ", "))"
                }
                let why =
                    bound ?? a.eligibility[s]?.failed.map { "not eligible by rule \($0.id) (\($0.citation.text))" }
                    ?? "may not pay \(line.category)"
                issues.append("\(line.owner): \(line.stream) pays \(line.category) but \(why)")
            }
            paid["\(line.owner)|\(line.category)", default: 0] += line.cents
            perStream["\(line.owner)|\(line.stream)|\(line.category)", default: 0] += line.cents
            byStream[s] += line.cents
        }
    }

    /// Each served participant's needs are covered exactly, within every share and cap.
    mutating func checkServed() {
        for id in plan.served {
            guard let a = analyses[id] else { continue }
            for category in CostCategory.participant {
                let need = a.person.need(category)
                let got = paid["\(id)|\(category)"] ?? 0
                if got != need {
                    issues.append("\(id): \(category) need \(formatMoney(need)) is paid \(formatMoney(got))")
                }
            }
            for (s, stream) in scenario.streams.enumerated() {
                if let d = a.eligibility[s] {
                    for allowance in d.categories where allowance.share != nil {
                        let amount = perStream["\(id)|\(stream.id)|\(allowance.category)"] ?? 0
                        let limit = centsFloor(allowance.share! * Double(a.person.need(allowance.category)) / 100)
                        if amount > limit {
                            issues.append(
                                "\(id): \(stream.id) pays \(formatMoney(amount)) of \(allowance.category), above its share limit \(formatMoney(limit)) (\(allowance.line.citation.text))"
                            )
                        }
                    }
                    for cap in d.caps {
                        let amount = cap.rule.categories.reduce(Int64(0)) {
                            $0 + (perStream["\(id)|\(stream.id)|\($1)"] ?? 0)
                        }
                        if amount > cap.cents {
                            issues.append(
                                "\(id): \(stream.id) pays \(formatMoney(amount)) under cap \(cap.rule.id) of \(formatMoney(cap.cents)) (\(cap.rule.citation.text))"
                            )
                        }
                    }
                    checkOrdering(id, a, stream, d)
                } else if let cap = stream.perParticipantCap {
                    let amount = CostCategory.participant.reduce(Int64(0)) {
                        $0 + (perStream["\(id)|\(stream.id)|\($1)"] ?? 0)
                    }
                    if amount > cap {
                        issues.append(
                            "\(id): \(stream.id) pays \(formatMoney(amount)), above its per-participant cap \(formatMoney(cap))"
                        )
                    }
                }
            }
        }
    }

    /// Ordering: an entitlement named by a rule must pay all it can before the stream that pays
    /// the rule's categories.
    mutating func checkOrdering(
        _ id: String, _ a: ParticipantAnalysis, _ stream: ScenarioStream, _ d: StreamEligibility
    ) {
        for rule in d.stream.ordering where d.eligible {
            let later = rule.categories.reduce(Int64(0)) { $0 + (perStream["\(id)|\(stream.id)|\($1)"] ?? 0) }
            guard later > 0 else { continue }
            for other in rule.after {
                guard let e = streamIndex[other], scenario.streams[e].policy?.entitlement == true else { continue }
                let possible = a.payers.filter { $0.streams.contains(e) }
                guard !possible.isEmpty, let ed = a.eligibility[e] else { continue }
                var most = possible.reduce(Int64(0)) { total, p in
                    let share = ed.categories.first { $0.category == p.category }?.share
                    return total + (share.map { centsFloor($0 * Double(p.need) / 100) } ?? p.need)
                }
                for cap in ed.caps {
                    let outside = possible.filter { !cap.rule.categories.contains($0.category) }.reduce(Int64(0)) {
                        $0 + $1.need
                    }
                    most = min(most, cap.cents + outside)
                }
                let got = CostCategory.participant.reduce(Int64(0)) { $0 + (perStream["\(id)|\(other)|\($1)"] ?? 0) }
                if got < most {
                    issues.append(
                        "\(id): \(stream.id) pays \(rule.categories.map(\.rawValue).joined(separator: "/")) while \(other) pays \(formatMoney(got)) of the \(formatMoney(most)) it could (rule \(rule.id), \(rule.citation.text))"
                    )
                }
            }
        }
    }

    /// Programs: known, paid by streams that may, at least their minimum enrollment when they
    /// run, their costs paid exactly when they run and not at all otherwise.
    mutating func checkPrograms() {
        var programPaid: [String: Int64] = [:]
        for line in plan.programAllocations {
            guard let program = scenario.program(line.owner) else {
                issues.append("program allocation to unknown program \(line.owner)")
                continue
            }
            guard let s = streamIndex[line.stream] else {
                issues.append("program \(line.owner): stream \(line.stream) is not in the scenario")
                continue
            }
            if !scenario.programPayers(program, line.category).contains(s) {
                let why =
                    scenario.streams[s].pays(program: program.info.id)
                    ? "may not pay \(line.category)"
                    : "pays only for \(scenario.streams[s].programs!.joined(separator: ", "))"
                issues.append("program \(line.owner): \(line.stream) \(why)")
            }
            programPaid["\(line.owner)|\(line.category)", default: 0] += line.cents
            byStream[s] += line.cents
        }
        for program in scenario.programs {
            let members = plan.served.filter { analyses[$0]?.person.program == program.info.id }.count
            let running = members > 0 || program.costs.contains { (programPaid["\(program.info.id)|\($0.0)"] ?? 0) > 0 }
            if running && members < program.minEnrollment {
                issues.append(
                    "program \(program.info.id) serves \(members), below its minimum enrollment of \(program.minEnrollment)"
                )
            }
            for (category, cost) in program.costs {
                let got = programPaid["\(program.info.id)|\(category)"] ?? 0
                if running && got != cost {
                    issues.append(
                        "program \(program.info.id): \(category) cost \(formatMoney(cost)) is paid \(formatMoney(got))")
                }
                if !running && got != 0 {
                    issues.append("program \(program.info.id) does not run but \(category) is paid \(formatMoney(got))")
                }
            }
        }
    }

    /// Budgets, stream caps and matching.
    mutating func checkStreams() {
        let context = EvaluationContext.withoutParticipant(environment: scenario.environment)
        for (s, stream) in scenario.streams.enumerated() {
            let indirect = indirectCharge(s)
            if let limit = stream.limit, byStream[s] + indirect > limit {
                issues.append(
                    "\(stream.id) spends \(formatMoney(byStream[s]))"
                        + (indirect > 0 ? " and \(formatMoney(indirect)) of indirect costs" : "")
                        + ", above its budget \(formatMoney(limit))")
            }
            for cap in stream.policy?.streamCaps ?? [] {
                guard let members = scenario.capMembers(s, cap) else { continue }
                let ids = Set(members.map { scenario.streams[$0].id })
                let budgets = members.reduce(Int64(0)) {
                    $0 + (scenario.streams[$1].budget ?? scenario.streams[$1].limit ?? 0)
                }
                let limit = centsFloor((cap.share.evaluate(context).number ?? 0) * Double(budgets) / 100)
                let direct = (plan.allocations + plan.programAllocations + plan.sharedAllocations).filter {
                    ids.contains($0.stream) && cap.categories.contains($0.category)
                }.reduce(Int64(0)) { $0 + $1.cents }
                // (TANF's cap counts every indirect cost as administrative, 45 CFR 263.0(b)(2).)
                let spent = direct + (cap.includesIndirect ? members.reduce(Int64(0)) { $0 + indirectCharge($1) } : 0)
                if spent > limit {
                    issues.append(
                        "\(ids.sorted().joined(separator: " + ")) spend\(ids.count == 1 ? "s" : "") \(formatMoney(spent)) on \(cap.categories.map(\.rawValue).joined(separator: "/")), above \(cap.id) \(formatMoney(limit))"
                    )
                }
            }
            if let matching = stream.policy?.matching {
                let rate = matching.rate.evaluate(context).number ?? 0
                let base = matchBase(s).cents
                if Double(byStream[s]) > rate * Double(base) + 1e-6 {
                    issues.append(
                        "\(stream.id) spends \(formatMoney(byStream[s])), above \(NumberText.fixed(rate * 100, 0))% of the eligible non-federal spending \(formatMoney(base)) it matches (\(matching.citation.text))"
                    )
                }
            }
        }
    }
}
