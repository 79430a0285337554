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
/// dispatches the pending event (only when it has data).
///
/// The byte form (``feed(_:onEvent:)``) hands each event's data to its
/// caller as raw bytes, never as a `String`: an event whose one `data:`
/// line and blank line arrive in the same chunk (the usual case) is read
/// straight from the chunk without a copy; only a line or event split across
/// chunks is copied into the decoder. The `[UInt8]` form decodes the data
/// as UTF-8 (invalid bytes become U+FFFD, and a character split across
/// chunks is never damaged, since data is decoded whole).
///
/// ```swift
/// var d = SSEDecoder()
/// d.feed(Array("data: he".utf8))          // []
/// d.feed(Array("llo\n\n".utf8))           // [SSEEvent(data: "hello")]
/// ```
public struct SSEDecoder: Sendable {
    /// The longest line kept, in bytes; longer lines are cut (the rest of
    /// the line is dropped) so a hostile server cannot exhaust memory, and
    /// their event is handed over with `cut` set.
    public static let maxLineBytes = 16 << 20

    /// A line begun in an earlier chunk.
    private var line: [UInt8] = []
    private var lineOverflow = false
    /// A line of the pending event was cut at ``maxLineBytes``.
    private var eventCut = false
    private var skipLF = false
    /// The pending event's data, when it is not a range of the chunk.
    private var data: [UInt8] = []
    /// The pending event's data as a range of the chunk being fed (its only
    /// `data:` line was read from the chunk itself).
    private var dataInChunk: Range<Int>?
    private var hasData = false
    private var eventName: String?
    private var eventID: String?

    /// Creates an empty decoder.
    public init() {}

    /// Decodes `bytes`, returning the events completed by them, in order.
    public mutating func feed(_ bytes: [UInt8]) -> [SSEEvent] {
        var events: [SSEEvent] = []
        bytes.withUnsafeBytes { raw in
            feed(raw) { name, data, id, _ in
                events.append(SSEEvent(event: name, data: String(decoding: data, as: UTF8.self), id: id))
                return true
            }
        }
        return events
    }

    /// Ends the stream: a last line without a terminator is processed and a
    /// pending event with data is dispatched (lenient: the standard drops
    /// it, but servers that omit the final blank line are common).
    public mutating func finish() -> [SSEEvent] {
        var events: [SSEEvent] = []
        finish { name, data, id, _ in
            events.append(SSEEvent(event: name, data: String(decoding: data, as: UTF8.self), id: id))
            return true
        }
        return events
    }

