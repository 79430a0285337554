import Foundation
import Testing
@testable import Kernel
#if canImport(Glibc)
import Glibc
#endif

@Suite("Loop signals", .serialized)
struct SignalTests {
    @Test func sigwinchRunsHookOnTheLoopThread() throws {
        let (loop, errors) = try makeSystemLoop()
        let got = LoopBox<[Int32]>([])
        let loopThread = pthread_self()
        let onLoop = LoopBox(false)
        let id = try loop.onSignal(SIGWINCH) { sig in
            got.value.append(sig)
            onLoop.value = pthread_equal(pthread_self(), loopThread) != 0
        }
        // Sent from another thread to prove delivery goes through the loop.
        DispatchQueue.global().async { _ = kill(getpid(), SIGWINCH) }
        #expect(loop.run(until: { !got.value.isEmpty }, timeoutMs: 5_000))
        #expect(got.value.first == SIGWINCH)
        #expect(onLoop.value)
        #expect(loop.removeSignalHook(id))
        #expect(!loop.removeSignalHook(id))
        #expect(errors.value.isEmpty)
    }

    @Test func twoLoopsBothReceiveTheSignal() throws {
        let (a, _) = try makeSystemLoop()
        let (b, _) = try makeSystemLoop()
        let countA = LoopBox(0), countB = LoopBox(0)
        try a.onSignal(SIGUSR1) { _ in countA.value += 1 }
        try b.onSignal(SIGUSR1) { _ in countB.value += 1 }
        // Process-directed: test threads (dispatch workers) block signals,
        // so raise() would leave it pending on this thread.
        kill(getpid(), SIGUSR1)
        let ok = a.run(until: { countA.value > 0 }, timeoutMs: 5_000)
            && b.run(until: { countB.value > 0 }, timeoutMs: 5_000)
        #expect(ok)
    }

    @Test func removingTheLastHookRestoresTheDefault() throws {
        let (loop, _) = try makeSystemLoop()
        let id = try loop.onSignal(SIGUSR2) { _ in }
        var current = sigaction()
        sigaction(SIGUSR2, nil, &current)
        #expect(current.__sigaction_handler.sa_handler != nil)
        loop.removeSignalHook(id)
        sigaction(SIGUSR2, nil, &current)
        #expect(current.__sigaction_handler.sa_handler == nil, "SIG_DFL again")
    }

    @Test func uncatchableSignalsAreRejected() throws {
        let (loop, _) = try makeSystemLoop()
        #expect(throws: KernelError.self) { try loop.onSignal(SIGKILL) { _ in } }
        #expect(throws: KernelError.self) { try loop.onSignal(SIGSTOP) { _ in } }
        #expect(throws: KernelError.self) { try loop.onSignal(0) { _ in } }
        #expect(throws: KernelError.self) { try loop.onSignal(400) { _ in } }
    }
}
