/// Successive shortest paths on a graph of a few dozen arcs (Bellman–Ford with a queue: costs
/// may be negative). Capacities are integers (cents), so the flow is integral.
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

    /// Sets an arc's cost per unit (its reverse arc's to the negative).
    public mutating func setCost(_ arc: Int, _ w: Double) {
        cost[arc] = w
        cost[arc ^ 1] = -w
    }

    /// Sends up to `amount` from `s` to `t` at least cost; returns what was sent.
    public mutating func minCostFlow(_ s: Int, _ t: Int, amount: Int64) -> Int64 {
        var sent: Int64 = 0
        let n = head.count
        var distance = [Double](repeating: 0, count: n)
        var via = [Int](repeating: -1, count: n)
        var queued = [Bool](repeating: false, count: n)
        var queue: [Int] = []
        while sent < amount {
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
                var e = head[u]
                while e >= 0 {
                    let v = to[e]
                    if capacity[e] > 0, distance[u] + cost[e] < distance[v] - 1e-12 {
                        distance[v] = distance[u] + cost[e]
                        via[v] = e
                        if !queued[v] {
                            queued[v] = true
                            queue.append(v)
                        }
                    }
                    e = next[e]
                }
                if queue.count > 64 * n * n { return sent }  // a negative cycle cannot occur; guard anyway
            }
            guard distance[t].isFinite else { break }
            var push = amount - sent
            var v = t
            while v != s {
                push = min(push, capacity[via[v]])
                v = to[via[v] ^ 1]
            }
            v = t
            while v != s {
                capacity[via[v]] -= push
                capacity[via[v] ^ 1] += push
                v = to[via[v] ^ 1]
            }
            sent += push
        }
        return sent
    }
}
