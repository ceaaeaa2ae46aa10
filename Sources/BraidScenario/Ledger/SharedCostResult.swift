import BraidPolicy

/// How a plan shares one shared cost among the streams (the auditable allocation table): each
/// stream's benefit in the basis, its share of the cost in cents, and what it pays.
public struct SharedCostResult: Sendable, Equatable {
    public struct StreamShare: Sendable, Equatable {
        public let stream: String
        /// Held to its share (federal or restricted money), or free to pay more.
        public let held: Bool
        /// Its benefit, in the basis's units (participants, hours, dollars).
        public let benefit: Double
        /// amount × benefit / basis total, in cents (largest remainders: the shares add up to the
        /// amount exactly).
        public let share: Int64
        public let paid: Int64
    }

    public let id: String
    public let category: CostCategory
    public let amount: Int64
    public let basis: SharedCost.Basis
    /// `partnership` or the program's id.
    public let scope: String
    /// Whether the cost is incurred (its program runs; always for the partnership).
    public let incurred: Bool
    /// The basis total of the plan, in the basis's units.
    public let basisTotal: Double
    /// Every stream that benefits or pays, in the scenario's order.
    public let streams: [StreamShare]
}

extension Scenario {
    /// Each shared cost's allocation in a plan with these lines (who is served is who has lines
    /// or is listed in `served`). A participant counts in the basis by their units (one, their
    /// program's hours, or their needs in dollars), split among the streams that pay for them in
    /// proportion to the dollars each pays; for the direct-cost basis, a running program's costs
    /// count for the streams that pay them. A participant with no costs counts for no stream
    /// and is not in the total.
    public func sharedCostResults(
        served: Set<String>, allocations: [Allocation], programAllocations: [Allocation],
        sharedAllocations: [Allocation]
    ) -> [SharedCostResult] {
        guard !sharedCosts.isEmpty else { return [] }
        let index = Dictionary(uniqueKeysWithValues: streams.enumerated().map { ($1.id, $0) })
        var paidFor: [String: [Int: Int64]] = [:]
        for line in allocations {
            if let s = index[line.stream] { paidFor[line.owner, default: [:]][s, default: 0] += line.cents }
        }
        var programPaid: [String: [Int: Int64]] = [:]
        for line in programAllocations {
            if let s = index[line.stream] { programPaid[line.owner, default: [:]][s, default: 0] += line.cents }
        }
        let running = Set(programAllocations.map(\.owner)).union(
            participants.filter { served.contains($0.id) }.map(\.program))
        return sharedCosts.map { cost in
            var benefit = [Double](repeating: 0, count: streams.count)
            var total = 0.0
            for person in participants where served.contains(person.id) {
                let units = basisUnits(cost, person)
                guard units > 0, person.totalNeed > 0, let paid = paidFor[person.id] else { continue }
                total += Double(units)
                for (s, cents) in paid { benefit[s] += Double(units) * Double(cents) / Double(person.totalNeed) }
            }
            for program in programs where running.contains(program.info.id) && basisUnits(cost, program) > 0 {
                for (s, cents) in programPaid[program.info.id] ?? [:] {
                    benefit[s] += Double(cents)
                    total += Double(cents)
                }
            }
            let incurred = cost.program.map { running.contains($0) } ?? true
            let shares =
                incurred && total > 0 ? Self.largestRemainders(cost.amount, benefit, total) : benefit.map { _ in 0 }
            var paid = [Int64](repeating: 0, count: streams.count)
            for line in sharedAllocations where line.owner == cost.id {
                if let s = index[line.stream] { paid[s] += line.cents }
            }
            let held = Set(sharedPayers(cost).filter(\.heldToShare).map(\.stream))
            // (Hours and direct costs are counted in hundredths: shown in hours and dollars.)
            let unit = cost.basis == .participants ? 1.0 : 100.0
            let rows = streams.indices.filter { benefit[$0] > 0 || paid[$0] > 0 }.map { s in
                SharedCostResult.StreamShare(
                    stream: streams[s].id, held: held.contains(s) || streams[s].kind == .federal,
                    benefit: benefit[s] / unit, share: shares[s], paid: paid[s])
            }
            return SharedCostResult(
                id: cost.id, category: cost.category, amount: cost.amount, basis: cost.basis,
                scope: cost.program ?? "partnership", incurred: incurred, basisTotal: total / unit, streams: rows)
        }
    }

    /// `amount` cents split in proportion to `weights` (summing to `total`): each share rounded
    /// down, then the cents left to the largest remainders (earlier streams first on ties).
    static func largestRemainders(_ amount: Int64, _ weights: [Double], _ total: Double) -> [Int64] {
        let exact = weights.map { Double(amount) * $0 / total }
        var shares = exact.map { Int64(($0 + 1e-7).rounded(.down)) }
        var left = amount - shares.reduce(0, +)
        let order = exact.indices.sorted { a, b in
            let (ra, rb) = (exact[a] - Double(shares[a]), exact[b] - Double(shares[b]))
            return abs(ra - rb) > 1e-9 ? ra > rb : a < b
        }
        for s in order where left > 0 && weights[s] > 0 {
            shares[s] += 1
            left -= 1
        }
        return shares
    }
}
