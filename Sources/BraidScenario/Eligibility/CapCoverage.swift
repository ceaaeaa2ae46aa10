import BraidPolicy
import BraidSolver

/// Whether caps that span several cost categories (Pell's award, WIOA's ITA and supportive
/// services caps, SNAP E&T's reimbursement cap) leave part of a participant's needs that no
/// stream may pay, whatever the budgets.
///
/// A flow from each stream's caps to the categories: a stream's spanning cap is a node whose
/// inflow is the cap, each category takes at most its need, and each stream may send a category
/// at most its share and single-category caps allow. Every need is payable exactly when the
/// flow carries all of it. Budgets and matching are left out, and where one stream's spanning
/// caps overlap only the tightest disjoint ones are kept: each omission only widens what looks
/// payable, so a shortfall found here always holds.
struct CapCoverage {
    /// A needed category: its need and, per stream that may pay it, the most that stream may
    /// pay of it alone.
    struct Need {
        let category: CostCategory
        let need: Int64
        let upper: [(stream: Int, cents: Int64)]
    }

    /// A cap of one stream over several categories, in cents for this participant.
    struct SpanningCap {
        let stream: Int
        let id: String
        let categories: [CostCategory]
        let cents: Int64
    }

    /// The spanning caps that could bind, per stream: a cap binds only when it is below what
    /// its stream may otherwise pay of the needs it covers.
    static func bindingCaps(_ needs: [Need], _ decisions: [StreamEligibility?]) -> [SpanningCap] {
        var binding: [SpanningCap] = []
        for s in decisions.indices {
            guard let decision = decisions[s], decision.hasSpanningCaps else { continue }
            // (Sets of categories as bits: this runs for every participant.)
            var taken: UInt32 = 0
            decision.forEachSpanningCap { cap in
                let covered = cap.rule.mask
                var reachable: Int64 = 0
                for need in needs where covered & need.category.bit != 0 {
                    reachable += need.upper.first { $0.stream == s }?.cents ?? 0
                }
                guard cap.cents < reachable, taken & covered == 0 else { return }
                taken |= covered
                binding.append(
                    SpanningCap(stream: s, id: cap.rule.id, categories: cap.rule.categories, cents: cap.cents))
            }
        }
        return binding
    }

    /// Whether every need is paid in full by one stream that no binding cap limits in its
    /// category (its own source can carry every need at once): then no cap leaves a shortfall,
    /// and ``flow(_:caps:)`` need not be built.
    static func paidWithoutCaps(_ needs: [Need], caps: [SpanningCap]) -> Bool {
        needs.allSatisfy { need in
            need.upper.contains { u in
                u.cents >= need.need
                    && !caps.contains { $0.stream == u.stream && $0.categories.contains(need.category) }
            }
        }
    }

    /// The most of the needs that may be paid under the caps (disjoint within each stream).
    static func flow(_ needs: [Need], caps: [SpanningCap]) -> Int64 {
        var graph = MinCostFlow()
        let source = graph.addNode()
        let sink = graph.addNode()
        let total = needs.reduce(Int64(0)) { $0 + $1.need }
        var free: [Int: Int] = [:]
        var capNodes: [Int] = []
        for cap in caps {
            let node = graph.addNode()
            graph.addArc(source, node, capacity: cap.cents, cost: 0)
            capNodes.append(node)
        }
        for need in needs {
            let node = graph.addNode()
            graph.addArc(node, sink, capacity: need.need, cost: 0)
            for (s, cents) in need.upper where cents > 0 {
                let from: Int
                if let k = caps.firstIndex(where: { $0.stream == s && $0.categories.contains(need.category) }) {
                    from = capNodes[k]
                } else if let existing = free[s] {
                    from = existing
                } else {
                    from = graph.addNode()
                    graph.addArc(source, from, capacity: total, cost: 0)
                    free[s] = from
                }
                graph.addArc(from, node, capacity: cents, cost: 0)
            }
        }
        return graph.maxFlow(source, sink, amount: total)
    }
}
