import Foundation

/// A result handed from a task to a blocked thread (never call `wait` from
/// a Swift concurrency task).
public final class BlockingResult<T: Sendable>: @unchecked Sendable {
    /// An empty slot.
    public init() {}

    private let lock = NSCondition()
    private var value: Result<T, Error>?

    /// Stores the result and wakes the waiter.
    public func set(_ v: Result<T, Error>) {
        lock.lock()
        value = v
        lock.broadcast()
        lock.unlock()
    }

    /// The result, or nil when `timeout` seconds passed first.
    public func wait(timeout: Double) -> Result<T, Error>? {
        let deadline = Date(timeIntervalSinceNow: timeout)
        lock.lock()
        defer { lock.unlock() }
        while value == nil { if !lock.wait(until: deadline) { break } }
        return value
    }
}
