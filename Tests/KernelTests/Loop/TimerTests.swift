import Testing
@testable import Kernel

@Suite("Loop timers")
struct TimerTests {
    @Test func oneShotFiresOnceWhenDue() throws {
        let (loop, clock, errors) = try makeManualLoop()
        let count = LoopBox(0)
        let id = loop.after(ms: 10) { count.value += 1 }
        loop.runUntilIdle()
        #expect(count.value == 0)
        clock.advance(ms: 9)
        loop.runUntilIdle()
        #expect(count.value == 0)
        clock.advance(ms: 1)
        loop.runUntilIdle()
        #expect(count.value == 1)
        clock.advance(ms: 100)
        loop.runUntilIdle()
        #expect(count.value == 1)
        #expect(!loop.isScheduled(id))
        #expect(errors.value.isEmpty)
    }

    @Test func zeroDelayRunsOnNextPass() throws {
        let (loop, _, _) = try makeManualLoop()
        let count = LoopBox(0)
        loop.after(ms: 0) { count.value += 1 }
        loop.after(ms: -5) { count.value += 1 }
        loop.runUntilIdle()
        #expect(count.value == 2)
    }

    @Test func repeatingKeepsItsScheduleWithoutDrift() throws {
        let (loop, clock, _) = try makeManualLoop()
        let count = LoopBox(0)
        loop.every(ms: 10) { count.value += 1 }
        clock.advance(ms: 12)          // t=12: due at 10 fires; next due 20, not 22
        loop.runUntilIdle()
        #expect(count.value == 1)
        clock.advance(ms: 8)           // t=20
        loop.runUntilIdle()
        #expect(count.value == 2)
        clock.advance(ms: 10)          // t=30
        loop.runUntilIdle()
        #expect(count.value == 3)
    }

    @Test func repeatingFiresOnceAfterAStall() throws {
        let (loop, clock, _) = try makeManualLoop()
        let count = LoopBox(0)
        loop.every(ms: 10) { count.value += 1 }
        clock.advance(ms: 95)          // nine periods missed
        loop.runUntilIdle()
        #expect(count.value == 1, "a stall must not cause a burst")
        clock.advance(ms: 9)           // rescheduled from now (t=95 -> 105)
        loop.runUntilIdle()
        #expect(count.value == 1)
        clock.advance(ms: 1)
        loop.runUntilIdle()
        #expect(count.value == 2)
    }

    @Test func cancelStopsTimers() throws {
        let (loop, clock, _) = try makeManualLoop()
        let count = LoopBox(0)
        let a = loop.after(ms: 5) { count.value += 100 }
        #expect(loop.cancel(a))
        #expect(!loop.cancel(a))
        var selfID: TimerID?
        selfID = loop.every(ms: 5) {
            count.value += 1
            if count.value == 3, let id = selfID { loop.cancel(id) }
        }
        for _ in 0..<10 {
            clock.advance(ms: 5)
            loop.runUntilIdle()
        }
        #expect(count.value == 3)
    }

    @Test func timersDueTogetherFireInScheduleOrder() throws {
        let (loop, clock, _) = try makeManualLoop()
        let order = LoopBox<[Int]>([])
        loop.after(ms: 20) { order.value.append(3) }
        loop.after(ms: 10) { order.value.append(1) }
        loop.after(ms: 10) { order.value.append(2) }
        clock.advance(ms: 30)
        loop.runUntilIdle()
        #expect(order.value == [1, 2, 3])
    }

    @Test func manyTimersMatchAShadowModel() throws {
        let seed = LoopSeed.current()
        var rng = LoopRNG(seed: seed)
        let (loop, clock, _) = try makeManualLoop()
        let fired = LoopBox<[Int]>([])
        var expected: [(due: Int, order: Int)] = []
        var cancelled = Set<Int>()
        var ids: [TimerID] = []
        for i in 0..<300 {
            let delay = Int(rng.next() % 200)
            ids.append(loop.after(ms: delay) { fired.value.append(i) })
            expected.append((delay, i))
        }
        for i in 0..<300 where rng.next() % 4 == 0 {
            loop.cancel(ids[i])
            cancelled.insert(i)
        }
        for _ in 0..<25 {
            clock.advance(ms: 10)
            loop.runUntilIdle()
        }
        let want = expected.filter { !cancelled.contains($0.order) }
            .sorted { ($0.due, $0.order) < ($1.due, $1.order) }
            .map(\.order)
        #expect(fired.value == want, "seed \(seed)")
    }

    @Test func throwingTimerIsReportedAndLoopContinues() throws {
        let (loop, clock, errors) = try makeManualLoop()
        let count = LoopBox(0)
        loop.after(ms: 1) { throw LoopTestError("boom") }
        loop.after(ms: 1) { count.value += 1 }
        clock.advance(ms: 1)
        loop.runUntilIdle()
        #expect(errors.value == ["boom"])
        #expect(count.value == 1)
    }

    @Test func pollTimeoutFollowsNearestTimerAndBlocksWhenIdle() throws {
        let (loop, clock, _) = try makeManualLoop()
        #expect(loop.pollTimeout(cap: -1) == -1)
        #expect(loop.pollTimeout(cap: 20) == 20)
        let id = loop.after(ms: 50) {}
        loop.after(ms: 70) {}
        #expect(loop.pollTimeout(cap: -1) == 50)
        clock.advance(ms: 30)
        #expect(loop.pollTimeout(cap: -1) == 20)
        loop.cancel(id)
        #expect(loop.pollTimeout(cap: -1) == 40)
    }
}
