import Chat
import ProviderHTTP

/// The Anthropic parser (in Chat, free of the HTTP stack, so tests and
/// fuzzers build without it) runs in the shared ``StreamingSession``.
extension AnthropicStreamParser: StreamParser {}
