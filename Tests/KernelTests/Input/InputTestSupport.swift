import Foundation
@testable import Kernel

/// The seeded generator of the input/event tests.
typealias InputTestRNG = SplitMix64

extension Array where Element == DispatchResult {
    /// The results as short strings: `["matched(ab)", "pending"]`.
    var texts: [String] { map(\.description) }
}
