import Dispatch
import Foundation

/// How loading and eligibility share their per-row work between threads. (The planner's own
/// thresholds are in BraidPlanner's `Tuning`.)
package enum Parallel {
    /// Rows from which reading a roster and deciding eligibility run in two halves on both cores:
    /// below it the threads cost more than they save (100,000 applicants: eligibility 2.2 s to
    /// about half).
    package static let halvesFrom = 2_000
    /// Participants from which priority of service's funding flows (``Scenario/priorities(_:)``,
    /// ~10 µs a participant and order) run in two halves: the four-year Indiana's 1,400 took 40
    /// ms on one core.
    package static let flowsFrom = 300
    /// Participants whose eligibility is decided between two looks at the clock: a run's time
    /// limit is checked that often (50,000 take about 0.7 s at 1,000,000 applicants).
    package static let eligibilitySlice = 50_000
}

/// `body(0..<count)` on up to `threads` threads, each claiming the next index when free; results
/// in index order (so the output does not depend on which thread ran what); the first error (by
/// index) is rethrown. (Inlinable, like `inHalves`, so that callers in other modules get code
/// specialised to their types: unspecialised generics cost a metadata lookup per use in the
/// planner's hot loops.)
@inlinable
package func parallelMap<T>(_ count: Int, threads: Int, _ body: (Int) throws -> T) throws -> [T] {
    // (Only called synchronously: every thread has finished when concurrentPerform returns.)
    nonisolated(unsafe) let body = body
    let results = ResultBox<T>(count: count)
    let next = Counter()
    DispatchQueue.concurrentPerform(iterations: min(threads, count)) { _ in
        while case let k = next.increment() - 1, k < count {
            results.set(k, Result { try body(k) })
        }
    }
    return try results.all()
}

/// `body` over each item, in two halves on both cores from `from` items (order kept). `body`
/// does not throw, so neither does this.
/// Each half writes its results straight into the one array returned (no halves to join: at
/// 100,000 applicants joining copied every participant's decisions once more).
@inlinable
package func inHalves<C: RandomAccessCollection, R>(_ items: C, from: Int, _ body: (C.Element) -> R) -> [R]
where C.Index == Int {
    guard items.count >= from else { return items.map(body) }
    let size = (items.count + 1) / 2
    let first = items.startIndex
    return [R](unsafeUninitializedCapacity: items.count) { buffer, initialized in
        // (Only called synchronously: both halves have finished when concurrentPerform returns;
        // they write disjoint ranges, and `body` cannot throw, so every slot is set.)
        nonisolated(unsafe) let base = buffer.baseAddress!
        nonisolated(unsafe) let body = body
        nonisolated(unsafe) let items = items
        DispatchQueue.concurrentPerform(iterations: 2) { h in
            for k in min(items.count, h * size)..<min(items.count, (h + 1) * size) {
                (base + k).initialize(to: body(items[items.index(first, offsetBy: k)]))
            }
        }
        initialized = items.count
    }
}

/// Results of work spread over threads, each slot set once. `@unchecked Sendable`: every access
/// to `items` holds `lock`.
@usableFromInline
package final class ResultBox<T>: @unchecked Sendable {
    private var items: [Result<T, any Error>?]
    private let lock = NSLock()
    @usableFromInline package init(count: Int) { items = Array(repeating: nil, count: count) }
    @usableFromInline package func set(_ k: Int, _ r: Result<T, any Error>) { lock.withLock { items[k] = r } }
    /// Every result in order; the first failure (by index) is thrown.
    @usableFromInline package func all() throws -> [T] { try items.map { try $0!.get() } }
}

/// A counter shared by threads. `@unchecked Sendable`: every access to `value` holds `lock`.
@usableFromInline
package final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    @usableFromInline package init() {}
    /// Adds one and returns the new value.
    @usableFromInline package func increment() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
}
