import Foundation
import Kernel

/// Builds the HTTP request for a streamed chat completion:
/// `POST {base}/v1/chat/completions` with the JSON body and headers of
/// the OpenAI wire format (see docs in `PROVIDERS.md`).
///
/// ```swift
/// let r = OpenAIRequest(baseURL: "http://127.0.0.1:8080", apiKey: nil, model: "m", request: req)
/// r.url      // http://127.0.0.1:8080/v1/chat/completions
/// r.body     // {"messages":[...],"model":"m","stream":true,...}
/// ```
public struct OpenAIRequest: Hashable, Sendable {
    /// The default server.
    public static let defaultBaseURL = "https://api.openai.com"

    /// The full URL of the chat completions endpoint.
    public var url: String
    /// Header name/value pairs (no `Authorization` without a key).
    public var headers: [HTTPHeader]
    /// The JSON body.
    public var body: String

    /// Builds the request for `request` on `model`.
    /// - Parameters:
    ///   - baseURL: the server, with or without a trailing `/v1`.
    ///   - apiKey: sent as a bearer token; nil or empty sends none.
    ///   - maxTokens: the most tokens the reply may have (0 or nil: the
    ///     server's default), sent as ``maxTokensField(model:)``.
    public init(baseURL: String, apiKey: String?, model: String, request: ProviderRequest, maxTokens: Int? = nil) {
        url = Self.endpoint(baseURL: baseURL, path: "chat/completions")
        headers = Self.headers(apiKey: apiKey, accept: "text/event-stream")
        headers.append(HTTPHeader("Content-Type", "application/json"))
        body = JSON.line(Self.bodyValue(model: model, request: request, maxTokens: maxTokens))
    }

    /// `{base}/v1/{path}`, accepting a base that already ends in `/v1`
    /// (and trailing slashes).
    public static func endpoint(baseURL: String, path: String) -> String {
        var base = baseURL.trimmingCharacters(in: .whitespaces)
        if base.isEmpty { base = defaultBaseURL }
        while base.hasSuffix("/") { base.removeLast() }
        if !base.hasSuffix("/v1") { base += "/v1" }
        return base + "/" + path
    }

    /// The headers every request carries: `Accept`, and `Authorization`
    /// when there is a key.
    public static func headers(apiKey: String?, accept: String) -> [HTTPHeader] {
        var h = [HTTPHeader("Accept", accept)]
        if let key = apiKey, !key.isEmpty { h.append(HTTPHeader("Authorization", "Bearer " + key)) }
        return h
    }

    /// The JSON body as a ``Value``.
    public static func bodyValue(model: String, request: ProviderRequest, maxTokens: Int? = nil) -> Value {
        var body: [String: Value] = [
            "model": .string(model),
            "messages": .array(request.messages.map(message)),
            "stream": .bool(true),
            "stream_options": .table(["include_usage": .bool(true)]),
        ]
        if !request.tools.isEmpty { body["tools"] = .array(request.tools.map(tool)) }
        if let maxTokens, maxTokens > 0 { body[maxTokensField(model: model)] = .int(maxTokens) }
        return .table(body)
    }

    /// The name of the reply-length limit for `model`: OpenAI's reasoning
    /// models (o1, o3, o4, gpt-5) reject `max_tokens` and take
    /// `max_completion_tokens`; every other server takes `max_tokens`.
    public static func maxTokensField(model: String) -> String {
        let m = model.lowercased()
        let reasoning = ["o1", "o3", "o4", "gpt-5"].contains { m == $0 || m.hasPrefix($0 + "-") || m.hasPrefix($0 + ".") }
        return reasoning ? "max_completion_tokens" : "max_tokens"
    }

    /// One message in wire form. `content` is always a string: an
    /// assistant turn that only called tools sends `""` (llama-cpp-python
    /// and mockllm answer HTTP 500 to `null`; OpenAI, vLLM, Ollama and
    /// LiteLLM accept the empty string).
    public static func message(_ m: ProviderMessage) -> Value {
        var t: [String: Value] = ["role": .string(m.role.rawValue), "content": .string(m.content)]
        if !m.toolCalls.isEmpty {
            t["tool_calls"] = .array(m.toolCalls.map { c in
                .table(["id": .string(c.id), "type": "function",
                        "function": .table(["name": .string(c.name), "arguments": .string(c.arguments)])])
            })
        }
        if m.role == .tool { t["tool_call_id"] = .string(m.toolCallID ?? "") }
        return .table(t)
    }

    /// One tool in wire form: `{"type":"function","function":{...}}`.
    public static func tool(_ s: ToolSchema) -> Value {
        .table(["type": "function",
                "function": .table(["name": .string(s.name), "description": .string(s.description),
                                    "parameters": s.parameters])])
    }
}
