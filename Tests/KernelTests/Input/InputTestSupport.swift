import Foundation
@testable import Kernel

/// SplitMix64: a small seeded PRNG for the randomised input/event tests.
/// Named for this area so it cannot clash with other helpers' test support.
struct InputTestRNG: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The seed from `WEFT_SEED`, else a fixed default mixed with the time.
    static func seed() -> UInt64 {
        if let s = ProcessInfo.processInfo.environment["WEFT_SEED"], let v = UInt64(s) { return v }
        return 0x5EED_0001 ^ UInt64(Date().timeIntervalSince1970 * 1000)
    }
}

extension Array where Element == DispatchResult {
    /// The results as short strings: `["matched(ab)", "pending"]`.
    var texts: [String] { map(\.description) }
}
