import Foundation
import Glibc
import Synchronization
import Kernel

/// The process of one stdio MCP server: started by ``ProcessSpawner`` in
/// its own process group, its standard output split into lines on a
/// dedicated reader thread (JSON lines go to ``onLine``, anything else is
/// kept as "garbage" for error messages), its standard error's tail kept
/// for error messages, reaped when its output ends.
///
/// Thread-safe: one `Mutex` guards the state the reader thread updates.
final class MCPChild: Sendable {
    /// The most standard error kept (the end of it).
    static let stderrLimit = 4096

    let pid: pid_t
    let stdin: Int32
    private let io: SpawnedProcess

    /// What the reader thread learns about the child.
    private struct Seen {
        var stderrTail: [UInt8] = []
        var garbage: [String] = []
        var exitDetail: String?
    }

    private let seen = Mutex(Seen())

    /// Starts `argv` in `cwd` with `env` (`KEY=VALUE`).
    /// - Throws: the spawner's error (missing program, bad directory).
    init(argv: [String], cwd: String?, env: [String]) throws {
        io = try ProcessSpawner.spawn(argv: argv, cwd: cwd, env: env)
        pid = io.pid
        stdin = io.stdin
        MCPChildren.shared.add(self)
    }

    /// Starts the reader thread: `onLine` gets each JSON line of standard
    /// output, `onExit` the reason once the output ended and the child was
    /// reaped.
    func startReading(onLine: @escaping @Sendable (Data) -> Void, onExit: @escaping @Sendable (String) -> Void) {
        let thread = Thread { [self] in
            readLoop(onLine: onLine)
            let detail = reap()
            MCPChildren.shared.remove(self)
            onExit(detail)
        }
        thread.name = "mcp-child-\(pid)"
        thread.start()
    }

