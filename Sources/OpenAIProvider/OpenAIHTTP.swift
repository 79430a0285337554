import AsyncHTTPClient
import Chat
import Foundation
import NIOCore
import NIOHTTP1

/// The HTTP client shared by every OpenAI request of the process, with a
/// 10 s connect timeout (the idle read timeout is enforced per request by
/// ``StreamWatch``). It lives in a global and is never shut down, like
/// `HTTPClient.shared` (whose 90 s connect timeout is too long to name a
/// dead server quickly).
enum OpenAIHTTP {
    static let connectTimeout: Int64 = 10

    static let client: HTTPClient = {
        var config = HTTPClient.Configuration()
        config.timeout = .init(connect: .seconds(connectTimeout), read: nil)
        config.connectionPool = .init(idleTimeout: .seconds(30))
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: config)
    }()

    /// A request with `headers` and an optional body.
    static func request(url: String, method: HTTPMethod, headers: [OpenAIRequest.HeaderField],
                        body: String?) -> HTTPClientRequest {
        var r = HTTPClientRequest(url: url)
        r.method = method
        for h in headers { r.headers.add(name: h.name, value: h.value) }
        r.headers.add(name: "User-Agent", value: "weft")
        if let body { r.body = .bytes(ByteBuffer(string: body)) }
        return r
    }

    /// Reads at most `limit` bytes of a (short, error or JSON) body.
    static func collect(_ body: HTTPClientResponse.Body, limit: Int = 1 << 20) async throws -> String {
        var bytes: [UInt8] = []
        for try await buffer in body {
            if bytes.count < limit { bytes.append(contentsOf: buffer.readableBytesView.prefix(limit - bytes.count)) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A user message for a transport error (the request never got an
    /// answer, or the connection broke).
    static func describe(_ error: Error, url: String, timeout: Double, key: String?) -> String {
        let text = String(describing: error)
        if text.contains("connectTimeout") || text.contains("deadlineExceeded") || text.contains("readTimeout") {
            let seconds = text.contains("connectTimeout") ? Double(connectTimeout) : timeout
            return OpenAIErrorMapper.timedOut(url: url, seconds: seconds, key: key)
        }
        let reason: String
        if text.contains("refused") || text.contains("ECONNREFUSED") { reason = "connection refused" }
        else if text.contains("NXDOMAIN") || text.contains("resolve") || text.contains("ENOENT") { reason = "unknown host" }
        else if text.contains("unsupportedScheme") || text.contains("invalidURL") || text.contains("emptyHost") {
            reason = "invalid URL"
        } else { reason = text }
        return OpenAIErrorMapper.connectionFailed(url: url, reason: reason, key: key)
    }
}

/// Shared state of one streamed request: when a byte last arrived, and
/// whether the request timed out. Lock-protected.
final class StreamWatch: @unchecked Sendable {
    private let lock = NSLock()
    private var last = Date()
    private var expired = false

    /// Records activity now (a byte arrived, or a retry is waiting).
    func touch() {
        lock.lock()
        last = Date()
        lock.unlock()
    }

    /// True once ``watch(handle:timeout:)`` gave up on the server.
    var timedOut: Bool {
        lock.lock()
        defer { lock.unlock() }
        return expired
    }

    /// Marks the watch expired when idle longer than `timeout`; true if so.
    private func expire(after timeout: Double) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if Date().timeIntervalSince(last) > timeout { expired = true }
        return expired
    }

    /// Returns when the stream is cancelled by the user, or when nothing
    /// arrived for `timeout` seconds (then ``timedOut`` is true). Polls
    /// every 20 ms; the caller cancels it when the request ends first.
    func watch(handle: ProviderStream, timeout: Double) async {
        while !Task.isCancelled {
            if handle.isCancelled || expire(after: timeout) { return }
            try? await Task.sleep(nanoseconds: 20_000_000)
        }
    }
}
