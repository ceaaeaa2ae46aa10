/// A flow network of a few dozen arcs: the least-cost flow by successive shortest paths
/// (Bellman–Ford with a queue: costs may be negative), or the maximum flow whatever the costs
/// (Dinic). Capacities are integers (cents), so the flow is integral.
public struct MinCostFlow: Sendable {
    private var head: [Int] = []
    private var to: [Int] = []
    private var next: [Int] = []
    private var capacity: [Int64] = []
    private var cost: [Double] = []
    private var original: [Int64] = []

    public init() {}

    public mutating func reserve(nodes: Int, arcs: Int) {
        head.reserveCapacity(nodes)
        to.reserveCapacity(2 * arcs)
        next.reserveCapacity(2 * arcs)
        capacity.reserveCapacity(2 * arcs)
        original.reserveCapacity(2 * arcs)
        cost.reserveCapacity(2 * arcs)
    }

    public mutating func addNode() -> Int {
        head.append(-1)
        return head.count - 1
    }

    @discardableResult
    public mutating func addArc(_ u: Int, _ v: Int, capacity c: Int64, cost w: Double) -> Int {
        let e = to.count
        to.append(v)
        to.append(u)
        capacity.append(c)
        capacity.append(0)
        original.append(c)
        original.append(0)
        cost.append(w)
        cost.append(-w)
        next.append(head[u])
        next.append(head[v])
        head[u] = e
        head[v] = e + 1
        return e
    }

    public func flow(_ arc: Int) -> Int64 { original[arc] - capacity[arc] }

    /// Takes back all flow sent: every arc at its capacity again.
    public mutating func resetFlow() {
        capacity = original
    }

    /// Sets an unused arc's capacity (before any flow is sent through it).
    public mutating func setCapacity(_ arc: Int, _ c: Int64) {
        capacity[arc] = c
        original[arc] = c
    }

    /// Sets an arc's cost per unit (its reverse arc's to the negative).
    public mutating func setCost(_ arc: Int, _ w: Double) {
        cost[arc] = w
        cost[arc ^ 1] = -w
    }

    /// Sends up to `amount` from `s` to `t` at least cost; returns what was sent.
    public mutating func minCostFlow(_ s: Int, _ t: Int, amount: Int64) -> Int64 {
        var sent: Int64 = 0
        var paths = ShortestPaths(nodes: head.count)
        while sent < amount {
            guard paths.search(self, from: s, tolerance: 1e-12) else { return sent }
            guard paths.distance[t].isFinite else { break }
            if !paths.trace(to: t, from: s, to) {
                // Rounding made a cycle of (nearly) zero cost look negative, and the predecessors
                // loop: search again, blind to differences at the rounding's scale.
                let scale = paths.distance.lazy.filter(\.isFinite).map(abs).max() ?? 1
                guard paths.search(self, from: s, tolerance: 1e-9 * max(1, scale)), paths.trace(to: t, from: s, to)
                else { return sent }
            }
            let push = paths.arcs.reduce(amount - sent) { min($0, capacity[$1]) }
            for e in paths.arcs {
                capacity[e] -= push
                capacity[e ^ 1] += push
            }
            sent += push
        }
        return sent
    }

    /// Shortest distances from one node over arcs with capacity left (Bellman–Ford with a queue),
    /// and the arc each node is reached by.
    private struct ShortestPaths {
        var distance: [Double]
        var via: [Int]
        var queued: [Bool]
        var queue: [Int] = []
        /// The last path traced (``trace(to:from:_:)``), its arcs last first.
        var arcs: [Int] = []

        init(nodes n: Int) {
            distance = [Double](repeating: .infinity, count: n)
            via = [Int](repeating: -1, count: n)
            queued = [Bool](repeating: false, count: n)
        }

        /// The distances from `s`, a distance improving only by more than `tolerance`; false
        /// when the search runs away (a negative cycle cannot occur; guarded anyway).
        mutating func search(_ g: MinCostFlow, from s: Int, tolerance: Double) -> Bool {
            let n = distance.count
            for i in 0..<n {
                distance[i] = .infinity
                via[i] = -1
            }
            distance[s] = 0
            queue.removeAll(keepingCapacity: true)
            queue.append(s)
            queued[s] = true
            var q = 0
            while q < queue.count {
                let u = queue[q]
                q += 1
                queued[u] = false
                var e = g.head[u]
                while e >= 0 {
                    let v = g.to[e]
                    if g.capacity[e] > 0, distance[u] + g.cost[e] < distance[v] - tolerance {
                        distance[v] = distance[u] + g.cost[e]
                        via[v] = e
                        if !queued[v] {
                            queued[v] = true
                            queue.append(v)
                        }
                    }
                    e = g.next[e]
                }
                if queue.count > 64 * n * n {
                    for i in queue[q...] { queued[i] = false }
                    return false
                }
            }
            return true
        }

        /// The arcs from `s` to `t` into ``arcs`` (one buffer for every augmentation); false when
        /// the predecessors loop before `s`.
        mutating func trace(to t: Int, from s: Int, _ to: [Int]) -> Bool {
            arcs.removeAll(keepingCapacity: true)
            var v = t
            while v != s {
                guard arcs.count < distance.count else { return false }
                arcs.append(via[v])
                v = to[via[v] ^ 1]
            }
            return true
        }
    }

    /// Sends as much as it can, up to `amount`, from `s` to `t` whatever the costs (Dinic's
    /// blocking flows: a few breadth-first levels instead of one shortest path per augmentation);
    /// returns what was sent. Called again it adds to the flow already sent (through arcs
    /// reopened in between with ``setCapacity(_:_:)`` on an unused arc, for instance).
    public mutating func maxFlow(_ s: Int, _ t: Int, amount: Int64) -> Int64 {
        let n = head.count
        var level = [Int](repeating: -1, count: n)
        var current = head
        var queue = [Int](repeating: 0, count: n)
        var sent: Int64 = 0
        while sent < amount {
            for i in 0..<n { level[i] = -1 }
            level[s] = 0
            queue[0] = s
            var (q, end) = (0, 1)
            while q < end {
                let u = queue[q]
                q += 1
                var e = head[u]
                while e >= 0 {
                    if capacity[e] > 0, level[to[e]] < 0 {
                        level[to[e]] = level[u] + 1
                        queue[end] = to[e]
                        end += 1
                    }
                    e = next[e]
                }
            }
            guard level[t] >= 0 else { break }
            current = head
            while sent < amount {
                let pushed = augment(s, t, amount - sent, &level, &current)
                if pushed == 0 { break }
                sent += pushed
            }
        }
        return sent
    }

    /// One augmenting path of the level graph from `u` to `t` carrying up to `limit`.
    private mutating func augment(_ u: Int, _ t: Int, _ limit: Int64, _ level: inout [Int], _ current: inout [Int])
        -> Int64
    {
        if u == t { return limit }
        while current[u] >= 0 {
            let e = current[u]
            let v = to[e]
            if capacity[e] > 0, level[v] == level[u] + 1 {
                let pushed = augment(v, t, min(limit, capacity[e]), &level, &current)
                if pushed > 0 {
                    capacity[e] -= pushed
                    capacity[e ^ 1] += pushed
                    return pushed
                }
            }
            current[u] = next[e]
        }
        level[u] = -1
        return 0
    }
}
