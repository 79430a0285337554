import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A child process driven synchronously, outside the main loop: started by
/// ``ProcessSpawner`` (so it inherits no fd but its three pipes), read with
/// poll(2) and reaped with waitpid(2) on its own pid.
///
/// Test fixtures use it instead of Foundation's `Process`, whose exit
/// detection on Linux waits for a socket that every process spawned at the
/// same moment may inherit: a fixture killed while a sibling lived on was
/// then "running" until the sibling exited (10 minutes in one CI run).
/// Thread-safe: the reaped flag and the bytes read past the last line sit
/// in one mutex.
final class ChildProcess: Sendable {
    /// The child's pid (also its process group).
    let pid: pid_t
    private let io: SpawnedProcess
    private struct State {
        var reaped = false
        var pending: [UInt8] = []
    }
    private let state = Mutex(State())

    /// Starts `argv` (looked up in `PATH`) with this process's environment.
    /// - Throws: ``KernelError`` naming the program when it cannot start.
    init(_ argv: [String]) throws {
        let env = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        io = try ProcessSpawner.spawn(argv: argv, cwd: nil, env: env)
        pid = io.pid
        close(io.stdin)
    }

    deinit {
        kill()
        close(io.stdout)
        close(io.stderr)
    }

    /// The next line of standard output without its newline, or nil at end
    /// of output or after `timeout` seconds.
    func readLine(timeout: Double) -> String? {
        let deadline = Date(timeIntervalSinceNow: timeout)
        while true {
            let line = state.withLock { s -> String? in
                guard let nl = s.pending.firstIndex(of: 0x0A) else { return nil }
                let line = String(decoding: s.pending[..<nl], as: UTF8.self)
                s.pending.removeFirst(nl + 1)
                return line
            }
            if let line { return line }
            let left = deadline.timeIntervalSinceNow
            guard left > 0, waitReadable(io.stdout, seconds: left) else { return nil }
            let bytes = Posix.drain(io.stdout)
            if bytes.isEmpty { return nil }
            state.withLock { $0.pending += bytes }
        }
    }

    /// Reads standard output to its end (standard error is drained alongside
    /// so a chatty child never blocks), then reaps the child.
    /// - Returns: the exit code (128 + signal when killed) and the output.
    func finish() -> (status: Int32, output: [UInt8]) {
        var out = state.withLock { s in
            defer { s.pending = [] }
            return s.pending
        }
        var open: Set<Int32> = [io.stdout, io.stderr]
        while !open.isEmpty {
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            if poll(&fds, nfds_t(fds.count), -1) < 0 {
                if errno == EINTR { continue }
                break
            }
            for p in fds where p.revents != 0 {
                let bytes = Posix.drain(p.fd, limit: 1 << 16)
                if bytes.isEmpty { open.remove(p.fd) } else if p.fd == io.stdout { out += bytes }
            }
        }
        return (reap(), out)
    }

    /// Sends SIGKILL to the child's process group and reaps it; a no-op
    /// once reaped.
    func kill() {
        guard !state.withLock({ $0.reaped }) else { return }
        _ = Glibc.kill(-pid, SIGKILL)
        _ = reap()
    }

    /// Waits for the child to exit; its exit code, or 128 + the signal.
    @discardableResult
    func reap() -> Int32 {
        state.withLock { s in
            if s.reaped { return -1 }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            s.reaped = true
            return Posix.decodeWaitStatus(status).code
        }
    }

    private func waitReadable(_ fd: Int32, seconds: Double) -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ms = Int32(min(seconds * 1000, Double(Int32.max)).rounded(.up))
        while true {
            let rc = poll(&p, 1, ms)
            if rc < 0 && errno == EINTR { continue }
            return rc > 0
        }
    }
}
