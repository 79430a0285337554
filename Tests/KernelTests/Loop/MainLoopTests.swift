import Foundation
import Testing
@testable import Kernel
#if canImport(Glibc)
import Glibc
#endif

@Suite("Main loop")
struct MainLoopTests {
    @Test func postedClosuresRunInOrderOnTheLoop() throws {
        let (loop, _, _) = try makeManualLoop()
        let order = LoopBox<[Int]>([])
        for i in 0..<5 { loop.post { order.value.append(i) } }
        #expect(order.value.isEmpty)
        #expect(loop.runUntilIdle())
        #expect(order.value == [0, 1, 2, 3, 4])
    }

    @Test func theTurnHandlerRunsOncePerTurnThatDidWorkAndBeforeTheFrame() throws {
        let (loop, clock, _) = try makeManualLoop()
        let log = LoopBox<[String]>([])
        loop.turnHandler = { log.value.append("turn") }
        loop.redrawHandler = { log.value.append("frame") }
        #expect(loop.runUntilIdle())
        #expect(log.value.isEmpty, "an idle loop has no turns")
        loop.post { log.value.append("a") }
        loop.post { log.value.append("b") }
        loop.requestRedraw()
        #expect(loop.runUntilIdle())
        #expect(log.value == ["a", "b", "turn", "frame"])
        log.value = []
        clock.advance(ms: 20)
        loop.requestRedraw()
        #expect(loop.runUntilIdle())
        #expect(log.value == ["frame"], "a frame alone is not a turn")
    }

