import Glibc
import Synchronization

/// When a byte of one streamed request last arrived, and a watchdog that
/// returns once the server has been silent for the read timeout. Lock-free
/// (one atomic timestamp); the watchdog sleeps until the deadline, so a
/// stream costs no periodic wake-ups.
public final class StreamWatch: Sendable {
    private let last = Atomic<UInt64>(StreamWatch.now())

    /// A watch whose clock starts now.
    public init() {}

    /// Records activity now (a byte arrived, or a retry is waiting).
    public func touch() {
        last.store(Self.now(), ordering: .relaxed)
    }

    /// Returns true once nothing arrived for `timeout` seconds, or false
    /// when the calling task is cancelled first (the request ended, or the
    /// user cancelled the stream).
    public func expired(after timeout: Double) async -> Bool {
        let limit = UInt64(max(0, timeout) * 1e9)
        while !Task.isCancelled {
            let deadline = last.load(ordering: .relaxed) &+ limit
            let now = Self.now()
            if now >= deadline { return true }
            do { try await Task.sleep(nanoseconds: deadline - now) } catch { return false }
        }
        return false
    }

    /// Monotonic nanoseconds.
    private static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}
