import Chat
import Foundation
import Kernel
import MCP

/// One tool a server offers, as weft keeps it.
public struct MCPToolInfo: Hashable, Sendable {
    /// The server's name for it.
    public var name: String
    /// Its description (or title), possibly empty.
    public var description: String
    /// The JSON schema of its arguments.
    public var inputSchema: Kernel.Value

    /// A tool description.
    public init(name: String, description: String, inputSchema: Kernel.Value) {
        self.name = name
        self.description = description
        self.inputSchema = inputSchema
    }
}

/// What happens to a connection, reported as it happens (from any task).
public enum MCPConnectionEvent: Hashable, Sendable {
    /// The server is being started (or restarted).
    case starting
    /// The handshake finished; these are its tools.
    case ready([MCPToolInfo])
    /// Starting failed.
    case failed(String)
    /// The server's process exited or its connection broke while it ran.
    case exited(String)
}

/// The link to one MCP server: starts it (process or HTTP session), does
/// the handshake and lists its tools within the handshake timeout, calls
/// tools within the call timeout, and notices a server that dies (pending
/// calls fail at once with the reason). A call to a server that is down
/// starts it again first.
public actor MCPConnection {
    /// The server's name.
    public nonisolated let name: String
    /// How to reach it.
    public nonisolated let config: MCPServerConfig
    /// Seconds allowed for start-up, handshake and tool listing.
    public nonisolated let handshakeTimeout: Double
    /// Seconds allowed for one tool call.
    public nonisolated let callTimeout: Double
    private let environment: [String: String]
    private let cwd: String
    private let events: @Sendable (MCPConnectionEvent) -> Void
    private var client: Client?
    private var stdio: StdioProcessTransport?
    private var generation = 0
    private var exitReason: String?
    private var ready = false

    /// A connection (nothing starts until ``start()``). `environment` is
    /// the base environment of a stdio server's process, `cwd` its default
    /// directory; `events` hears every change of state.
    public init(name: String, config: MCPServerConfig, environment: [String: String], cwd: String,
                handshakeTimeout: Double = 30, callTimeout: Double = 600,
                events: @escaping @Sendable (MCPConnectionEvent) -> Void) {
        self.name = name
        self.config = config
        self.environment = environment
        self.cwd = cwd
        self.handshakeTimeout = handshakeTimeout
        self.callTimeout = callTimeout
        self.events = events
    }

    /// Whether the server is up (handshake done, not exited).
    public var isUp: Bool { client != nil && exitReason == nil }

    /// Starts the server (stopping any earlier run), does the handshake and
    /// lists its tools.
    /// - Throws: ``MCPError`` saying why it could not start.
    @discardableResult
    public func start() async throws -> [MCPToolInfo] {
        await stop()
        generation += 1
        let gen = generation
        exitReason = nil
        ready = false
        events(.starting)
        let transport = makeTransport(generation: gen)
        let client = Client(name: "weft", version: "1")
        self.client = client
        // The handler runs inside the client's message loop, which must stay
        // free to deliver the tools/list answer: relist in a task.
        await client.onNotification(ToolListChangedNotification.self) { [weak self] _ in
            Task { await self?.refreshTools(generation: gen) }
        }
        do {
            let seconds = handshakeTimeout
            let server = name
            try await withDeadline(seconds: seconds,
                                   timeoutError: { MCPError.handshakeTimeout(server: server, seconds: seconds, detail: "") }) {
                _ = try await client.connect(transport: transport)
            }
            let tools = try await withDeadline(seconds: seconds,
                                               timeoutError: { MCPError.handshakeTimeout(server: server, seconds: seconds, detail: "tools/list") }) {
                try await Self.listTools(client)
            }
            ready = true
            events(.ready(tools))
            return tools
        } catch {
            let e = await describe(error)
            await stop()
            events(.failed(e.description))
            throw e
        }
    }

    /// Calls the server's tool `tool` (starting the server first if it is
    /// down). Never throws: failures are error results naming the server.
    public func call(tool: String, arguments: [String: Kernel.Value]) async -> ToolResult {
        if !isUp {
            do { try await start() } catch { return .failure("\(error)") }
        }
        guard let client else { return .failure(MCPError.unknownServer(name).description) }
        let args = arguments.mapValues(ValueBridge.mcp)
        let seconds = callTimeout
        let server = name
        do {
            let request: RequestContext<CallTool.Result> = try await client.callTool(name: tool, arguments: args)
            // Interrupting the chat cancels this task: the server is told to stop.
            let result = try await withTaskCancellationHandler {
                try await withDeadline(seconds: seconds,
                                       timeoutError: { MCPError.callTimeout(server: server, seconds: seconds) }) {
                    try await request.value
                }
            } onCancel: {
                Task { try? await client.cancelRequest(request.requestID, reason: "interrupted by the user") }
            }
            return ToolResult(output: ValueBridge.text(result.content), isError: result.isError ?? false)
        } catch is CancellationError {
            return .failure("mcp server '\(name)': the call was interrupted")
        } catch {
            return .failure(await describe(error).description)
        }
    }

    /// The server said its tools changed: lists them again and reports
    /// them (as ``MCPConnectionEvent/ready(_:)``).
    private func refreshTools(generation gen: Int) async {
        guard gen == generation, ready, let client else { return }
        let seconds = handshakeTimeout
        let server = name
        do {
            let tools = try await withDeadline(seconds: seconds, timeoutError: {
                MCPError.handshakeTimeout(server: server, seconds: seconds, detail: "tools/list")
            }) { try await Self.listTools(client) }
            guard gen == generation else { return }
            events(.ready(tools))
        } catch {
            events(.failed("\(await describe(error)) (listing its changed tools)"))
        }
    }

    /// Stops the server: the client disconnects (failing pending calls) and
    /// a process gets SIGTERM (its reader kills it if it lingers).
    public func stop() async {
        generation += 1
        let c = client
        client = nil
        stdio = nil
        await c?.disconnect()
    }

    private func makeTransport(generation gen: Int) -> any Transport {
        switch config {
        case .http(let url, let headers):
            stdio = nil
            return StreamableHTTPTransport(server: name, url: url, headers: headers, timeout: callTimeout)
        case .stdio(let command, let args, let env, let dir):
            let merged = environment.merging(env) { _, new in new }
            let t = StdioProcessTransport(server: name, argv: [command] + args, cwd: dir ?? cwd,
                                          env: merged.map { "\($0.key)=\($0.value)" }.sorted()) { [weak self] detail in
                Task { await self?.exited(detail, generation: gen) }
            }
            stdio = t
            return t
        }
    }

    /// The process of run `gen` ended: pending calls fail with the reason.
    private func exited(_ detail: String, generation gen: Int) async {
        guard gen == generation else { return }
        exitReason = detail
        let c = client
        client = nil
        await c?.disconnect()
        // During start-up, start() reports the failure itself.
        if ready { events(.exited(MCPError.exited(server: name, detail: detail).description)) }
    }

    /// `error` in words naming this server: an exit reason wins over the
    /// SDK's "client disconnected"; a handshake timeout says what the
    /// process printed.
    private func describe(_ error: Error) async -> MCPError {
        if let reason = exitReason { return .exited(server: name, detail: reason) }
        if case .handshakeTimeout(let s, let secs, let d) = error as? MCPError {
            let diag = await stdio?.process?.diagnostics ?? ""
            return .handshakeTimeout(server: s, seconds: secs, detail: [d, diag].filter { !$0.isEmpty }.joined(separator: "; "))
        }
        if let e = error as? MCPError { return e }
        if let e = error as? MCP.MCPError { return .protocolError(server: name, detail: e.errorDescription ?? "\(e)") }
        return .protocolError(server: name, detail: "\(error)")
    }

    private static func listTools(_ client: Client) async throws -> [MCPToolInfo] {
        var out: [MCPToolInfo] = []
        var cursor: String?
        for _ in 0..<50 {
            let page = try await client.listTools(cursor: cursor)
            out += page.tools.map { t in
                MCPToolInfo(name: t.name, description: t.description ?? t.title ?? "",
                            inputSchema: ValueBridge.weft(t.inputSchema))
            }
            guard let next = page.nextCursor, !next.isEmpty else { break }
            cursor = next
        }
        return out
    }
}
