import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Exit detection. A pidfd (Linux 5.3+) becomes readable when the process
/// exits, so the job is reaped right away and never lingers as a zombie.
/// Without pidfd support the job is polled with `waitpid(WNOHANG)` once both
/// output pipes reach end-of-file, backing off from 1 ms to 250 ms. The exit
/// callback waits for both: the process reaped and all output delivered.
/// (A grandchild that keeps the pipes open therefore delays `onExit`.)
extension Job {
    func watchExit() {
        guard let loop, let fd = Posix.pidfdOpen(pid) else { return }
        pidfd = fd
        pidfdWatch = loop.watch(fd: fd, events: .read) { [weak self] _, _ in
            self?.reap()
        }
    }

    /// Both output pipes are closed: reap now, or keep trying.
    func outputClosed() {
        reap()
        if isRunning && pidfd == nil { scheduleReapPoll() }
    }

    private func scheduleReapPoll() {
        guard reapTimer == nil, let loop else { return }
        reapTimer = loop.after(ms: reapBackoffMs) { [weak self] in
            guard let self else { return }
            self.reapTimer = nil
            self.reapBackoffMs = min(self.reapBackoffMs * 2, 250)
            self.reap()
            if self.isRunning && !self.isFinished { self.scheduleReapPoll() }
        }
    }

    /// Collects the exit status if the process has exited (never blocks).
    func reap() {
        guard isRunning else { return }
        var status: Int32 = 0
        var rc: pid_t
        repeat { rc = waitpid(pid, &status, WNOHANG) } while rc < 0 && errno == EINTR
        if rc == pid {
            let decoded = Posix.decodeWaitStatus(status)
            recordExit(code: decoded.code, signal: decoded.signal)
        } else if rc < 0 {
            recordExit(code: -1, signal: 0)   // ECHILD: someone else reaped it
        }
    }

    private func recordExit(code: Int32, signal: Int32) {
        exitCode = code
        exitSignal = signal
        closePidfd()
        if let t = reapTimer { loop?.cancel(t) }
        reapTimer = nil
        finishIfDone()
    }

    private func closePidfd() {
        if let w = pidfdWatch { loop?.unwatch(w) }
        if let fd = pidfd { close(fd) }
        pidfdWatch = nil
        pidfd = nil
    }

    /// Runs `onExit` once the process is reaped and both streams are done.
    func finishIfDone() {
        guard !isFinished, let code = exitCode, stdoutStream.isDone, stderrStream.isDone else { return }
        isFinished = true
        closeStdinNow()
        manager?.forget(self)
        if let onExit = spec.onExit {
            do { try onExit(self, code, exitSignal ?? 0) } catch { loop?.reportError(error) }
        }
    }

    /// Drops the job without callbacks: stops all watches and closes every
    /// fd. Used by ``JobManager/stopAll(graceMs:)``; reaping is the
    /// manager's job afterwards.
    func discard() {
        isFinished = true
        closeStdinNow()
        for stream in [stdoutStream, stderrStream] {
            if let w = stream.watch { loop?.unwatch(w) }
            if let fd = stream.fd { close(fd) }
            stream.watch = nil
            stream.fd = nil
        }
        closePidfd()
        if let t = reapTimer { loop?.cancel(t) }
        reapTimer = nil
    }

    /// One non-blocking reap attempt for `stopAll`; true once reaped.
    func tryReapQuietly() -> Bool {
        guard isRunning else { return true }
        var status: Int32 = 0
        let rc = waitpid(pid, &status, WNOHANG)
        if rc == pid {
            let decoded = Posix.decodeWaitStatus(status)
            exitCode = decoded.code
            exitSignal = decoded.signal
            return true
        }
        if rc < 0 && errno != EINTR {
            exitCode = -1
            exitSignal = 0
            return true
        }
        return false
    }
}
