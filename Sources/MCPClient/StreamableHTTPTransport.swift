import AsyncHTTPClient
import Chat
import Foundation
import Kernel
import Logging
import MCP
import NIOCore
import NIOHTTP1
import ProviderHTTP

/// The streamable HTTP transport of an MCP server: each message is POSTed
/// to the server's URL; the answer comes back as JSON or as a
/// `text/event-stream` whose events carry the messages (the SDK's own HTTP
/// transport cannot read event streams on Linux). The `Mcp-Session-Id` the
/// server assigns is sent with every later request and the session is
/// DELETEd on disconnect.
actor StreamableHTTPTransport: Transport {
    nonisolated let logger = Logger(label: "weft.mcp.http", factory: { _ in SwiftLogNoOpLogHandler() })
    let server: String
    let url: String
    let headers: [String: String]
    /// Seconds one exchange may take.
    let timeout: Double
    private var sessionID: String?
    /// The protocol version the server chose in its `initialize` answer,
    /// sent as `MCP-Protocol-Version` on every later request.
    private var protocolVersion: String?
    private var connected = false
    private let stream: AsyncThrowingStream<Data, Swift.Error>
    private let continuation: AsyncThrowingStream<Data, Swift.Error>.Continuation

    init(server: String, url: String, headers: [String: String], timeout: Double) {
        self.server = server
        self.url = url
        self.headers = headers
        self.timeout = timeout
        (stream, continuation) = AsyncThrowingStream.makeStream(of: Data.self)
    }

    func connect() async throws { connected = true }

    func disconnect() async {
        guard connected else { return }
        connected = false
        continuation.finish()
        if let sessionID {
            let r = HTTPTransport.request(url: url, method: .DELETE, headers: requestHeaders(session: sessionID), body: nil)
            _ = try? await HTTPTransport.client.execute(r, timeout: .seconds(2))
        }
    }

    func send(_ data: Data) async throws {
        guard connected else { throw MCPError.protocolError(server: server, detail: "not connected") }
        var r = HTTPTransport.request(url: url, method: .POST, headers: requestHeaders(session: sessionID), body: nil)
        r.body = .bytes(ByteBuffer(bytes: data))
        let response: HTTPClientResponse
        do {
            response = try await HTTPTransport.client.execute(r, timeout: .milliseconds(Int64(timeout * 1000)))
        } catch {
            let reason: String
            switch HTTPTransport.reason(for: error) {
            case .connectTimeout: reason = "no connection within \(HTTPTransport.connectTimeout) s"
            case .timeout: reason = "no answer within \(MCPError.format(timeout)) s"
            case .other(let text): reason = text
            }
            throw MCPError.protocolError(server: server, detail: "\(url): \(reason)")
        }
        if let id = response.headers.first(name: "mcp-session-id") { sessionID = id }
        guard (200..<300).contains(Int(response.status.code)) else {
            let body = (try? await HTTPTransport.collect(response.body, limit: 2000)) ?? ""
            let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
            throw MCPError.protocolError(server: server, detail: "HTTP \(response.status.code)"
                + (text.isEmpty ? "" : ": " + MCPChild.clip(text, 300)))
        }
        let type = response.headers.first(name: "content-type")?.lowercased() ?? ""
        if type.hasPrefix("text/event-stream") {
            var decoder = SSEDecoder()
            for try await buffer in response.body {
                for event in decoder.feed(Array(buffer.readableBytesView)) { yield(event) }
            }
            for event in decoder.finish() { yield(event) }
        } else {
            let body = try await HTTPTransport.collect(response.body, limit: 64 << 20)
            if !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { deliver(body) }
        }
    }

    /// Passes a message on, noting the protocol version of the
    /// `initialize` answer.
    private func deliver(_ text: String) {
        if protocolVersion == nil, text.contains("\"protocolVersion\""),
           let version = (try? JSON.decode(text, surrogates: .replace))?["result"]?["protocolVersion"]?.string {
            protocolVersion = version
        }
        continuation.yield(Data(text.utf8))
    }

    nonisolated func receive() -> AsyncThrowingStream<Data, Swift.Error> { stream }

    private func yield(_ event: SSEEvent) {
        guard event.event == nil || event.event == "message", !event.data.isEmpty else { return }
        deliver(event.data)
    }

    private func requestHeaders(session: String?) -> [HTTPHeader] {
        var h = [HTTPHeader("Content-Type", "application/json"),
                 HTTPHeader("Accept", "application/json, text/event-stream")]
        if let session { h.append(HTTPHeader("Mcp-Session-Id", session)) }
        if let protocolVersion { h.append(HTTPHeader("MCP-Protocol-Version", protocolVersion)) }
        for (k, v) in headers.sorted(by: { $0.key < $1.key }) { h.append(HTTPHeader(k, v)) }
        return h
    }
}
