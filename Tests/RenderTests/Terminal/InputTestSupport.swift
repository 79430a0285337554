import Foundation
@testable import Render

/// Shorthands for decoder tests.
enum InputTest {
    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    /// A fresh xterm-256color decoder.
    static func decoder() throws -> InputDecoder { try InputDecoder(term: "xterm-256color") }

    /// Decodes `s` in one feed, then flushes whatever is held.
    static func decode(_ s: String) throws -> [InputEvent] {
        try decode(bytes(s))
    }

    /// Decodes `b` in one feed, then flushes whatever is held.
    static func decode(_ b: [UInt8]) throws -> [InputEvent] {
        let d = try decoder()
        var events = d.feed(b)
        if d.hasPending { events += d.flushPending() }
        return events
    }

    /// The key tokens of `events`, with non-keys shown as `#kind`.
    static func tokens(_ events: [InputEvent]) -> [String] {
        events.map { event in
            switch event {
            case .key(let t): return t
            case .mouse(let m): return "#mouse" + m.notation
            case .paste: return "#paste"
            case .focus(let f): return f ? "#focusin" : "#focusout"
            case .modeReport(let mode, let value): return "#mode\(mode)=\(value)"
            case .unknown: return "#unknown"
            }
        }
    }
}

/// SplitMix64: a small seeded generator for reproducible randomised tests.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The seed from `WEFT_SEED`, else a time-based one.
    static func seed() -> UInt64 {
        if let s = ProcessInfo.processInfo.environment["WEFT_SEED"], let v = UInt64(s) { return v }
        return UInt64(UInt32(truncatingIfNeeded: Int(Date().timeIntervalSince1970 * 1000)))
    }
}
