import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Write end of the process-wide signal pipe. Set once before any handler
/// is installed and never changed, so the handler may read it.
nonisolated(unsafe) private var signalPipeWriteFD: Int32 = -1

/// The C-level signal handler: async-signal-safe, it only writes the signal
/// number (one byte) to the pipe, keeping `errno` intact.
private func weftSignalHandler(_ signal: Int32) {
    let saved = errno
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(signalPipeWriteFD, &byte, 1)
    errno = saved
}

/// Routes POSIX signals to main loops (the self-pipe trick).
///
/// One pipe per process: the handler writes the signal number; any loop with
/// signal hooks watches the read end, drains it and forwards each signal to
/// every subscribed loop through its ``LoopPoster``, so hooks run on their
/// loop's thread. The previous disposition of a signal is restored when its
/// last subscriber leaves.
final class SignalHub: Sendable {
    /// The shared hub, or the error that kept its pipe from opening.
    static let shared: Result<SignalHub, KernelError> = {
        do { return .success(try SignalHub()) } catch let e as KernelError {
            return .failure(e)
        } catch {
            return .failure(.invalidState("cannot set up signal handling: \(error)"))
        }
    }()

    private struct Subscriber {
        weak var poster: LoopPoster?
        var signals: [Int32: Int]   // signal -> subscription count
    }

    /// Who listens to what, and the dispositions replaced by the handler.
    private struct State {
        var subscribers: [ObjectIdentifier: Subscriber] = [:]
        var previous: [Int32: sigaction] = [:]
    }

    private let state = Mutex(State())
    /// Read end of the signal pipe (non-blocking).
    let readFD: Int32

    private init() throws {
        let (r, w) = try Posix.makePipe(nonBlocking: true)
        readFD = r
        signalPipeWriteFD = w
    }

    /// Signals the hub refuses: uncatchable or out of range.
    static func validate(_ signal: Int32) throws {
        guard signal > 0, signal < 65, signal != SIGKILL, signal != SIGSTOP else {
            throw KernelError.invalidArgument("signal \(signal) cannot be hooked")
        }
    }

    /// Starts forwarding `signal` to `poster`, installing the handler if needed.
    func subscribe(_ poster: LoopPoster, signal: Int32) throws {
        try SignalHub.validate(signal)
        try state.withLock { s in
            let key = ObjectIdentifier(poster)
            var sub = s.subscribers[key] ?? Subscriber(poster: poster, signals: [:])
            sub.signals[signal, default: 0] += 1
            s.subscribers[key] = sub
            guard s.previous[signal] == nil else { return }
            var action = sigaction()
            action.__sigaction_handler.sa_handler = weftSignalHandler
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            var old = sigaction()
            guard sigaction(signal, &action, &old) == 0 else {
                throw KernelError.invalidState("cannot hook signal \(signal): \(Posix.message(errno))")
            }
            s.previous[signal] = old
        }
    }

    /// Stops forwarding `signal` (one subscription) to `poster`; nil drops all
    /// of the poster's subscriptions.
    func unsubscribe(_ poster: LoopPoster, signal: Int32?) {
        state.withLock { s in
            let key = ObjectIdentifier(poster)
            guard var sub = s.subscribers[key] else { return }
            if let signal {
                let left = (sub.signals[signal] ?? 0) - 1
                sub.signals[signal] = left > 0 ? left : nil
            } else {
                sub.signals = [:]
            }
            s.subscribers[key] = sub.signals.isEmpty ? nil : sub
            Self.restoreUnused(&s)
        }
    }

    /// Puts back the old disposition of signals nobody listens to. Lock held.
    private static func restoreUnused(_ s: inout State) {
        let live = Set(s.subscribers.values.filter { $0.poster != nil }.flatMap { $0.signals.keys })
        for (signal, old) in s.previous where !live.contains(signal) {
            var old = old
            sigaction(signal, &old, nil)
            s.previous[signal] = nil
        }
    }

    /// Reads pending signal bytes and forwards them to subscribers.
    /// Called by any subscribed loop when the pipe is readable.
    func drain() {
        let bytes = Posix.drain(readFD)
        guard !bytes.isEmpty else { return }
        var ordered: [Int32] = []
        for b in bytes where ordered.last != Int32(b) { ordered.append(Int32(b)) }
        let targets = state.withLock { s in
            s.subscribers.values.compactMap { sub in sub.poster.map { ($0, sub.signals) } }
        }
        for signal in ordered {
            for (poster, signals) in targets where signals[signal] != nil {
                poster.enqueueSignal(signal)
            }
        }
    }
}
