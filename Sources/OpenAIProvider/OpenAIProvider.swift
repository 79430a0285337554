import Chat
import Foundation
import ProviderHTTP

/// A provider for OpenAI-compatible servers: OpenAI itself, vLLM,
/// llama.cpp, Ollama, LM Studio.
///
/// Streams `POST {base}/v1/chat/completions` through the shared
/// ``StreamingSession`` (the transport, retries and watchdog every
/// provider uses) and emits ``ProviderEvent``s from the stream's task, in order:
/// text and thinking deltas (reasoning from `reasoning_content`,
/// `reasoning` or `<think>` tags), complete tool calls, `.usage`, then
/// `.finish(reason:)`; or one `.error(message:)`.
///
/// - Timeouts: 10 s to connect; ``OpenAIConfiguration/readTimeout``
///   seconds for the headers and between any two bytes of the body.
/// - Retries: HTTP 429 and 5xx are retried up to
///   ``OpenAIConfiguration/maxAttempts`` times, waiting `Retry-After` when
///   given (else 0.5 s, 1 s, 2 s...), capped at
///   ``OpenAIConfiguration/maxRetryWait``. Each wait is announced through
///   `onStatus` (for the status line); the final failure is an `.error`
///   saying how many tries were made.
/// - Cancellation: ``ProviderStream/cancel()`` cancels the request's task,
///   which closes the connection at once. Text already emitted stays with
///   the caller.
/// - Errors never contain the API key (see ``OpenAIErrorMapper``).
///
/// ```swift
/// let p = OpenAIProvider(configuration: .from(environment: env))
/// let s = p.stream(request: ProviderRequest(messages: [.init(role: .user, content: "hi")])) { print($0) }
/// ```
public struct OpenAIProvider: Provider {
    /// Always `openai`.
    public let name = "openai"
    /// Server, key, model and limits.
    public let configuration: OpenAIConfiguration
    /// Called with a one-line notice while a request waits to retry
    /// (from a background thread).
    public let onStatus: (@Sendable (String) -> Void)?

    /// The model name shown in the status line, `/model`, `--health` and
    /// session files: the configured name with any secret removed (see
    /// `Secrets`). Requests send `configuration.model` as it is.
    public var model: String { Secrets.scrub(configuration.model, key: configuration.apiKey) }

    /// Creates a provider.
    /// - Parameter onStatus: receives retry notices, e.g.
    ///   `openai: HTTP 429, retrying in 1 s (try 2 of 3)`.
    public init(configuration: OpenAIConfiguration, onStatus: (@Sendable (String) -> Void)? = nil) {
        self.configuration = configuration
        self.onStatus = onStatus
    }

    /// The same provider with another model.
    public func with(model: String) -> OpenAIProvider {
        var c = configuration
        c.model = model
        return OpenAIProvider(configuration: c, onStatus: onStatus)
    }

    /// The same provider reporting retry notices to `handler`.
    public func with(onStatus handler: @escaping @Sendable (String) -> Void) -> OpenAIProvider {
        OpenAIProvider(configuration: configuration, onStatus: handler)
    }

    /// Starts streaming a reply; returns at once (see the type's docs).
    public func stream(request: ProviderRequest, emit: @escaping @Sendable (ProviderEvent) -> Void) -> ProviderStream {
        let c = configuration
        let wire = OpenAIRequest(baseURL: c.baseURL, apiKey: c.apiKey, model: c.model, request: request,
                                 maxTokens: c.effectiveMaxTokens)
        let call = StreamingRequest(provider: name, url: wire.url, headers: wire.headers,
                                    body: wire.body, readTimeout: c.readTimeout,
                                    retry: RetryPolicy(maxAttempts: c.maxAttempts, maxWait: c.maxRetryWait),
                                    secret: c.apiKey)
        return ProviderStream.start(emit: emit) { [onStatus] stream in
            await StreamingSession(
                request: call, handle: stream, onStatus: onStatus,
                errorMessage: { status, body in OpenAIErrorMapper.message(status: status, body: body, url: wire.url, key: c.apiKey) },
                isRetryable: Self.isRetryable,
                makeParser: { OpenAIStreamParser(apiKey: c.apiKey) }).run()
        }
    }
}

extension OpenAIProvider {
    /// Whether an error answer is worth another try: a retryable status
    /// whose body does not blame the request (``OpenAIErrorMapper/isRetryable(status:body:)``),
    /// and not a 500 repeating the previous one word for word (the server
    /// failing on this request, not a passing fault: one retry is enough).
    @Sendable static func isRetryable(_ answer: HTTPFailure, after previous: HTTPFailure?) -> Bool {
        OpenAIErrorMapper.isRetryable(status: answer.status, body: answer.body)
            && !(answer.status == 500 && previous == answer)
    }
}
