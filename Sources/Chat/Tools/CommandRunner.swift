import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The outcome of ``CommandRunner/run(_:cwd:timeout:cap:cancellation:)``.
struct CommandRun: Equatable {
    /// Combined stdout and stderr (lossy UTF-8), head and tail if capped.
    var output: String
    /// Bytes dropped from the middle because of the cap.
    var truncatedBytes: Int
    /// Exit status, or 128 + signal number.
    var exitCode: Int32
    /// True if the time limit killed it.
    var timedOut: Bool
    /// True if a cancel killed it.
    var cancelled: Bool
}

/// Why a command could not be started.
struct CommandRunnerError: Error, CustomStringConvertible {
    let description: String
}

/// Runs `/bin/sh -c` in its own process group with stdout and stderr on one
/// pipe, polling it with a deadline. Blocking: call it off the main thread.
enum CommandRunner {
    static func run(_ command: String, cwd: String, timeout: Double, cap: Int,
                    cancellation: ToolCancellation?) throws -> CommandRun {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else {
            throw CommandRunnerError(description: "cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        let readFD = fds[0], writeFD = fds[1]
        _ = fcntl(readFD, F_SETFD, FD_CLOEXEC)
        _ = fcntl(writeFD, F_SETFD, FD_CLOEXEC)
        let pid: pid_t
        do {
            pid = try spawn(command, cwd: cwd, output: writeFD)
        } catch {
            close(readFD)
            close(writeFD)
            throw error
        }
        close(writeFD)
        defer { close(readFD) }
        var collector = OutputCollector(cap: cap)
        let (timedOut, cancelled) = pump(readFD, pid: pid, timeout: timeout, cancellation: cancellation, into: &collector)
        let code = reap(pid)
        let (text, dropped) = collector.result()
        return CommandRun(output: text, truncatedBytes: dropped, exitCode: code, timedOut: timedOut, cancelled: cancelled)
    }

    /// Reads until EOF; on timeout or cancel kills the group and reads what
    /// is left for at most a second more.
    private static func pump(_ fd: Int32, pid: pid_t, timeout: Double, cancellation: ToolCancellation?,
                             into collector: inout OutputCollector) -> (Bool, Bool) {
        let deadline = Date(timeIntervalSinceNow: timeout)
        var killedAt: Date?
        var timedOut = false, cancelled = false
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            if killedAt == nil {
                if Date() >= deadline { timedOut = true } else if cancellation?.isCancelled == true { cancelled = true }
                if timedOut || cancelled {
                    kill(-pid, SIGKILL)
                    kill(pid, SIGKILL)
                    killedAt = Date()
                }
            } else if let at = killedAt, Date().timeIntervalSince(at) > 1 {
                break
            }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, 100)
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { continue }
            let n = read(fd, &buffer, buffer.count)
            if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            if n <= 0 { break }
            collector.append(buffer[0..<n])
        }
        return (timedOut, cancelled)
    }

    private static func reap(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    private static func spawn(_ command: String, cwd: String, output: Int32) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, output, 2)

        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD, SIGTSTP, SIGTTIN, SIGTTOU] { sigaddset(&defaults, s) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attr, &defaults)
        posix_spawnattr_setsigmask(&attr, &empty)
        posix_spawnattr_setpgroup(&attr, 0)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        // cd first (posix_spawn has no portable chdir action), then exec a
        // fresh shell on the command so `$0` and `$@` behave as usual.
        let script = #"cd -- "$1" || exit 126; exec /bin/sh -c "$2""#
        let argv = ["/bin/sh", "-c", script, "weft-run", cwd, command]
        let cArgv = argv.map { strdup($0) } + [nil]
        defer { cArgv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, "/bin/sh", &actions, &attr, cArgv, environ)
        guard rc == 0 else {
            throw CommandRunnerError(description: "cannot start /bin/sh: \(String(cString: strerror(rc)))")
        }
        return pid
    }
}

/// Keeps the first and last `cap / 2` bytes of a stream.
struct OutputCollector {
    let cap: Int
    private var head: [UInt8] = []
    private var tail: [UInt8] = []
    private var total = 0

    init(cap: Int) { self.cap = max(2, cap) }

    mutating func append(_ bytes: ArraySlice<UInt8>) {
        total += bytes.count
        let half = cap / 2
        var rest = bytes
        if head.count < half {
            let take = min(half - head.count, rest.count)
            head += rest.prefix(take)
            rest = rest.dropFirst(take)
        }
        guard !rest.isEmpty else { return }
        tail += rest
        if tail.count > 2 * half { tail.removeFirst(tail.count - half) }
    }

    /// The text and how many bytes were dropped.
    func result() -> (String, Int) {
        let half = cap / 2
        let keptTail = tail.suffix(half)
        let dropped = total - head.count - keptTail.count
        if dropped <= 0 { return (String(decoding: head + tail, as: UTF8.self), 0) }
        let text = String(decoding: head, as: UTF8.self) + "\n[…]\n" + String(decoding: keptTail, as: UTF8.self)
        return (text, dropped)
    }
}
