import Chat
import Foundation
import Kernel
import ProviderHTTP

/// Builds the HTTP request for a streamed reply from the Messages API:
/// `POST {base}/v1/messages` with `stream: true`.
///
/// The conversation is turned into the API's shape: system messages join
/// into the top-level `system`; an assistant turn is its signed thinking
/// (when thinking is on), its text and its `tool_use` blocks; tool results
/// become `tool_result` blocks at the start of the next user turn;
/// consecutive turns of one role are merged, and a `tool_use` left without
/// a result (an interrupted call) gets an error result, so the API always
/// sees a valid alternation. With prompt caching on, `cache_control` marks
/// the last tool, the system prompt and the last two user turns (four
/// breakpoints, the API's maximum).
///
/// ```swift
/// let r = AnthropicRequest(configuration: c, request: req)
/// r.url    // https://api.anthropic.com/v1/messages
/// ```
public struct AnthropicRequest: Hashable, Sendable {
    /// The endpoint.
    public var url: String
    /// `x-api-key`, `anthropic-version`, `Accept`, `Content-Type`.
    public var headers: [HTTPHeader]
    /// The JSON body.
    public var body: String

    /// The request for `request` under `configuration`.
    public init(configuration c: AnthropicConfiguration, request: ProviderRequest) {
        url = c.messagesURL
        headers = c.headers(accept: "text/event-stream") + [HTTPHeader("Content-Type", "application/json")]
        body = JSON.line(Self.bodyValue(configuration: c, request: request))
    }

    /// The JSON body as a ``Value``.
    public static func bodyValue(configuration c: AnthropicConfiguration, request: ProviderRequest) -> Value {
        let thinking = c.thinkingBudget > 0
        var body: [String: Value] = [
            "model": .string(c.model),
            "max_tokens": .int(c.effectiveMaxTokens),
            "stream": .bool(true),
            "messages": .array(AnthropicTurns.build(request.messages, thinking: thinking, caching: c.promptCaching)),
        ]
        let system = request.messages.filter { $0.role == .system }.map(\.content).filter { !$0.isEmpty }
        if !system.isEmpty {
            var block: [String: Value] = ["type": "text", "text": .string(system.joined(separator: "\n\n"))]
            if c.promptCaching { block["cache_control"] = cacheControl }
            body["system"] = .array([.table(block)])
        }
        if !request.tools.isEmpty {
            var tools = request.tools.map(tool)
            if c.promptCaching, case .table(var last)? = tools.last {
                last["cache_control"] = cacheControl
                tools[tools.count - 1] = .table(last)
            }
            body["tools"] = .array(tools)
        }
        if thinking {
            body["thinking"] = .table(["type": "enabled", "budget_tokens": .int(c.thinkingBudget)])
        }
        return .table(body)
    }

    /// `{"type": "ephemeral"}`.
    static let cacheControl: Value = .table(["type": "ephemeral"])

    /// One tool: `{name, description, input_schema}`.
    public static func tool(_ s: ToolSchema) -> Value {
        var schema = s.parameters
        if schema.table == nil || schema.table?.isEmpty == true { schema = .table(["type": "object"]) }
        return .table(["name": .string(s.name), "description": .string(s.description), "input_schema": schema])
    }

    /// A tool-use id as the API accepts it (`[A-Za-z0-9_-]+`): other
    /// characters become `_`, an empty id becomes `toolu_none`. Applied
    /// alike to `tool_use` and `tool_result`, so pairs still match.
    public static func toolID(_ id: String) -> String {
        let cleaned = String(id.unicodeScalars.map { u -> Character in
            let v = u.value
            let ok = (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x5F || v == 0x2D
            return ok ? Character(u) : "_"
        })
        return cleaned.isEmpty ? "toolu_none" : cleaned
    }
}