    @Test func postFromAnotherThreadWakesABlockedLoop() throws {
        let (loop, _) = try makeSystemLoop()
        #expect(loop.pollTimeout(cap: -1) == -1, "idle loop must block without timeout")
        let ran = LoopBox(false)
        let poster = loop.poster
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(50)) {
            poster.post { ran.value = true }
        }
        // Blocks in poll until the post arrives (bounded so CI never hangs).
        let ms = elapsedMs { _ = loop.run(until: { ran.value }, timeoutMs: 10_000) }
        #expect(ran.value)
        #expect(ms >= 30 && ms < 5_000, "woke after \(ms) ms")
    }

    @Test func runOnceBlocksUntilPosted() throws {
        let (loop, _) = try makeSystemLoop()
        let ran = LoopBox(false)
        let poster = loop.poster
        Thread.detachNewThread {
            usleep(40_000)
            poster.post { ran.value = true }
        }
        let ms = elapsedMs { loop.runOnce(timeoutMs: 10_000) }
        if !ran.value { loop.runOnce(timeoutMs: 0) }
        #expect(ran.value)
        #expect(ms >= 20 && ms < 5_000, "runOnce returned after \(ms) ms")
    }

    @Test func postsFromManyThreadsKeepPerThreadOrder() throws {
        let (loop, _) = try makeSystemLoop()
        let seen = LoopBox<[[Int]]>(Array(repeating: [], count: 4))
        let poster = loop.poster
        DispatchQueue.concurrentPerform(iterations: 4) { t in
            for i in 0..<500 { poster.post { seen.value[t].append(i) } }
        }
        let done = loop.run(until: { seen.value.allSatisfy { $0.count == 500 } }, timeoutMs: 10_000)
        #expect(done)
        for t in 0..<4 { #expect(seen.value[t] == Array(0..<500)) }
    }

    @Test func redrawRequestsCoalesce() throws {
        let (loop, _, _) = try makeManualLoop()
        let frames = LoopBox(0)
        loop.redrawHandler = { frames.value += 1 }
        loop.runUntilIdle()
        #expect(frames.value == 0, "no redraw without a request")
        for _ in 0..<10 { loop.requestRedraw() }
        loop.runUntilIdle()
        #expect(frames.value == 1)
        #expect(loop.framesDrawn == 1)
        #expect(!loop.isRedrawPending)
    }

    @Test func redrawsArePacedByMinFrameInterval() throws {
        let (loop, clock, _) = try makeManualLoop()
        let frames = LoopBox(0)
        loop.redrawHandler = { frames.value += 1 }
        loop.requestRedraw()
        loop.runUntilIdle()
        #expect(frames.value == 1)
        loop.requestRedraw()
        loop.runUntilIdle()
        #expect(frames.value == 1, "second frame within 8 ms must wait")
        #expect(loop.pollTimeout(cap: -1) == 8, "loop sleeps until the frame is allowed")
        clock.advance(ms: 7)
        loop.runUntilIdle()
        #expect(frames.value == 1)
        clock.advance(ms: 1)
        loop.runUntilIdle()
        #expect(frames.value == 2)
        #expect(loop.pollTimeout(cap: -1) == -1, "nothing pending: block")
    }

    @Test func redrawPacingHoldsInRealTime() throws {
        let (loop, _) = try makeSystemLoop()
        let frames = LoopBox(0)
        loop.redrawHandler = { frames.value += 1 }
        // A 1 ms timer asks for a redraw every time: about 8x too often.
        loop.every(ms: 1) { loop.requestRedraw() }
        let ms = elapsedMs { _ = loop.run(until: { false }, timeoutMs: 200) }
        let maxFrames = Int(ms / 8) + 2
        #expect(frames.value >= 5 && frames.value <= maxFrames, "\(frames.value) frames in \(ms) ms")
    }

    @Test func watchReportsReadableFdAndUnwatchStops() throws {
        let (loop, _) = try makeSystemLoop()
        let (r, w) = try Posix.makePipe(nonBlocking: true)
        defer { close(r); close(w) }
        let got = LoopBox<[UInt8]>([])
        let id = loop.watch(fd: r, events: .read) { fd, events in
            #expect(events.contains(.read))
            got.value += Posix.drain(fd)
        }
        Posix.poke(w, 42)
        #expect(loop.run(until: { got.value == [42] }, timeoutMs: 5_000))
        #expect(loop.unwatch(id))
        #expect(!loop.unwatch(id))
        Posix.poke(w, 7)
        loop.runUntilIdle()
        #expect(got.value == [42])
    }

    @Test func watchForWritability() throws {
        let (loop, _) = try makeSystemLoop()
        let (r, w) = try Posix.makePipe(nonBlocking: true)
        defer { close(r); close(w) }
        let calls = LoopBox(0)
        let id = loop.watch(fd: w, events: .write) { _, events in
            #expect(events.contains(.write))
            calls.value += 1
        }
        loop.runOnce(timeoutMs: 1_000)
        #expect(calls.value == 1)
        loop.unwatch(id)
    }

    @Test func closedWatchedFdIsDroppedAndReported() throws {
        let (loop, errors) = try makeSystemLoop()
        let (r, w) = try Posix.makePipe(nonBlocking: true)
        close(w)
        let id = loop.watch(fd: r, events: .read) { fd, _ in _ = Posix.drain(fd) }
        close(r)
        loop.runUntilIdle()
        #expect(!loop.isWatching(id))
        #expect(errors.value.count == 1)
    }

    @Test func throwingHandlersDoNotKillTheLoop() throws {
        let (loop, _, errors) = try makeManualLoop()
        loop.post { throw LoopTestError("posted") }
        loop.redrawHandler = { throw LoopTestError("redraw") }
        loop.requestRedraw()
        let after = LoopBox(false)
        loop.post { after.value = true }
        loop.runUntilIdle()
        #expect(after.value)
        #expect(errors.value == ["posted", "redraw"])
    }

    @Test func runUntilStop() throws {
        let (loop, _) = try makeSystemLoop()
        let ticks = LoopBox(0)
        loop.every(ms: 2) {
            ticks.value += 1
            if ticks.value == 3 { loop.stop() }
        }
        loop.after(ms: 10_000) { Issue.record("run() did not stop") ; loop.stop() }
        loop.run()
        #expect(ticks.value == 3)
    }

    @Test func runUntilConditionTimesOut() throws {
        let (loop, _) = try makeSystemLoop()
        var result = true
        let ms = elapsedMs { result = loop.run(until: { false }, timeoutMs: 60) }
        #expect(!result)
        #expect(ms >= 55 && ms < 3_000, "\(ms) ms")
        let flag = LoopBox(false)
        loop.after(ms: 5) { flag.value = true }
        #expect(loop.run(until: { flag.value }, timeoutMs: 5_000))
    }

    @Test func runUntilIsReentrant() throws {
        let (loop, _) = try makeSystemLoop()
        let inner = LoopBox(false)
        let outer = LoopBox(false)
        loop.schedule {
            loop.after(ms: 5) { inner.value = true }
            // Like weft.wait called from a handler.
            outer.value = loop.run(until: { inner.value }, timeoutMs: 5_000)
        }
        #expect(loop.run(until: { outer.value }, timeoutMs: 10_000))
        #expect(inner.value)
    }

    @Test func runUntilIdleGivesUpOnEndlessWork() throws {
        let (loop, _, _) = try makeManualLoop()
        let poster = loop.poster
        @Sendable func again() { poster.post { again() } }
        again()
        #expect(!loop.runUntilIdle(maxIterations: 50))
    }

    @Test func idleLoopBlocksInPoll() throws {
        let (loop, _) = try makeSystemLoop()
        var did = true
        let ms = elapsedMs { did = loop.runOnce(timeoutMs: 80) }
        #expect(!did)
        #expect(ms >= 70, "an idle pass must sleep, returned after \(ms) ms")
        #expect(loop.run(until: { false }, timeoutMs: 0) == false)
    }

    @Test func manualClockAdvances() {
        let clock = ManualClock(startNanos: 5)
        clock.advance(ms: 2)
        clock.advance(by: .microseconds(3))
        clock.advance(ms: -4)
        #expect(clock.nowNanos == 5 + 2_000_000 + 3_000)
        let a = SystemClock().nowNanos
        let b = SystemClock().nowNanos
        #expect(b >= a)
    }
}
