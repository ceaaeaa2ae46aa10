import BraidPolicy
import BraidScenario

/// The audit of what makes a plan adoptable: seats, targets, and priority of service (the
/// guarantee in docs/DESIGN.md, "Priority of service", re-derived from the roster).
extension Audit {
    /// No program serves more than its seats.
    mutating func checkSeats() {
        for program in scenario.programs {
            guard let seats = program.seats else { continue }
            let members = plan.served.filter { analyses[$0]?.person.program == program.info.id }.count
            if members > seats {
                issues.append("program \(program.info.id) serves \(members), above its \(seats) seats")
            }
        }
    }

    /// Every target met; every priority order kept (and a state alternative's share met).
    mutating func checkGoals() {
        let ordered = scenario.analyze()
        let servedFlags = ordered.map { served.contains($0.person.id) }
        let priorities = scenario.priorities(ordered)
        let review = scenario.review(
            ordered, served: servedFlags, allocations: plan.allocations, programAllocations: plan.programAllocations,
            priorities: priorities)
        for target in review.targets where !target.met {
            issues.append(
                "target '\(target.label)' is not met: \(target.requirement), achieved \(NumberText.fixed(target.achieved, 4)) (\(target.served) of \(target.group) in the group served)"
            )
        }
        for result in review.priority {
            if let required = result.requiredShare, let achieved = result.achievedShare, achieved < required - 1e-9 {
                issues.append(
                    "\(result.stream): \(NumberText.percent(achieved)) of the participants it pays for are in a priority group, below the state's share \(NumberText.percent(required))"
                )
            }
        }
        for sp in priorities { checkOrder(sp, ordered, servedFlags) }
    }

    /// The guarantee (``StreamPriority``): while a participant of a higher tier whom the stream
    /// could serve is not served, the stream's money to the tiers below, with what it leaves
    /// unspent, stays under the least that could serve any of the higher tiers' participants.
    private mutating func checkOrder(_ sp: StreamPriority, _ ordered: [ParticipantAnalysis], _ servedFlags: [Bool]) {
        let s = sp.order.stream
        let id = scenario.streams[s].id
        var paid = [Int64](repeating: 0, count: ordered.count)
        let index = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1.person.id, $0) })
        for line in plan.allocations where line.stream == id {
            if let i = index[line.owner] { paid[i] += line.cents }
        }
        let unspent = scenario.streams[s].limit.map { max(0, $0 - byStream[s]) }
        for tier in stride(from: sp.members.count, through: 2, by: -1) {
            guard let payee = sp.members[tier - 1].first(where: { paid[$0] > 0 }) else { continue }
            let waiting = sp.protected(above: tier).filter { !servedFlags[$0] }
            guard let first = waiting.first else { continue }
            let below = sp.members[(tier - 1)...].joined().reduce(Int64(0)) { $0 + paid[$1] }
            if let unspent, let cheapest = sp.cheapest(above: tier), below + unspent < cheapest { continue }
            let h = ordered[first].tiers[s]
            issues.append(
                "\(id) pays \(ordered[payee].person.id) (tier \(tier)) \(formatMoney(paid[payee])) while \(ordered[first].person.id) (tier \(h)), whom it could serve, is not served\(waiting.count > 1 ? " (and \(waiting.count - 1) more of higher tiers)" : ""), and its \(formatMoney(below)) to tier \(tier) and below with \(unspent.map(formatMoney) ?? "an unlimited amount") unspent could serve one of them — priority of service (\(sp.order.citation.text))"
            )
            return
        }
    }
}
