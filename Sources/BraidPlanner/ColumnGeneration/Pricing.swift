import BraidPolicy
import BraidScenario
import BraidSolver
import Dispatch
import Foundation

/// Pricing for ``ColumnGeneration``: each participant's best pattern at the master's prices (the
/// min-cost flow or greedy split of ``Decomposition/cheapest(_:costs:solver:)``), on both cores.
extension ColumnGeneration {
    /// Prices every active participant (both cores): the reduced value of their best pattern.
    func price(_ rowDuals: [Double], _ convexityDual: [Double], solver: any LinearSolver, half: Int? = nil) throws -> [Priced?] {
        let results = PricingResults(count: active.count)
        let chunks = d.tuning.threads
        let d = self.d, phase = self.phase, active = self.active
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var n = chunk
            while n < active.count {
                let i = active[n]
                if let half, (n / 2) % 2 != half {
                    n += chunks
                    continue
                }
                do {
                    results.slots[n] = try ColumnGeneration.price(d, phase, i, rowDuals, convexityDual[n], solver: solver)
                } catch {
                    results.error = error
                }
                n += chunks
            }
        }
        if let error = results.error { throw error }
        return results.values
    }

    /// A participant's best pattern at some prices: its reduced value, its amounts per local
    /// cell (the column is built only for the patterns a round adds) and its phase-2 cost.
    struct Priced {
        let value: Double
        let cents: [Int64]
        let spend: Double
    }

    static func price(_ d: Decomposition, _ phase: Phase, _ i: Int, _ pi: [Double], _ convexity: Double, solver: any LinearSolver) throws -> Priced? {
        guard let b = d.blocks[i] else { return nil }
        let f = d.f
        var h = [Double](repeating: 0, count: b.cells.count)
        for (l, k) in b.cells.enumerated() {
            var g = 0.0
            for e in d.cellStart[k]..<d.cellStart[k + 1] { g += pi[Int(d.cellRow[e])] * d.cellCoefficient[e] }
            h[l] = phase == .served ? g : f.rank[f.cells[k].stream] - g
        }
        guard let cents = try d.cheapest(b, costs: h, solver: solver) else { return nil }
        var value = 0.0, spend = 0.0
        for (l, c) in cents.enumerated() where c > 0 {
            value += h[l] * Double(c) / 100
            spend += f.rank[f.cells[b.cells[l]].stream] * Double(c) / 100
        }
        var fixedPart = convexity
        for (j, a) in d.servedEntries[i] { fixedPart += pi[Int(j)] * a }
        return Priced(value: phase == .served ? f.analyses[i].weight - fixedPart - value : value - fixedPart, cents: cents, spend: spend)
    }
}

/// Pricing results written by two threads at disjoint indices (through a buffer, not an array,
/// so no copy-on-write check runs concurrently).
private final class PricingResults: @unchecked Sendable {
    let slots: UnsafeMutableBufferPointer<ColumnGeneration.Priced?>
    private let lock = NSLock()
    private var failure: (any Error)?
    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }
    deinit {
        slots.deinitialize()
        slots.deallocate()
    }
    var values: [ColumnGeneration.Priced?] { Array(slots) }
    var error: (any Error)? {
        get { lock.withLock { failure } }
        set { lock.withLock { failure = newValue } }
    }
}
