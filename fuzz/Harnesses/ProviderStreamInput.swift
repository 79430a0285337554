import Chat

/// The input of the provider stream targets (FuzzStream, FuzzAnthropic):
/// a key-choice byte, a split seed, then the body. Half the bodies get the
/// API key planted in their middle, so the scrubbing of error messages is
/// tested; `pieces` is the body cut at places chosen by the split seed.
struct ProviderStreamInput {
    /// The API key the parser is given (and must never show).
    let key: String
    /// The body, whole.
    let body: [UInt8]
    /// The same body in pieces of 1 to 64 bytes.
    let pieces: [[UInt8]]

    /// Reads the input from libFuzzer's bytes; `keys` are the keys to pick from.
    init(_ data: UnsafePointer<UInt8>?, _ size: Int, keys: [String]) {
        var r = FuzzReader(data, size)
        key = r.pick(keys)
        let splitSeed = r.chunk(max: 32)
        var body = r.rest()
        if r.bytes.first.map({ $0 & 0x80 != 0 }) == true {
            body.insert(contentsOf: Array(key.utf8), at: body.count / 2)
        }
        var splitter = FuzzReader(bytes: splitSeed)
        self.body = body
        pieces = splitter.split(body, maxPiece: 1 + Int(splitSeed.first ?? 0) % 64)
    }

    /// Fails the run if an error event's message contains the key.
    func checkKeyNotShown(in events: [ProviderEvent]) {
        for case .error(let message) in events {
            fuzzCheck(!contains(Array(message.utf8), Array(key.utf8)), "error message shows the API key: \(message)")
        }
    }

    /// Fails the run unless `events` end with their only terminal event.
    static func checkOneTerminalEventLast(_ events: [ProviderEvent]) {
        fuzzCheck(events.filter(\.isTerminal).count == 1 && events.last?.isTerminal == true,
                  "not exactly one terminal event at the end: \(events)")
    }
}

/// `events` with adjacent text deltas joined, and adjacent thinking deltas
/// joined: where a stream is cut may change how deltas are split, nothing
/// else.
func joiningDeltas(_ events: [ProviderEvent]) -> [ProviderEvent] {
    var joined: [ProviderEvent] = []
    for e in events {
        switch (joined.last, e) {
        case (.textDelta(let s)?, .textDelta(let t)): joined[joined.count - 1] = .textDelta(s + t)
        case (.thinkingDelta(let s)?, .thinkingDelta(let t)): joined[joined.count - 1] = .thinkingDelta(s + t)
        default: joined.append(e)
        }
    }
    return joined
}

/// Whether `needle` occurs anywhere in `haystack`.
private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty, haystack.count >= needle.count else { return false }
    for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
        if haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
    }
    return false
}
