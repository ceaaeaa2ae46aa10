import BraidPolicy
import BraidSolver

/// One participant's needs as a flow, for priority of service (``Scenario/priorities(_:)``):
/// from each need through the streams that may pay it (within shares and single-category caps,
/// then caps over several categories; with money by year, through the allotments available in
/// the need's segment) to the streams' limits. Built once a participant and asked of each
/// stream with a priority order in turn.
struct FundingFlow {
    private var net = MinCostFlow()
    private let source: Int, sink: Int
    private var total: Int64 = 0
    /// Per stream of the scenario: its arc into the sink (-1: it pays none of the needs), and
    /// that arc's capacity (its limit).
    private var sinkArc: [Int]
    private var limit: [Int64]

    init(_ scenario: Scenario, _ a: ParticipantAnalysis) {
        let streams = scenario.streams
        source = net.addNode()
        sink = net.addNode()
        sinkArc = [Int](repeating: -1, count: streams.count)
        limit = streams.map { $0.limit ?? (Int64(1) << 50) }
        var streamNode = [Int](repeating: -1, count: streams.count)
        var nodes = Nodes()
        for (category, segment, need, payers) in a.payers {
            total += need
            let c = net.addNode()
            net.addArc(source, c, capacity: need, cost: 0)
            for s in payers {
                if streamNode[s] < 0 {
                    streamNode[s] = net.addNode()
                    sinkArc[s] = net.addArc(streamNode[s], sink, capacity: limit[s], cost: 0)
                }
                var target = streamNode[s]
                let timed = scenario.timeline.isTimed && !streams[s].allotments.isEmpty
                if timed { target = timedNode(scenario, s, segment, target, &nodes) }
                if let (key, cap) = Self.multiCategoryCap(scenario, a, s, category) {
                    // (Timed: a cap node a segment, so the flow keeps its segment — each holds the
                    // whole cap, which only widens what looks payable.)
                    let capKey = timed ? Key(key.stream, key.index, segment) : key
                    target = nodes.node(capKey, &net) { net, n in net.addArc(n, target, capacity: cap, cost: 0) }
                }
                net.addArc(c, target, capacity: a.upper(s, category, need: need), cost: 0)
            }
        }
    }

    /// The least of stream `s`'s money in a flow that pays all the needs; nil when they cannot
    /// all be paid. It is what is left once the other streams have paid all they can (the paths
    /// of any flow that avoid `s` carry at most that much): a maximum flow with `s` closed, then
    /// the rest through it.
    mutating func leastPay(from s: Int) -> Int64? {
        net.resetFlow()
        let arc = sinkArc[s]
        if arc >= 0 { net.setCapacity(arc, 0) }
        var sent = net.maxFlow(source, sink, amount: total)
        if arc >= 0 {
            net.setCapacity(arc, limit[s])
            if sent < total { sent += net.maxFlow(source, sink, amount: total - sent) }
        }
        guard sent == total else { return nil }
        return arc >= 0 ? net.flow(arc) : 0
    }

    /// The node through which a need of segment `k` reaches stream `s`'s money: a node of the
    /// segment, linked to a node per allotment covering it, each capped at its amount before the
    /// stream's node.
    private mutating func timedNode(_ scenario: Scenario, _ s: Int, _ k: Int, _ streamNode: Int, _ nodes: inout Nodes)
        -> Int
    {
        if let n = nodes.segment[Key(s, k, -1)] { return n }
        let n = net.addNode()
        nodes.segment[Key(s, k, -1)] = n
        let seg = scenario.timeline.segments[k]
        for (j, allotment) in scenario.streams[s].allotments.enumerated() where allotment.covers(seg.from, seg.to) {
            let m = nodes.node(Key(s, j, -2), &net) { net, m in
                net.addArc(m, streamNode, capacity: allotment.cents, cost: 0)
            }
            net.addArc(n, m, capacity: Int64(1) << 50, cost: 0)
        }
        return n
    }

    /// The first cap over several categories of stream `s` that holds `category` for a
    /// participant (a policy's cap rule — keyed by its index in the decision —, or a scenario
    /// stream's per-participant cap, index -1), or with money by year one over a category split
    /// across segments (a node a segment where the stream's money is by year: ``timedNode``).
    private static func multiCategoryCap(
        _ scenario: Scenario, _ a: ParticipantAnalysis, _ s: Int, _ category: CostCategory
    ) -> (Key, Int64)? {
        if let decision = a.eligibility[s] {
            for (k, cap) in decision.caps.enumerated()
            where (cap.rule.categories.count > 1 || scenario.timeline.isTimed) && cap.rule.categories.contains(category)
            {
                return (Key(s, k, -1), cap.cents)
            }
            return nil
        }
        return scenario.streams[s].perParticipantCap.map { (Key(s, -1, -1), $0) }
    }

    /// A node of the network by what it stands for: a stream and an index (a cap, a segment or
    /// an allotment), and a segment for a cap node of one (-1: none; -2: an allotment's node).
    private struct Key: Hashable {
        let stream: Int, index: Int, segment: Int
        init(_ stream: Int, _ index: Int, _ segment: Int) {
            (self.stream, self.index, self.segment) = (stream, index, segment)
        }
    }

    /// The nodes made so far for caps and allotments, and for segments.
    private struct Nodes {
        var made: [Key: Int] = [:]
        var segment: [Key: Int] = [:]

        /// The node for `key`, made (and linked by `link`) the first time it is asked for.
        mutating func node(_ key: Key, _ net: inout MinCostFlow, link: (inout MinCostFlow, Int) -> Void) -> Int {
            if let n = made[key] { return n }
            let n = net.addNode()
            link(&net, n)
            made[key] = n
            return n
        }
    }
}
