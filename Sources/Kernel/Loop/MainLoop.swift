import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The kernel's single-threaded event loop (docs/architecture.md, "The main loop").
///
/// One thread owns the loop and everything it drives. Each iteration waits
/// in poll(2) on the watched fds, the wake-up pipe, the signal pipe and the
/// nearest timer, then dispatches in this order: ready fds, posted closures,
/// signal hooks, due timers, and at most one paced redraw.
///
/// ```swift
/// let loop = try MainLoop()
/// loop.redrawHandler = { try screen.render() }
/// _ = loop.every(ms: 1000) { clock.tick(); loop.requestRedraw() }
/// try loop.onSignal(SIGWINCH) { _ in screen.resize() }
/// loop.run()                       // until loop.stop()
/// ```
///
/// Not thread-safe: only `post` (or ``poster``) may be used from other
/// threads. Handlers may throw; errors go to ``reportError`` and the loop
/// keeps running. An idle loop (no timers due, nothing ready, no pending
/// redraw) blocks in poll with no timeout and uses no CPU.
public final class MainLoop {
    /// A file-descriptor readiness handler: `(fd, events that occurred)`.
    public typealias FDHandler = (Int32, PollEvents) throws -> Void

    struct Watch {
        let id: WatchID
        let fd: Int32
        let events: PollEvents
        let handler: FDHandler
    }

    struct SignalHook {
        let id: SignalHookID
        let signal: Int32
        let handler: (Int32) throws -> Void
    }

    /// The time source for timers and redraw pacing.
    public let clock: LoopClock
    /// The thread-safe handle for posting work to this loop.
    public let poster: LoopPoster
    /// Receives every error thrown by a handler, timer, posted closure, job
    /// callback or redraw. Defaults to printing on standard error; the
    /// application replaces it (message area, log).
    public var reportError: (Error) -> Void = { error in
        StandardStream.error.write("weft: loop handler failed: \(error)\n")
    }
    /// Draws a frame; called at most once per iteration, only after
    /// ``requestRedraw()``, and no more than once per ``minFrameInterval``.
    public var redrawHandler: (() throws -> Void)?
    /// Called once per iteration that ran something (a ready fd, a posted
    /// closure, a signal hook or a timer), after that work and before the
    /// redraw; never while idle. The application emits `tick` from it.
    public var turnHandler: (() -> Void)?
    /// The least time between two redraws (default 8 ms).
    public var minFrameInterval: Duration = .milliseconds(8)
    /// Frames drawn so far (redraw handler calls).
    public internal(set) var framesDrawn = 0

    var watches: [Watch] = []
    var timers = TimerQueue()
    var signalHooks: [SignalHook] = []
    var signalWatch: WatchID?
    var redrawRequested = false
    var lastRedrawNanos: UInt64?
    var isRedrawing = false
    var stopRequested = false
    /// Closures queued by ``schedule(_:)`` on the loop thread.
    var scheduled: [() throws -> Void] = []
    private var nextID = 1

    /// Creates a loop reading time from `clock`.
    /// - Throws: ``KernelError/invalidState(_:)`` if the wake-up pipe cannot be made.
    public init(clock: LoopClock = SystemClock()) throws {
        self.clock = clock
        self.poster = try LoopPoster()
    }

    deinit {
        if !signalHooks.isEmpty, case .success(let hub) = SignalHub.shared {
            hub.unsubscribe(poster, signal: nil)
        }
    }

    func takeID() -> Int {
        defer { nextID += 1 }
        return nextID
    }

    // MARK: - Posting

    /// Queues `closure` to run on the loop thread; callable from any thread.
    /// Closures run in posting order, one iteration after they were posted
    /// at the latest. Same as `poster.post`.
    public func post(_ closure: @escaping LoopPoster.Work) {
        poster.post(closure)
    }

    /// Queues `fn` to run on the next iteration; call on the loop thread.
    /// Unlike ``post(_:)`` the closure need not be `Sendable`: it never
    /// leaves this thread. Runs after the closures already posted.
    public func schedule(_ fn: @escaping () throws -> Void) {
        scheduled.append(fn)
    }

    // MARK: - File descriptors

    /// Calls `handler` on the loop whenever `fd` is ready for `events`
    /// (it also gets `.error`/`.hangup`). The fd should be non-blocking: a
    /// handler may be called when a read would block. A watch whose fd was
    /// closed (`.invalid`) is dropped and reported.
    @discardableResult
    public func watch(fd: Int32, events: PollEvents, handler: @escaping FDHandler) -> WatchID {
        let id = WatchID(takeID())
        watches.append(Watch(id: id, fd: fd, events: events, handler: handler))
        return id
    }

    /// Stops watching; false if `id` is not (or no longer) a watch.
    @discardableResult
    public func unwatch(_ id: WatchID) -> Bool {
        guard let i = watches.firstIndex(where: { $0.id == id }) else { return false }
        watches.remove(at: i)
        return true
    }

    /// True while `id` is an active watch.
    public func isWatching(_ id: WatchID) -> Bool {
        watches.contains { $0.id == id }
    }

    // MARK: - Timers

    /// Runs `fn` once, `ms` milliseconds from now (negative means 0).
    @discardableResult
    public func after(ms: Int, _ fn: @escaping () throws -> Void) -> TimerID {
        let id = TimerID(takeID())
        timers.schedule(id: id.raw, due: clock.nowNanos &+ Self.nanos(ms: ms), interval: nil, callback: fn)
        return id
    }

    /// Runs `fn` every `ms` milliseconds (at least 1) until cancelled. The
    /// schedule does not drift; after a stall it fires once, not in a burst.
    @discardableResult
    public func every(ms: Int, _ fn: @escaping () throws -> Void) -> TimerID {
        let id = TimerID(takeID())
        let interval = Self.nanos(ms: max(1, ms))
        timers.schedule(id: id.raw, due: clock.nowNanos &+ interval, interval: interval, callback: fn)
        return id
    }

    /// Cancels a timer; false if it already fired (one-shot) or was cancelled.
    @discardableResult
    public func cancel(_ id: TimerID) -> Bool {
        timers.cancel(id.raw)
    }

    /// True while timer `id` is scheduled.
    public func isScheduled(_ id: TimerID) -> Bool {
        timers.contains(id.raw)
    }

    static func nanos(ms: Int) -> UInt64 {
        UInt64(max(0, ms)).multipliedReportingOverflow(by: 1_000_000).partialValue
    }

    // MARK: - Redraw

    /// Asks for a frame. Requests coalesce: any number of them before the next
    /// frame produce one ``redrawHandler`` call, paced by ``minFrameInterval``.
    public func requestRedraw() {
        redrawRequested = true
    }

    /// True when a redraw was requested and has not been drawn yet.
    public var isRedrawPending: Bool { redrawRequested }
}
