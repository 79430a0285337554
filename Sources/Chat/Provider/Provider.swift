import Foundation
import Glibc
import Synchronization

/// A source of model replies: streams ``ProviderEvent``s for a request.
///
/// Threading (the one model of weft: the loop thread owns the editor, the
/// rest runs as tasks that hand results to the loop): `stream` returns at
/// once with a ``ProviderStream`` handle, and the reply is produced by a
/// task (``ProviderStream/start(priority:emit:_:)``) that calls `emit` one
/// event at a time and in order, never concurrently. A provider may instead
/// emit synchronously, before `stream` returns (``MockProvider`` does when
/// its pacing is 0, which makes tests deterministic). Either way `emit` must
/// be cheap and must never block: the chat controller's `emit` queues the
/// event in a ``ProviderInbox``, which posts it to the loop.
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
/// cancelled) and ``markFinished()``, or run as the task of
/// ``start(priority:emit:_:)``, which does both; consumers call
/// ``cancel()``, which also cancels that task (an HTTP request in it is
/// closed, a `Task.sleep` in it ends at once).
///
/// ```swift
/// func stream(request: ProviderRequest, emit: @escaping @Sendable (ProviderEvent) -> Void) -> ProviderStream {
///     ProviderStream.start(emit: emit) { stream in
///         for word in ["Hel", "lo"] {
///             guard stream.send(.textDelta(word)) else { return }   // cancelled
///             try? await Task.sleep(for: .milliseconds(20))
///         }
///         stream.send(.finish(reason: "stop"))
///     }
/// }
/// ```
public final class ProviderStream: Sendable {
    private struct State {
        var cancelled = false
        var finished = false
        var task: Task<Void, Never>?
    }

    private let state = Mutex(State())
    /// Held while an event is handed to `emit`, so that ``cancel()`` can
    /// wait for a delivery in progress on another thread.
    private let delivery = Mutex(())
    /// The thread inside `emit` now (0 when none): a cancel from inside
    /// `emit` must not wait for itself.
    private let deliveringThread = Atomic<UInt>(0)
    private let emit: @Sendable (ProviderEvent) -> Void

    /// Creates a stream handle that forwards sent events to `emit` (for a
    /// producer that emits synchronously or runs its own task).
    public init(emit: @escaping @Sendable (ProviderEvent) -> Void) {
        self.emit = emit
    }

    /// A stream whose events are produced by `body`, run as a task; the
    /// stream is marked finished when `body` returns. ``cancel()`` cancels
    /// the task: `body` should return soon after `send` returns false or
    /// `Task.isCancelled` turns true, and must never block its thread
    /// (it runs on Swift's small cooperative pool).
    public static func start(priority: TaskPriority = .userInitiated,
                             emit: @escaping @Sendable (ProviderEvent) -> Void,
                             _ body: @escaping @Sendable (ProviderStream) async -> Void) -> ProviderStream {
        let stream = ProviderStream(emit: emit)
        let task = Task(priority: priority) {
            await body(stream)
            stream.markFinished()
        }
        let cancelled = stream.state.withLock { s in
            s.task = task
            return s.cancelled
        }
        if cancelled { task.cancel() }
        return stream
    }

    /// Stops the reply: no event is emitted after this returns, and the
    /// producing task (if any) is cancelled. Idempotent. May be called from
    /// inside `emit`; from another thread it waits for an event being
    /// delivered (a short wait: `emit` must never block).
    public func cancel() {
        let task = state.withLock { s in
            s.cancelled = true
            return s.task
        }
        task?.cancel()
        if deliveringThread.load(ordering: .acquiring) != UInt(pthread_self()) {
            delivery.withLock { _ in }
        }
    }

    /// True once ``cancel()`` was called.
    public var isCancelled: Bool {
        state.withLock { $0.cancelled }
    }

    /// True once the producer is done (normally, by error, or cancelled).
    public var isFinished: Bool {
        state.withLock { $0.finished }
    }

    /// Emits `event` unless cancelled; returns false if cancelled (the
    /// producer should stop).
    @discardableResult
    public func send(_ event: ProviderEvent) -> Bool {
        delivery.withLock { _ in
            guard !isCancelled else { return false }
            deliveringThread.store(UInt(pthread_self()), ordering: .releasing)
            emit(event)
            deliveringThread.store(0, ordering: .releasing)
            return true
        }
    }

    /// Called by the producer when it has emitted its last event (done for
    /// it by ``start(priority:emit:_:)``).
    public func markFinished() {
        state.withLock { $0.finished = true }
    }

    /// Waits, without blocking a thread, until the producer finished or
    /// `timeout` seconds passed. Returns true if finished. For tests and
    /// scripts; the UI never waits for a stream.
    public func waitFinished(timeout: Double) async -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int64(max(0, timeout) * 1000))
        while !isFinished {
            if ContinuousClock.now >= deadline || Task.isCancelled { return false }
            try? await Task.sleep(for: .milliseconds(2))
        }
        return true
    }
}
