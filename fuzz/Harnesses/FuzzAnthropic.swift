import Chat
import Kernel

// Anthropic Messages API event parsing: the bytes of a streamed reply (or
// a plain JSON body sent instead of a stream).
//
// Input: a key-choice byte, a split seed, then the body. The body goes
// through `AnthropicStreamParser` twice, whole and cut into pieces; the
// events (deltas compared after joining) and the retry verdict must be the
// same, the parser must end with exactly one terminal event, last, and no
// error message may contain the API key.

private let keys = ["sk-ant-api03-0123456789abcdef", "sk-ant-fuzzkey_abcdefghij", "key with spaces é", "x-api-key-123456"]

public func fuzzAnthropic(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = ProviderStreamInput(data, size, keys: keys)
    let x = parse([input.body], key: input.key)
    let y = parse(input.pieces, key: input.key)
    fuzzCheck(x.events == y.events, "events differ when the body is split:\n\(x.events)\nvs\n\(y.events)\nbody: \(fuzzDescribe(input.body))")
    fuzzCheck(x.retryable == y.retryable, "the retry verdict differs when the body is split")
    ProviderStreamInput.checkOneTerminalEventLast(x.events)
    input.checkKeyNotShown(in: x.events)
    return 0
}

/// Feeds the pieces, then finishes; adjacent deltas of a kind are joined.
private func parse(_ pieces: [[UInt8]], key: String) -> (events: [ProviderEvent], retryable: Bool) {
    var p = AnthropicStreamParser(apiKey: key)
    var out: [ProviderEvent] = []
    for piece in pieces { out += p.feed(piece) }
    out += p.finish()
    fuzzCheck(p.isDone, "the parser is not done after finish()")
    return (joiningDeltas(out), p.failedRetryably)
}
