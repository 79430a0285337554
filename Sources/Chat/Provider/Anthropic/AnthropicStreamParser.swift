import Kernel

/// Turns the bytes of a streamed Messages API reply into
/// ``ProviderEvent``s. Pure and synchronous: the HTTP transport feeds it,
/// tests and fuzzers feed it bytes directly.
///
/// Events, by the SSE `type` of each data object (the `event:` name is
/// used when the data has none):
/// - `message_start`: input and cache token counts are kept for the end;
/// - `content_block_start` / `content_block_delta` / `content_block_stop`
///   for `text` (`text_delta` -> `.textDelta`), `thinking`
///   (`thinking_delta` -> `.thinkingDelta`, `signature_delta` joined; at
///   the stop, `.signedThinking` with text and signature),
///   `redacted_thinking` (`.signedThinking(redactedData:)` at the stop) and
///   `tool_use` (`input_json_delta` fragments joined; `.toolCall` at the
///   stop with the JSON as sent, `{}` when none came: tools validate it);
/// - `message_delta`: the stop reason and cumulative usage;
/// - `message_stop`: `.cacheUsage` (when the server reported cache
///   tokens), `.usage`, then `.finish` with the stop reason mapped to the
///   common names (`end_turn` -> `stop`, `tool_use` -> `tool_calls`,
///   `max_tokens` -> `length`; others as sent);
/// - `ping` and unknown types are ignored;
/// - `error`: one `.error` with the server's type and message.
/// A body that is plain JSON instead of SSE is an error object (reported)
/// or a whole non-streamed message (replayed as events). A stream that
/// ends with neither `message_stop` nor a stop reason ends in an error. A
/// data line that is not JSON ends the stream with an error naming it.
///
/// ```swift
/// var p = AnthropicStreamParser()
/// p.feed(Array(sse.utf8)) + p.finish()   // [.textDelta("Hi"), .usage(...), .finish(reason: "stop")]
/// ```
public struct AnthropicStreamParser: StreamParser {
    /// Cap on a buffered non-SSE (JSON) body.
    public static let maxJSONBody = 4 << 20

    /// A content block between its start and stop.
    enum Block {
        case text
        case thinking(text: String, signature: String)
        case redacted(String)
        case tool(id: String, name: String, json: String, initial: Value?)
        case other
    }

    private var body = SSEBody(maxJSONBody: AnthropicStreamParser.maxJSONBody)
    private var blocks: [Int: Block] = [:]
    private var usage = AnthropicUsage()
    private var stopReason: String?
    private let apiKey: String?

    /// True once the terminal event was produced.
    public private(set) var isDone = false
    /// True once any text, thinking or tool call was produced.
    public private(set) var producedOutput = false
    /// True when the stream ended in an overload (or similar) error before
    /// any output: the request can be sent again.
    public private(set) var failedRetryably = false

    /// A parser; `apiKey` is scrubbed from error messages.
    public init(apiKey: String? = nil) {
        self.apiKey = apiKey
    }

