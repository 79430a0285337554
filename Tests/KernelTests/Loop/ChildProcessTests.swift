import Foundation
import Testing
@testable import Kernel
#if canImport(Glibc)
import Glibc
#endif

/// `ChildProcess`: a synchronously driven child for fixtures, reaped by
/// its own pid so a sibling that lives on never delays it.
@Suite("Child process")
struct ChildProcessTests {
    @Test func readsLinesThenTheRestAndTheExitCode() throws {
        let child = try ChildProcess(["sh", "-c", "echo first; echo second; printf tail; echo oops >&2; exit 3"])
        #expect(child.readLine(timeout: 10) == "first")
        let (status, output) = child.finish()
        #expect(status == 3)
        #expect(String(decoding: output, as: UTF8.self) == "second\ntail")
    }

    @Test func readLineGivesUpAfterItsTimeout() throws {
        let child = try ChildProcess(["sleep", "30"])
        let start = Date()
        #expect(child.readLine(timeout: 0.2) == nil)
        #expect(Date().timeIntervalSince(start) < 5)
        child.kill()
    }

    /// The CI failure this type exists for: killing one child returns at
    /// once even while a sibling started at the same moment lives on.
    @Test func killReturnsWhileASiblingStillRuns() throws {
        let sibling = try ChildProcess(["sleep", "30"])
        let child = try ChildProcess(["sleep", "30"])
        let start = Date()
        child.kill()
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(kill(child.pid, 0) != 0)  // reaped: the pid is gone
        #expect(kill(sibling.pid, 0) == 0)
        sibling.kill()
    }

    @Test func aMissingProgramIsANamedError() {
        #expect(throws: KernelError.self) { try ChildProcess(["no-such-program-weft"]) }
    }
}
