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
}