    /// Consumes body bytes, read in place: each SSE event's data goes from
    /// the bytes to its JSON value with no copy in between when it arrives
    /// whole (see ``SSEDecoder/feed(_:onEvent:)``). Returns the events they
    /// complete.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) -> [ProviderEvent] {
        guard !isDone else { return [] }
        return SSEBody.feed(bytes, to: &self, at: \.body, handle: Self.onEvent)
    }

    /// The connection ended: flushes what is pending and returns the
    /// terminal event if none was produced yet.
    public mutating func finish() -> [ProviderEvent] {
        guard !isDone else { return [] }
        var out: [ProviderEvent] = []
        if let json = body.jsonBody {
            replayJSONBody(json, into: &out)
            return out
        }
        out = SSEBody.finish(&self, at: \.body, handle: Self.onEvent)
        if !isDone {
            if stopReason != nil {
                complete(into: &out)  // lenient: only message_stop is missing
            } else {
                closeAllBlocks(into: &out)
                isDone = true
                out.append(.error(message: AnthropicErrorMapper.truncated))
            }
        }
        return out
    }

    // MARK: - Events

    /// One SSE event for ``SSEBody``: handled, and true while the stream
    /// goes on.
    private static func onEvent(_ p: inout Self, event: SSEBody.Event, out: inout [ProviderEvent]) -> Bool {
        if event.cut {
            p.closeAllBlocks(into: &out)
            out.append(.error(message: AnthropicErrorMapper.eventTooLarge))
            p.isDone = true
        } else {
            p.handle(event: event.name, data: event.data, into: &out)
        }
        return !p.isDone
    }

    /// One SSE event (`event:` name, data bytes): its JSON object decoded
    /// in place, then dispatched on its `type`.
    private mutating func handle(event: String?, data: UnsafeRawBufferPointer, into out: inout [ProviderEvent]) {
        let object: Value
        do {
            object = try JSON.decode(utf8: data, surrogates: .replace)
        } catch {
            let name = event.map { "'\($0)' " } ?? ""
            let text = String(decoding: data.prefix(480), as: UTF8.self)
            fail(AnthropicServerError(message: "unreadable \(name)event (\(error)): \(text.prefix(120))"), into: &out)
            return
        }
        switch object["type"]?.string ?? event ?? "" {
        case "message_start": usage.read(object["message"]?["usage"])
        case "content_block_start": start(object, into: &out)
        case "content_block_delta": delta(object, into: &out)
        case "content_block_stop": stop(index: object["index"]?.int ?? -1, into: &out)
        case "message_delta":
            if let r = object["delta"]?["stop_reason"]?.string { stopReason = r }
            usage.read(object["usage"])
        case "message_stop": complete(into: &out)
        case "error":
            fail(AnthropicServerError.find(in: object) ?? AnthropicServerError(message: String(decoding: data, as: UTF8.self)),
                 into: &out)
        default: break  // ping, and types this version does not know
        }
    }

    private mutating func start(_ object: Value, into out: inout [ProviderEvent]) {
        guard let index = object["index"]?.int, let block = object["content_block"] else { return }
        switch block["type"]?.string {
        case "text":
            blocks[index] = .text
            emitText(block["text"]?.string ?? "", into: &out)
        case "thinking":
            let text = block["thinking"]?.string ?? ""
            blocks[index] = .thinking(text: text, signature: block["signature"]?.string ?? "")
            emitThinking(text, into: &out)
        case "redacted_thinking":
            blocks[index] = .redacted(block["data"]?.string ?? "")
        case "tool_use":
            let input = block["input"]
            blocks[index] = .tool(id: block["id"]?.string ?? "toolu_\(index)", name: block["name"]?.string ?? "",
                                  json: "", initial: input?.table?.isEmpty == false ? input : nil)
        default:
            blocks[index] = .other
        }
    }

    private mutating func delta(_ object: Value, into out: inout [ProviderEvent]) {
        guard let index = object["index"]?.int, let d = object["delta"] else { return }
        switch (d["type"]?.string, blocks[index]) {
        case ("text_delta", _):
            emitText(d["text"]?.string ?? "", into: &out)
        // The block is taken out of the table before its text grows, so
        // the text is appended in place (O(delta), not O(block)).
        case ("thinking_delta", .thinking?):
            let piece = d["thinking"]?.string ?? ""
            if case .thinking(var text, let signature)? = blocks.removeValue(forKey: index) {
                text += piece
                blocks[index] = .thinking(text: text, signature: signature)
            }
            emitThinking(piece, into: &out)
        case ("signature_delta", .thinking?):
            if case .thinking(let text, var signature)? = blocks.removeValue(forKey: index) {
                signature += d["signature"]?.string ?? ""
                blocks[index] = .thinking(text: text, signature: signature)
            }
        case ("input_json_delta", .tool?):
            if case .tool(let id, let name, var json, let initial)? = blocks.removeValue(forKey: index) {
                json += d["partial_json"]?.string ?? ""
                blocks[index] = .tool(id: id, name: name, json: json, initial: initial)
            }
        default:
            break  // citations and deltas of unknown kinds
        }
    }

    private mutating func stop(index: Int, into out: inout [ProviderEvent]) {
        guard let block = blocks.removeValue(forKey: index) else { return }
        switch block {
        case .thinking(let text, let signature):
            out.append(.signedThinking(SignedThinking(text: text, signature: signature)))
        case .redacted(let data):
            producedOutput = true
            out.append(.signedThinking(SignedThinking(redactedData: data)))
        case .tool(let id, let name, let json, let initial):
            producedOutput = true
            let args = json.isEmpty ? initial.map(JSON.line) ?? "{}" : json
            out.append(.toolCall(id: id, name: name, arguments: args))
        case .text, .other:
            break
        }
    }

    private mutating func closeAllBlocks(into out: inout [ProviderEvent]) {
        for index in blocks.keys.sorted() { stop(index: index, into: &out) }
    }

    private mutating func complete(into out: inout [ProviderEvent]) {
        closeAllBlocks(into: &out)
        if usage.hasCache { out.append(.cacheUsage(read: usage.cacheRead, write: usage.cacheWrite)) }
        if usage.hasTokens { out.append(.usage(input: usage.input, output: usage.output)) }
        out.append(.finish(reason: Self.finishReason(stopReason)))
        isDone = true
    }

    private mutating func fail(_ e: AnthropicServerError, into out: inout [ProviderEvent]) {
        if e.isRetryable && !producedOutput { failedRetryably = true }
        closeAllBlocks(into: &out)
        out.append(.error(message: AnthropicErrorMapper.message(serverError: e, key: apiKey)))
        isDone = true
    }

    private mutating func emitText(_ text: String, into out: inout [ProviderEvent]) {
        guard !text.isEmpty else { return }
        producedOutput = true
        out.append(.textDelta(text))
    }

    private mutating func emitThinking(_ text: String, into out: inout [ProviderEvent]) {
        guard !text.isEmpty else { return }
        producedOutput = true
        out.append(.thinkingDelta(text))
    }

    /// The common finish reason for an Anthropic `stop_reason`.
    public static func finishReason(_ stopReason: String?) -> String {
        switch stopReason {
        case nil, "end_turn"?, "stop_sequence"?: return "stop"
        case "tool_use"?: return "tool_calls"
        case "max_tokens"?: return "length"
        case let other?: return other
        }
    }
}

