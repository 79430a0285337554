#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SplitMix64: a tiny seeded generator for the screen tests (named apart
/// from other suites' generators).
struct ScreenRNG: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// The seed from `WEFT_SEED`, else `fallback` mixed with the clock.
    static func seedFromEnvironment(fallback: UInt64) -> UInt64 {
        if let s = screenEnv("WEFT_SEED"), let v = UInt64(s) { return v }
        return fallback ^ UInt64(UInt32(truncatingIfNeeded: ContinuousClock.now.hashValue))
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in 0..<n (0 when n <= 0).
    mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }

    /// True with probability `percent`/100.
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    /// A random element (nil when empty).
    mutating func pick<T>(_ items: [T]) -> T? { items.isEmpty ? nil : items[below(items.count)] }
}

/// An environment variable's value, or nil.
func screenEnv(_ name: String) -> String? {
    guard let p = getenv(name) else { return nil }
    return String(cString: p)
}
