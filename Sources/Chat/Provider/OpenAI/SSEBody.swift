/// The body of a streamed reply as it arrives, for the stream parsers
/// (OpenAI's and Anthropic's): the sniffing, the SSE feed loop and the
/// JSON cap they share.
///
/// A body is an event stream, decoded in place by ``SSEDecoder``, unless
/// its first non-blank byte opens a JSON value: then the server answered
/// with plain JSON instead (an error object despite HTTP 200, or a proxy
/// that ignored `stream: true`), and the body is kept whole, up to
/// `maxJSONBody` bytes, for the parser to read at the end
/// (``jsonBody``).
///
/// A parser holds one and feeds it through ``feed(_:to:at:handle:)``, which
/// moves it out of the parser while its events call back into the parser:
///
/// ```swift
/// public mutating func feed(_ bytes: UnsafeRawBufferPointer) -> [ProviderEvent] {
///     SSEBody.feed(bytes, to: &self, at: \.body) { parser, event, out in
///         parser.handle(event, into: &out)
///         return !parser.isDone   // false: stop, the stream is over
///     }
/// }
/// ```
public struct SSEBody: Sendable {
    private enum Kind { case sniffing, events, json }
    private var kind = Kind.sniffing
    private var decoder = SSEDecoder()
    private var json: [UInt8] = []
    /// Blank bytes that came before the body said what it is.
    private var blanks: [UInt8] = []
    private let maxJSONBody: Int
    private let jsonOpeners: [UInt8]

    /// A body not seen yet. `jsonOpeners` are the first bytes that mean a
    /// plain JSON body (`{` by default).
    public init(maxJSONBody: Int, jsonOpeners: [UInt8] = [UInt8(ascii: "{")]) {
        self.maxJSONBody = maxJSONBody
        self.jsonOpeners = jsonOpeners
    }

    /// The body so far when it is plain JSON (cut at `maxJSONBody`), nil
    /// when it is an event stream or nothing but blanks came yet.
    public var jsonBody: [UInt8]? { kind == .json ? json : nil }

    /// A handler of one event: the parser, the event (its `event:` name,
    /// its data, valid only during the call, and whether a line of it was
    /// cut at ``SSEDecoder/maxLineBytes``) and the events it produces.
    /// Returns false to stop (the rest of the bytes is dropped).
    public typealias Handler<Parser> = (inout Parser, Event, inout [ProviderEvent]) -> Bool

    /// One event of the stream, as the handler sees it.
    public struct Event {
        /// The `event:` name, nil when the event had none.
        public let name: String?
        /// The data bytes (valid only during the handler's call).
        public let data: UnsafeRawBufferPointer
        /// A line of the event was longer than ``SSEDecoder/maxLineBytes``
        /// and lost its end: its data cannot be whole.
        public let cut: Bool

        @usableFromInline
        init(name: String?, data: UnsafeRawBufferPointer, cut: Bool) {
            self.name = name
            self.data = data
            self.cut = cut
        }
    }

    /// Feeds `bytes` to the body at `path` of `parser`, calling `handle`
    /// for each event they complete; returns the events it produced.
    @inlinable
    public static func feed<Parser>(_ bytes: UnsafeRawBufferPointer, to parser: inout Parser,
                                    at path: WritableKeyPath<Parser, SSEBody>,
                                    handle: Handler<Parser>) -> [ProviderEvent] {
        var out: [ProviderEvent] = []
        var body = parser[keyPath: path].takeOut()
        body.feed(bytes) { event in handle(&parser, event, &out) }
        parser[keyPath: path] = body
        return out
    }

    /// The body ended: calls `handle` for the event its last bytes
    /// complete (an event stream whose final blank line is missing);
    /// returns the events it produced.
    @inlinable
    public static func finish<Parser>(_ parser: inout Parser, at path: WritableKeyPath<Parser, SSEBody>,
                                      handle: Handler<Parser>) -> [ProviderEvent] {
        var out: [ProviderEvent] = []
        var body = parser[keyPath: path].takeOut()
        body.finish { event in handle(&parser, event, &out) }
        parser[keyPath: path] = body
        return out
    }

    /// Moves this body out, leaving an empty one in its place.
    @usableFromInline
    mutating func takeOut() -> SSEBody {
        let body = self
        self = SSEBody(maxJSONBody: maxJSONBody, jsonOpeners: jsonOpeners)
        return body
    }

    /// Decodes `bytes`: events go to `onEvent` (false stops), a JSON body
    /// is kept.
    @usableFromInline
    mutating func feed(_ bytes: UnsafeRawBufferPointer, onEvent: (Event) -> Bool) {
        if kind == .sniffing {
            let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
            guard let first = bytes.first(where: { !blank($0) }) else {
                keepBlanks(bytes)
                return
            }
            kind = jsonOpeners.contains(first) ? .json : .events
            if !blanks.isEmpty {
                // The blanks that came alone go first, as if in this chunk
                // (found by the stream fuzzers: dropped, they changed the
                // first line, `  data:` read as `data:`, or the quoted body).
                let earlier = blanks
                blanks = []
                earlier.withUnsafeBytes { feed($0, onEvent: onEvent) }
            }
        }
        if kind == .json {
            if json.count < maxJSONBody { json.append(contentsOf: bytes.prefix(maxJSONBody - json.count)) }
            return
        }
        decoder.feed(bytes) { name, data, _, cut in onEvent(Event(name: name, data: data, cut: cut)) }
    }

    /// Keeps the blanks of a chunk that came before the first byte that
    /// says what the body is. Past ``SSEDecoder/maxLineBytes`` only what
    /// follows their last line end matters (it begins the first line), and
    /// the decoder cuts that line anyway.
    private mutating func keepBlanks(_ bytes: UnsafeRawBufferPointer) {
        blanks.append(contentsOf: bytes)
        guard blanks.count > SSEDecoder.maxLineBytes else { return }
        if let end = blanks.lastIndex(where: { $0 == 0x0A || $0 == 0x0D }) { blanks.removeSubrange(...end) }
        if blanks.count > SSEDecoder.maxLineBytes + 1 { blanks.removeFirst(blanks.count - SSEDecoder.maxLineBytes - 1) }
    }

    /// Ends an event stream (see ``SSEDecoder/finish(onEvent:)``).
    @usableFromInline
    mutating func finish(onEvent: (Event) -> Bool) {
        guard kind != .json else { return }
        decoder.finish { name, data, _, cut in onEvent(Event(name: name, data: data, cut: cut)) }
    }
}
