import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starts and tracks jobs on one ``MainLoop`` (docs/architecture.md, "Decisions": the one spawner).
///
/// ```swift
/// let jobs = JobManager(loop: loop)
/// let cat = try jobs.start(JobSpec(argv: ["cat"], onStdout: { _, line in print(line) }))
/// try cat.write("hello\n")
/// cat.closeStdin()
/// ...
/// jobs.stopAll()   // at quit: kill and reap whatever is left
/// ```
///
/// Creating a manager sets SIGPIPE to "ignore" for the whole process (a
/// write to a job that quit must be an error, not the end of weft);
/// children get the default disposition back.
public final class JobManager {
    /// The loop that runs the jobs' callbacks.
    public let loop: MainLoop
    private var running: [JobID: Job] = [:]
    private var nextID = 1
    /// Scratch space for pipe reads, shared by this manager's jobs.
    let readBuffer: UnsafeMutableRawBufferPointer

    /// Creates a manager whose jobs report on `loop`.
    public init(loop: MainLoop) {
        self.loop = loop
        readBuffer = .allocate(byteCount: 64 * 1024, alignment: 16)
        signal(SIGPIPE, SIG_IGN)
    }

    deinit {
        stopAll()
        readBuffer.deallocate()
    }

    /// Spawns `spec.argv` with pipes on stdin, stdout and stderr.
    /// - Returns: the running job; its callbacks run on the loop.
    /// - Throws: ``KernelError`` with a clear message: `.notFound` for a
    ///   missing executable or cwd, `.invalidArgument` for an empty command,
    ///   a NUL byte or a non-executable file, `.invalidState` when the system
    ///   refuses (too many processes or open files).
    @discardableResult
    public func start(_ spec: JobSpec) throws -> Job {
        let env = spec.environment(inherited: ProcessInfo.processInfo.environment)
        let process: SpawnedProcess
        do {
            process = try ProcessSpawner.spawn(argv: spec.argv, cwd: spec.cwd, env: env)
        } catch let error as KernelError {
            throw error.prefixed("job.start")
        }
        let job = Job(id: JobID(nextID), process: process, spec: spec, loop: loop, manager: self)
        nextID += 1
        running[job.id] = job
        job.attach()
        return job
    }

    /// The job with this id, while it has not finished.
    public func job(_ id: JobID) -> Job? {
        running[id]
    }

    /// Jobs whose exit callback has not run yet, in start order.
    public var jobs: [Job] {
        running.values.sorted { $0.id < $1.id }
    }

    func forget(_ job: Job) {
        running[job.id] = nil
    }

    /// Kills and reaps every job, without running their callbacks: sends
    /// SIGTERM to each process group, waits up to `graceMs` for them to
    /// exit, then SIGKILLs the rest and waits (bounded, about 2 s) for
    /// them. Blocks the loop thread; meant for quitting.
    public func stopAll(graceMs: Int = 200) {
        let all = jobs
        running = [:]
        guard !all.isEmpty else { return }
        for job in all {
            job.discard()
            job.kill(SIGTERM)
        }
        var left = waitForReap(all, ms: graceMs)
        for job in left { job.kill(SIGKILL) }
        left = waitForReap(left, ms: 2_000)
        _ = left   // unkillable (e.g. stuck in the kernel): nothing more to do
    }

    /// Polls `waitpid` until all jobs are reaped or `ms` pass; returns the rest.
    private func waitForReap(_ jobs: [Job], ms: Int) -> [Job] {
        var left = jobs.filter { !$0.tryReapQuietly() }
        let deadline = SystemClock().nowNanos &+ MainLoop.nanos(ms: ms)
        while !left.isEmpty && SystemClock().nowNanos < deadline {
            usleep(1_000)
            left = left.filter { !$0.tryReapQuietly() }
        }
        return left
    }
}
