import Foundation
@testable import Kernel

/// The seeded generator of the input/event tests.
typealias InputTestRNG = SplitMix64

extension Array where Element == DispatchResult {
    /// The results as short strings: `["matched(ab)", "pending"]`.
    var texts: [String] { map(\.description) }
}

/// One key from notation, for tests written with literal tokens.
func key(_ token: String) -> Key {
    do { return try Key(token: token) } catch { fatalError("bad key literal '\(token)': \(error)") }
}

extension Array where Element == Key {
    /// The keys' notation tokens: `["<C-w>", "v"]`.
    var tokens: [String] { map(\.token) }
}