// MARK: - A JSON body instead of a stream

extension AnthropicStreamParser {
    /// A body that was one JSON object: an error, or a whole message (a
    /// proxy that ignored `stream: true`), replayed as stream events.
    private mutating func replayJSONBody(_ json: [UInt8], into out: inout [ProviderEvent]) {
        let text = String(decoding: json, as: UTF8.self)
        guard let v = try? JSON.decode(text, surrogates: .replace), v["type"]?.string == "message",
              let content = v["content"]?.array else {
            let e = (try? JSON.decode(text, surrogates: .replace)).flatMap(AnthropicServerError.find(in:))
                ?? AnthropicServerError(message: "expected an event stream, got: " + String(text.prefix(AnthropicErrorMapper.maxQuoted)))
            fail(e, into: &out)
            return
        }
        usage.read(v["usage"])
        stopReason = v["stop_reason"]?.string
        for (i, block) in content.enumerated() {
            start(.table(["index": .int(i), "content_block": block]), into: &out)
            if case .tool? = blocks[i], let input = block["input"] {
                blocks[i] = .tool(id: block["id"]?.string ?? "toolu_\(i)", name: block["name"]?.string ?? "",
                                  json: JSON.line(input), initial: nil)
            }
            stop(index: i, into: &out)
        }
        complete(into: &out)
    }
}

/// Token counts as the Messages API reports them (`message_start` has the
/// input side, `message_delta` the cumulative output; later values win).
struct AnthropicUsage {
    var input = 0
    var output = 0
    var cacheRead = 0
    var cacheWrite = 0
    var hasTokens = false
    var hasCache = false

    mutating func read(_ u: Value?) {
        guard let u, u.table != nil else { return }
        if let n = u["input_tokens"]?.int { input = n; hasTokens = true }
        if let n = u["output_tokens"]?.int { output = n; hasTokens = true }
        if let n = u["cache_read_input_tokens"]?.int { cacheRead = n; hasCache = true }
        if let n = u["cache_creation_input_tokens"]?.int { cacheWrite = n; hasCache = true }
    }
}
