import AsyncHTTPClient
import Chat
import Foundation

/// A request that got no HTTP answer, worded for users (the key scrubbed).
public struct TransportError: Error, CustomStringConvertible, Sendable {
    /// `PROVIDER: cannot connect to URL (reason)` or `... (timeout)`.
    public let description: String

    /// The error for `error`, a request of `provider` to `url` that got no
    /// answer: a connect timeout, a timeout after `timeout` seconds, or any
    /// other failure with its reason; `secret` is scrubbed.
    public init(_ error: Error, provider: String, url: String, timeout: Double, secret: String?) {
        switch HTTPTransport.reason(for: error) {
        case .connectTimeout:
            self = .timedOut(provider: provider, url: url, seconds: Double(HTTPTransport.connectTimeout), secret: secret)
        case .timeout:
            self = .timedOut(provider: provider, url: url, seconds: timeout, secret: secret)
        case .other(let reason):
            description = Secrets.scrub("\(provider): cannot connect to \(url) (\(reason))", key: secret)
        }
    }

    /// `PROVIDER: no answer from URL within N s (timeout)`.
    public static func timedOut(provider: String, url: String, seconds: Double, secret: String?) -> TransportError {
        TransportError(description: Secrets.scrub(
            "\(provider): no answer from \(url) within \(RetryPolicy.seconds(seconds)) (timeout)", key: secret))
    }

    private init(description: String) {
        self.description = description
    }
}

extension HTTPTransport {
    /// A GET whose answer is short (a model list, a model's metadata): its
    /// status and at most `limit` bytes of its body, as text.
    ///
    /// ```swift
    /// let (status, body) = try await HTTPTransport.get(url: u, headers: h, timeout: 5, provider: "openai", secret: key)
    /// ```
    /// - Throws: ``TransportError`` naming `provider` and `url` when no
    ///   answer came within `timeout` seconds or the connection failed.
    public static func get(url: String, headers: [HTTPHeader], timeout: Double, provider: String, secret: String?,
                           limit: Int = 4 << 20) async throws -> (status: Int, body: String) {
        let request = Self.request(url: url, method: .GET, headers: headers, body: nil)
        do {
            let response = try await client.execute(request, timeout: .milliseconds(Int64(max(0.1, timeout) * 1000)))
            return (Int(response.status.code), try await collect(response.body, limit: limit))
        } catch {
            throw TransportError(error, provider: provider, url: url, timeout: timeout, secret: secret)
        }
    }
}
