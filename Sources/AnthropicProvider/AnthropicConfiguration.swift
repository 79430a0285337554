import Foundation
import Chat
import ProviderHTTP

/// Where and how an ``AnthropicProvider`` talks to the Messages API.
///
/// ```swift
/// let c = AnthropicConfiguration(apiKey: key, model: "claude-sonnet-4-5", thinkingBudget: 4096)
/// ```
public struct AnthropicConfiguration: Hashable, Sendable {
    /// The model used when none is configured.
    public static let defaultModel = "claude-sonnet-4-5"
    /// The server used when none is configured.
    public static let defaultBaseURL = "https://api.anthropic.com"
    /// The API version sent as `anthropic-version`.
    public static let apiVersion = "2023-06-01"
    /// The smallest extended-thinking budget the API accepts.
    public static let minimumThinkingBudget = 1024

    /// The server, with or without a trailing `/v1`.
    public var baseURL: String
    /// The API key, sent as `x-api-key`; nil sends none (a proxy may add it).
    public var apiKey: String?
    /// The model name sent with each request.
    public var model: String
    /// `max_tokens`: the longest reply, thinking included (the API requires
    /// it; ``defaultMaxTokens(model:)`` when none is configured).
    public var maxTokens: Int
    /// Tokens the model may spend on extended thinking; 0 turns it off,
    /// otherwise at least ``minimumThinkingBudget``. `max_tokens` is raised
    /// above it when needed.
    public var thinkingBudget: Int
    /// Whether requests mark the system prompt, the tools and the last
    /// turns with `cache_control` (prompt caching).
    public var promptCaching: Bool
    /// Seconds without a byte from the server before the request fails.
    public var readTimeout: Double
    /// Tries and waits for 429, 529 and other 5xx answers.
    public var retry: RetryPolicy

    /// Creates a configuration; out-of-range numbers are clamped, and a
    /// `maxTokens` of nil or 0 means the model's default.
    public init(baseURL: String = AnthropicConfiguration.defaultBaseURL, apiKey: String? = nil,
                model: String = AnthropicConfiguration.defaultModel, maxTokens: Int? = nil,
                thinkingBudget: Int = 0, promptCaching: Bool = true, readTimeout: Double = 120,
                retry: RetryPolicy = RetryPolicy(maxAttempts: 4, maxWait: 60)) {
        self.baseURL = baseURL
        self.apiKey = apiKey.flatMap { $0.isEmpty ? nil : $0 }
        self.model = model
        let asked = maxTokens ?? 0
        self.maxTokens = asked > 0 ? min(asked, 1_000_000) : Self.defaultMaxTokens(model: model)
        self.thinkingBudget = thinkingBudget <= 0 ? 0 : min(max(Self.minimumThinkingBudget, thinkingBudget), 1_000_000)
        self.promptCaching = promptCaching
        self.readTimeout = readTimeout.isFinite ? min(max(0.1, readTimeout), 3600) : 120
        self.retry = retry
    }

    /// The `max_tokens` used when none is configured: the model's largest
    /// reply for the Claude models weft knows (64,000 for Sonnet 4 and 3.7 and
    /// Haiku 4.5 and Opus 4.5, 32,000 for Opus 4 and 4.1, 8,192 for the 3.5
    /// models, 4,096 for the other Claude 3 models), else 8,192.
    ///
    /// ```swift
    /// AnthropicConfiguration.defaultMaxTokens(model: "claude-opus-4-1")  // 32000
    /// ```
    public static func defaultMaxTokens(model: String) -> Int {
        let m = model.lowercased()
        func has(_ part: String) -> Bool { m.contains(part) }
        if has("opus-4-5") || has("sonnet-4") || has("3-7-sonnet") || has("haiku-4") { return 64_000 }
        if has("opus-4") { return 32_000 }
        if has("3-5-") { return 8_192 }
        if has("claude-3-") { return 4_096 }
        return 8_192
    }

    /// A configuration from the environment (`ANTHROPIC_API_KEY`,
    /// `ANTHROPIC_BASE_URL`, `WEFT_MODEL`), explicit values winning; a
    /// `maxTokens` of nil or 0 is the model's default.
    public static func from(environment env: [String: String], baseURL: String? = nil, apiKey: String? = nil,
                            model: String? = nil, thinkingBudget: Int? = nil,
                            maxTokens: Int? = nil) -> AnthropicConfiguration {
        func nonEmpty(_ s: String?) -> String? { (s?.isEmpty ?? true) ? nil : s }
        return AnthropicConfiguration(
            baseURL: nonEmpty(baseURL) ?? nonEmpty(env["ANTHROPIC_BASE_URL"]) ?? defaultBaseURL,
            apiKey: nonEmpty(apiKey) ?? nonEmpty(env["ANTHROPIC_API_KEY"]),
            model: nonEmpty(model) ?? nonEmpty(env["WEFT_MODEL"]) ?? defaultModel,
            maxTokens: maxTokens, thinkingBudget: thinkingBudget ?? 0)
    }

    /// `max_tokens` as sent: at least the thinking budget plus 4,096 tokens
    /// for the answer when thinking is on.
    public var effectiveMaxTokens: Int {
        thinkingBudget > 0 ? max(maxTokens, thinkingBudget + 4096) : maxTokens
    }

    /// The Messages endpoint.
    public var messagesURL: String { Self.endpoint(baseURL: baseURL, path: "messages") }
    /// The model list endpoint.
    public var modelsURL: String { Self.endpoint(baseURL: baseURL, path: "models") }

    /// `{base}/v1/{path}`, accepting a base that already ends in `/v1`.
    public static func endpoint(baseURL: String, path: String) -> String {
        var base = baseURL.trimmingCharacters(in: .whitespaces)
        if base.isEmpty { base = defaultBaseURL }
        while base.hasSuffix("/") { base.removeLast() }
        if !base.hasSuffix("/v1") { base += "/v1" }
        return base + "/" + path
    }

    /// The headers of every request: `x-api-key` (when set),
    /// `anthropic-version`, and `Accept`.
    public func headers(accept: String) -> [HTTPHeader] {
        var h = [HTTPHeader("anthropic-version", Self.apiVersion), HTTPHeader("Accept", accept)]
        if let apiKey { h.append(HTTPHeader("x-api-key", apiKey)) }
        return h
    }
}

// MARK: - CustomStringConvertible

extension AnthropicConfiguration: CustomStringConvertible, CustomDebugStringConvertible {
    /// The configuration without the key (safe to print).
    public var description: String {
        "anthropic(\(model) at \(baseURL), key \(apiKey == nil ? "not set" : "set")"
            + ", max tokens \(effectiveMaxTokens)"
            + (thinkingBudget > 0 ? ", thinking \(thinkingBudget)" : "") + ")"
    }

    /// Same as ``description``: the key never shows.
    public var debugDescription: String { description }
}
