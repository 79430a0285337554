import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension JobManager {
    /// Stops `jobs` without running their callbacks (a plugin being
    /// unloaded): drops their pipes, sends SIGTERM to each process group,
    /// waits up to `graceMs` for them, then SIGKILLs the rest and waits
    /// (bounded, about 1 s). Blocks the loop thread briefly.
    public func stop(_ jobs: [Job], graceMs: Int = 200) {
        guard !jobs.isEmpty else { return }
        for job in jobs {
            forget(job)
            job.discard()
            job.kill(SIGTERM)
        }
        let left = reapQuietly(jobs, ms: graceMs)
        for job in left { job.kill(SIGKILL) }
        _ = reapQuietly(left, ms: 1_000)
    }

    /// Polls `waitpid` until all `jobs` are reaped or `ms` pass; returns the rest.
    private func reapQuietly(_ jobs: [Job], ms: Int) -> [Job] {
        var left = jobs
        let deadline = SystemClock().nowNanos &+ MainLoop.nanos(ms: ms)
        while !left.isEmpty {
            left.removeAll { $0.tryReapQuietly() }
            if left.isEmpty || SystemClock().nowNanos >= deadline { break }
            usleep(2_000)
        }
        return left
    }
}
