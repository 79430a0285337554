#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where encoded frames go: the real terminal or a test capture. Each call
/// writes one whole frame (the encoder builds it in memory first; small
/// unbuffered writes roughly halve the frame rate).
public protocol TerminalOutput: AnyObject {
    /// Writes one frame; an empty frame writes nothing.
    /// - Throws: `OutputError` when the bytes cannot be written.
    func write(_ frame: [UInt8]) throws
}

/// A failure to write to the terminal.
public enum OutputError: Error, Hashable, Sendable, CustomStringConvertible {
    /// write(2) failed with this errno.
    case writeFailed(errno: Int32)
    /// write(2) wrote nothing and reported no error (closed terminal).
    case closed

    public var description: String {
        switch self {
        case .writeFailed(let e): return "terminal write failed: \(String(cString: strerror(e))) (errno \(e))"
        case .closed: return "terminal write failed: the terminal is closed"
        }
    }
}

/// Writes frames to a file descriptor (normally the tty).
///
/// One frame is one write(2) when the kernel takes it all; partial writes
/// continue where they stopped, EINTR retries, and EAGAIN (a non-blocking
/// descriptor with a full buffer) waits with poll(2) until writable.
public final class FileDescriptorOutput: TerminalOutput {
    /// The descriptor written to (not closed by this object).
    public let fd: Int32

    /// Writes to `fd`, e.g. `STDOUT_FILENO`.
    public init(fd: Int32) { self.fd = fd }

    public func write(_ frame: [UInt8]) throws {
        var offset = 0
        try frame.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            while offset < raw.count {
                let n = systemWrite(fd, base + offset, raw.count - offset)
                if n > 0 {
                    offset += n
                    continue
                }
                if n == 0 { throw OutputError.closed }
                let e = errno
                if e == EINTR { continue }
                if e == EAGAIN || e == EWOULDBLOCK {
                    var p = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&p, 1, 1000)
                    continue
                }
                throw OutputError.writeFailed(errno: e)
            }
        }
    }
}

/// write(2), named apart from `TerminalOutput.write`.
private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, p, n)
    #else
    return Darwin.write(fd, p, n)
    #endif
}

/// Keeps frames in memory, for tests.
public final class CapturedOutput: TerminalOutput {
    /// Every non-empty frame written, in order.
    public private(set) var frames: [[UInt8]] = []

    /// Creates an empty capture.
    public init() {}

    public func write(_ frame: [UInt8]) throws {
        if !frame.isEmpty { frames.append(frame) }
    }

    /// All bytes written, concatenated.
    public var bytes: [UInt8] { frames.flatMap { $0 } }

    /// All bytes written as text, with ESC shown as `\e` (for test output).
    public var readable: String {
        String(decoding: bytes, as: UTF8.self).unicodeScalars.map { $0 == "\u{1B}" ? "\\e" : String($0) }.joined()
    }

    /// Forgets the frames.
    public func reset() { frames.removeAll() }
}
