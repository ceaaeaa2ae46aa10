import BraidPolicy
import BraidScenario

/// Ordering rules that name a budgeted stream (WIOA supportive services only after SNAP E&T and
/// TANF, 20 CFR 680.910): where the later stream pays a rule's category for someone, each earlier
/// stream that may pay it must have paid all it could — its share and caps for that person, or
/// its budget, match or stream cap used up. (Entitlements named by a rule are checked with each
/// line, in ``Audit/checkOrdering(_:_:_:_:)``.) A dollar of slack allows for rounding to cents.
extension Audit {
    mutating func checkBudgetedOrdering() {
        let context = EvaluationContext.withoutParticipant(environment: scenario.environment)
        let globalRoom = scenario.streams.indices.map { roomLeft($0, context) }
        for id in plan.served.sorted() {
            guard let a = analyses[id] else { continue }
            for (s, stream) in scenario.streams.enumerated() {
                guard let d = a.eligibility[s], d.eligible else { continue }
                for rule in d.stream.ordering {
                    for category in rule.categories {
                        let later = perStream["\(id)|\(stream.id)|\(category)"] ?? 0
                        guard later >= 100 else { continue }
                        for other in rule.after {
                            guard let e = streamIndex[other], scenario.streams[e].policy?.entitlement != true,
                                let need = a.payers.first(where: { $0.category == category && $0.streams.contains(e) })
                            else { continue }
                            let room = min(personalRoom(a, e, category, need: need.need, later: later), globalRoom[e])
                            guard room >= 100 else { continue }
                            issues.append(
                                "\(id): \(stream.id) pays \(category) \(formatMoney(later)) while \(other), which pays first, could still pay \(formatMoney(room)) of it (rule \(rule.id), \(rule.citation.text))"
                            )
                        }
                    }
                }
            }
        }
    }

    /// What stream `e` could still take over of a participant's need in a category from the
    /// later stream (which pays `later` of it): its share and single-category caps less what it
    /// pays, within every cap of it over several categories.
    private func personalRoom(
        _ a: ParticipantAnalysis, _ e: Int, _ category: CostCategory, need: Int64, later: Int64
    ) -> Int64 {
        let id = a.person.id, stream = scenario.streams[e].id
        func paid(_ c: CostCategory) -> Int64 { perStream["\(id)|\(stream)|\(c)"] ?? 0 }
        var room = min(a.upper(e, category, need: need) - paid(category), later)
        for cap in a.eligibility[e]?.caps ?? []
        where cap.rule.categories.count > 1 && cap.rule.categories.contains(category) {
            room = min(room, cap.cents - cap.rule.categories.reduce(Int64(0)) { $0 + paid($1) })
        }
        return max(0, room)
    }

    /// What a stream could still spend in all: its budget, its match and its stream caps.
    private func roomLeft(_ s: Int, _ context: EvaluationContext) -> Int64 {
        let stream = scenario.streams[s]
        var room = stream.limit.map { $0 - byStream[s] } ?? Int64.max / 4
        if let matching = stream.policy?.matching {
            let rate = matching.rate.evaluate(context).number ?? 0
            let (base, needs) = matchBase(s)
            // The room a plan leaves under its match so that rounding to cents cannot break it:
            // up to 16 cents per matched need (docs/DESIGN.md, "Phase 2, rounding and marginal values").
            let allowance = Int64((16 * rate * Double(needs + 1)).rounded(.up))
            room = min(room, Int64((rate * Double(base)).rounded(.down)) - byStream[s] - allowance)
        }
        return max(0, room)
    }

    /// What matching stream `s` matches: the eligible non-federal spending it reimburses (lines
    /// of its participants in categories it may pay), and how many needs those lines pay.
    func matchBase(_ s: Int) -> (cents: Int64, needs: Int) {
        let stream = scenario.streams[s]
        var cents: Int64 = 0
        var needs = Set<String>()
        for line in plan.allocations where stream.reimburses.contains(line.stream) {
            guard let a = analyses[line.owner], let d = a.eligibility[s], d.allows(line.category) else { continue }
            cents += line.cents
            needs.insert("\(line.owner)|\(line.category)")
        }
        return (cents, needs.count)
    }
}
