import Foundation
@testable import Kernel

/// A mutable box for values captured by loop callbacks in tests.
final class LoopBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ value: T) { stored = value }
    var value: T {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
    func mutate(_ body: (inout T) -> Void) {
        lock.lock(); body(&stored); lock.unlock()
    }
}

/// A loop on a manual clock whose errors are collected.
func makeManualLoop() throws -> (MainLoop, ManualClock, LoopBox<[String]>) {
    let clock = ManualClock()
    let loop = try MainLoop(clock: clock)
    let errors = LoopBox<[String]>([])
    loop.reportError = { e in errors.mutate { $0.append("\(e)") } }
    return (loop, clock, errors)
}

/// A loop on the system clock whose errors are collected.
func makeSystemLoop() throws -> (MainLoop, LoopBox<[String]>) {
    let loop = try MainLoop()
    let errors = LoopBox<[String]>([])
    loop.reportError = { e in errors.mutate { $0.append("\(e)") } }
    return (loop, errors)
}

/// Milliseconds of real time spent in `body`.
func elapsedMs(_ body: () throws -> Void) rethrows -> Double {
    let start = SystemClock().nowNanos
    try body()
    return Double(SystemClock().nowNanos - start) / 1e6
}

struct LoopTestError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// The seeded generator of the loop tests.
typealias LoopRNG = SplitMix64

enum LoopSeed {
    /// `WEFT_SEED` if set, else a time-based seed (printed by failing tests).
    static func current() -> UInt64 { SplitMix64.seed() }
}
