import Chat
import Foundation
import ProviderHTTP

/// A provider for Anthropic's Messages API (`POST {base}/v1/messages`,
/// streamed as server-sent events).
///
/// Emits, in order: text and thinking deltas as they come; for each
/// thinking block, once it ends, its ``SignedThinking`` (sent back
/// unchanged in later requests, as the API requires during tool use);
/// each tool call when its block ends; `.cacheUsage` and `.usage`; then
/// `.finish(reason:)`. Or one `.error(message:)`. See
/// ``AnthropicStreamParser`` for the events and ``AnthropicRequest`` for
/// the request (prompt caching, thinking, tool results).
///
/// - Timeouts: 10 s to connect; ``AnthropicConfiguration/readTimeout``
///   seconds for the headers and between any two bytes.
/// - Retries: 429, 529 (overloaded) and other 5xx answers, and a stream
///   that fails with `overloaded_error` before any output, are retried with
///   backoff honouring `retry-after`; each wait is announced through
///   `onStatus`.
/// - Cancellation: ``ProviderStream/cancel()`` cancels the request's task,
///   which closes the connection at once; text already emitted stays with
///   the caller.
/// - Errors quote the server's message and never contain the key.
///
/// ```swift
/// let p = AnthropicProvider(configuration: .from(environment: env))
/// let s = p.stream(request: ProviderRequest(messages: [.init(role: .user, content: "hi")])) { print($0) }
/// ```
public struct AnthropicProvider: Provider {
    /// Always `anthropic`.
    public let name = "anthropic"
    /// Server, key, model, thinking and limits.
    public let configuration: AnthropicConfiguration
    /// Called with a one-line notice while a request waits to retry (from
    /// a background thread).
    public let onStatus: (@Sendable (String) -> Void)?

    /// The model name shown in the status line, `/model`, `--health` and
    /// session files, with any secret removed (see `Secrets`); requests
    /// send `configuration.model` as it is.
    public var model: String { Secrets.scrub(configuration.model, key: configuration.apiKey) }

    /// Creates a provider.
    /// - Parameter onStatus: receives retry notices, e.g.
    ///   `anthropic: HTTP 529, retrying in 1 s (try 2 of 4)`.
    public init(configuration: AnthropicConfiguration, onStatus: (@Sendable (String) -> Void)? = nil) {
        self.configuration = configuration
        self.onStatus = onStatus
    }

    /// The same provider with another model.
    public func with(model: String) -> AnthropicProvider {
        var c = configuration
        c.model = model
        return AnthropicProvider(configuration: c, onStatus: onStatus)
    }

    /// The same provider reporting retry notices to `handler`.
    public func with(onStatus handler: @escaping @Sendable (String) -> Void) -> AnthropicProvider {
        AnthropicProvider(configuration: configuration, onStatus: handler)
    }

    /// Starts streaming a reply; returns at once (see the type's docs).
    public func stream(request: ProviderRequest, emit: @escaping @Sendable (ProviderEvent) -> Void) -> ProviderStream {
        let c = configuration, onStatus = onStatus
        let wire = AnthropicRequest(configuration: c, request: request)
        let call = StreamingRequest(provider: name, url: wire.url, headers: wire.headers, body: wire.body,
                                    readTimeout: c.readTimeout, retry: c.retry, secret: c.apiKey)
        return ProviderStream.start(emit: emit) { stream in
            await StreamingSession(
                request: call, handle: stream, onStatus: onStatus,
                errorMessage: { status, body in AnthropicErrorMapper.message(status: status, body: body, url: wire.url, key: c.apiKey) },
                makeParser: { AnthropicStreamParser(apiKey: c.apiKey) }).run()
        }
    }
}
