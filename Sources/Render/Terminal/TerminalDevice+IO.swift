import Foundation
#if canImport(Glibc)
import Glibc
#endif

// MARK: - Size, read, write

extension TerminalDevice {
    /// The terminal size from `TIOCGWINSZ` (output, then input descriptor);
    /// else `$COLUMNS` x `$LINES`; else 80x24.
    public func size() -> Size {
        for fd in [outputFD, inputFD] {
            var ws = winsize()
            if ioctl(fd, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0, ws.ws_row > 0 {
                return Size(width: Int(ws.ws_col), height: Int(ws.ws_row))
            }
        }
        let env = ProcessInfo.processInfo.environment
        let cols = env["COLUMNS"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } ?? 80
        let lines = env["LINES"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } ?? 24
        return Size(width: cols, height: lines)
    }

    /// Reads what is available now without blocking (up to 1 MiB); empty
    /// when nothing is (or on end of file or error).
    public func read() -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while result.count < 1 << 20 && TerminalDevice.isReadable(inputFD) {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(inputFD, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            result.append(contentsOf: chunk[0..<n])
            if n < chunk.count { break }
        }
        return result
    }

    /// Writes all of `bytes`, retrying on EINTR and waiting on EAGAIN.
    /// - Throws: ``TerminalError/write(_:)`` on any other error.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { buf in
            guard let base = buf.baseAddress else { return }
            var offset = 0
            while offset < buf.count {
                let n = Glibc.write(outputFD, base + offset, buf.count - offset)
                if n > 0 {
                    offset += n
                } else if n < 0 && (errno == EINTR) {
                    continue
                } else if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                    var p = pollfd(fd: outputFD, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&p, 1, 1000)
                } else {
                    throw TerminalError.write(String(cString: strerror(errno)))
                }
            }
        }
    }

    /// Whether `fd` has input ready right now.
    static func isReadable(_ fd: Int32) -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while true {
            let r = poll(&p, 1, 0)
            if r < 0 && errno == EINTR { continue }
            return r > 0 && p.revents & Int16(POLLIN) != 0
        }
    }
}
