import Foundation
import Testing
@testable import Kernel
#if canImport(Glibc)
import Glibc
#endif

@Suite("Jobs")
struct JobTests {
    @Test func catEchoesLinesWrittenToStdin() throws {
        let (loop, errors) = try makeSystemLoop()
        let jobs = JobManager(loop: loop)
        let r = JobRecord()
        let job = try jobs.start(r.spec(["cat"]))
        #expect(job.pid > 0)
        #expect(jobs.job(job.id) === job)
        try job.write("alpha\nbeta\n")
        try job.write("gamma\r\ndelta")
        #expect(loop.run(until: { r.stdout.count == 3 }, timeoutMs: 20_000))
        job.closeStdin()
        #expect(!job.isStdinOpen)
        #expect(throws: KernelError.self) { try job.write("late\n") }
        #expect(waitForExit(loop, r))
        #expect(r.stdout == ["alpha", "beta", "gamma", "delta"])
        #expect(r.stdoutAtExit == 4, "exit must come after all output")
        #expect(r.exit?.code == 0 && r.exit?.signal == 0)
        #expect(job.isFinished && !job.isRunning)
        #expect(jobs.job(job.id) == nil)
        #expect(errors.value.isEmpty)
    }

    @Test func stderrAndFinalPartialLines() throws {
        let (loop, _) = try makeSystemLoop()
        let jobs = JobManager(loop: loop)
        let r = JobRecord()
        try jobs.start(r.spec(["/bin/sh", "-c", "echo out; echo err1 >&2; printf 'err2' >&2; printf 'tail'"]))
        #expect(waitForExit(loop, r))
        #expect(r.stdout == ["out", "tail"])
        #expect(r.stderr == ["err1", "err2"])
        #expect(r.stdoutAtExit == 2)
    }

    @Test func exitCodeIsReported() throws {
        let (loop, _) = try makeSystemLoop()
        let jobs = JobManager(loop: loop)
        let r = JobRecord()
        let job = try jobs.start(r.spec(["/bin/sh", "-c", "exit 3"]))
        #expect(waitForExit(loop, r))
        #expect(r.exit?.code == 3 && r.exit?.signal == 0)
        #expect(job.exitCode == 3 && job.exitSignal == 0)
    }

    @Test func killWithSigtermReportsSignal15() throws {
        let (loop, _) = try makeSystemLoop()
        let jobs = JobManager(loop: loop)
        let r = JobRecord()
        let job = try jobs.start(r.spec(["sleep", "1000"]))
        loop.runUntilIdle()
        #expect(loop.pollTimeout(cap: -1) == -1, "a quiet running job must not wake the loop")
        #expect(job.kill(SIGTERM))
        #expect(waitForExit(loop, r))
        #expect(r.exit?.signal == SIGTERM)
        #expect(r.exit?.code == 128 + SIGTERM)
        #expect(!job.kill(SIGTERM), "kill after exit is a no-op")
        #expect(isReaped(job.pid))
    }

    @Test func killReachesTheWholeProcessGroup() throws {
        let (loop, _) = try makeSystemLoop()
        let jobs = JobManager(loop: loop)
        let r = JobRecord()
        // The background sleep holds stdout open: only a group kill lets EOF come.
        let job = try jobs.start(r.spec(["/bin/sh", "-c", "sleep 1000 & echo started; wait"]))
        #expect(loop.run(until: { r.stdout == ["started"] }, timeoutMs: 20_000))
        job.kill()
        #expect(waitForExit(loop, r, timeoutMs: 20_000))
        #expect(r.exit?.signal == SIGTERM)
    }

    @Test func tenMegabytesArriveComplete() throws {
        let (loop, _) = try makeSystemLoop()
        let jobs = JobManager(loop: loop)
        var count = 0, bytes = 0, bad = 0
        var exited = false
        let spec = JobSpec(
            argv: ["/bin/sh", "-c", "head -c 10000000 /dev/zero | tr '\\0' 'x' | fold -w 100"],
            onStdout: { _, line in
                count += 1
                bytes += line.utf8.count
                if line.utf8.count != 100 { bad += 1 }
            },
            onExit: { _, _, _ in exited = true })
        try jobs.start(spec)
        #expect(loop.run(until: { exited }, timeoutMs: 120_000))
        #expect(count == 100_000)
        #expect(bytes == 10_000_000)
        #expect(bad == 0)
    }

    @Test func largeStdinIsWrittenWithoutBlocking() throws {
        let (loop, _) = try makeSystemLoop()
        let jobs = JobManager(loop: loop)
        let r = JobRecord()
        let job = try jobs.start(r.spec(["cat"]))
        let line = String(repeating: "y", count: 999)
        let chunk = String(repeating: line + "\n", count: 1_000)   // 1 MB: more than a pipe holds
        try job.write(chunk)
        #expect(job.pendingInputCount > 0, "pipe should be full; the rest waits for writability")
        job.closeStdin()
        #expect(waitForExit(loop, r, timeoutMs: 60_000))
        #expect(r.stdout.count == 1_000)
        #expect(r.stdout.allSatisfy { $0 == line })
    }