    /// Decodes `bytes`, calling `onEvent(event, data, id, cut)` for each
    /// event they complete, in order (`cut`: a line of the event was longer
    /// than ``maxLineBytes`` and lost its end); the data bytes are valid
    /// only during the call. `onEvent` returns false to stop early (the rest of `bytes` is
    /// then dropped: the consumer is done with the stream).
    public mutating func feed(_ bytes: UnsafeRawBufferPointer,
                              onEvent: (String?, UnsafeRawBufferPointer, String?, Bool) -> Bool) {
        var start = 0
        var i = 0
        let n = bytes.count
        defer {
            // What is left of the chunk outlives it: the pending data, the
            // unfinished line.
            if let r = dataInChunk {
                data.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[r]))
                dataInChunk = nil
            }
        }
        while i < n {
            let b = bytes[i]
            guard b == 0x0A || b == 0x0D else {
                skipLF = false
                i += 1
                continue
            }
            if b == 0x0A && skipLF && start == i && line.isEmpty {
                skipLF = false
                i += 1
                start = i
                continue
            }
            skipLF = b == 0x0D
            var go = true
            if line.isEmpty && !lineOverflow {
                let end = min(i, start + Self.maxLineBytes)
                if end < i { eventCut = true }
                go = endLine(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), chunkOffset: start,
                             chunk: bytes, onEvent: onEvent)
            } else {
                appendToLine(bytes, start, i)
                go = endBufferedLine(chunk: bytes, onEvent: onEvent)
            }
            i += 1
            start = i
            if !go { return }
        }
        appendToLine(bytes, start, n)
    }

    /// Ends the stream (see ``finish()``), calling `onEvent` for what it
    /// completes.
    public mutating func finish(onEvent: (String?, UnsafeRawBufferPointer, String?, Bool) -> Bool) {
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        if !line.isEmpty, !endBufferedLine(chunk: empty, onEvent: onEvent) { return }
        _ = dispatch(chunk: empty, onEvent: onEvent)
    }

    private mutating func appendToLine(_ bytes: UnsafeRawBufferPointer, _ from: Int, _ to: Int) {
        guard from < to, !lineOverflow else { return }
        let room = Self.maxLineBytes - line.count
        if to - from > room {
            line.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[from..<(from + max(0, room))]))
            lineOverflow = true
        } else {
            line.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[from..<to]))
        }
    }

    /// Processes the line gathered in `line` (it began in an earlier chunk).
    private mutating func endBufferedLine(chunk: UnsafeRawBufferPointer,
                                          onEvent: (String?, UnsafeRawBufferPointer, String?, Bool) -> Bool) -> Bool {
        let gathered = line
        line = []
        if lineOverflow { eventCut = true }
        defer {
            line = gathered
            line.removeAll(keepingCapacity: line.count < 4096)
            lineOverflow = false
        }
        return gathered.withUnsafeBytes { endLine($0, chunkOffset: nil, chunk: chunk, onEvent: onEvent) }
    }

    /// Processes one complete line: `text`, which is `chunk` from
    /// `chunkOffset` when the line lies in the chunk. Returns false when
    /// `onEvent` asked to stop.
    private mutating func endLine(_ text: UnsafeRawBufferPointer, chunkOffset: Int?, chunk: UnsafeRawBufferPointer,
                                  onEvent: (String?, UnsafeRawBufferPointer, String?, Bool) -> Bool) -> Bool {
        if text.isEmpty { return dispatch(chunk: chunk, onEvent: onEvent) }
        if text[0] == 0x3A { return true }  // ':' comment
        let colon = text.firstIndex(of: 0x3A) ?? text.count
        var valueStart = min(colon + 1, text.count)
        if valueStart < text.count && text[valueStart] == 0x20 { valueStart += 1 }
        let value = UnsafeRawBufferPointer(rebasing: text[valueStart...])
        let field = UnsafeRawBufferPointer(rebasing: text[..<colon])
        if field.elementsEqual("data".utf8) {
            if !hasData, let at = chunkOffset {
                dataInChunk = (at + valueStart)..<(at + text.count)
            } else {
                if let r = dataInChunk {
                    data.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[r]))
                    dataInChunk = nil
                }
                if hasData { data.append(0x0A) }
                data.append(contentsOf: value)
            }
            hasData = true
        } else if field.elementsEqual("event".utf8) {
            eventName = String(decoding: value, as: UTF8.self)
        } else if field.elementsEqual("id".utf8) {
            eventID = String(decoding: value, as: UTF8.self)
        }  // `retry` and unknown fields are ignored
        return true
    }

    /// Hands the pending event (if it has data) to `onEvent` and clears it.
    private mutating func dispatch(chunk: UnsafeRawBufferPointer,
                                   onEvent: (String?, UnsafeRawBufferPointer, String?, Bool) -> Bool) -> Bool {
        defer {
            data.removeAll(keepingCapacity: data.count < 4096)
            dataInChunk = nil
            hasData = false
            eventName = nil
            eventCut = false
        }
        guard hasData else { return true }
        let name = eventName.flatMap { $0.isEmpty ? nil : $0 }
        if let r = dataInChunk { return onEvent(name, UnsafeRawBufferPointer(rebasing: chunk[r]), eventID, eventCut) }
        return data.withUnsafeBytes { onEvent(name, $0, eventID, eventCut) }
    }
}
