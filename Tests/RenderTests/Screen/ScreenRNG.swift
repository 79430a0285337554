#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Kernel

/// The seeded generator of the screen tests.
typealias ScreenRNG = SplitMix64

extension SplitMix64 {
    /// The seed from `WEFT_SEED`, else `fallback` mixed with the clock.
    static func seedFromEnvironment(fallback: UInt64) -> UInt64 { seed(mixing: fallback) }
}

/// An environment variable's value, or nil.
func screenEnv(_ name: String) -> String? {
    guard let p = getenv(name) else { return nil }
    return String(cString: p)
}
