import Foundation

/// Turns the bytes of a streamed chat completion body into
/// ``ProviderEvent``s: SSE framing, chunk decoding, reasoning in its three
/// forms, tool-call assembly, usage and the end of the stream. Pure and
/// synchronous: the HTTP transport feeds it, tests feed it bytes directly.
///
/// Event order: text and thinking deltas as they come (one per chunk:
/// merging adjacent deltas is the consumer's business, see
/// ``ProviderEvent/append(_:to:)``); the tool calls when the
/// finish reason arrives (or at the end); then `.usage` (if the server sent
/// it) and `.finish` at `[DONE]`. A stream that fails ends with one
/// `.error`: a mid-stream error object, an error event, a JSON error body
/// instead of SSE (HTTP 200 with `{"error":...}`), a chunk that is not
/// JSON, or an end of connection with neither `[DONE]` nor a finish reason.
/// After the terminal event, ``isDone`` is true and input is ignored.
///
/// ```swift
/// var p = OpenAIStreamParser()
/// p.feed(Array("data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\ndata: [DONE]\n\n".utf8))
/// // [.textDelta("Hi"), .finish(reason: "stop")]
/// ```
public struct OpenAIStreamParser: StreamParser {
    /// Cap on a buffered non-SSE (JSON) body.
    public static let maxJSONBody = 1 << 20

    private var body = SSEBody(maxJSONBody: OpenAIStreamParser.maxJSONBody, jsonOpeners: [0x7B, 0x5B])  // '{', '['
    private var splitter = ThinkTagSplitter()
    private var tools = ToolCallAccumulator()
    private var finishReason: String?
    private var usage: OpenAIUsage?
    private var apiKey: String?

    /// True once the terminal event was produced.
    public private(set) var isDone = false
    /// True once any text, thinking or tool call was produced.
    public private(set) var producedOutput = false

    /// Creates a parser; `apiKey` is scrubbed from error messages.
    public init(apiKey: String? = nil) {
        self.apiKey = apiKey
    }

    /// Always false: an error event mid-stream is final for
    /// OpenAI-compatible servers (none says it is overloaded in a way worth
    /// a silent retry).
    public var failedRetryably: Bool { false }

    /// Consumes body bytes, read in place: each SSE event's data goes from
    /// the bytes to the chunk's JSON value with no copy in between when it
    /// arrives whole (see ``SSEDecoder/feed(_:onEvent:)``).
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) -> [ProviderEvent] {
        guard !isDone else { return [] }
        return SSEBody.feed(bytes, to: &self, at: \.body, handle: Self.onEvent)
    }

    /// The connection ended: flushes what is pending and returns the
    /// terminal event if none was produced yet.
    public mutating func finish() -> [ProviderEvent] {
        guard !isDone else { return [] }
        if let json = body.jsonBody {
            isDone = true
            let text = String(decoding: json, as: UTF8.self)
            let e = OpenAIServerError.find(inBody: text)
                ?? OpenAIServerError(message: "expected an event stream, got: " + OpenAIErrorMapper.serverMessage(text))
            return [.error(message: OpenAIErrorMapper.message(serverError: e, key: apiKey))]
        }
        var out = SSEBody.finish(&self, at: \.body, handle: Self.onEvent)
        if !isDone {
            if finishReason != nil {
                complete(into: &out)  // lenient: finished, only [DONE] is missing
            } else {
                flushText(into: &out)
                isDone = true
                out.append(.error(message: OpenAIErrorMapper.truncated))
            }
        }
        return out
    }

    /// One SSE event for ``SSEBody``: handled, and true while the stream
    /// goes on.
    private static func onEvent(_ p: inout Self, event: SSEBody.Event, out: inout [ProviderEvent]) -> Bool {
        if event.cut {
            p.end(withError: OpenAIErrorMapper.eventTooLarge, into: &out)
        } else {
            p.handle(event: event.name, data: event.data, into: &out)
        }
        return !p.isDone
    }

    /// One SSE event: `[DONE]`, or a chunk parsed from the data bytes.
    private mutating func handle(event name: String?, data: UnsafeRawBufferPointer, into out: inout [ProviderEvent]) {
        if data.count < 16 && Self.isDone(data) {
            complete(into: &out)
            return
        }
        let chunk: OpenAIChunk
        do {
            chunk = try OpenAIChunk.parse(utf8: data)
        } catch {
            let text = String(decoding: data, as: UTF8.self)
            if name == "error" {
                fail(OpenAIServerError(message: text), into: &out)
            } else {
                fail(OpenAIServerError(message: "unreadable chunk (\(error)): \(text.prefix(120))"), into: &out)
            }
            return
        }
        if let e = chunk.error {
            fail(e, into: &out)
            return
        }
        if name == "error" {
            fail(OpenAIServerError(message: String(decoding: data, as: UTF8.self)), into: &out)
            return
        }
        apply(chunk, into: &out)
    }

    /// True for `[DONE]` with optional spaces or tabs around it.
    static func isDone(_ data: UnsafeRawBufferPointer) -> Bool {
        var lo = 0, hi = data.count
        while lo < hi, data[lo] == 0x20 || data[lo] == 0x09 { lo += 1 }
        while hi > lo, data[hi - 1] == 0x20 || data[hi - 1] == 0x09 { hi -= 1 }
        return data[lo..<hi].elementsEqual("[DONE]".utf8)
    }

    private mutating func apply(_ chunk: OpenAIChunk, into out: inout [ProviderEvent]) {
        if let r = chunk.reasoning, !r.isEmpty {
            producedOutput = true
            out.append(.thinkingDelta(r))
        }
        if let c = chunk.content, !c.isEmpty {
            for piece in splitter.feed(c) { append(piece, into: &out) }
        }
        for delta in chunk.toolCalls { tools.add(delta) }
        if let u = chunk.usage { usage = u }
        if let reason = chunk.finishReason, finishReason == nil {
            finishReason = reason
            flushText(into: &out)
            emitToolCalls(into: &out)
        }
    }

    private mutating func append(_ piece: ThinkTagSplitter.Piece, into out: inout [ProviderEvent]) {
        producedOutput = true
        switch piece {
        case .text(let t): out.append(.textDelta(t))
        case .thinking(let t): out.append(.thinkingDelta(t))
        }
    }

    private mutating func flushText(into out: inout [ProviderEvent]) {
        for piece in splitter.finish() { append(piece, into: &out) }
    }

    private mutating func emitToolCalls(into out: inout [ProviderEvent]) {
        for call in tools.finish() {
            producedOutput = true
            out.append(.toolCall(id: call.id, name: call.name, arguments: call.arguments))
        }
    }

    private mutating func complete(into out: inout [ProviderEvent]) {
        flushText(into: &out)
        emitToolCalls(into: &out)
        if let u = usage { out.append(.usage(input: u.input, output: u.output)) }
        out.append(.finish(reason: finishReason ?? "stop"))
        isDone = true
    }

    private mutating func fail(_ e: OpenAIServerError, into out: inout [ProviderEvent]) {
        end(withError: OpenAIErrorMapper.message(serverError: e, key: apiKey), into: &out)
    }

    /// Ends the stream with `message`, after the text still held back.
    private mutating func end(withError message: String, into out: inout [ProviderEvent]) {
        flushText(into: &out)
        out.append(.error(message: message))
        isDone = true
    }
}
