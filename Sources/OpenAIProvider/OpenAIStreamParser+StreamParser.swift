import Chat
import ProviderHTTP

/// The OpenAI parser runs in the shared ``StreamingSession``. An error
/// event mid-stream is final for OpenAI-compatible servers: none says it
/// is overloaded in a way worth a silent retry, so nothing fails
/// retryably.
extension OpenAIStreamParser: StreamParser {
    public var failedRetryably: Bool { false }
}
