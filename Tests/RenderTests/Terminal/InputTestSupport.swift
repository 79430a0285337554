import Foundation
@testable import Render
import Kernel

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
            case .key(let k): return k.token
            case .mouse(let m): return "#mouse" + m.notation
            case .paste: return "#paste"
            case .focus(let f): return f ? "#focusin" : "#focusout"
            case .modeReport(let mode, let value): return "#mode\(mode)=\(value)"
            case .cursorReport(let row, let col): return "#cursor\(row),\(col)"
            case .keyboardFlags(let flags): return "#kitty\(flags)"
            case .deviceAttributes(let attrs): return "#da" + attrs.map(String.init).joined(separator: ";")
            case .unknown: return "#unknown"
            }
        }
    }
}

extension InputEvent {
    /// A key event from one notation token (`.key("<C-Up>")`), for tests
    /// written with literal tokens.
    static func key(_ token: String) -> InputEvent {
        do { return .key(try Key(token: token)) } catch { fatalError("bad key literal '\(token)': \(error)") }
    }
}
