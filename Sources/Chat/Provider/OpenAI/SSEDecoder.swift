/// One server-sent event: its `event:` name (nil for the default
/// `message`), its data (several `data:` lines joined with `\n`) and its
/// `id:` if any.
public struct SSEEvent: Hashable, Sendable {
    /// The `event:` field, nil when the event had none.
    public var event: String?
    /// The data lines joined with `\n` (no trailing newline).
    public var data: String
    /// The `id:` field, nil when the event had none.
    public var id: String?

    /// Creates an event.
    public init(event: String? = nil, data: String, id: String? = nil) {
        self.event = event
        self.data = data
        self.id = id
    }
}

/// Incremental decoder for a `text/event-stream` body (the WHATWG framing).
///
/// Feed it the bytes as they arrive, in chunks of any size: a chunk may end
/// in the middle of a line, of a `\r\n` pair or of a UTF-8 sequence. Lines
/// end in `\n`, `\r\n` or `\r`; a line `field: value` loses one leading
/// space from the value; lines starting with `:` are comments; a blank line
/// dispatches the pending event (only when it has data). Bytes are decoded
/// as UTF-8 one whole line at a time, so a character split across chunks is
/// never damaged; invalid UTF-8 becomes U+FFFD.
///
/// ```swift
/// var d = SSEDecoder()
/// d.feed(Array("data: he".utf8))          // []
/// d.feed(Array("llo\n\n".utf8))           // [SSEEvent(data: "hello")]
/// ```
public struct SSEDecoder: Sendable {
    /// The longest line kept, in bytes; longer lines are cut (the rest of
    /// the line is dropped) so a hostile server cannot exhaust memory.
    public static let maxLineBytes = 16 << 20

    private var line: [UInt8] = []
    private var lineOverflow = false
    private var skipLF = false
    private var data: [UInt8] = []
    private var hasData = false
    private var eventName: String?
    private var eventID: String?

    /// Creates an empty decoder.
    public init() {}

    /// Decodes `bytes`, returning the events completed by them, in order.
    public mutating func feed(_ bytes: [UInt8]) -> [SSEEvent] {
        var events: [SSEEvent] = []
        var start = 0
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0x0A || b == 0x0D {
                if b == 0x0A && skipLF && start == i && line.isEmpty {
                    skipLF = false
                    i += 1
                    start = i
                    continue
                }
                appendToLine(bytes, start, i)
                skipLF = b == 0x0D
                if let e = endLine() { events.append(e) }
                i += 1
                start = i
                continue
            }
            skipLF = false
            i += 1
        }
        appendToLine(bytes, start, n)
        return events
    }

    /// Ends the stream: a last line without a terminator is processed and a
    /// pending event with data is dispatched (lenient: the standard drops
    /// it, but servers that omit the final blank line are common).
    public mutating func finish() -> [SSEEvent] {
        var events: [SSEEvent] = []
        if !line.isEmpty, let e = endLine() { events.append(e) }
        if let e = dispatch() { events.append(e) }
        return events
    }

    private mutating func appendToLine(_ bytes: [UInt8], _ from: Int, _ to: Int) {
        guard from < to, !lineOverflow else { return }
        let room = Self.maxLineBytes - line.count
        if to - from > room {
            line.append(contentsOf: bytes[from..<(from + max(0, room))])
            lineOverflow = true
        } else {
            line.append(contentsOf: bytes[from..<to])
        }
    }

    /// Processes the completed line; returns an event when it was blank.
    private mutating func endLine() -> SSEEvent? {
        defer {
            line.removeAll(keepingCapacity: line.count < 4096)
            lineOverflow = false
        }
        if line.isEmpty { return dispatch() }
        if line[0] == 0x3A { return nil }  // ':' comment
        let colon = line.firstIndex(of: 0x3A) ?? line.count
        let field = String(decoding: line[0..<colon], as: UTF8.self)
        var valueStart = min(colon + 1, line.count)
        if valueStart < line.count && line[valueStart] == 0x20 { valueStart += 1 }
        switch field {
        case "data":
            if hasData { data.append(0x0A) }
            data.append(contentsOf: line[valueStart...])
            hasData = true
        case "event":
            eventName = String(decoding: line[valueStart...], as: UTF8.self)
        case "id":
            eventID = String(decoding: line[valueStart...], as: UTF8.self)
        default:
            break  // `retry` and unknown fields are ignored
        }
        return nil
    }

    private mutating func dispatch() -> SSEEvent? {
        defer {
            data.removeAll(keepingCapacity: data.count < 4096)
            hasData = false
            eventName = nil
        }
        guard hasData else { return nil }
        let name = eventName.flatMap { $0.isEmpty ? nil : $0 }
        return SSEEvent(event: name, data: String(decoding: data, as: UTF8.self), id: eventID)
    }
}
