import Chat
import Kernel

// SSE framing and OpenAI chunk parsing: the bytes of a streamed reply.
//
// Input: a key-choice byte, a split seed, then the body. The body goes
// through `SSEDecoder` and `OpenAIStreamParser` twice, whole and cut into
// pieces; the events must be the same (deltas compared after joining),
// the parser must end with exactly one terminal event, and no error
// message may contain the API key.

private let keys = ["sk-test-0123456789abcdef", "gsk_fuzzkey_abcdefghij", "key with spaces é", "Bearer-xyz-123456"]

public func fuzzStream(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = ProviderStreamInput(data, size, keys: keys)

    // SSE alone: the split must not change any event.
    var whole = SSEDecoder()
    let a = whole.feed(input.body) + whole.finish()
    var cut = SSEDecoder()
    var b: [SSEEvent] = []
    for p in input.pieces { b += cut.feed(p) }
    b += cut.finish()
    fuzzCheck(a == b, "SSE events differ when the body is split: \(a) vs \(b)")

    // The parser: same events (deltas joined), one terminal event, last.
    let x = parse([input.body], key: input.key)
    let y = parse(input.pieces, key: input.key)
    fuzzCheck(x == y, "parser events differ when the body is split:\n\(x)\nvs\n\(y)")
    ProviderStreamInput.checkOneTerminalEventLast(x)
    input.checkKeyNotShown(in: x)
    return 0
}

/// Feeds the pieces, then finishes; adjacent deltas of a kind are joined.
private func parse(_ pieces: [[UInt8]], key: String) -> [ProviderEvent] {
    var p = OpenAIStreamParser(apiKey: key)
    var out: [ProviderEvent] = []
    for piece in pieces { out += p.feed(piece) }
    out += p.finish()
    return joiningDeltas(out)
}
