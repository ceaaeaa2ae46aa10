import BraidPolicy
import BraidScenario
import BraidSolver
import Foundation

/// Pricing for ``ColumnGeneration``: each participant's best pattern at the master's prices (the
/// min-cost flow or greedy split of ``Decomposition/cheapest(_:costs:solver:)``), on both cores.
extension ColumnGeneration {
    /// Prices every active participant (on ``Tuning/threads`` threads, interleaved): the reduced
    /// value of their best pattern; with `half`, every other pair of participants only.
    func price(_ rowDuals: [Double], _ convexityDual: [Double], solver: any LinearSolver, half: Int? = nil) throws
        -> [Priced?]
    {
        let chunks = d.tuning.threads
        let d = self.d, phase = self.phase, active = self.active
        let parts = try parallelMap(chunks, threads: chunks) { chunk -> [Priced?] in
            var mine: [Priced?] = []
            mine.reserveCapacity(active.count / chunks + 1)
            for n in stride(from: chunk, to: active.count, by: chunks) {
                if let half, (n / 2) % 2 != half {
                    mine.append(nil)
                } else {
                    mine.append(
                        try ColumnGeneration.price(d, phase, active[n], rowDuals, convexityDual[n], solver: solver))
                }
            }
            return mine
        }
        var priced = [Priced?](repeating: nil, count: active.count)
        for (chunk, part) in parts.enumerated() {
            for (k, p) in part.enumerated() { priced[chunk + k * chunks] = p }
        }
        return priced
    }

    /// A participant's best pattern at some prices: its reduced value, its amounts per local
    /// cell (the column is built only for the patterns a round adds) and its phase-2 cost.
    struct Priced {
        let value: Double
        let cents: [Int64]
        let spend: Double
    }

    static func price(
        _ d: Decomposition, _ phase: Phase, _ i: Int, _ pi: [Double], _ convexity: Double, solver: any LinearSolver
    ) throws -> Priced? {
        guard let b = d.blocks[i] else { return nil }
        let f = d.f
        var h = [Double](repeating: 0, count: b.cells.count)
        for (l, k) in b.cells.enumerated() {
            var g = 0.0
            for e in d.cellStart[k]..<d.cellStart[k + 1] { g += pi[Int(d.cellRow[e])] * d.cellCoefficient[e] }
            h[l] = phase == .served ? g : f.cellCost[k] - g
        }
        guard let cents = try d.cheapest(b, costs: h, solver: solver) else { return nil }
        var value = 0.0, spend = 0.0
        for (l, c) in cents.enumerated() where c > 0 {
            value += h[l] * Double(c) / 100
            spend += f.cellCost[b.cells[l]] * Double(c) / 100
        }
        var fixedPart = convexity
        for entry in d.servedEntries[i] { fixedPart += pi[Int(entry.row)] * entry.coefficient }
        return Priced(
            value: phase == .served ? f.analyses[i].value - fixedPart - value : value - fixedPart, cents: cents,
            spend: spend)
    }
}
