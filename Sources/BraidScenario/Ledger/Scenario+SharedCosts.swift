import BraidPolicy

/// Who may pay a shared cost, and how each participant counts in its basis.
extension Scenario {
    /// A stream that may pay a shared cost: held to its share of the benefit (federal money, or
    /// money restricted to some participants or programs: 2 CFR 200.405(c) lets no federal award
    /// pay another's share), or free to pay any part of it (a partner's unrestricted non-federal
    /// money).
    public struct SharedPayer: Sendable, Equatable {
        public let stream: Int
        public let heldToShare: Bool
    }

    /// The streams that may pay `cost`'s category in its scope (a policy stream: its cost line
    /// and the rules that concern the program; a scenario's own stream: its `allowable`).
    public func sharedPayers(_ cost: SharedCost) -> [SharedPayer] {
        let scope = programs.filter { cost.covers(program: $0.info.id) }
        return streams.indices.compactMap { s in
            let stream = streams[s]
            if stream.policy != nil {
                guard scope.contains(where: { programPayers($0, cost.category).contains(s) }) else { return nil }
                return SharedPayer(stream: s, heldToShare: true)
            }
            guard stream.allowable.contains(cost.category) else { return nil }
            let programsPaid = scope.filter { stream.pays(program: $0.info.id) }
            guard !programsPaid.isEmpty else { return nil }
            let restricted =
                stream.kind == .federal || stream.condition != nil || programsPaid.count < scope.count
            return SharedPayer(stream: s, heldToShare: restricted)
        }
    }

    /// What one served participant adds to `cost`'s basis, in whole units: 1 (participants),
    /// hundredths of their program's clock hours (hours), or the cents of their needs (direct
    /// costs); 0 outside its scope.
    public func basisUnits(_ cost: SharedCost, _ person: Person) -> Int64 {
        guard cost.covers(program: person.program), let program = program(person.program) else { return 0 }
        switch cost.basis {
        case .participants: return 1
        case .hours: return Int64((program.info.clockHours * 100).rounded())
        case .direct_costs: return person.totalNeed
        }
    }

    /// What a running program adds to `cost`'s basis: its program costs, in cents, for the
    /// direct-cost basis; 0 otherwise.
    public func basisUnits(_ cost: SharedCost, _ program: ScenarioProgram) -> Int64 {
        guard cost.basis == .direct_costs, cost.covers(program: program.info.id) else { return 0 }
        return program.costs.reduce(0) { $0 + $1.1 }
    }
}
