import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs clipboard tools: a copy on the loop (standard input written without
/// blocking, the exit watched, a time-out that stops a hung tool) and a
/// bounded synchronous read.
///
/// A copy waits for the tool's own process only, never for the end of its
/// output: `xclip` and `wl-copy` leave a child behind that keeps serving
/// the selection (and holds the pipes) after the tool itself exits 0.
final class ClipboardProcess {
    private let loop: MainLoop
    private let process: SpawnedProcess
    private let name: String
    private let done: (String?) -> Void
    private var input: [UInt8]
    private var written = 0
    private var stdinOpen = true
    private var inputWatch: WatchID?
    private var exitWatch: WatchID?
    private var pidfd: Int32?
    private var timer: TimerID?
    private var pollTimer: TimerID?
    private var finished = false

    private init(loop: MainLoop, process: SpawnedProcess, name: String, text: String, done: @escaping (String?) -> Void) {
        self.loop = loop
        self.process = process
        self.name = name
        self.done = done
        self.input = Array(text.utf8)
    }

    /// Starts `argv` with `text` on its standard input. `done` runs on the
    /// loop once, later, with nil when the tool exited 0, else what went
    /// wrong (its exit status and first line of standard error, or the
    /// time-out after which it was killed). The caller keeps the returned
    /// process until then.
    /// - Throws: `KernelError` when the program cannot be started.
    static func copy(_ argv: [String], text: String, loop: MainLoop, timeoutMs: Int,
                     done: @escaping (String?) -> Void) throws -> ClipboardProcess {
        let p = ClipboardProcess(loop: loop, process: try spawn(argv), name: argv[0], text: text, done: done)
        p.start(timeoutMs: timeoutMs)
        return p
    }

    private func start(timeoutMs: Int) {
        timer = loop.after(ms: timeoutMs) { [weak self] in
            guard let self else { return }
            self.timer = nil
            _ = Glibc.kill(-self.process.pid, SIGKILL)
            _ = Glibc.kill(self.process.pid, SIGKILL)
            self.finish("did not finish within \(timeoutMs) ms and was stopped")
        }
        flushInput()
        if stdinOpen {
            inputWatch = loop.watch(fd: process.stdin, events: .write) { [weak self] _, _ in self?.flushInput() }
        }
        if let fd = Posix.pidfdOpen(process.pid) {
            pidfd = fd
            exitWatch = loop.watch(fd: fd, events: .read) { [weak self] _, _ in self?.checkExit() }
        } else {
            schedulePoll(ms: 1)
        }
    }

    private func schedulePoll(ms: Int) {
        pollTimer = loop.after(ms: ms) { [weak self] in
            guard let self else { return }
            self.pollTimer = nil
            self.checkExit()
            if !self.finished { self.schedulePoll(ms: min(ms * 2, 50)) }
        }
    }

    private func flushInput() {
        guard stdinOpen else { return }
        while written < input.count {
            let n = input.withUnsafeBytes { raw in
                Glibc.write(process.stdin, raw.baseAddress! + written, input.count - written)
            }
            if n > 0 { written += n; continue }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return }
            break   // EPIPE: the tool stopped reading; its exit status tells why
        }
        closeInput()
    }

    private func closeInput() {
        guard stdinOpen else { return }
        stdinOpen = false
        if let w = inputWatch { _ = loop.unwatch(w) }
        inputWatch = nil
        close(process.stdin)
    }

    private func checkExit() {
        var status: Int32 = 0
        var rc: pid_t
        repeat { rc = waitpid(process.pid, &status, WNOHANG) } while rc < 0 && errno == EINTR
        guard rc == process.pid || rc < 0 else { return }
        let code = rc < 0 ? 0 : Posix.decodeWaitStatus(status).code
        if code == 0 {
            finish(nil)
        } else {
            let err = String(decoding: Posix.drain(process.stderr, limit: 2048), as: UTF8.self)
            let line = err.split(separator: "\n").first.map { ": " + $0 } ?? ""
            finish("exited with status \(code)\(line)")
        }
    }

    private func finish(_ failure: String?) {
        guard !finished else { return }
        finished = true
        closeInput()
        for t in [timer, pollTimer].compactMap({ $0 }) { _ = loop.cancel(t) }
        if let w = exitWatch { _ = loop.unwatch(w) }
        if let fd = pidfd { close(fd) }
        close(process.stdout)
        close(process.stderr)
        if failure != nil {
            // Reap a killed tool so it does not linger as a zombie.
            var status: Int32 = 0
            for _ in 0..<20 where waitpid(process.pid, &status, WNOHANG) == 0 { usleep(5_000) }
        }
        done(failure.map { "\(name) \($0)" })
    }

    /// Starts `argv` with weft's environment and three pipes.
    /// - Throws: `KernelError.invalidState` naming the program.
    private static func spawn(_ argv: [String]) throws -> SpawnedProcess {
        let env = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        do {
            return try ProcessSpawner.spawn(argv: argv, cwd: nil, env: env)
        } catch let e as KernelError {
            throw KernelError.invalidState(e.description)
        }
    }

    // MARK: - Reading

    /// Runs `argv` with no input and returns its standard output, waiting
    /// at most `timeoutMs` (the tool is killed then).
    /// - Throws: `KernelError.invalidState` naming the tool when it cannot
    ///   start, exits non-zero (with its first line of standard error) or
    ///   times out.
    static func read(_ argv: [String], timeoutMs: Int) throws -> String {
        let p = try spawn(argv)
        close(p.stdin)
        defer { close(p.stdout); close(p.stderr) }
        var out: [UInt8] = []
        var err: [UInt8] = []
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(max(1, timeoutMs)) * 1_000_000
        var open = (out: true, err: true)
        while open.out || open.err {
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else {
                _ = Glibc.kill(-p.pid, SIGKILL)
                var status: Int32 = 0
                _ = waitpid(p.pid, &status, 0)
                throw KernelError.invalidState("\(argv[0]) did not answer within \(timeoutMs) ms and was stopped")
            }
            var fds = [pollfd(fd: open.out ? p.stdout : -1, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: open.err ? p.stderr : -1, events: Int16(POLLIN), revents: 0)]
            let ms = Int32(min(1000, (deadline - now) / 1_000_000 + 1))
            if poll(&fds, 2, ms) < 0 && errno != EINTR { break }
            if open.out, fds[0].revents != 0 {
                let chunk = Posix.drain(p.stdout, limit: 1 << 20)
                if chunk.isEmpty { open.out = false } else { out += chunk }
            }
            if open.err, fds[1].revents != 0 {
                let chunk = Posix.drain(p.stderr, limit: 4096)
                if chunk.isEmpty { open.err = false } else if err.count < 4096 { err += chunk }
            }
        }
        var status: Int32 = 0
        var rc: pid_t
        repeat { rc = waitpid(p.pid, &status, 0) } while rc < 0 && errno == EINTR
        let code = rc == p.pid ? Posix.decodeWaitStatus(status).code : 0
        guard code == 0 else {
            let line = String(decoding: err, as: UTF8.self).split(separator: "\n").first.map { ": " + $0 } ?? ""
            throw KernelError.invalidState("\(argv[0]) exited with status \(code)\(line)")
        }
        return String(decoding: out, as: UTF8.self)
    }
}