    @Test func noZombieAfterExit() throws {
        let (loop, _) = try makeSystemLoop()
        let jobs = JobManager(loop: loop)
        var pids: [Int32] = []
        var exits = 0
        for i in 0..<5 {
            let job = try jobs.start(JobSpec(argv: ["/bin/sh", "-c", "exit \(i)"],
                                             onExit: { _, _, _ in exits += 1 }))
            pids.append(job.pid)
        }
        #expect(loop.run(until: { exits == 5 }, timeoutMs: 20_000))
        for pid in pids { #expect(isReaped(pid), "pid \(pid) left unreaped") }
        #expect(jobs.jobs.isEmpty)
    }

    @Test func childSeesOnlyStdioFds() throws {
        let (loop, _) = try makeSystemLoop()
        let jobs = JobManager(loop: loop)
        // A descriptor without O_CLOEXEC: it must still not reach the child.
        let leaky = open("/dev/null", O_RDONLY)
        defer { close(leaky) }
        #expect(leaky > 2)
        let r = JobRecord()
        try jobs.start(r.spec(["ls", "/proc/self/fd"]))
        #expect(waitForExit(loop, r))
        // 0-2 are the pipes; 3 is the directory ls itself opened.
        #expect(r.stdout.sorted() == ["0", "1", "2", "3"])
    }

    @Test func missingBinaryThrows() throws {
        let (loop, _) = try makeSystemLoop()
        let jobs = JobManager(loop: loop)
        #expect(throws: KernelError.notFound("job.start: executable not found in PATH: weft-no-such-binary")) {
            try jobs.start(JobSpec(argv: ["weft-no-such-binary"]))
        }
        #expect(throws: KernelError.notFound("job.start: executable not found: /nonexistent/bin/x")) {
            try jobs.start(JobSpec(argv: ["/nonexistent/bin/x"]))
        }
        #expect(throws: KernelError.self) { try jobs.start(JobSpec(argv: [])) }
        #expect(throws: KernelError.self) { try jobs.start(JobSpec(argv: ["/tmp"])) }
        #expect(throws: KernelError.self) { try jobs.start(JobSpec(argv: ["ls"], cwd: "/nonexistent-dir")) }
        #expect(jobs.jobs.isEmpty)
    }

    @Test func cwdAndEnvironment() throws {
        let (loop, _) = try makeSystemLoop()
        let jobs = JobManager(loop: loop)
        let a = JobRecord()
        try jobs.start(a.spec(["/bin/sh", "-c", "pwd; echo \"$WEFT_JOB_X|${PATH:+haspath}\""],
                              cwd: "/tmp", env: ["WEFT_JOB_X": "merged"]))
        #expect(waitForExit(loop, a))
        #expect(a.stdout == ["/tmp", "merged|haspath"])

        let b = JobRecord()
        try jobs.start(b.spec(["/usr/bin/env"], env: ["ONLY": "1"], clearEnv: true))
        #expect(waitForExit(loop, b))
        #expect(b.stdout == ["ONLY=1"])
    }

    @Test func throwingCallbackIsReported() throws {
        let (loop, errors) = try makeSystemLoop()
        let jobs = JobManager(loop: loop)
        var exited = false
        try jobs.start(JobSpec(argv: ["/bin/sh", "-c", "echo a; echo b"],
                               onStdout: { _, line in throw LoopTestError("bad \(line)") },
                               onExit: { _, _, _ in exited = true }))
        #expect(loop.run(until: { exited }, timeoutMs: 20_000))
        #expect(errors.value == ["bad a", "bad b"])
    }

    @Test func stopAllKillsAndReaps() throws {
        let (loop, _) = try makeSystemLoop()
        let jobs = JobManager(loop: loop)
        var exits = 0
        let a = try jobs.start(JobSpec(argv: ["sleep", "1000"], onExit: { _, _, _ in exits += 1 }))
        // Ignores SIGTERM: needs the SIGKILL step.
        var ready = false
        let b = try jobs.start(JobSpec(argv: ["/bin/sh", "-c", "trap '' TERM; echo ready; while :; do sleep 1; done"],
                                       onStdout: { _, line in ready = line == "ready" },
                                       onExit: { _, _, _ in exits += 1 }))
        #expect(loop.run(until: { ready }, timeoutMs: 20_000))
        let ms = elapsedMs { jobs.stopAll(graceMs: 100) }
        #expect(jobs.jobs.isEmpty)
        #expect(isReaped(a.pid))
        #expect(isReaped(b.pid))
        #expect(ms < 5_000)
        loop.runUntilIdle()
        #expect(exits == 0, "stopAll runs no callbacks")
    }

    @Test func callbackMayWaitOnTheLoopWithoutReordering() throws {
        let (loop, _) = try makeSystemLoop()
        let jobs = JobManager(loop: loop)
        var lines: [String] = []
        var exited = false
        try jobs.start(JobSpec(
            argv: ["/bin/sh", "-c", "for i in 1 2 3 4 5; do echo $i; done"],
            onStdout: { _, line in
                lines.append(line)
                if line == "1" { _ = loop.run(until: { false }, timeoutMs: 50) }   // like weft.wait
            },
            onExit: { _, _, _ in exited = true }))
        #expect(loop.run(until: { exited }, timeoutMs: 20_000))
        #expect(lines == ["1", "2", "3", "4", "5"])
    }
}
