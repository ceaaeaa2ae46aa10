import Foundation

/// Collects every problem found while reading inputs, so that all can be reported at once.
/// `@unchecked Sendable`: every access to the recorded errors holds `lock` (a roster is read on
/// two threads).
public final class Diagnostics: @unchecked Sendable {
    private var recorded: [InputError] = []
    private let lock = NSLock()

    public init() {}

    /// Every problem recorded so far, in the order recorded.
    public var errors: [InputError] { lock.withLock { recorded } }
    public var isEmpty: Bool { lock.withLock { recorded.isEmpty } }

    public func add(_ error: InputError) { lock.withLock { recorded.append(error) } }

    /// Runs a reading step; on failure records its error and returns nil, so reading goes on.
    public func attempt<T>(_ body: () throws(InputError) -> T) -> T? {
        do { return try body() } catch {
            add(error)
            return nil
        }
    }

    /// Throws ``InputErrors`` when anything was recorded.
    public func check() throws(InputErrors) {
        let errors = self.errors
        if !errors.isEmpty { throw InputErrors(errors) }
    }
}
