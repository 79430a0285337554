import Foundation
import Kernel

/// An error object from the Messages API: `{"type": "error", "error":
/// {"type": "overloaded_error", "message": "Overloaded"}, "request_id": ...}`.
public struct AnthropicServerError: Hashable, Sendable {
    /// The error's type, e.g. `invalid_request_error`, `overloaded_error`.
    public var type: String?
    /// The server's message.
    public var message: String
    /// The request id, for support.
    public var requestID: String?

    /// An error.
    public init(type: String? = nil, message: String, requestID: String? = nil) {
        self.type = type
        self.message = message
        self.requestID = requestID
    }

    /// The error in a decoded body or event (`{"error": {...}}`), if any.
    public static func find(in value: Value) -> AnthropicServerError? {
        guard let e = value["error"] else { return nil }
        if let s = e.string { return AnthropicServerError(message: s) }
        guard e.table != nil else { return nil }
        return AnthropicServerError(type: e["type"]?.string, message: e["message"]?.string ?? "",
                                    requestID: value["request_id"]?.string)
    }

    /// True for the errors a later try may not hit (the server was busy).
    public var isRetryable: Bool {
        type == "overloaded_error" || type == "rate_limit_error" || type == "api_error"
    }
}

/// Turns what went wrong talking to the Messages API into a one-line
/// message for the transcript. Messages start with `anthropic:`, quote the
/// server's own message and never contain the key.
public enum AnthropicErrorMapper {
    /// How much of a non-JSON error body is quoted.
    public static let maxQuoted = 300

    /// The message for an HTTP error status with `body`.
    public static func message(status: Int, body: String, url: String, key: String?) -> String {
        let server = serverError(body)
        let said = server.map { ": " + describe($0) } ?? quoted(body)
        let text: String
        switch status {
        case 401: text = "anthropic: the API key is missing or wrong (HTTP 401)\(said). Set ANTHROPIC_API_KEY."
        case 403: text = "anthropic: access denied (HTTP 403)\(said)"
        case 404: text = "anthropic: not found at \(url) (HTTP 404)\(said). Check the base URL and the model name."
        case 413: text = "anthropic: the request is too large (HTTP 413)\(said)"
        case 429: text = "anthropic: rate limited (HTTP 429)\(said)"
        case 529: text = "anthropic: the API is overloaded (HTTP 529)\(said)"
        case 400..<500: text = "anthropic: request rejected (HTTP \(status))\(said)"
        case 500..<600: text = "anthropic: server error (HTTP \(status))\(said)"
        default: text = "anthropic: unexpected HTTP \(status)\(said)"
        }
        return Secrets.scrub(text, key: key)
    }

    /// The message for an error event or a JSON error body sent with 200.
    public static func message(serverError e: AnthropicServerError, key: String?) -> String {
        Secrets.scrub("anthropic: server error" + (e.type.map { " (\($0))" } ?? "") + ": "
                      + (e.message.isEmpty ? "no message" : e.message)
                      + (e.requestID.map { " [request \($0)]" } ?? ""), key: key)
    }

    /// The message when the stream ended before `message_stop` and
    /// before any stop reason.
    public static let truncated = "anthropic: the connection closed before the reply was complete (no message_stop)"

    /// The error object in `body`, if it is a JSON error.
    static func serverError(_ body: String) -> AnthropicServerError? {
        guard let v = try? JSON.decode(body, surrogates: .replace) else { return nil }
        return AnthropicServerError.find(in: v)
    }

    /// `message (type) [request id]`.
    static func describe(_ e: AnthropicServerError) -> String {
        (e.message.isEmpty ? (e.type ?? "no message") : e.message)
            + (e.type.map { e.message.isEmpty ? "" : " (\($0))" } ?? "")
            + (e.requestID.map { " [request \($0)]" } ?? "")
    }

    /// `: first 300 characters of body` on one line, or nothing.
    static func quoted(_ body: String) -> String {
        let flat = body.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        guard !flat.isEmpty else { return "" }
        return ": " + (flat.count > maxQuoted ? String(flat.prefix(maxQuoted)) + "..." : flat)
    }

    /// The message when the server sent an event with a line longer than
    /// ``SSEDecoder/maxLineBytes``: it was cut, so the reply ends there.
    public static let eventTooLarge = "anthropic: the server sent an event larger than 16 MiB, weft's limit; the reply stops here"
}