    /// Writes all of `data` to the child's standard input, waiting up to
    /// `timeout` seconds for room in the pipe.
    /// - Throws: ``MCPError`` text when the pipe is closed or full too long.
    func write(_ data: Data, timeout: Double = 10) throws {
        try data.withUnsafeBytes { raw in
            var offset = 0
            let deadline = Date(timeIntervalSinceNow: timeout)
            while offset < raw.count {
                let n = Glibc.write(stdin, raw.baseAddress! + offset, raw.count - offset)
                if n > 0 { offset += n; continue }
                if n < 0 && errno == EINTR { continue }
                if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK), deadline.timeIntervalSinceNow > 0 {
                    var p = pollfd(fd: stdin, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&p, 1, 100)
                    continue
                }
                throw ChildWriteError(reason: n < 0 && errno == EPIPE ? "its input is closed" : "it stopped reading its input")
            }
        }
    }

    /// Sends `signal` to the child's process group (a no-op once reaped).
    func signal(_ sig: Int32) {
        if exited == nil { _ = Glibc.kill(-pid, sig) }
    }

    /// Why the child ended (nil while it runs).
    var exited: String? {
        seen.withLock { $0.exitDetail }
    }

    /// What the child printed that was not JSON on standard output, and
    /// the end of its standard error, for error messages ("" if nothing).
    var diagnostics: String {
        let (garbage, stderrTail) = seen.withLock { ($0.garbage, $0.stderrTail) }
        var parts: [String] = []
        if let g = garbage.last {
            parts.append("it printed non-JSON on stdout: \(Self.clip(g).debugDescription)")
        }
        let err = String(decoding: stderrTail, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if !err.isEmpty {
            let lines = err.split(separator: "\n").suffix(3).joined(separator: " | ")
            parts.append("stderr: \(Self.clip(lines, 300))")
        }
        return parts.joined(separator: "; ")
    }

    private func readLoop(onLine: @Sendable (Data) -> Void) {
        var pending: [UInt8] = []
        var open: [Int32] = [io.stdout, io.stderr]
        var buffer = [UInt8](repeating: 0, count: 65536)
        while open.contains(io.stdout) {
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            if poll(&fds, nfds_t(fds.count), -1) < 0 {
                if errno == EINTR { continue }
                break
            }
            for p in fds where p.revents != 0 {
                let n = buffer.withUnsafeMutableBytes { Glibc.read(p.fd, $0.baseAddress!, $0.count) }
                if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
                if n <= 0 { open.removeAll { $0 == p.fd }; continue }
                if p.fd == io.stderr { keepStderr(buffer[0..<n]); continue }
                pending += buffer[0..<n]
                while let nl = pending.firstIndex(of: 0x0A) {
                    deliver(pending[..<nl], onLine)
                    pending.removeSubrange(...nl)
                }
            }
        }
        if !pending.isEmpty { deliver(pending[...], onLine) }
    }

    private func deliver(_ line: ArraySlice<UInt8>, _ onLine: @Sendable (Data) -> Void) {
        let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        guard let first = trimmed.first else { return }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            onLine(Data(trimmed))
        } else {
            let text = String(decoding: trimmed, as: UTF8.self)
            seen.withLock { s in
                s.garbage.append(text)
                if s.garbage.count > 8 { s.garbage.removeFirst() }
            }
        }
    }

    private func keepStderr(_ bytes: ArraySlice<UInt8>) {
        seen.withLock { s in
            s.stderrTail += bytes
            if s.stderrTail.count > Self.stderrLimit { s.stderrTail.removeFirst(s.stderrTail.count - Self.stderrLimit) }
        }
    }

    /// Waits for the child (half a second, then kills its group), closes
    /// the pipes and records why it ended.
    private func reap() -> String {
        var status: Int32 = 0
        var rc: pid_t = 0
        for _ in 0..<50 {
            rc = waitpid(pid, &status, WNOHANG)
            if rc != 0 && !(rc < 0 && errno == EINTR) { break }
            usleep(10_000)
        }
        if rc == 0 {
            _ = Glibc.kill(-pid, SIGKILL)
            repeat { rc = waitpid(pid, &status, 0) } while rc < 0 && errno == EINTR
        }
        close(io.stdout)
        close(io.stderr)
        close(io.stdin)
        let low = status & 0x7f
        var detail = rc < 0 ? "it ended" : low == 0 ? "exit status \((status >> 8) & 0xff)" : "killed by signal \(low)"
        let diag = diagnostics
        if !diag.isEmpty { detail += "; " + diag }
        seen.withLock { $0.exitDetail = detail }
        return detail
    }

    static func clip(_ s: String, _ limit: Int = 120) -> String {
        s.count <= limit ? s : String(s.prefix(limit)) + "…"
    }
}

/// Writing to a child failed.
struct ChildWriteError: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}

/// Every MCP server process still running, so weft can kill them all when
/// it exits (even on paths that skip the servers' orderly shutdown).
public final class MCPChildren: Sendable {
    /// The one registry.
    public static let shared = MCPChildren()
    private let children = Mutex<[pid_t: MCPChild]>([:])

    func add(_ c: MCPChild) {
        children.withLock { $0[c.pid] = c }
    }

    func remove(_ c: MCPChild) {
        children.withLock { $0[c.pid] = nil }
    }

    /// The pids of the running server processes.
    public var pids: [Int32] {
        children.withLock { Array($0.keys) }
    }

    /// Sends SIGTERM, then after `grace` seconds SIGKILL, to every server
    /// process group still running. Synchronous (for exit paths).
    public func killAll(grace: Double = 0.2) {
        let pids = self.pids
        guard !pids.isEmpty else { return }
        for p in pids { _ = Glibc.kill(-p, SIGTERM) }
        let deadline = Date(timeIntervalSinceNow: grace)
        while Date() < deadline, !self.pids.isEmpty { usleep(10_000) }
        for p in self.pids { _ = Glibc.kill(-p, SIGKILL) }
    }
}
