import Foundation
import Testing
@testable import Kernel
#if canImport(Glibc)
import Glibc
#endif

/// `JobManager.stop(_:)`: a plugin's jobs end with it (SIGTERM, then
/// SIGKILL for one that ignores it), reaped, without callbacks; other jobs
/// keep running.
@Suite("Jobs: stop some")
struct JobManagerStopTests {
    @Test func stopsAndReapsOnlyTheGivenJobsWithoutCallbacks() throws {
        let (loop, _) = try makeSystemLoop()
        let jobs = JobManager(loop: loop)
        let polite = JobRecord(), stubborn = JobRecord(), other = JobRecord()
        let a = try jobs.start(polite.spec(["sleep", "100"]))
        let b = try jobs.start(stubborn.spec(["/bin/sh", "-c", "trap '' TERM; echo ready; while :; do sleep 1; done"]))
        let c = try jobs.start(other.spec(["cat"]))
        #expect(loop.run(until: { stubborn.stdout == ["ready"] }, timeoutMs: 10_000))
        jobs.stop([a, b], graceMs: 100)
        #expect(isReaped(a.pid) && isReaped(b.pid))
        #expect(jobs.jobs.map(\.id) == [c.id])
        _ = loop.run(until: { false }, timeoutMs: 100)
        #expect(polite.exit == nil && stubborn.exit == nil, "stopped jobs run no callbacks")
        try c.write("still here\n")
        #expect(loop.run(until: { other.stdout == ["still here"] }, timeoutMs: 10_000))
        jobs.stopAll()
    }
}
