import Foundation
import Testing
@testable import Kernel
#if canImport(Glibc)
import Glibc
#endif

/// `ProcessSpawner`: the one posix_spawn setup (jobs, clipboard tools,
/// fixtures and the chat's run_command).
@Suite("Process spawner")
struct ProcessSpawnerTests {
    /// Reads `fd` to its end (it is non-blocking), then reaps `pid`.
    private func drainAndReap(_ fd: Int32, pid: pid_t) -> (String, Int32) {
        var out: [UInt8] = []
        while true {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            _ = poll(&p, 1, 10_000)
            let bytes = Posix.drain(fd)
            if bytes.isEmpty { break }
            out += bytes
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (String(decoding: out, as: UTF8.self), Posix.decodeWaitStatus(status).code)
    }

    @Test func mergedStderrArrivesInOrderOnStdoutInTheGivenDirectory() throws {
        let p = try ProcessSpawner.spawn(argv: ["/bin/sh", "-c", "echo a; echo b >&2; pwd; exit 4"],
                                         cwd: "/tmp", env: ["PATH=/usr/bin:/bin"], mergeStderr: true)
        #expect(p.stderr == -1)
        close(p.stdin)
        let (text, code) = drainAndReap(p.stdout, pid: p.pid)
        close(p.stdout)
        #expect(text == "a\nb\n/tmp\n")
        #expect(code == 4)
    }

    @Test func separateStreamsByDefault() throws {
        let p = try ProcessSpawner.spawn(argv: ["/bin/sh", "-c", "echo out; echo err >&2"], cwd: nil, env: [])
        close(p.stdin)
        let (out, code) = drainAndReap(p.stdout, pid: p.pid)
        let err = String(decoding: Posix.drain(p.stderr), as: UTF8.self)
        close(p.stdout)
        close(p.stderr)
        #expect(out == "out\n")
        #expect(err == "err\n")
        #expect(code == 0)
    }

    @Test func errorsNameTheProblemWithoutACallerPrefix() {
        #expect(throws: KernelError.notFound("cwd is not a directory: /no/such/dir")) {
            try ProcessSpawner.spawn(argv: ["true"], cwd: "/no/such/dir", env: [])
        }
        #expect(throws: KernelError.invalidArgument("cmd must name a program")) {
            try ProcessSpawner.spawn(argv: [], cwd: nil, env: [])
        }
        #expect(KernelError.notFound("x").prefixed("job.start") == .notFound("job.start: x"))
    }
}
