import AsyncHTTPClient
import Chat
import Foundation
import NIOCore
import NIOHTTP1

/// The HTTP client shared by the providers and MCP servers of the process,
/// with a 10 s connect timeout (idle read timeouts are enforced per
/// request by ``StreamWatch``). Replies compressed with gzip or deflate
/// are decompressed (some proxies compress even unasked), up to
/// ``maxDecompressedBytes`` per reply. It lives in a global and is never shut
/// down, like `HTTPClient.shared` (whose 90 s connect timeout is too long
/// to name a dead server quickly).
public enum HTTPTransport {
    /// Seconds allowed to open a connection.
    public static let connectTimeout: Int64 = 10
    /// The most a compressed reply may expand to (a hostile server cannot
    /// exhaust memory with a small compressed body).
    public static let maxDecompressedBytes = 256 << 20

    /// The shared client.
    public static let client: HTTPClient = {
        var config = HTTPClient.Configuration()
        config.timeout = .init(connect: .seconds(connectTimeout), read: nil)
        config.connectionPool = .init(idleTimeout: .seconds(30))
        config.decompression = .enabled(limit: .size(maxDecompressedBytes))
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: config)
    }()

    /// A request with `headers` (plus `User-Agent: weft`) and an optional body.
    public static func request(url: String, method: HTTPMethod, headers: [HTTPHeader], body: String?) -> HTTPClientRequest {
        var r = HTTPClientRequest(url: url)
        r.method = method
        r.headers = fields(headers)
        if let body { r.body = .bytes(ByteBuffer(string: body)) }
        return r
    }

    /// A POST for a streamed answer read by a delegate
    /// (``StreamBodyReader``), with the same headers as ``request(url:method:headers:body:)``.
    /// Throws for a URL the client cannot use.
    static func streamingRequest(url: String, headers: [HTTPHeader], body: String) throws -> HTTPClient.Request {
        try HTTPClient.Request(url: url, method: .POST, headers: fields(headers), body: .byteBuffer(ByteBuffer(string: body)))
    }

    /// `headers`, plus `User-Agent: weft` unless they name one.
    private static func fields(_ headers: [HTTPHeader]) -> HTTPHeaders {
        var fields = HTTPHeaders()
        for h in headers { fields.add(name: h.name, value: h.value) }
        if !headers.contains(where: { $0.name.lowercased() == "user-agent" }) {
            fields.add(name: "User-Agent", value: "weft")
        }
        return fields
    }

    /// The most of an error answer's body kept for its message.
    public static let errorBodyLimit = 1 << 20

    /// Reads at most `limit` bytes of a (short: error or JSON) body; the
    /// rest is read and dropped.
    public static func collect(_ body: HTTPClientResponse.Body, limit: Int = errorBodyLimit) async throws -> String {
        var bytes: [UInt8] = []
        for try await buffer in body {
            if bytes.count < limit { bytes.append(contentsOf: buffer.readableBytesView.prefix(limit - bytes.count)) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// What went wrong when a request got no answer or its connection
    /// broke, in a few words: `connection refused`, `unknown host`,
    /// `invalid URL`, `timeout`, or the error itself.
    public static func reason(for error: Error) -> TransportFailure {
        let text = String(describing: error)
        if text.contains("connectTimeout") { return .connectTimeout }
        if text.contains("deadlineExceeded") || text.contains("readTimeout") { return .timeout }
        if text.contains("refused") || text.contains("ECONNREFUSED") { return .other("connection refused") }
        if text.contains("NXDOMAIN") || text.contains("resolve") || text.contains("ENOENT") { return .other("unknown host") }
        if text.contains("unsupportedScheme") || text.contains("invalidURL") || text.contains("emptyHost") {
            return .other("invalid URL")
        }
        return .other(text)
    }
}

/// Why an HTTP exchange failed before any status arrived.
public enum TransportFailure: Hashable, Sendable {
    /// No connection within ``HTTPTransport/connectTimeout`` seconds.
    case connectTimeout
    /// The server accepted but did not answer in time.
    case timeout
    /// Anything else, in a few words.
    case other(String)
}
