import BraidPolicy

/// What a plan achieves beyond who is served: its targets, each stream's priority order, its
/// expected outcomes and what they cost, and the served rate of each group a planner watches.
/// Computed from the plan's decisions alone, so the planner, `compare` and `verify` read the same
/// figures.
public struct PlanReview: Sendable, Equatable {
    public var targets: [TargetResult]
    public var priority: [PriorityResult]
    /// Nil unless every program gives its outcomes.
    public var outcomes: OutcomeSummary?
    public var groups: [GroupRate]
    /// The partnership ledger: who pays what, in-kind and leverage.
    public var ledger: PlanLedger
    /// The plan across program years (nil without money by year); the planner sets it with the
    /// plan's lines (``YearLedger``), `review(…)` leaves it nil.
    public var years: YearLedger? = nil
    /// Each shared cost's allocation among the streams.
    public var sharedCosts: [SharedCostResult] = []

    public init(
        targets: [TargetResult], priority: [PriorityResult], outcomes: OutcomeSummary?, groups: [GroupRate],
        ledger: PlanLedger = .empty
    ) {
        self.targets = targets
        self.priority = priority
        self.outcomes = outcomes
        self.groups = groups
        self.ledger = ledger
    }

    public static let empty = PlanReview(targets: [], priority: [], outcomes: nil, groups: [])
}

extension Scenario {
    /// The review of a plan given who is served (by roster index) and its allocation lines.
    public func review(
        _ analyses: [ParticipantAnalysis], served: [Bool], allocations: [Allocation], programAllocations: [Allocation],
        sharedAllocations: [Allocation] = [], priorities given: [StreamPriority]? = nil
    ) -> PlanReview {
        let paid = PaidAmounts(self, analyses, allocations)
        let priorities = given ?? priorities(analyses)
        var review = PlanReview(
            targets: targetResults(analyses, served: served, paid: paid),
            priority: priorityResults(analyses, priorities, served: served, paid: paid),
            outcomes: outcomeSummary(analyses, served: served, paid: paid, programAllocations: programAllocations),
            groups: groupRates(analyses, priorities, served: served),
            ledger: ledger(
                allocations: allocations, programAllocations: programAllocations, sharedAllocations: sharedAllocations))
        review.sharedCosts = sharedCostResults(
            served: Set(analyses.indices.filter { served[$0] }.map { analyses[$0].person.id }),
            allocations: allocations,
            programAllocations: programAllocations, sharedAllocations: sharedAllocations)
        return review
    }

    func targetResults(_ analyses: [ParticipantAnalysis], served: [Bool], paid: PaidAmounts) -> [TargetResult] {
        let total = served.filter { $0 }.count
        return targets.enumerated().map { t, target in
            let group = analyses.indices.filter { analyses[$0].groups[t] }
            let groupServed = group.filter { served[$0] }.count
            var achieved = 0.0
            var required = 0.0
            var met = true
            var countsNoOne: String? = nil
            switch target.requirement {
            case .atLeast(let n):
                achieved = Double(groupServed)
                required = Double(n)
                met = groupServed >= n
            case .shareAtLeast(let share, let of):
                required = share
                if let id = of, let s = streams.firstIndex(where: { $0.id == id }) {
                    let people = analyses.indices.filter { paid.cents[$0][s] > 0 }
                    let inGroup = people.filter { analyses[$0].groups[t] }.count
                    achieved = people.isEmpty ? 0 : Double(inGroup) / Double(people.count)
                    met = Double(inGroup) >= share * Double(people.count) - 1e-9
                    if people.isEmpty { countsNoOne = "\(id) pays for no one" }
                } else {
                    achieved = total == 0 ? 0 : Double(groupServed) / Double(total)
                    met = Double(groupServed) >= share * Double(total) - 1e-9
                    if total == 0 { countsNoOne = "no one is served" }
                }
            case .rateAtLeast(let multiple):
                required = multiple
                let overall = Double(total) / Double(max(1, analyses.count))
                let rate = group.isEmpty ? 0 : Double(groupServed) / Double(group.count)
                achieved = overall == 0 ? 0 : rate / overall
                met =
                    group.isEmpty
                    || Double(groupServed) * Double(analyses.count) >= multiple * Double(group.count)
                        * Double(total) - 1e-9
                if group.isEmpty {
                    countsNoOne = "no applicant is in the group"
                } else if total == 0 {
                    countsNoOne = "no one is served"
                }
            }
            return TargetResult(
                label: target.label, requirement: target.requirementText, group: group.count, served: groupServed,
                achieved: achieved, required: required, met: met, countsNoOne: countsNoOne, price: nil)
        }
    }

    func priorityResults(
        _ analyses: [ParticipantAnalysis], _ priorities: [StreamPriority], served: [Bool], paid: PaidAmounts
    ) -> [PriorityResult] {
        priorities.map { sp in
            let s = sp.order.stream
            let tiers = sp.members.enumerated().compactMap { k, members -> TierResult? in
                guard k < sp.order.tiers.count || !members.isEmpty else { return nil }
                let tier = k < sp.order.tiers.count ? sp.order.tiers[k] : nil
                let payees = members.filter { paid.cents[$0][s] > 0 }
                return TierResult(
                    tier: k + 1, id: tier?.id ?? "none", text: tier?.text ?? "in no tier",
                    applicants: members.count, servable: members.filter { sp.servable[$0] }.count,
                    served: members.filter { served[$0] }.count, paid: payees.count,
                    cents: payees.reduce(Int64(0)) { $0 + paid.cents[$1][s] })
            }
            var achieved: Double? = nil
            if sp.order.share != nil {
                let payees = analyses.indices.filter { paid.cents[$0][s] > 0 }
                achieved =
                    payees.isEmpty
                    ? 0 : Double(payees.filter { analyses[$0].shareGroup[s] }.count) / Double(payees.count)
            }
            return PriorityResult(
                stream: streams[s].id, mode: sp.order.share == nil ? "order" : "share",
                citation: sp.order.citation.text,
                tiers: tiers, requiredShare: sp.order.share, achievedShare: achieved, price: nil)
        }
    }

