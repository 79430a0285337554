import AsyncHTTPClient
import Foundation

/// A request that got no HTTP answer, worded for users (the key scrubbed).
public struct TransportError: Error, CustomStringConvertible, Sendable {
    /// `PROVIDER: cannot connect to URL (reason)` or `... (timeout)`.
    public let description: String
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
            let call = StreamingRequest(provider: provider, url: url, headers: [], body: "", readTimeout: timeout,
                                        retry: RetryPolicy(), secret: secret)
            throw TransportError(description: call.transportMessage(error))
        }
    }
}
