import Chat

/// Where and how an ``OpenAIProvider`` talks to its server.
///
/// ```swift
/// let c = OpenAIConfiguration(baseURL: "http://127.0.0.1:8080", model: "qwen3")
/// ```
public struct OpenAIConfiguration: Hashable, Sendable {
    /// The model used when none is configured.
    public static let defaultModel = "gpt-4o-mini"

    /// The server, with or without a trailing `/v1` (default OpenAI's).
    public var baseURL: String
    /// The API key, sent as a bearer token; nil for local servers.
    public var apiKey: String?
    /// The model name sent with each request.
    public var model: String
    /// Seconds without a byte from the server before the request fails
    /// (also the limit for the response headers to arrive).
    public var readTimeout: Double
    /// Tries per request for 429 and 5xx answers (1 = no retry).
    public var maxAttempts: Int
    /// The longest wait between tries, in seconds (caps `Retry-After`).
    public var maxRetryWait: Double
    /// The most tokens a reply may have: nil for the model's default
    /// (``defaultMaxTokens(model:)``), 0 to send no limit (the server's
    /// own default; a local server may then write until its context is full).
    public var maxTokens: Int?

    /// Creates a configuration; out-of-range numbers are clamped.
    public init(baseURL: String = OpenAIRequest.defaultBaseURL, apiKey: String? = nil,
                model: String = OpenAIConfiguration.defaultModel, readTimeout: Double = 60,
                maxAttempts: Int = 3, maxRetryWait: Double = 20, maxTokens: Int? = nil) {
        self.baseURL = baseURL
        self.apiKey = apiKey.flatMap { $0.isEmpty ? nil : $0 }
        self.model = model
        self.readTimeout = readTimeout.isFinite ? min(max(0.1, readTimeout), 3600) : 60
        self.maxAttempts = min(max(1, maxAttempts), 10)
        self.maxRetryWait = maxRetryWait.isFinite ? min(max(0, maxRetryWait), 300) : 20
        self.maxTokens = maxTokens.map { max(0, $0) }
    }

    /// The reply-length limit sent with each request, nil for none.
    public var effectiveMaxTokens: Int? {
        let n = maxTokens ?? Self.defaultMaxTokens(model: model)
        return n > 0 ? n : nil
    }

    /// The limit used when none is configured: the model's largest reply
    /// for the OpenAI models weft knows, else 4,096 tokens (enough for a
    /// long answer; a local server without a limit may otherwise generate
    /// until its context is full).
    public static func defaultMaxTokens(model: String) -> Int {
        let m = model.lowercased()
        func family(_ prefix: String) -> Bool { m == prefix || m.hasPrefix(prefix + "-") || m.hasPrefix(prefix + ".") }
        if family("gpt-5") { return 128_000 }
        if family("o1") || family("o3") || family("o4") { return 100_000 }
        if m.hasPrefix("gpt-4.1") { return 32_768 }
        if m.hasPrefix("gpt-4o") || m.hasPrefix("chatgpt-4o") { return 16_384 }
        return 4_096
    }

    /// A configuration from the environment (`OPENAI_BASE_URL`,
    /// `OPENAI_API_KEY`, `WEFT_MODEL`), with explicit values taking
    /// precedence over it.
    public static func from(environment env: [String: String], baseURL: String? = nil, apiKey: String? = nil,
                            model: String? = nil, maxTokens: Int? = nil) -> OpenAIConfiguration {
        func nonEmpty(_ s: String?) -> String? { (s?.isEmpty ?? true) ? nil : s }
        return OpenAIConfiguration(
            baseURL: nonEmpty(baseURL) ?? nonEmpty(env["OPENAI_BASE_URL"]) ?? OpenAIRequest.defaultBaseURL,
            apiKey: nonEmpty(apiKey) ?? nonEmpty(env["OPENAI_API_KEY"]),
            model: nonEmpty(model) ?? nonEmpty(env["WEFT_MODEL"]) ?? defaultModel, maxTokens: maxTokens)
    }

    /// The chat completions URL.
    public var chatURL: String { OpenAIRequest.endpoint(baseURL: baseURL, path: "chat/completions") }
    /// The model list URL.
    public var modelsURL: String { OpenAIRequest.endpoint(baseURL: baseURL, path: "models") }
}

// MARK: - CustomStringConvertible

extension OpenAIConfiguration: CustomStringConvertible, CustomDebugStringConvertible {
    /// The configuration without the key (safe to print).
    public var description: String {
        Secrets.scrub("openai(\(model) at \(baseURL), key \(apiKey == nil ? "not set" : "set"), max tokens \(effectiveMaxTokens.map(String.init) ?? "server default"))", key: apiKey)
    }

    /// Same as ``description``: the key never shows.
    public var debugDescription: String { description }
}
