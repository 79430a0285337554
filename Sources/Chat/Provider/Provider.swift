import Foundation

/// A source of model replies: streams ``ProviderEvent``s for a request.
///
/// Threading: `stream` returns at once with a ``ProviderStream`` handle and
/// calls `emit` from a background thread, one event at a time and in order
/// (never concurrently). A provider may instead emit synchronously, before
/// `stream` returns (``MockProvider`` does when its pacing is 0, which makes
/// tests deterministic). Either way `emit` must be cheap and thread-safe:
/// the UI posts each event to the main loop and handles it there.
/// After ``ProviderStream/cancel()`` returns, no further events are emitted.
public protocol Provider: Sendable {
    /// The provider's short name, e.g. `mock` or `openai`.
    var name: String { get }
    /// The model name shown in the status line.
    var model: String { get }
    /// Starts a reply to `request`, emitting events through `emit`.
    func stream(request: ProviderRequest, emit: @escaping @Sendable (ProviderEvent) -> Void) -> ProviderStream
}

/// A handle on one streaming reply: cancel it, or wait for it to end.
///
/// Thread-safe. Producers call ``send(_:)`` (which drops events once
/// cancelled) and ``markFinished()``; consumers call ``cancel()``.
public final class ProviderStream: @unchecked Sendable {
    private let lock = NSCondition()
    private let emitLock = NSRecursiveLock()
    private var cancelled = false
    private var finished = false
    private let emit: @Sendable (ProviderEvent) -> Void

    /// Creates a stream handle that forwards sent events to `emit`.
    public init(emit: @escaping @Sendable (ProviderEvent) -> Void) {
        self.emit = emit
    }

    /// Stops the reply: no event is emitted after this returns. Idempotent.
    /// May be called from inside `emit` (the lock is recursive); from
    /// another thread it waits for an event being delivered, so `emit` must
    /// never block on the thread that cancels.
    public func cancel() {
        emitLock.lock()
        cancelled = true
        emitLock.unlock()
    }

    /// True once ``cancel()`` was called.
    public var isCancelled: Bool {
        emitLock.lock()
        defer { emitLock.unlock() }
        return cancelled
    }

    /// True once the producer is done (normally, by error, or cancelled).
    public var isFinished: Bool {
        lock.lock()
        defer { lock.unlock() }
        return finished
    }

    /// Emits `event` unless cancelled; returns false if cancelled (the
    /// producer should stop). Holds the lock while emitting so that
    /// ``cancel()`` cannot return while an event is being delivered.
    @discardableResult
    public func send(_ event: ProviderEvent) -> Bool {
        emitLock.lock()
        defer { emitLock.unlock() }
        guard !cancelled else { return false }
        emit(event)
        return true
    }

    /// Called by the producer when it has emitted its last event.
    public func markFinished() {
        lock.lock()
        finished = true
        lock.broadcast()
        lock.unlock()
    }

    /// Blocks until the producer finished or `timeout` seconds passed.
    /// Returns true if finished. For tests and print mode, not the UI thread.
    @discardableResult
    public func wait(timeout: Double) -> Bool {
        let deadline = Date(timeIntervalSinceNow: max(0, timeout))
        lock.lock()
        defer { lock.unlock() }
        while !finished {
            if !lock.wait(until: deadline) { return finished }
        }
        return true
    }
}
