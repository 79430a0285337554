import AsyncHTTPClient
import Chat
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

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

/// When a byte of one streamed request last arrived, and a watchdog that
/// returns once the server has been silent for the read timeout. Lock-free
/// (one atomic timestamp); the watchdog sleeps until the deadline, so a
/// stream costs no periodic wake-ups.
final class StreamWatch: Sendable {
    private let last = Atomic<UInt64>(StreamWatch.now())

    /// Records activity now (a byte arrived, or a retry is waiting).
    func touch() {
        last.store(Self.now(), ordering: .relaxed)
    }

    /// Returns true once nothing arrived for `timeout` seconds, or false
    /// when the calling task is cancelled first (the request ended, or the
    /// user cancelled the stream).
    func expired(after timeout: Double) async -> Bool {
        let limit = UInt64(max(0, timeout) * 1e9)
        while !Task.isCancelled {
            let deadline = last.load(ordering: .relaxed) &+ limit
            let now = Self.now()
            if now >= deadline { return true }
            do { try await Task.sleep(nanoseconds: deadline - now) } catch { return false }
        }
        return false
    }

    /// Monotonic nanoseconds.
    private static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}
