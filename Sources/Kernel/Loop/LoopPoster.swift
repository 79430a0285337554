import Foundation
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
///
/// `@unchecked Sendable` because its queues hold closures and signals that
/// every thread may add to: each read and write of them holds `lock`, and
/// the closures (themselves `@Sendable`) are run only by the loop thread.
public final class LoopPoster: @unchecked Sendable {
    /// A closure queued for the loop thread.
    public typealias Work = @Sendable () throws -> Void

    private let lock = NSLock()
    private var work: [Work] = []
    private var workHead = 0
    private var signals: [Int32] = []
    private var wakePending = false
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
        lock.lock()
        work.append(closure)
        let needWake = markWake()
        lock.unlock()
        if needWake { Posix.poke(writeFD) }
    }

    /// Runs `body` on the loop thread and returns its result, blocking the
    /// calling worker thread until then. Called on the loop thread itself it
    /// runs `body` at once (waiting would deadlock). Never call it from a
    /// task on Swift's cooperative pool: blocking one of its few threads can
    /// stall every task.
    public func callAndWait<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
        if pthread_equal(loopThread, pthread_self()) != 0 { return body() }
        let done = DispatchSemaphore(value: 0)
        let result = ResultSlot<T>()
        post {
            result.value = body()
            done.signal()
        }
        done.wait()
        return result.value!
    }

    /// Queues a signal number for the loop's signal hooks and wakes it.
    func enqueueSignal(_ signal: Int32) {
        lock.lock()
        signals.append(signal)
        let needWake = markWake()
        lock.unlock()
        if needWake { Posix.poke(writeFD) }
    }

    /// Sets the wake flag; true when the caller must write the wake byte.
    /// Call with the lock held.
    private func markWake() -> Bool {
        if wakePending { return false }
        wakePending = true
        return true
    }

    /// Empties the wake pipe; later posts write a new byte.
    func drainWakePipe() {
        Posix.drain(readFD)
        lock.lock()
        wakePending = false
        lock.unlock()
    }

    /// True while closures or signals wait to run.
    var hasPending: Bool {
        lock.lock()
        defer { lock.unlock() }
        return workHead < work.count || !signals.isEmpty
    }

    /// The number of closures waiting now.
    var pendingWorkCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return work.count - workHead
    }

    /// Takes the oldest queued closure, if any.
    func popWork() -> Work? {
        lock.lock()
        defer { lock.unlock() }
        guard workHead < work.count else { return nil }
        let item = work[workHead]
        workHead += 1
        if workHead == work.count {
            work.removeAll(keepingCapacity: work.count < 1024)
            workHead = 0
        } else if workHead > 256 && workHead * 2 > work.count {
            work.removeFirst(workHead)
            workHead = 0
        }
        return item
    }

    /// Takes the oldest queued signal, if any.
    func popSignal() -> Int32? {
        lock.lock()
        defer { lock.unlock() }
        return signals.isEmpty ? nil : signals.removeFirst()
    }
}

/// One result handed from the loop thread to a waiting worker. Safe because
/// the writer finishes before it signals the semaphore the reader waits on.
private final class ResultSlot<T>: @unchecked Sendable {
    var value: T?
}
