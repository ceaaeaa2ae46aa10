import BraidPolicy
import Dispatch
import Foundation

/// `body(0..<count)` on up to `threads` threads, results in index order (so the output does not
/// depend on which thread ran what); the first error (by index) is rethrown.
package func parallelMap<T>(_ count: Int, threads: Int = 2, _ body: (Int) throws -> T) throws -> [T] {
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
package func inHalves<T, R>(_ items: [T], from: Int = 2_000, _ body: (T) -> R) -> [R] {
    guard items.count >= from else { return items.map(body) }
    let size = (items.count + 1) / 2
    let halves = (try? parallelMap(2) { h in items[min(items.count, h * size)..<min(items.count, (h + 1) * size)].map(body) }) ?? []
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
