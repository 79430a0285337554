import Dispatch
import Synchronization

/// One value handed from the thread (or task) that makes it to a thread
/// that blocks until it comes.
///
/// Used where a worker thread must wait for work done elsewhere: on the
/// loop thread (``LoopPoster/callAndWait(_:)``) or in a task (a tool's
/// blocking `execute`). Never wait on one from a task on Swift's
/// cooperative pool: blocking one of its few threads can stall every task.
///
/// ```swift
/// let answer = Handoff<Int>()
/// Task { answer.put(await compute()) }
/// let value = answer.wait()
/// ```
public final class Handoff<Value: Sendable>: Sendable {
    private let slot = Mutex<Value?>(nil)
    private let ready = DispatchSemaphore(value: 0)

    /// An empty handoff.
    public init() {}

    /// Stores `value` and wakes the waiter. Call once.
    public func put(_ value: Value) {
        slot.withLock { $0 = value }
        ready.signal()
    }

    /// Blocks until ``put(_:)`` was called, then returns its value.
    public func wait() -> Value {
        ready.wait()
        return slot.withLock { $0! }
    }
}
