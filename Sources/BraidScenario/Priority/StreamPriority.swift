import BraidPolicy
import BraidSolver

/// Whom a stream's priority of service protects in a roster, as the planner enforces it and the
/// auditor checks it (docs/DESIGN.md, "Priority of service"):
///
/// **While a participant of a higher tier whom the stream could serve is not served, the
/// stream's money to the tiers below, with what it leaves unspent, stays under the least of its
/// money that could serve any participant of the higher tiers** (``cheapest(above:)``).
/// "Could serve" (``servable``) means: the stream may pay for them (eligible, and it pays one of
/// their needs), nothing blocks them, their program can run (enough members who can be served, a
/// seat), and their needs can be paid within every share, cap and budget of the scenario's
/// streams — taken alone, as if they were the only applicant. Under a state alternative the order
/// is the alternative's, and the share rule applies on top.
public struct StreamPriority: Sendable {
    public let order: PriorityOrder
    /// Per participant: whether the stream could serve them (see above).
    public let servable: [Bool]
    /// Per tier (index 0 = tier 1, through tier `tiers.count + 1`): the participants in it.
    public let members: [[Int]]
    /// Per participant the stream could serve: the least of the stream's money that serves them
    /// when every other stream pays what its rules allow for them (a min-cost flow); 0 for the
    /// rest. Money that reaches it could have served them.
    public let leastPay: [Int64]

    /// The participants of tiers above `tier` whom the stream could serve.
    public func protected(above tier: Int) -> [Int] {
        (0..<max(0, tier - 1)).flatMap { members[$0] }.filter { servable[$0] }
    }

    /// The least of the stream's money that could serve any participant of the tiers above
    /// `tier` (nil when it protects no one there). While one of them waits, the stream's money
    /// to `tier` and below, with what it leaves unspent, must stay under it.
    public func cheapest(above tier: Int) -> Int64? {
        protected(above: tier).map { leastPay[$0] }.min()
    }
}

extension Scenario {
    /// Each stream's priority of service over the roster (streams without one are left out).
    public func priorities(_ analyses: [ParticipantAnalysis]) -> [StreamPriority] {
        let orders = priorityOrders
        guard !orders.isEmpty else { return [] }
        let runnable = runnablePrograms(analyses)
        // Per participant and order: whether the stream could serve them and the least of its
        // money that does (one network a participant for every order, in halves on both cores:
        // the four-year Indiana's 4,200 flows were 40 ms of every edit).
        let decided = inHalves(analyses, from: Parallel.flowsFrom) { a -> [(servable: Bool, leastPay: Int64)] in
            // (The last tier protects nobody: its members' servability is never asked.)
            let asked = orders.map { order in
                let s = order.stream
                return a.tiers[s] > 0 && (a.tiers[s] <= order.tiers.count || order.tiers.count == 1)
                    && a.blocker == nil && runnable.contains(a.person.program)
                    && a.payers.contains(where: { $0.streams.contains(s) })
            }
            guard asked.contains(true) else { return orders.map { _ in (false, 0) } }
            // One network decides both: whether the needs can be paid, and the least from each stream.
            var flows = FundingFlow(self, a)
            return orders.indices.map { k in
                guard asked[k], let pays = flows.leastPay(from: orders[k].stream) else { return (false, 0) }
                return (true, pays)
            }
        }
        return orders.indices.map { k in
            let s = orders[k].stream
            var members = [[Int]](repeating: [], count: orders[k].tiers.count + 1)
            for (i, a) in analyses.enumerated() where a.tiers[s] > 0 { members[a.tiers[s] - 1].append(i) }
            return StreamPriority(
                order: orders[k], servable: decided.map { $0[k].servable }, members: members,
                leastPay: decided.map { $0[k].leastPay })
        }
    }

    /// Programs that can run: a seat, and at least their minimum enrollment of members whom
    /// nothing blocks.
    func runnablePrograms(_ analyses: [ParticipantAnalysis]) -> Set<String> {
        var open: [String: Int] = [:]
        for a in analyses where a.blocker == nil { open[a.person.program, default: 0] += 1 }
        return Set(
            programs.filter { p in p.seats != 0 && open[p.info.id, default: 0] >= max(1, p.minEnrollment) }.map(
                \.info.id))
    }
}

extension Scenario {
    /// Whether a set of participants could possibly all be served at once: false when their
    /// programs' seats or the streams' limits cannot hold them even with every participant's
    /// amounts pooled (a relaxation: true does not promise a plan, false proves there is none).
    public func canServeAll(_ group: [Int], _ analyses: [ParticipantAnalysis]) -> Bool {
        var perProgram: [String: Int] = [:]
        for i in group { perProgram[analyses[i].person.program, default: 0] += 1 }
        for program in programs {
            if let seats = program.seats, perProgram[program.info.id, default: 0] > seats { return false }
        }
        // Needs pooled by category, each stream's uppers pooled by category.
        var need: [CostCategory: Int64] = [:]
        var upper: [CostCategory: [Int: Int64]] = [:]
        for i in group {
            let a = analyses[i]
            guard a.blocker == nil else { return false }
            for (category, _, amount, payers) in a.payers {
                need[category, default: 0] += amount
                for s in payers { upper[category, default: [:]][s, default: 0] += a.upper(s, category, need: amount) }
            }
        }
        var net = MinCostFlow()
        let source = net.addNode(), sink = net.addNode()
        let streamNode = streams.map { stream -> Int in
            let n = net.addNode()
            net.addArc(n, sink, capacity: stream.limit ?? (Int64(1) << 60), cost: 0)
            return n
        }
        var total: Int64 = 0
        for category in CostCategory.participant {
            guard let amount = need[category] else { continue }
            total += amount
            let c = net.addNode()
            net.addArc(source, c, capacity: amount, cost: 0)
            for (s, most) in (upper[category] ?? [:]).sorted(by: { $0.key < $1.key }) {
                net.addArc(c, streamNode[s], capacity: most, cost: 0)
            }
        }
        return net.maxFlow(source, sink, amount: total) == total
    }
}
