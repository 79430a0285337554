import Foundation
import Kernel
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

/// Runs `/bin/sh -c` in `cwd` through the kernel's ``ProcessSpawner`` (its
/// own process group, stdin at end of file, stdout and stderr on one pipe),
/// polling the pipe with a deadline. Blocking: call it off the main thread.
enum CommandRunner {
    /// Runs `command`; the output keeps its first and last `cap / 2` bytes.
    /// - Throws: ``KernelError`` naming what could not start.
    static func run(_ command: String, cwd: String, timeout: Double, cap: Int,
                    cancellation: ToolCancellation?) throws -> CommandRun {
        let env = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        let child = try ProcessSpawner.spawn(argv: ["/bin/sh", "-c", command], cwd: cwd, env: env,
                                             mergeStderr: true)
        close(child.stdin)
        defer { close(child.stdout) }
        var collector = OutputCollector(cap: cap)
        let (timedOut, cancelled) = pump(child.stdout, pid: child.pid, timeout: timeout,
                                         cancellation: cancellation, into: &collector)
        let code = reap(child.pid)
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
