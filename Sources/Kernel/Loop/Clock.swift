import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A monotonic time source for the main loop, in nanoseconds.
///
/// Named `LoopClock` rather than `Clock` so it never collides with the
/// standard library's `Clock` protocol in modules that import `Kernel`.
/// The loop reads it to schedule timers and pace redraws; tests inject a
/// ``ManualClock`` and move time by hand.
public protocol LoopClock: Sendable {
    /// Nanoseconds since an arbitrary fixed point; never goes backwards.
    var nowNanos: UInt64 { get }
}

/// The real monotonic clock (`CLOCK_MONOTONIC`).
public struct SystemClock: LoopClock, Hashable {
    /// Creates the system clock.
    public init() {}

    /// Nanoseconds on `CLOCK_MONOTONIC`.
    public var nowNanos: UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }
}

/// A clock that only moves when told to; for deterministic tests.
///
/// ```swift
/// let clock = ManualClock()
/// let loop = try MainLoop(clock: clock)
/// loop.after(ms: 10) { fired = true }
/// clock.advance(ms: 10)
/// loop.runUntilIdle()   // fired == true
/// ```
/// Thread-safe: any thread may read or advance it.
public final class ManualClock: LoopClock, Sendable {
    private let current: Atomic<UInt64>

    /// Creates a clock that reads `startNanos` until advanced.
    public init(startNanos: UInt64 = 1_000_000_000) {
        current = Atomic(startNanos)
    }

    /// The current manual time in nanoseconds.
    public var nowNanos: UInt64 {
        current.load(ordering: .acquiring)
    }

    /// Moves time forward by `duration` (negative durations are ignored).
    public func advance(by duration: Duration) {
        advance(nanos: duration.loopNanos)
    }

    /// Moves time forward by `ms` milliseconds (negative values are ignored).
    public func advance(ms: Int) {
        advance(nanos: UInt64(max(0, ms)) &* 1_000_000)
    }

    /// Moves time forward by `nanos` nanoseconds.
    public func advance(nanos: UInt64) {
        current.wrappingAdd(nanos, ordering: .acquiringAndReleasing)
    }
}

extension Duration {
    /// This duration in whole nanoseconds, clamped to `0...UInt64.max`.
    var loopNanos: UInt64 {
        let (seconds, attoseconds) = components
        if seconds < 0 || (seconds == 0 && attoseconds <= 0) { return 0 }
        let (secNanos, overflow) = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return UInt64.max }
        let sub = UInt64(max(0, attoseconds) / 1_000_000_000)
        let (sum, overflow2) = secNanos.addingReportingOverflow(sub)
        return overflow2 ? UInt64.max : sum
    }
}
