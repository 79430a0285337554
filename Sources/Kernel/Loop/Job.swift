import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A running child process started by ``JobManager/start(_:)``.
///
/// All methods must be called on the loop thread. The job stays alive (held
/// by its manager) until its exit callback has run.
public final class Job {
    /// This job's id within its manager.
    public let id: JobID
    /// The child's process id (also its process group id).
    public let pid: Int32
    /// The command line it was started with.
    public let argv: [String]
    /// The exit code once the process has been reaped (`128 + signal` if
    /// killed by a signal; -1 if the status was lost to another reaper).
    public internal(set) var exitCode: Int32?
    /// The signal that killed the process, 0 if it exited normally; nil
    /// while running.
    public internal(set) var exitSignal: Int32?
    /// True once `onExit` has run (or the job was dropped by `stopAll`).
    public internal(set) var isFinished = false

    /// True until the process has exited and been reaped.
    public var isRunning: Bool { exitCode == nil }

    let spec: JobSpec
    weak var loop: MainLoop?
    weak var manager: JobManager?

    // Standard input.
    var stdinFD: Int32?
    var stdinWatch: WatchID?
    var input: [UInt8] = []
    var inputOffset = 0
    var closeStdinWhenFlushed = false

    // Output streams and exit tracking.
    let stdoutStream: JobStream
    let stderrStream: JobStream
    var pidfd: Int32?
    var pidfdWatch: WatchID?
    var reapTimer: TimerID?
    var reapBackoffMs = 1

    init(id: JobID, process: SpawnedProcess, spec: JobSpec, loop: MainLoop, manager: JobManager) {
        self.id = id
        self.pid = process.pid
        self.argv = spec.argv
        self.spec = spec
        self.loop = loop
        self.manager = manager
        self.stdinFD = process.stdin
        self.stdoutStream = JobStream(fd: process.stdout, isStderr: false)
        self.stderrStream = JobStream(fd: process.stderr, isStderr: true)
    }

    // MARK: - Input

    /// Queues `text` (UTF-8) for the child's standard input. Written without
    /// blocking: what the pipe cannot take now is flushed when it is writable.
    /// - Throws: ``KernelError/invalidState(_:)`` after ``closeStdin()`` or
    ///   once the job has finished.
    public func write(_ text: String) throws {
        try write(bytes: Array(text.utf8))
    }

    /// Queues raw bytes for the child's standard input (see ``write(_:)``).
    public func write(bytes: [UInt8]) throws {
        guard stdinFD != nil, !closeStdinWhenFlushed else {
            throw KernelError.invalidState("job \(id.raw): stdin is closed")
        }
        input.append(contentsOf: bytes)
        flushInput()
    }

    /// Closes the child's standard input once queued input is written, so it
    /// sees end-of-file. Harmless if already closed.
    public func closeStdin() {
        guard stdinFD != nil else { return }
        closeStdinWhenFlushed = true
        flushInput()
    }

    /// True while the child's standard input is open for ``write(_:)``.
    public var isStdinOpen: Bool { stdinFD != nil && !closeStdinWhenFlushed }

    /// Bytes queued for standard input and not yet written.
    public var pendingInputCount: Int { input.count - inputOffset }

    // MARK: - Signals

    /// Sends `signal` (default SIGTERM) to the job's process group, so
    /// children of a shell command get it too.
    /// - Returns: false if the process already exited or the signal could
    ///   not be sent.
    @discardableResult
    public func kill(_ signal: Int32 = SIGTERM) -> Bool {
        guard isRunning else { return false }
        if Glibc.kill(-pid, signal) == 0 { return true }
        return Glibc.kill(pid, signal) == 0
    }
}

/// One output pipe of a job: its fd, line splitter, and the lines read but
/// not yet handed to the callback (delivery is in order even when a
/// callback re-enters the loop).
final class JobStream {
    var fd: Int32?
    var watch: WatchID?
    var lines = LineBuffer()
    var queue: [String] = []
    var queueHead = 0
    var isDelivering = false
    let isStderr: Bool

    init(fd: Int32, isStderr: Bool) {
        self.fd = fd
        self.isStderr = isStderr
    }

    /// True when the pipe is closed and every line has been delivered.
    var isDone: Bool { fd == nil && queueHead == queue.count && !isDelivering }
}
