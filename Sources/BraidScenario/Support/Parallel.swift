import BraidPolicy
import Dispatch
import Foundation

/// How loading and eligibility share their per-row work between threads. (The planner's own
/// thresholds are in BraidPlanner's `Tuning`.)
package enum Parallel {
    /// Rows from which reading a roster and deciding eligibility run in two halves on both cores:
    /// below it the threads cost more than they save (100,000 applicants: eligibility 2.2 s to
    /// about half).
    package static let halvesFrom = 2_000
}

/// `body(0..<count)` on up to `threads` threads, results in index order (so the output does not
/// depend on which thread ran what); the first error (by index) is rethrown.
package func parallelMap<T>(_ count: Int, threads: Int, _ body: (Int) throws -> T) throws -> [T] {
    nonisolated(unsafe) let body = body
    let box = ResultBox<T>(count: count)
    let next = ResultBox<Int>(count: 0)
    DispatchQueue.concurrentPerform(iterations: min(threads, count)) { _ in
        while case let k = next.claim(), k < count {
            box.set(k, Result { try body(k) })
        }
    }
    return try box.all()
}

/// `body` over each item, in two halves on both cores from `from` items (order kept). `body`
/// does not throw, so neither does this.
package func inHalves<T, R>(_ items: [T], from: Int, _ body: (T) -> R) -> [R] {
    guard items.count >= from else { return items.map(body) }
    let size = (items.count + 1) / 2
    let halves = (try? parallelMap(2, threads: 2) { h in items[min(items.count, h * size)..<min(items.count, (h + 1) * size)].map(body) }) ?? []
    return halves.flatMap { $0 }
}

private final class ResultBox<T>: @unchecked Sendable {
    private var items: [Result<T, any Error>?]
    private var counter = 0
    private let lock = NSLock()
    init(count: Int) { items = Array(repeating: nil, count: count) }
    func set(_ k: Int, _ r: Result<T, any Error>) { lock.withLock { items[k] = r } }
    func claim() -> Int {
        lock.withLock {
            counter += 1
            return counter - 1
        }
    }
    func all() throws -> [T] { try items.map { try $0!.get() } }
}
