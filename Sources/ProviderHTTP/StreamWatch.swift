import Chat
import Foundation

/// Shared state of one streamed request: when a byte last arrived, and
/// whether the request timed out. Lock-protected.
public final class StreamWatch: @unchecked Sendable {
    private let lock = NSLock()
    private var last = Date()
    private var expired = false

    /// A watch whose clock starts now.
    public init() {}

    /// Records activity now (a byte arrived, or a retry is waiting).
    public func touch() {
        lock.lock()
        last = Date()
        lock.unlock()
    }

    /// True once ``watch(handle:timeout:)`` gave up on the server.
    public var timedOut: Bool {
        lock.lock()
        defer { lock.unlock() }
        return expired
    }

    /// Marks the watch expired when idle longer than `timeout`; true if so.
    private func expire(after timeout: Double) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if Date().timeIntervalSince(last) > timeout { expired = true }
        return expired
    }

    /// Returns when the stream is cancelled by the user, or when nothing
    /// arrived for `timeout` seconds (then ``timedOut`` is true). Polls
    /// every 20 ms; the caller cancels it when the request ends first.
    public func watch(handle: ProviderStream, timeout: Double) async {
        while !Task.isCancelled {
            if handle.isCancelled || expire(after: timeout) { return }
            try? await Task.sleep(nanoseconds: 20_000_000)
        }
    }
}
