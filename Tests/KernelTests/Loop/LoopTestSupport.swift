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

/// SplitMix64: a small seeded generator for randomised loop tests.
struct LoopRNG: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum LoopSeed {
    /// `WEFT_SEED` if set, else a time-based seed (printed by failing tests).
    static func current() -> UInt64 {
        if let s = ProcessInfo.processInfo.environment["WEFT_SEED"], let v = UInt64(s) { return v }
        return SystemClock().nowNanos
    }
}
