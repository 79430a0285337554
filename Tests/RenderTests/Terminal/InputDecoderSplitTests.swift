import Foundation
import Testing
@testable import Render
import Kernel

/// However a read cuts the bytes, they decode to the same keys: escape
/// sequences, invalid UTF-8 and control bytes mixed (the input decoder
/// fuzz target's split check, run here on a fixed alphabet and seeds).
@Suite struct InputDecoderSplitTests {
    /// The bytes FuzzInputDecoder found (tmux-256color): C1 bytes and
    /// 0xFF are not UTF-8 and must read the same whole or split.
    @Test func invalidUTF8ReadsTheSameWholeAndSplit() throws {
        let input: [UInt8] = [0x9f, 0x82, 0xb3, 0xff, 0xff, 0xff, 0x07]
        let whole = try typed(decode([input], term: "tmux-256color"))
        let split = try typed(decode([[0x9f, 0x82, 0xb3, 0xff], [0xff], [0xff, 0x07]], term: "tmux-256color"))
        #expect(whole == split)
        #expect(whole == ["\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}", "<C-g>"])
    }

    /// A character cut short by an event (focus, mouse, paste) is forced
    /// out of termkey; the bytes after it must not be taken for its
    /// continuation (they were read as 8-bit C1 controls, `<C-M-_>`: the
    /// fuzzer's decoders carry state from one input to the next).
    @Test func aCharacterCutShortByAnEventLeavesNoContinuationExpected() throws {
        let d = try InputDecoder(term: "tmux-256color")
        var events = d.feed([0xe4, 0x1b, 0x5b, 0x49])   // a lead byte, then focus-in
        while d.hasPending { events += d.flushPending() }
        let next = d.feed([0x9f, 0x82, 0x61])
        #expect(InputTest.tokens(events).last == "#focusin")
        #expect(InputTest.tokens(next) == ["\u{FFFD}", "\u{FFFD}", "a"])
    }

    /// Random inputs over an alphabet of ESC, CSI bytes, invalid and
    /// partial UTF-8 and control bytes, each cut at every position.
    @Test(arguments: ["xterm-256color", "tmux-256color", "linux"])
    func everyCutDecodesTheSame(term: String) throws {
        let alphabet: [UInt8] = [0x1b, 0x1b, 0x5b, 0x4f, 0x41, 0x61, 0x07, 0x7f, 0x9b, 0x9f, 0x82, 0xb3, 0xff, 0xc0,
                                 0xe4, 0xb8, 0xad, 0x31, 0x3b, 0x7e]
        var rng = SplitMix(seed: 0x5eed)
        for _ in 0..<300 {
            let input = (0..<(1 + Int(rng.next() % 8))).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            if Self.hasString(input) { continue }
            let whole = try typed(decode([input], term: term))
            for cut in 1..<input.count {
                let split = try typed(decode([Array(input[..<cut]), Array(input[cut...])], term: term))
                #expect(whole == split, "\(input.map { String(format: "%02x", $0) }) cut at \(cut)")
            }
        }
    }

    /// `ESC P`, `ESC ]`, `ESC _` start strings whose end may come in a
    /// later read: split differently by design (see the fuzz target).
    private static func hasString(_ b: [UInt8]) -> Bool {
        zip(b, b.dropFirst()).contains { $0 == 0x1b && [0x50, 0x5d, 0x5f].contains($1) }
    }

    private func decode(_ pieces: [[UInt8]], term: String) throws -> [InputEvent] {
        let d = try InputDecoder(term: term)
        var out: [InputEvent] = []
        for p in pieces { out += d.feed(p) }
        while d.hasPending { out += d.flushPending() }
        return out
    }

    /// Keys as tokens, runs of plain characters joined into one string.
    private func typed(_ events: [InputEvent]) -> [String] {
        var out: [String] = []
        var text = ""
        for t in InputTest.tokens(events) {
            if t.hasPrefix("<") || t.hasPrefix("#") {
                if !text.isEmpty { out.append(text); text = "" }
                out.append(t)
            } else {
                text += t
            }
        }
        if !text.isEmpty { out.append(text) }
        return out
    }
}

/// A small seeded generator (SplitMix64), so failures name a repeatable input.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
