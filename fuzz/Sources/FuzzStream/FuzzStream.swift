import Chat
import FuzzSupport
import Kernel

// SSE framing and OpenAI chunk parsing: the bytes of a streamed reply.
//
// Input: a key-choice byte, a split seed, then the body. The body goes
// through `SSEDecoder` and `OpenAIStreamParser` twice, whole and cut into
// pieces; the events must be the same (deltas compared after joining),
// the parser must end with exactly one terminal event, and no error
// message may contain the API key.

let keys = ["sk-test-0123456789abcdef", "gsk_fuzzkey_abcdefghij", "key with spaces é", "Bearer-xyz-123456"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStream(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var r = FuzzReader(data, size)
    let key = r.pick(keys)
    let splitSeed = r.chunk(max: 32)
    var body = r.rest()
    if r.bytes.first.map({ $0 & 0x80 != 0 }) == true {
        // Half the inputs get the key planted in them, so scrubbing is tested.
        body.insert(contentsOf: Array(key.utf8), at: body.count / 2)
    }
    var splitter = FuzzReader(bytes: splitSeed)
    let pieces = splitter.split(body, maxPiece: 1 + Int(splitSeed.first ?? 0) % 64)

    // SSE alone: the split must not change any event.
    var whole = SSEDecoder()
    let a = whole.feed(body) + whole.finish()
    var cut = SSEDecoder()
    var b: [SSEEvent] = []
    for p in pieces { b += cut.feed(p) }
    b += cut.finish()
    fuzzCheck(a == b, "SSE events differ when the body is split: \(a) vs \(b)")

    // The parser: same events (deltas joined), one terminal event, last.
    let x = parse([body], key: key)
    let y = parse(pieces, key: key)
    fuzzCheck(x == y, "parser events differ when the body is split:\n\(x)\nvs\n\(y)")
    fuzzCheck(x.filter(\.isTerminal).count == 1 && x.last?.isTerminal == true, "not exactly one terminal event at the end: \(x)")
    for case .error(let message) in x {
        fuzzCheck(!message.utf8.elementsEqualAnywhere(key.utf8), "error message shows the API key: \(message)")
    }
    return 0
}

/// Feeds the pieces, then finishes; adjacent deltas of a kind are joined.
private func parse(_ pieces: [[UInt8]], key: String) -> [ProviderEvent] {
    var p = OpenAIStreamParser(apiKey: key)
    var out: [ProviderEvent] = []
    for piece in pieces { out += p.feed(piece) }
    out += p.finish()
    var joined: [ProviderEvent] = []
    for e in out {
        switch (joined.last, e) {
        case (.textDelta(let s)?, .textDelta(let t)): joined[joined.count - 1] = .textDelta(s + t)
        case (.thinkingDelta(let s)?, .thinkingDelta(let t)): joined[joined.count - 1] = .thinkingDelta(s + t)
        default: joined.append(e)
        }
    }
    return joined
}

extension String.UTF8View {
    /// Whether `needle` occurs anywhere in these bytes.
    func elementsEqualAnywhere(_ needle: String.UTF8View) -> Bool {
        let h = Array(self), n = Array(needle)
        guard !n.isEmpty, h.count >= n.count else { return false }
        for i in 0...(h.count - n.count) where h[i] == n[0] && Array(h[i..<(i + n.count)]) == n { return true }
        return false
    }
}
