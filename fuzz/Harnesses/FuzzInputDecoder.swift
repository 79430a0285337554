import Kernel
import Render

// Terminal input decoding: bytes -> key / mouse / paste / focus events.
//
// Input: one byte choosing the terminal type, then the bytes a terminal
// sends. They are decoded twice, whole and cut into pieces by the input
// itself; neither may crash, every key must be in canonical notation,
// nothing may stay held after `flushPending()`, and with no flush between
// pieces the split must not change a single event (a key sequence cut by
// a short read is still that key). Typed text is compared as text: a
// grapheme cluster cut by a read arrives as two keys that type the same
// characters (clusters are joined within one read only). Inputs with a
// DCS, OSC or APC string are not compared: one whose end is not in the
// same read is passed on as keys by design (`ESC P` is also Alt-Shift-P,
// and typed text must not wait for a terminator that may never come).

/// One decoder per terminal type, made once (termkey's setup reads terminfo).
nonisolated(unsafe) private var decoders: [String: (InputDecoder, InputDecoder)] = [:]
private let terms = ["xterm-256color", "screen-256color", "tmux-256color", "linux", "dumb"]

public func fuzzInputDecoder(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var r = FuzzReader(data, size)
    let term = r.pick(terms)
    let splitSeed = r.chunk(max: 16)
    let input = r.rest()
    guard let (whole, pieces) = decoderPair(term) else { return 0 }
    let a = decodeAll(whole, [input])
    var splitter = FuzzReader(bytes: splitSeed + input)
    let b = decodeAll(pieces, splitter.split(input, maxPiece: 1 + Int(splitSeed.first ?? 7) % 32))
    for e in a + b { checkCanonical(e) }
    let (ta, tb) = (typed(a), typed(b))
    fuzzCheck(ta == tb || hasString(input), "split changed the events: \(ta) vs \(tb) for \(fuzzDescribe(input))")
    return 0
}

/// Whether `bytes` hold `ESC P`, `ESC ]` or `ESC _` (a string sequence).
private func hasString(_ bytes: [UInt8]) -> Bool {
    zip(bytes, bytes.dropFirst()).contains { $0 == 0x1b && [0x50, 0x5d, 0x5f].contains($1) }
}

/// One item per event, runs of plain typed characters joined into one.
private enum Typed: Equatable { case text(String), event(InputEvent) }

private func typed(_ events: [InputEvent]) -> [Typed] {
    var out: [Typed] = []
    for e in events {
        if case .key(let k) = e, case let token = "\(k)", !token.hasPrefix("<") {
            if case .text(let s)? = out.last { out[out.count - 1] = .text(s + token) } else { out.append(.text(token)) }
        } else {
            out.append(.event(e))
        }
    }
    return out
}

private func decoderPair(_ term: String) -> (InputDecoder, InputDecoder)? {
    if let d = decoders[term] { return d }
    guard let a = try? InputDecoder(term: term), let b = try? InputDecoder(term: term) else { return nil }
    decoders[term] = (a, b)
    return (a, b)
}

/// Feeds every piece, then flushes until nothing is held.
private func decodeAll(_ d: InputDecoder, _ pieces: [[UInt8]]) -> [InputEvent] {
    var out: [InputEvent] = []
    for p in pieces { out += d.feed(p) }
    var rounds = 0
    while d.hasPending {
        out += d.flushPending()
        rounds += 1
        fuzzCheck(rounds < 4, "input still held after \(rounds) flushes")
    }
    return out
}

private func checkCanonical(_ e: InputEvent) {
    guard case .key(let token) = e else { return }
    let text = "\(token)"
    fuzzCheck(!text.isEmpty, "empty key token")
    let canonical = try? KeyNotation.canonical(text)
    fuzzCheck(canonical == text, "key \(text.debugDescription) is not canonical (\(String(describing: canonical)))")
}
