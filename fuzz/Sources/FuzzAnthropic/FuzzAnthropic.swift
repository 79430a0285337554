import AnthropicProvider
import Chat
import FuzzSupport
import Kernel

// Anthropic Messages API event parsing: the bytes of a streamed reply (or
// a plain JSON body sent instead of a stream).
//
// Input: a key-choice byte, a split seed, then the body. The body goes
// through `AnthropicStreamParser` twice, whole and cut into pieces; the
// events (deltas compared after joining) and the retry verdict must be the
// same, the parser must end with exactly one terminal event, last, and no
// error message may contain the API key.

let keys = ["sk-ant-api03-0123456789abcdef", "sk-ant-fuzzkey_abcdefghij", "key with spaces é", "x-api-key-123456"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAnthropic(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
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

    let x = parse([body], key: key)
    let y = parse(pieces, key: key)
    fuzzCheck(x.events == y.events, "events differ when the body is split:\n\(x.events)\nvs\n\(y.events)\nbody: \(fuzzDescribe(body))")
    fuzzCheck(x.retryable == y.retryable, "the retry verdict differs when the body is split")
    fuzzCheck(x.events.filter(\.isTerminal).count == 1 && x.events.last?.isTerminal == true,
              "not exactly one terminal event at the end: \(x.events)")
    for case .error(let message) in x.events {
        fuzzCheck(!contains(Array(message.utf8), Array(key.utf8)), "error message shows the API key: \(message)")
    }
    return 0
}

/// Feeds the pieces, then finishes; adjacent deltas of a kind are joined.
private func parse(_ pieces: [[UInt8]], key: String) -> (events: [ProviderEvent], retryable: Bool) {
    var p = AnthropicStreamParser(apiKey: key)
    var out: [ProviderEvent] = []
    for piece in pieces { out += p.feed(piece) }
    out += p.finish()
    fuzzCheck(p.isDone, "the parser is not done after finish()")
    var joined: [ProviderEvent] = []
    for e in out {
        switch (joined.last, e) {
        case (.textDelta(let s)?, .textDelta(let t)): joined[joined.count - 1] = .textDelta(s + t)
        case (.thinkingDelta(let s)?, .thinkingDelta(let t)): joined[joined.count - 1] = .thinkingDelta(s + t)
        default: joined.append(e)
        }
    }
    return (joined, p.failedRetryably)
}

/// Whether `needle` occurs anywhere in `haystack`.
private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty, haystack.count >= needle.count else { return false }
    for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
        if haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
    }
    return false
}
