import Dispatch
import Foundation
import Glibc
import Synchronization

/// A minimal OpenAI-compatible streaming server on 127.0.0.1 for the
/// end-to-end benchmarks: every `POST` gets `200 text/event-stream`
/// (chunked, `Connection: close`) whose body is the next script's steps.
/// A step is a run of SSE events written in one chunk; after each step the
/// server waits for ``release()`` (lockstep with the client's frames), so a
/// benchmark decides exactly which deltas arrive together.
///
/// The server thread measures its own CPU time (``serverCPUNanos``) so the
/// benchmark can subtract it from the process's.
public final class LoopbackSSEServer: @unchecked Sendable {
    // Safe: `listener` and `port` are set once in init; `scripts` and
    // `serverCPU` are guarded by their Mutex/Atomic; the semaphores are
    // thread-safe.
    public let port: Int
    private let listener: Int32
    private let scripts = Mutex<[[[UInt8]]]>([])
    private let gate = DispatchSemaphore(value: 0)
    private let serverCPU = Atomic<UInt64>(0)
    private let stopped = Atomic<Bool>(false)

    /// Starts listening on a free port and serving on a thread of its own.
    public init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && listen(fd, 16) == 0
                && getsockname(fd, $0, &len) == 0 }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        listener = fd
        port = Int(UInt16(bigEndian: addr.sin_port))
        let thread = Thread { [self] in serve() }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Queues the body of the next response: `steps`, each written in one
    /// chunk (the server waits for ``release()`` before each step after
    /// the first).
    public func enqueue(_ steps: [[UInt8]]) {
        scripts.withLock { $0.append(steps) }
    }

    /// Lets the server write its next step.
    public func release() { gate.signal() }

    /// Stops accepting connections; the server thread ends.
    public func shutdown() {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        Glibc.shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    /// CPU time the server thread used so far (its own clock).
    public var serverCPUNanos: UInt64 { serverCPU.load(ordering: .acquiring) }

    private func serve() {
        while true {
            let fd = accept(listener, nil, nil)
            if stopped.load(ordering: .acquiring) { if fd >= 0 { close(fd) }; return }
            guard fd >= 0 else { continue }
            var flag: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &flag, socklen_t(MemoryLayout<Int32>.size))
            handle(fd)
            close(fd)
            recordCPU()
        }
    }

    private func handle(_ fd: Int32) {
        guard readRequest(fd) else { return }
        let steps = scripts.withLock { $0.isEmpty ? [] : $0.removeFirst() }
        write(fd, Array("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n".utf8))
        for (i, step) in steps.enumerated() {
            if i > 0 {
                recordCPU()
                gate.wait()
            }
            var chunk = Array(String(step.count, radix: 16).utf8) + [13, 10]
            chunk += step
            chunk += [13, 10]
            write(fd, chunk)
        }
        write(fd, Array("0\r\n\r\n".utf8))
    }

    /// Reads headers and a Content-Length body; false on a closed socket.
    private func readRequest(_ fd: Int32) -> Bool {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        var need = -1
        while need < 0 || data.count < need {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { return false }
            data += buffer[0..<n]
            if need < 0, let end = Self.find([13, 10, 13, 10], in: data) {
                let head = String(decoding: data[0..<end], as: UTF8.self).lowercased()
                let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst(15).trimmingCharacters(in: .whitespaces)) } ?? 0
                need = end + 4 + length
            }
        }
        return true
    }

    private func write(_ fd: Int32, _ bytes: [UInt8]) {
        var off = 0
        while off < bytes.count {
            let n = bytes[off...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            off += n
        }
    }

    private func recordCPU() {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        serverCPU.store(UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec), ordering: .releasing)
    }

    private static func find(_ needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        for i in 0...(hay.count - needle.count) where hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
        return nil
    }
}
