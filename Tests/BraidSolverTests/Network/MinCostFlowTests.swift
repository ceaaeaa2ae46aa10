import Testing

@testable import BraidSolver

@Suite struct MinCostFlowTests {
    /// Pricing by hand: two categories, a cheap stream whose cap covers only one of them. The
    /// greedy choice (cheap stream for the first category) is wrong; the flow puts the cheap
    /// money where the alternative costs most.
    @Test func minCostFlowFindsTheCheapestSplitUnderACap() {
        var net = MinCostFlow()
        let source = net.addNode(), sink = net.addNode()
        let tuition = net.addNode(), care = net.addNode(), capped = net.addNode(), other = net.addNode()
        net.addArc(source, tuition, capacity: 100, cost: 0)
        net.addArc(source, care, capacity: 100, cost: 0)
        let tuitionCheap = net.addArc(tuition, capped, capacity: 100, cost: 0)
        let careCheap = net.addArc(care, capped, capacity: 100, cost: 0)
        let tuitionOther = net.addArc(tuition, other, capacity: 100, cost: 1)
        let careOther = net.addArc(care, other, capacity: 100, cost: 3)
        net.addArc(capped, sink, capacity: 100, cost: 0)
        net.addArc(other, sink, capacity: 1_000, cost: 0)
        #expect(net.minCostFlow(source, sink, amount: 200) == 200)
        #expect(
            [net.flow(tuitionCheap), net.flow(careCheap), net.flow(tuitionOther), net.flow(careOther)] == [
                0, 100, 100, 0,
            ])
    }

    /// A maximum flow by hand: a bottleneck of 30 between two halves of 50 each, then more
    /// through an arc opened afterwards; the second call adds to the first.
    @Test func maxFlowStopsAtTheBottleneckAndAddsWhatAReopenedArcCarries() {
        var net = MinCostFlow()
        let source = net.addNode(), sink = net.addNode(), a = net.addNode(), b = net.addNode()
        net.addArc(source, a, capacity: 50, cost: 0)
        net.addArc(source, b, capacity: 50, cost: 0)
        let bottleneck = net.addArc(a, sink, capacity: 30, cost: 0)
        net.addArc(a, b, capacity: 15, cost: 0)
        let closed = net.addArc(b, sink, capacity: 0, cost: 0)
        #expect(net.maxFlow(source, sink, amount: 100) == 30)
        #expect(net.flow(bottleneck) == 30)
        net.setCapacity(closed, 40)
        #expect(net.maxFlow(source, sink, amount: 70) == 40)
        #expect(net.flow(closed) == 40)
        net.resetFlow()
        #expect(net.flow(bottleneck) == 0)
        #expect(net.maxFlow(source, sink, amount: 60) == 60)
    }

    /// Priority of service's least pay of one stream (``FundingFlow``): a maximum flow with that
    /// stream's arc closed, then the rest through it, carries as little through it as the
    /// min-cost flow with that arc alone costing 1 — on 300 random networks of needs, caps and
    /// streams.
    @Test func twoMaximumFlowsPayAsLittleOfOneStreamAsTheMinCostFlow() {
        var random = SplitMix(state: 2026_12_07)
        for _ in 0..<300 {
            let needs = (0..<Int.random(in: 1...5, using: &random)).map { _ in Int64.random(in: 0...500, using: &random)
            }
            let streams = Int.random(in: 1...4, using: &random)
            let limits = (0..<streams).map { _ in Int64.random(in: 0...900, using: &random) }
            let arcs = needs.indices.flatMap { n in
                (0..<streams).compactMap { s in
                    Bool.random(using: &random) ? (n, s, Int64.random(in: 0...400, using: &random)) : nil
                }
            }
            let costly = Int.random(in: 0..<streams, using: &random)
            func network(_ costlyCapacity: Int64?) -> (MinCostFlow, Int, Int, Int) {
                var net = MinCostFlow()
                let source = net.addNode(), sink = net.addNode()
                let needNodes = needs.map { need in
                    let node = net.addNode()
                    net.addArc(source, node, capacity: need, cost: 0)
                    return node
                }
                let streamNodes = (0..<streams).map { _ in net.addNode() }
                var costlyArc = -1
                for s in 0..<streams {
                    let arc = net.addArc(
                        streamNodes[s], sink, capacity: s == costly ? costlyCapacity ?? limits[s] : limits[s],
                        cost: s == costly && costlyCapacity == nil ? 1 : 0)
                    if s == costly { costlyArc = arc }
                }
                for (n, s, upper) in arcs { net.addArc(needNodes[n], streamNodes[s], capacity: upper, cost: 0) }
                return (net, source, sink, costlyArc)
            }
            let total = needs.reduce(0, +)
            var (cheapest, source, sink, arc) = network(nil)
            let paid = cheapest.minCostFlow(source, sink, amount: total)
            var (twice, _, _, closedArc) = network(0)
            var sent = twice.maxFlow(source, sink, amount: total)
            twice.setCapacity(closedArc, limits[costly])
            sent += twice.maxFlow(source, sink, amount: total - sent)
            #expect(sent == paid)
            if paid == total { #expect(twice.flow(closedArc) == cheapest.flow(arc)) }
        }
    }
}

/// SplitMix64: reproducible random cases.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
