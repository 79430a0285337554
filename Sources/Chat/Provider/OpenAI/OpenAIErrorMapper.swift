import Foundation

/// Turns what went wrong talking to an OpenAI-compatible server into a
/// one-line message for the transcript, and decides what may be retried.
///
/// Messages start with `openai:` and quote the server's own message. They
/// never contain the API key: every message goes through ``scrub(_:key:)``,
/// which removes the key and anything that looks like an `sk-` key.
public enum OpenAIErrorMapper {
    /// How much of a non-JSON error body is quoted.
    public static let maxQuoted = 300

    /// The message for an HTTP error status with `body`.
    /// - Parameters:
    ///   - url: the endpoint (named for 404s).
    ///   - key: the API key in use, removed from the message.
    public static func message(status: Int, body: String, url: String, key: String?) -> String {
        let server = serverMessage(body)
        let said = server.isEmpty ? "" : ": \(server)"
        let text: String
        switch status {
        case 401:
            text = "openai: the API key is missing or wrong (HTTP 401)\(said). Set OPENAI_API_KEY or api_key."
        case 403:
            text = "openai: access denied (HTTP 403)\(said)"
        case 404:
            text = "openai: not found at \(url) (HTTP 404)\(said). Check the base URL and the model name."
        case 429:
            text = "openai: rate limited (HTTP 429)\(said)"
        case 400..<500:
            let limit = server.contains("max_tokens") || server.contains("maximum context length")
            text = "openai: request rejected (HTTP \(status))\(said)"
                + (limit ? " (a smaller --max-tokens, or 0 for the server's default, may help)" : "")
        case 500..<600:
            text = "openai: server error (HTTP \(status))\(said)"
        default:
            text = "openai: unexpected HTTP \(status)\(said)"
        }
        return scrub(text, key: key)
    }

    /// The message for a server error object (mid-stream, or a JSON body
    /// sent with HTTP 200).
    public static func message(serverError e: OpenAIServerError, key: String?) -> String {
        var text = "openai: server error"
        if let type = e.type, !type.isEmpty { text += " (\(type))" }
        text += ": " + (e.message.isEmpty ? "no message" : e.message)
        return scrub(text, key: key)
    }

    /// The message when the stream ended before `[DONE]` and before any
    /// finish reason.
    public static let truncated = "openai: the connection closed before the reply was complete (no [DONE])"

    /// The server's message in an error body: the JSON `message`, else the
    /// body's first ``maxQuoted`` characters on one line.
    public static func serverMessage(_ body: String) -> String {
        if let e = OpenAIServerError.find(inBody: body) {
            return e.message.isEmpty ? (e.type ?? "") : e.message
        }
        let flat = body.split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
        return flat.count > maxQuoted ? String(flat.prefix(maxQuoted)) + "..." : flat
    }

    /// True when an answer with `status` and error `body` is worth retrying:
    /// a retryable status (``RetryPolicy/isRetryable(status:)``) whose body does not say the request itself is
    /// wrong. Some servers answer a malformed request with a 5xx whose
    /// error object says so (`invalid_request_error`, `BadRequestError`,
    /// a validation error, a 4xx `code`): sending it again cannot help.
    public static func isRetryable(status: Int, body: String) -> Bool {
        RetryPolicy.isRetryable(status: status) && !(status >= 500 && isRequestError(body: body))
    }

    /// Whether an error body blames the request (see ``isRetryable(status:body:)``).
    public static func isRequestError(body: String) -> Bool {
        guard let e = OpenAIServerError.find(inBody: body) else { return false }
        let type = (e.type ?? "").lowercased()
        if type.contains("invalid_request") || type.contains("badrequest") || type.contains("validation") { return true }
        if let code = e.code.flatMap(Int.init), (400..<500).contains(code) { return true }
        return (e.code ?? "").lowercased().contains("invalid")
    }

    /// Removes `key`, anything shaped like an OpenAI key (`sk-` starting a
    /// word and 8 or more key characters) and URL passwords from `text`
    /// (see ``Secrets``).
    public static func scrub(_ text: String, key: String?) -> String {
        Secrets.scrub(text, key: key)
    }

    /// The message when the server sent an event with a line longer than
    /// ``SSEDecoder/maxLineBytes``: it was cut, so the reply ends there.
    public static let eventTooLarge = "openai: the server sent an event larger than 16 MiB, weft's limit; the reply stops here"
}
