import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension MainLoop {
    /// Runs one iteration: one poll(2) (waiting at most `timeoutMs`, or as
    /// long as needed when negative), then dispatches ready fds, posted
    /// closures, signal hooks, due timers, the turn handler (when any of
    /// them ran) and a paced redraw.
    /// Re-entrant: a handler may call it (or ``run(until:timeoutMs:)``).
    /// - Returns: true if any handler, closure, hook, timer or redraw ran.
    @discardableResult
    public func runOnce(timeoutMs: Int = -1) -> Bool {
        let ready = poll(timeoutMs: pollTimeout(cap: timeoutMs))
        var did = dispatchReady(ready)
        did = dispatchPosted() || did
        did = dispatchSignals() || did
        did = dispatchTimers() || did
        if did { turnHandler?() }
        did = dispatchRedraw() || did
        return did
    }

    /// Runs iterations until ``stop()`` is called.
    public func run() {
        stopRequested = false
        while !stopRequested { runOnce() }
        stopRequested = false
    }

    /// Makes ``run()`` return after the current iteration, and
    /// ``run(until:timeoutMs:)`` give up. Call on the loop thread (from
    /// another thread: `poster.post { loop.stop() }`).
    public func stop() {
        stopRequested = true
    }

    /// Runs non-blocking iterations until nothing is left to do: posted
    /// closures, timers due at the clock's current time, ready fds, signal
    /// hooks and a redraw that pacing allows now. For tests (with a
    /// ``ManualClock``, future timers wait for `advance`).
    /// - Returns: true if the loop became idle, false if it was still busy
    ///   after `maxIterations` (e.g. a closure that keeps re-posting itself).
    @discardableResult
    public func runUntilIdle(maxIterations: Int = 10_000) -> Bool {
        for _ in 0..<max(1, maxIterations) where !runOnce(timeoutMs: 0) {
            return true
        }
        return false
    }

    /// Dispatches until `condition()` is true or `timeoutMs` pass (the loop
    /// clock; with a manual clock real time bounds the wait too, so tests
    /// never hang). Used by `weft.wait`. Returns early, false, after
    /// ``stop()``. With `timeoutMs <= 0` it runs one non-blocking pass.
    /// - Returns: the final value of `condition()`.
    public func run(until condition: () -> Bool, timeoutMs: Int) -> Bool {
        if condition() { return true }
        let limit = Self.nanos(ms: timeoutMs)
        if limit == 0 {
            runOnce(timeoutMs: 0)
            return condition()
        }
        let start = clock.nowNanos
        let realStart = SystemClock().nowNanos
        while !stopRequested {
            let elapsed = max(clock.nowNanos &- start, SystemClock().nowNanos &- realStart)
            if elapsed >= limit { break }
            let remaining = limit - elapsed
            runOnce(timeoutMs: Int((remaining + 999_999) / 1_000_000))
            if condition() { return true }
        }
        return condition()
    }

    // MARK: - Polling

    /// The poll timeout in ms: 0 if work is queued, else until the nearest
    /// timer or allowed frame, else -1 (block); never above `cap` if `cap >= 0`.
    func pollTimeout(cap: Int) -> Int32 {
        if poster.hasPending || !scheduled.isEmpty { return 0 }
        let now = clock.nowNanos
        var wait: UInt64?
        if let due = timers.nextDue() {
            wait = due > now ? due - now : 0
        }
        if redrawRequested && !isRedrawing {
            let frameWait = nanosUntilFrameAllowed(now: now)
            wait = min(wait ?? frameWait, frameWait)
        }
        var ms: Int = -1
        if let wait { ms = Int(min((wait + 999_999) / 1_000_000, UInt64(Int32.max))) }
        if cap >= 0 { ms = ms < 0 ? cap : min(ms, cap) }
        return Int32(clamping: ms)
    }

    /// One poll(2) over the wake pipe and all watches. Returns the watches
    /// that became ready with their events. EINTR counts as "nothing ready".
    private func poll(timeoutMs: Int32) -> [(Watch, PollEvents)] {
        var fds = [pollfd(fd: poster.readFD, events: Int16(POLLIN), revents: 0)]
        let snapshot = watches
        for w in snapshot { fds.append(pollfd(fd: w.fd, events: w.events.rawValue, revents: 0)) }
        let rc = fds.withUnsafeMutableBufferPointer { buf in
            Glibc.poll(buf.baseAddress, nfds_t(buf.count), timeoutMs)
        }
        if rc < 0 {
            if errno != EINTR { reportError(KernelError.invalidState("poll failed: \(Posix.message(errno))")) }
            return []
        }
        if rc == 0 { return [] }
        if fds[0].revents != 0 { poster.drainWakePipe() }
        var ready: [(Watch, PollEvents)] = []
        for (i, w) in snapshot.enumerated() where fds[i + 1].revents != 0 {
            ready.append((w, PollEvents(rawValue: fds[i + 1].revents)))
        }
        return ready
    }

    // MARK: - Dispatch

    private func dispatchReady(_ ready: [(Watch, PollEvents)]) -> Bool {
        var did = false
        for (w, events) in ready where isWatching(w.id) {
            did = true
            if events.contains(.invalid) {
                unwatch(w.id)
                reportError(KernelError.invalidState("watched fd \(w.fd) was closed without unwatch; watch dropped"))
                continue
            }
            do { try w.handler(w.fd, events) } catch { reportError(error) }
        }
        return did
    }

    /// Runs the closures queued when the pass started, in order.
    private func dispatchPosted() -> Bool {
        var budget = poster.pendingWorkCount
        var did = false
        while budget > 0, let work = poster.popWork() {
            budget -= 1
            did = true
            do { try work() } catch { reportError(error) }
        }
        if !scheduled.isEmpty {
            let batch = scheduled
            scheduled.removeAll()
            did = true
            for fn in batch {
                do { try fn() } catch { reportError(error) }
            }
        }
        return did
    }

    /// Fires timers due now that existed when the pass started.
    private func dispatchTimers() -> Bool {
        let now = clock.nowNanos
        let seqLimit = timers.nextSeq
        var did = false
        while let fn = timers.popDue(now: now, seqLimit: seqLimit) {
            did = true
            do { try fn() } catch { reportError(error) }
        }
        return did
    }

    private func nanosUntilFrameAllowed(now: UInt64) -> UInt64 {
        guard let last = lastRedrawNanos else { return 0 }
        let next = last &+ minFrameInterval.loopNanos
        return next > now ? next - now : 0
    }

    /// Draws one frame if one was requested and pacing allows it now.
    private func dispatchRedraw() -> Bool {
        guard redrawRequested, !isRedrawing else { return false }
        let now = clock.nowNanos
        guard nanosUntilFrameAllowed(now: now) == 0 else { return false }
        redrawRequested = false
        lastRedrawNanos = now
        framesDrawn += 1
        isRedrawing = true
        defer { isRedrawing = false }
        do { try redrawHandler?() } catch { reportError(error) }
        return true
    }
}
