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
        return orders.map { order in
            let s = order.stream
            var members = [[Int]](repeating: [], count: order.tiers.count + 1)
            var servable = [Bool](repeating: false, count: analyses.count)
            var leastPay = [Int64](repeating: 0, count: analyses.count)
            for (i, a) in analyses.enumerated() where a.tiers[s] > 0 {
                members[a.tiers[s] - 1].append(i)
                // (The last tier protects nobody: its members' servability is never asked.)
                guard a.tiers[s] < members.count || order.tiers.count == 1 else { continue }
                guard a.blocker == nil, runnable.contains(a.person.program),
                    a.payers.contains(where: { $0.streams.contains(s) })
                else { continue }
                // One flow decides both: whether the needs can be paid, and the least of it from s.
                let flow = fundingFlow(a, costly: s)
                servable[i] = flow.paysAll
                leastPay[i] = flow.streamPays ?? 0
            }
            return StreamPriority(order: order, servable: servable, members: members, leastPay: leastPay)
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

    /// Whether a participant's needs can be paid alone (`paysAll`), and the least of stream
    /// `costly`'s money that pays them (`streamPays`, nil when not all is paid): a flow from each
    /// need through the streams that may pay it (within shares and single-category caps, then
    /// multi-category caps) to the streams' limits, where each dollar of `costly` costs 1 and the
    /// others nothing, so the flow pays as little of it as the rest allow.
    func fundingFlow(_ a: ParticipantAnalysis, costly: Int) -> (paysAll: Bool, streamPays: Int64?) {
        var net = MinCostFlow()
        let source = net.addNode(), sink = net.addNode()
        var streamNode: [Int: Int] = [:]
        var sinkArc: [Int: Int] = [:]
        var capNode: [String: Int] = [:]
        // (With money by year, a stream's money in a segment is what its allotments available
        // then hold: the stream's node feeds one node per allotment, each with its amount, and a
        // need reaches the stream through a node of its segment that reaches only the allotments
        // covering it. Caps over several categories stay one node a stream, across segments.)
        var segmentNode: [String: Int] = [:]
        var allotmentNode: [String: Int] = [:]
        var total: Int64 = 0
        for (category, segment, need, payers) in a.payers {
            total += need
            let c = net.addNode()
            net.addArc(source, c, capacity: need, cost: 0)
            for s in payers {
                let node =
                    streamNode[s]
                    ?? {
                        let n = net.addNode()
                        sinkArc[s] = net.addArc(
                            n, sink, capacity: streams[s].limit ?? (Int64(1) << 50), cost: s == costly ? 1 : 0)
                        streamNode[s] = n
                        return n
                    }()
                var target = node
                let timed = timeline.isTimed && !streams[s].allotments.isEmpty
                if timed { target = timedNode(s, segment, node, &net, &segmentNode, &allotmentNode) }
                if let (key, limit) = multiCategoryCap(a, s, category) {
                    // (Timed: a cap node a segment, so the flow keeps its segment — each holds the
                    // whole cap, which only widens what looks payable.)
                    let below = target
                    let capKey = timed ? "\(key)|\(segment)" : key
                    target =
                        capNode[capKey]
                        ?? {
                            let n = net.addNode()
                            net.addArc(n, below, capacity: limit, cost: 0)
                            capNode[capKey] = n
                            return n
                        }()
                }
                net.addArc(c, target, capacity: a.upper(s, category, need: need), cost: 0)
            }
        }
        let paysAll = net.minCostFlow(source, sink, amount: total) == total
        guard paysAll else { return (false, nil) }
        return (true, sinkArc[costly].map { net.flow($0) } ?? 0)
    }

    /// The node through which a need of segment `k` reaches stream `s`'s money: a node of the
    /// segment, linked to a node per allotment covering it, each capped at its amount before the
    /// stream's node.
    private func timedNode(
        _ s: Int, _ k: Int, _ streamNode: Int, _ net: inout MinCostFlow, _ segmentNode: inout [String: Int],
        _ allotmentNode: inout [String: Int]
    ) -> Int {
        if let n = segmentNode["\(s)|\(k)"] { return n }
        let n = net.addNode()
        segmentNode["\(s)|\(k)"] = n
        let seg = timeline.segments[k]
        for (j, allotment) in streams[s].allotments.enumerated() where allotment.covers(seg.from, seg.to) {
            let m =
                allotmentNode["\(s)|\(j)"]
                ?? {
                    let m = net.addNode()
                    net.addArc(m, streamNode, capacity: allotment.cents, cost: 0)
                    allotmentNode["\(s)|\(j)"] = m
                    return m
                }()
            net.addArc(n, m, capacity: Int64(1) << 50, cost: 0)
        }
        return n
    }

    /// The first cap over several categories of stream `s` that holds `category` for a
    /// participant (a policy's cap rule, or a scenario stream's per-participant cap), or with
    /// money by year one over a category split across segments (a node a segment where the
    /// stream's money is by year: ``timedNode``).
    private func multiCategoryCap(_ a: ParticipantAnalysis, _ s: Int, _ category: CostCategory)
        -> (String, Int64)?
    {
        if let decision = a.eligibility[s] {
            for cap in decision.caps
            where (cap.rule.categories.count > 1 || timeline.isTimed) && cap.rule.categories.contains(category) {
                return ("\(s)|\(cap.rule.id)", cap.cents)
            }
            return nil
        }
        return streams[s].perParticipantCap.map { ("\(s)|per-participant", $0) }
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
        return net.minCostFlow(source, sink, amount: total) == total
    }
}