    func outcomeSummary(
        _ analyses: [ParticipantAnalysis], served: [Bool], paid: PaidAmounts, programAllocations: [Allocation]
    ) -> OutcomeSummary? {
        guard !programs.isEmpty, programs.allSatisfy({ $0.outcomes != nil }) else { return nil }
        let outcomes = analyses.map { program($0.person.program)?.outcomes }
        var programCents = [Int64](repeating: 0, count: streams.count)
        for line in programAllocations {
            if let s = streams.firstIndex(where: { $0.id == line.stream }) { programCents[s] += line.cents }
        }
        func line(_ id: String, _ share: (Int) -> Double, people: Int, cents: Int64) -> OutcomeSummary.Line {
            var completions = 0.0, placements = 0.0, earnings = 0.0
            for i in analyses.indices where served[i] {
                guard let o = outcomes[i] else { continue }
                let w = share(i)
                completions += w * o.completions
                placements += w * o.placements
                earnings += w * o.earnings
            }
            return .init(
                id: id, participants: people, cents: cents, completions: completions, placements: placements,
                earnings: earnings)
        }
        let overall = line(
            "all", { _ in 1 }, people: served.filter { $0 }.count,
            cents: paid.total.reduce(0, +) + programCents.reduce(0, +))
        let byStream = streams.indices.map { s in
            line(
                streams[s].id,
                { i in paid.total[i] == 0 ? 0 : Double(paid.cents[i][s]) / Double(paid.total[i]) },
                people: analyses.indices.filter { paid.cents[$0][s] > 0 }.count,
                cents: analyses.indices.reduce(Int64(0)) { $0 + paid.cents[$1][s] } + programCents[s])
        }
        return OutcomeSummary(overall: overall, byStream: byStream)
    }

    /// Served rates: everyone, each priority tier, veterans, each weight label, each target's
    /// group, applicants who need child care, and work-based learning (an OJT wage need).
    func groupRates(_ analyses: [ParticipantAnalysis], _ priorities: [StreamPriority], served: [Bool]) -> [GroupRate] {
        func rate(_ kind: String, _ label: String, _ members: [Int]) -> GroupRate {
            GroupRate(kind: kind, label: label, applicants: members.count, served: members.filter { served[$0] }.count)
        }
        let all = Array(analyses.indices)
        var rates = [rate("all", "all applicants", all)]
        for sp in priorities {
            for (k, members) in sp.members.enumerated() where k < sp.order.tiers.count || !members.isEmpty {
                let id = k < sp.order.tiers.count ? sp.order.tiers[k].id : "none"
                rates.append(rate("tier", "\(streams[sp.order.stream].id) tier \(k + 1) (\(id))", members))
            }
        }
        rates.append(rate("veterans", "veterans", all.filter { analyses[$0].person["veteran"].bool == true }))
        // The scenario's own groups (weights, targets); a built-in group with the same members as
        // one of them is not listed twice.
        var named: Set<[Int]> = []
        let labels = weights.map(\.label).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        for label in labels {
            let members = all.filter { analyses[$0].weightLabel == label }
            named.insert(members)
            rates.append(rate("weight", label, members))
        }
        for (t, target) in targets.enumerated() {
            let members = all.filter { analyses[$0].groups[t] }
            named.insert(members)
            rates.append(rate("target", target.label, members))
        }
        let childCare = all.filter { analyses[$0].person.need(.child_care) > 0 }
        if !named.contains(childCare) { rates.append(rate("child care", "need child care", childCare)) }
        let workBased = all.filter { analyses[$0].person.need(.ojt_wages) > 0 }
        if !named.contains(workBased) {
            rates.append(rate("work-based learning", "work-based learning (OJT)", workBased))
        }
        return rates
    }
}

/// A plan's participant allocations, per participant and stream, in cents.
struct PaidAmounts {
    /// [participant][stream] → cents.
    var cents: [[Int64]]
    /// Per participant: everything paid for them.
    var total: [Int64]

    init(_ scenario: Scenario, _ analyses: [ParticipantAnalysis], _ allocations: [Allocation]) {
        var index: [String: Int] = [:]
        for (i, a) in analyses.enumerated() { index[a.person.id] = i }
        let streamIndex = Dictionary(uniqueKeysWithValues: scenario.streams.enumerated().map { ($1.id, $0) })
        cents = Array(repeating: Array(repeating: 0, count: scenario.streams.count), count: analyses.count)
        total = Array(repeating: 0, count: analyses.count)
        for line in allocations {
            guard let i = index[line.owner], let s = streamIndex[line.stream] else { continue }
            cents[i][s] += line.cents
            total[i] += line.cents
        }
    }
}
