import Dispatch
import Foundation

/// `body(0..<count)` on up to `threads` threads, results in index order (so the output does not
/// depend on which thread ran what); the first error (by index) is rethrown.
func parallelMap<T>(_ count: Int, threads: Int = 2, _ body: (Int) throws -> T) throws -> [T] {
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
