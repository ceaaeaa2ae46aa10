import BraidPolicy

/// What one participant may receive from each stream, before any optimisation.
public struct ParticipantAnalysis: Sendable {
    public let person: Person
    public let weight: Double
    public let weightLabel: String?
    /// Per scenario stream (same order): the policy decision, or nil for a scenario's own stream.
    public let eligibility: [StreamEligibility?]
    /// Per scenario stream: whether it may pay this participant at all.
    public let eligible: [Bool]
    /// Needed categories (need > 0) with the streams (indices) that may pay each.
    public let payers: [(category: CostCategory, need: Int64, streams: [Int])]
    /// Why this participant cannot be served whatever the budgets, if so.
    public let blocker: String?
}

extension Scenario {
    /// Evaluates eligibility of every participant for every stream of the scenario.
    public func analyze() -> [ParticipantAnalysis] {
        let engine = EligibilityEngine(policies: policies, environment: environment)
        let shared = streams.map { $0.policy.map(SharedStream.init) }
        // Each participant alone: in two halves on both cores at scale.
        return inHalves(participants, from: Parallel.halvesFrom) { analyze($0, engine: engine, shared: shared) }
    }

    /// - Parameter shared: per scenario stream, its policy held once for every decision (nil for a
    ///   scenario's own stream).
    func analyze(_ person: Person, engine: EligibilityEngine, shared: [SharedStream?]) -> ParticipantAnalysis {
        let (weight, label) = weight(of: person)
        guard let program = program(person.program) else {
            return ParticipantAnalysis(
                person: person, weight: weight, weightLabel: label, eligibility: [], eligible: [], payers: [],
                blocker: "unknown program \(person.program)")
        }
        let context = EvaluationContext(person: person, program: program.info, environment: environment)
        var decisions: [StreamEligibility?] = []
        var eligible: [Bool] = []
        for (s, stream) in streams.enumerated() {
            if let policy = shared[s] {
                let decision = engine.evaluate(policy, context)
                decisions.append(decision)
                eligible.append(decision.eligible)
            } else {
                decisions.append(nil)
                eligible.append(stream.condition.map { $0.evaluate(context).bool == true } ?? true)
            }
        }
        var payers: [(CostCategory, Int64, [Int])] = []
        var blockers: [String] = []
        for category in CostCategory.participant {
            let need = person.need(category)
            guard need > 0 else { continue }
            let who = streams.indices.filter { mayPay($0, category, decisions, eligible) }
            payers.append((category, need, who))
            if who.isEmpty {
                blockers.append(
                    "no eligible stream may pay \(category) (\(formatMoney(need))): "
                        + whyNot(category, decisions, eligible))
                continue
            }
            // Shares and single-category caps can leave part of a need that nobody may pay.
            var most: Int64 = 0
            var limits: [String] = []
            for s in who {
                var upper = need
                if let d = decisions[s] {
                    if let share = d.categories.first(where: { $0.category == category })?.share {
                        upper = min(upper, centsFloor(share * Double(need) / 100))
                        if share < 1 {
                            limits.append(
                                "\(streams[s].id) pays at most \(NumberText.fixed(share * 100, 0))% (\(d.stream.costLine(category)!.citation.text))"
                            )
                        }
                    }
                    for cap in d.caps where cap.rule.categories == [category] && cap.cents < upper {
                        upper = cap.cents
                        limits.append("\(streams[s].id) cap \(cap.rule.id) \(formatMoney(cap.cents))")
                    }
                }
                most += upper
            }
            if most < need {
                blockers.append(
                    "the streams that may pay \(category) cover at most \(formatMoney(most)) of \(formatMoney(need)): "
                        + limits.joined(separator: "; "))
            }
        }
        return ParticipantAnalysis(
            person: person, weight: weight, weightLabel: label, eligibility: decisions, eligible: eligible,
            payers: payers,
            blocker: blockers.isEmpty ? nil : blockers.joined(separator: "; "))
    }

    public func mayPay(_ s: Int, _ category: CostCategory, _ decisions: [StreamEligibility?], _ eligible: [Bool])
        -> Bool
    {
        guard eligible[s] else { return false }
        if let decision = decisions[s] {
            guard decision.allows(category) else { return false }
            let share = decision.categories.first { $0.category == category }?.share ?? 1
            return share > 0
        }
        return streams[s].allowable.contains(category)
    }

    func whyNot(_ category: CostCategory, _ decisions: [StreamEligibility?], _ eligible: [Bool]) -> String {
        streams.indices.map { s -> String in
            let id = streams[s].id
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
    public func programPayers(_ program: ScenarioProgram, _ category: CostCategory) -> [Int] {
        let context = EvaluationContext.withoutParticipant(program: program.info, environment: environment)
        return streams.indices.filter { s in
            let stream = streams[s]
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
