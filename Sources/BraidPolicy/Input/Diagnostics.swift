import Foundation

/// Collects every problem found while reading inputs, so that all can be reported at once.
/// `@unchecked Sendable`: every access to the recorded errors holds `lock` (a roster is read on
/// two threads).
public final class Diagnostics: @unchecked Sendable {
    private var recorded: [InputError] = []
    /// Problems past ``kept`` are counted, not kept: a file with millions of bad cells is reported
    /// in bounded memory ("… and 1,999,900 more problems").
    private var dropped = 0
    private let lock = NSLock()
    /// How many problems are kept (and shown).
    public static let kept = 1_000

    public init() {}

    /// Every problem recorded so far, in the order recorded.
    public var errors: [InputError] { lock.withLock { recorded } }
    public var isEmpty: Bool { lock.withLock { recorded.isEmpty } }

    public func add(_ error: InputError) {
        lock.withLock {
            if recorded.count < Self.kept { recorded.append(error) } else { dropped += 1 }
        }
    }

    /// Runs a reading step; on failure records its error and returns nil, so reading goes on.
    public func attempt<T>(_ body: () throws(InputError) -> T) -> T? {
        do { return try body() } catch {
            add(error)
            return nil
        }
    }

    /// Throws ``InputErrors`` when anything was recorded.
    public func check() throws(InputErrors) {
        let (errors, more) = lock.withLock { (recorded, dropped) }
        if !errors.isEmpty { throw InputErrors(errors, more: more) }
    }
}
