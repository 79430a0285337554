#if canImport(Glibc)
import Glibc
#endif

/// Writes to the process's standard output and standard error with write(2).
///
/// Glibc's `stdout`/`stderr` are global mutable C variables, which Swift 6
/// rejects in concurrent code; these go straight to file descriptors 1 and 2,
/// unbuffered, and retry short writes and `EINTR`.
///
/// ```swift
/// StandardStream.error.write("weft: no such file\n")
/// ```
public enum StandardStream: Sendable {
    /// File descriptor 1.
    case output
    /// File descriptor 2.
    case error

    /// The file descriptor behind the stream.
    public var fd: Int32 { self == .output ? 1 : 2 }

    /// Writes `text` as UTF-8; returns false when the stream is closed or
    /// broken (EPIPE, EBADF), so callers can choose an exit code.
    @discardableResult
    public func write(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { write(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Writes raw bytes; returns false when the stream is closed or broken.
    @discardableResult
    public func write(bytes: UnsafeRawBufferPointer) -> Bool {
        guard var p = bytes.baseAddress else { return true }
        var left = bytes.count
        while left > 0 {
            let n = Glibc.write(fd, p, left)
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return false
            }
            p += n
            left -= n
        }
        return true
    }
}
