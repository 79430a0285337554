import Kernel

/// One fragment of a streamed tool call (`delta.tool_calls[i]`): the slot
/// index, and whichever of id, name and argument text this chunk carries.
public struct OpenAIToolCallDelta: Hashable, Sendable {
    /// The `index` the server gave the call (0 when missing).
    public var index: Int
    /// The call id, when this chunk carries one.
    public var id: String?
    /// The function name, when this chunk carries one.
    public var name: String?
    /// A fragment of the arguments JSON text.
    public var arguments: String?

    /// Creates a tool call fragment.
    public init(index: Int, id: String? = nil, name: String? = nil, arguments: String? = nil) {
        self.index = index
        self.id = id
        self.name = name
        self.arguments = arguments
    }
}

/// Token counts from a `usage` object.
public struct OpenAIUsage: Hashable, Sendable {
    /// `prompt_tokens`.
    public var input: Int
    /// `completion_tokens`.
    public var output: Int

    /// Creates a usage record.
    public init(input: Int, output: Int) {
        self.input = input
        self.output = output
    }
}

/// An error object sent by the server (`{"error": {...}}`, vLLM's
/// `{"object": "error", ...}`, or `{"error": "text"}`).
public struct OpenAIServerError: Hashable, Sendable {
    /// The human-readable message (may be empty when the server sent none).
    public var message: String
    /// The `type` field, e.g. `invalid_request_error` or `BadRequestError`.
    public var type: String?
    /// The `code` field as text (servers send strings or integers).
    public var code: String?

    /// Creates a server error.
    public init(message: String, type: String? = nil, code: String? = nil) {
        self.message = message
        self.type = type
        self.code = code
    }

    /// Finds the error in a decoded JSON body, or nil when it has none.
    public static func find(in json: Value) -> OpenAIServerError? {
        if let e = json["error"] {
            if let text = e.string { return OpenAIServerError(message: text) }
            if e.table != nil {
                return OpenAIServerError(message: e["message"]?.string ?? "", type: e["type"]?.string,
                                         code: e["code"].flatMap(scalarText))
            }
            if case .null = e { return nil }
        }
        if json["object"]?.string == "error" {
            return OpenAIServerError(message: json["message"]?.string ?? "", type: json["type"]?.string,
                                     code: json["code"].flatMap(scalarText))
        }
        return nil
    }

    /// Parses `text` as JSON and finds the error in it.
    public static func find(inBody text: String) -> OpenAIServerError? {
        guard let json = try? JSON.decode(text, surrogates: .replace) else { return nil }
        return find(in: json)
    }

    static func scalarText(_ v: Value) -> String? {
        switch v {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        default: return nil
        }
    }
}

/// One decoded `chat.completion.chunk` (only choice 0 is read).
///
/// Tolerates what servers send in the wild: `choices` missing, `null` or
/// `[]` (the usage chunk), `content: null`, reasoning as
/// `reasoning_content` or `reasoning`, integer or string error codes.
public struct OpenAIChunk: Hashable, Sendable {
    /// `delta.content`, when present and non-null.
    public var content: String?
    /// `delta.reasoning_content` or `delta.reasoning`.
    public var reasoning: String?
    /// `delta.tool_calls` fragments.
    public var toolCalls: [OpenAIToolCallDelta] = []
    /// `finish_reason` when non-null.
    public var finishReason: String?
    /// The `usage` object, when present and non-null.
    public var usage: OpenAIUsage?
    /// A mid-stream error object.
    public var error: OpenAIServerError?

    /// Creates an empty chunk.
    public init() {}

    /// Decodes one SSE `data` payload.
    /// - Throws: ``JSON/Failure`` when the payload is not JSON.
    public static func parse(_ data: String) throws -> OpenAIChunk {
        try from(JSON.decode(data, surrogates: .replace))
    }

    /// Decodes one SSE `data` payload from its bytes, in place.
    /// - Throws: ``JSON/Failure`` when the payload is not JSON.
    public static func parse(utf8 data: UnsafeRawBufferPointer) throws -> OpenAIChunk {
        if let chunk = read(utf8: data) { return chunk }
        return try from(JSON.decode(utf8: data, surrogates: .replace))
    }

    /// The chunk a decoded payload describes.
    static func from(_ json: Value) -> OpenAIChunk {
        var chunk = OpenAIChunk()
        chunk.error = OpenAIServerError.find(in: json)
        if let u = json["usage"], u.table != nil {
            chunk.usage = OpenAIUsage(input: u["prompt_tokens"]?.int ?? 0, output: u["completion_tokens"]?.int ?? 0)
        }
        guard let choice = json["choices"]?.array?.first(where: { ($0["index"]?.int ?? 0) == 0 }) else {
            return chunk
        }
        chunk.finishReason = choice["finish_reason"]?.string
        // Some servers put a whole `message` instead of a `delta`.
        guard let delta = choice["delta"] ?? choice["message"] else { return chunk }
        chunk.content = delta["content"]?.string
        chunk.reasoning = delta["reasoning_content"]?.string ?? delta["reasoning"]?.string
        chunk.toolCalls = (delta["tool_calls"]?.array ?? []).map(toolCall)
        return chunk
    }

    private static func toolCall(_ v: Value) -> OpenAIToolCallDelta {
        let function = v["function"]
        var args = function?["arguments"]?.string
        if args == nil, let obj = function?["arguments"], obj.table != nil {
            args = JSON.line(obj)  // a server that sends an object, not text
        }
        return OpenAIToolCallDelta(index: v["index"]?.int ?? 0, id: nonEmpty(v["id"]?.string),
                                   name: nonEmpty(function?["name"]?.string), arguments: args)
    }

    private static func nonEmpty(_ s: String?) -> String? {
        guard let s, !s.isEmpty else { return nil }
        return s
    }
}
