import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The thread-safe door into a ``MainLoop``: closures posted here run on the
/// loop's thread, in order, and posting wakes a loop blocked in poll(2).
///
/// Hand this (it is `Sendable`) to other threads instead of the loop itself:
/// ```swift
/// let poster = loop.poster
/// DispatchQueue.global().async { poster.post { transcript.append(token) } }
/// ```
/// Posting after the loop is gone is harmless: the closure never runs.
/// Its queues sit in one `Mutex`, so any thread may add to them; the
/// closures run only on the loop thread.
public final class LoopPoster: Sendable {
    /// A closure queued for the loop thread.
    public typealias Work = @Sendable () throws -> Void

    /// What the threads share: the queued closures and signals.
    private struct Queues {
        var work: [Work] = []
        var workHead = 0
        var signals: [Int32] = []
        var wakePending = false

        /// Sets the wake flag; true when the caller must write the wake byte.
        mutating func markWake() -> Bool {
            if wakePending { return false }
            wakePending = true
            return true
        }
    }

    private let queues = Mutex(Queues())
    /// Read end of the wake-up pipe (watched by the loop).
    let readFD: Int32
    /// Write end of the wake-up pipe.
    private let writeFD: Int32

    /// The thread that made the loop (and so runs it).
    private let loopThread = pthread_self()

    init() throws {
        (readFD, writeFD) = try Posix.makePipe(nonBlocking: true)
    }

    deinit {
        close(readFD)
        close(writeFD)
    }

    /// Queues `closure` to run on the loop thread and wakes the loop.
    /// Callable from any thread; closures run in posting order.
    public func post(_ closure: @escaping Work) {
        let needWake = queues.withLock { q in
            q.work.append(closure)
            return q.markWake()
        }
        if needWake { Posix.poke(writeFD) }
    }

    /// Runs `body` on the loop thread and returns its result, blocking the
    /// calling worker thread until then. Called on the loop thread itself it
    /// runs `body` at once (waiting would deadlock). Never call it from a
    /// task on Swift's cooperative pool: blocking one of its few threads can
    /// stall every task.
    public func callAndWait<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
        if pthread_equal(loopThread, pthread_self()) != 0 { return body() }
        let result = Handoff<T>()
        post { result.put(body()) }
        return result.wait()
    }

    /// Queues a signal number for the loop's signal hooks and wakes it.
    func enqueueSignal(_ signal: Int32) {
        let needWake = queues.withLock { q in
            q.signals.append(signal)
            return q.markWake()
        }
        if needWake { Posix.poke(writeFD) }
    }

    /// Empties the wake pipe; later posts write a new byte.
    func drainWakePipe() {
        Posix.drain(readFD)
        queues.withLock { $0.wakePending = false }
    }

    /// True while closures or signals wait to run.
    var hasPending: Bool {
        queues.withLock { $0.workHead < $0.work.count || !$0.signals.isEmpty }
    }

    /// The number of closures waiting now.
    var pendingWorkCount: Int {
        queues.withLock { $0.work.count - $0.workHead }
    }

    /// Takes the oldest queued closure, if any.
    func popWork() -> Work? {
        queues.withLock { q in
            guard q.workHead < q.work.count else { return nil }
            let item = q.work[q.workHead]
            q.workHead += 1
            if q.workHead == q.work.count {
                q.work.removeAll(keepingCapacity: q.work.count < 1024)
                q.workHead = 0
            } else if q.workHead > 256 && q.workHead * 2 > q.work.count {
                q.work.removeFirst(q.workHead)
                q.workHead = 0
            }
            return item
        }
    }

    /// Takes the oldest queued signal, if any.
    func popSignal() -> Int32? {
        queues.withLock { $0.signals.isEmpty ? nil : $0.signals.removeFirst() }
    }
}
