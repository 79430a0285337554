import Glibc

/// A small seeded pseudo-random generator (SplitMix64): the same seed gives
/// the same sequence on every machine, so randomised tests print their seed
/// and can be replayed, and the mock model's pacing is reproducible.
///
///     var rng = SplitMix64(seed: SplitMix64.seed())  // $WEFT_SEED replays a run
///     let n = rng.below(10)          // 0..<10
///     if rng.chance(25) { ... }      // true 25% of the time
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The state; advancing it by the golden-ratio increment gives the next value.
    public private(set) var state: UInt64

    /// A generator that starts at `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<n` (0 when `n <= 0`).
    public mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }

    /// True `percent` times out of 100.
    public mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    /// A random element, or nil for an empty array.
    public mutating func pick<T>(_ items: [T]) -> T? { items.isEmpty ? nil : items[below(items.count)] }

    /// The seed for a randomised test: `$WEFT_SEED` when set (to replay a
    /// failure), else the clock in milliseconds mixed with `salt`, so every
    /// run tries new cases and prints a seed that replays them.
    public static func seed(mixing salt: UInt64 = 0) -> UInt64 {
        if let text = getenv("WEFT_SEED"), let seed = UInt64(String(cString: text)) { return seed }
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return (UInt64(ts.tv_sec) &* 1000 &+ UInt64(ts.tv_nsec / 1_000_000)) ^ salt
    }
}
