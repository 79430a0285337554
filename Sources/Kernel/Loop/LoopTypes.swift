#if canImport(Glibc)
import Glibc
#endif

/// Readiness conditions for a watched file descriptor (poll(2) flags).
///
/// Ask for `.read` and/or `.write` in ``MainLoop/watch(fd:events:handler:)``;
/// the handler may also receive `.error`, `.hangup` or `.invalid`, which poll
/// reports whether asked for or not.
public struct PollEvents: OptionSet, Hashable, Sendable, CustomStringConvertible {
    /// The raw `poll(2)` bits.
    public let rawValue: Int16

    /// Creates a set from raw `poll(2)` bits.
    public init(rawValue: Int16) { self.rawValue = rawValue }

    /// Data can be read without blocking (`POLLIN`).
    public static let read = PollEvents(rawValue: Int16(POLLIN))
    /// Data can be written without blocking (`POLLOUT`).
    public static let write = PollEvents(rawValue: Int16(POLLOUT))
    /// An error condition (`POLLERR`).
    public static let error = PollEvents(rawValue: Int16(POLLERR))
    /// The other end hung up (`POLLHUP`); a read returns what is left, then 0.
    public static let hangup = PollEvents(rawValue: Int16(POLLHUP))
    /// The descriptor is not open (`POLLNVAL`); the loop drops such a watch.
    public static let invalid = PollEvents(rawValue: Int16(POLLNVAL))

    /// A readable list such as `[read, hangup]`.
    public var description: String {
        let names: [(PollEvents, String)] = [
            (.read, "read"), (.write, "write"), (.error, "error"),
            (.hangup, "hangup"), (.invalid, "invalid"),
        ]
        return "[" + names.filter { contains($0.0) }.map(\.1).joined(separator: ", ") + "]"
    }
}

/// Identifies a file-descriptor watch made with ``MainLoop/watch(fd:events:handler:)``.
public struct WatchID: KernelID {
    /// The integer id.
    public let raw: Int
    /// Wraps an integer id.
    public init(_ raw: Int) { self.raw = raw }
}

/// Identifies a timer made with ``MainLoop/after(ms:_:)`` or ``MainLoop/every(ms:_:)``.
public struct TimerID: KernelID {
    /// The integer id.
    public let raw: Int
    /// Wraps an integer id.
    public init(_ raw: Int) { self.raw = raw }
}

/// Identifies a signal hook made with ``MainLoop/onSignal(_:_:)``.
public struct SignalHookID: KernelID {
    /// The integer id.
    public let raw: Int
    /// Wraps an integer id.
    public init(_ raw: Int) { self.raw = raw }
}

/// Identifies a job started with ``JobManager/start(_:)``.
public struct JobID: KernelID {
    /// The integer id (1, 2, ... per manager).
    public let raw: Int
    /// Wraps an integer id.
    public init(_ raw: Int) { self.raw = raw }
}
