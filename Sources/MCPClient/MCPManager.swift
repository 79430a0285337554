import Chat
import Foundation
import Kernel

/// The MCP servers of a session and their tools in the chat's
/// ``ToolRegistry``. Lives on the main loop's thread: servers start in
/// tasks that post what happens back to the loop (so a slow server never
/// blocks the UI), and tools appear when their server is ready.
public final class MCPManager {
    /// What `/mcp` and `weft.chat.mcp.list()` show about one server.
    public struct Status: Hashable, Sendable {
        /// The server's name.
        public var name: String
        /// Where its entry came from.
        public var source: MCPConfigSource
        /// `stdio` or `http` (nil for an unusable entry).
        public var transport: String?
        /// The command line or URL.
        public var target: String
        /// `starting`, `ready`, `failed`, `exited` or `stopped`.
        public var state: String
        /// The model's names of its tools (`mcp__SERVER__TOOL`).
        public var tools: [String]
        /// The last error, if any.
        public var error: String?
    }

    private final class Entry {
        let entry: MCPServerEntry
        let connection: MCPConnection?
        var state = "stopped"
        var tools: [String] = []
        var error: String?
        init(entry: MCPServerEntry, connection: MCPConnection?) {
            self.entry = entry
            self.connection = connection
        }
    }

    let registry: ToolRegistry
    let poster: LoopPoster
    let environment: [String: String]
    let cwd: String
    /// Seconds a server may take to start and answer its handshake.
    public var handshakeTimeout: Double
    /// Seconds one tool call may take.
    public var callTimeout: Double
    /// Hears state changes worth telling the user (`message`, is it an error).
    public var onNotice: ((String, Bool) -> Void)?
    private var servers: [String: Entry] = [:]
    private var order: [String] = []

    /// A manager registering tools in `registry` and posting to `poster`.
    public init(registry: ToolRegistry, poster: LoopPoster, environment: [String: String], cwd: String,
                handshakeTimeout: Double = 30, callTimeout: Double = 600) {
        self.registry = registry
        self.poster = poster
        self.environment = environment
        self.cwd = cwd
        self.handshakeTimeout = handshakeTimeout
        self.callTimeout = callTimeout
    }

    /// Adds (or replaces) a server and starts it in the background. A bad
    /// entry is kept with its error, for `/mcp`.
    public func add(_ entry: MCPServerEntry) {
        remove(entry.name)
        var connection: MCPConnection?
        if case .success(let config) = entry.config {
            let poster = self.poster
            let owner = LoopRef(self)
            let name = entry.name
            connection = MCPConnection(name: name, config: config, environment: environment, cwd: cwd,
                                  handshakeTimeout: handshakeTimeout, callTimeout: callTimeout) { event in
                poster.post { owner.value?.handle(event, from: name) }
            }
        }
        let e = Entry(entry: entry, connection: connection)
        if case .failure(let error) = entry.config {
            e.state = "failed"
            e.error = error.description
            onNotice?(error.description, true)
        }
        servers[entry.name] = e
        order.append(entry.name)
        start(entry.name)
    }

    /// Adds every entry (later ones replace earlier ones of the same name).
    public func add(_ entries: [MCPServerEntry]) {
        for e in entries { add(e) }
    }

    /// Stops a server and removes it with its tools; false if unknown.
    @discardableResult
    public func remove(_ name: String) -> Bool {
        guard let e = servers.removeValue(forKey: name) else { return false }
        order.removeAll { $0 == name }
        for t in e.tools { registry.unregister(t) }
        if let c = e.connection { Task { await c.stop() } }
        return true
    }

    /// Starts (or restarts) a server in the background; false if unknown
    /// or its entry is unusable.
    @discardableResult
    public func start(_ name: String) -> Bool {
        guard let e = servers[name], let c = e.connection else { return false }
        e.state = "starting"
        Task { try? await c.start() }
        return true
    }

    /// The servers in the order they were added.
    public func list() -> [Status] {
        order.compactMap { servers[$0] }.map { e in
            var transport: String?
            var target = ""
            if case .success(let c) = e.entry.config {
                transport = c.transportName
                target = c.summary
            }
            return Status(name: e.entry.name, source: e.entry.source, transport: transport, target: target,
                          state: e.state, tools: e.tools, error: e.error)
        }
    }

    /// Stops every server and kills their processes (for exit).
    public func shutdown() {
        for name in order { if let e = servers[name] { for t in e.tools { registry.unregister(t) } } }
        servers.removeAll()
        order.removeAll()
        MCPChildren.shared.killAll()
    }

    /// Applies an event of server `name` (on the loop thread).
    func handle(_ event: MCPConnectionEvent, from name: String) {
        guard let e = servers[name], let connection = e.connection else { return }
        switch event {
        case .starting:
            e.state = "starting"
        case .ready(let infos):
            e.state = "ready"
            e.error = nil
            let tools = infos.map { MCPTool(info: $0, connection: connection) }
            for old in e.tools where !tools.contains(where: { $0.name == old }) { registry.unregister(old) }
            for t in tools where registry.lookup(t.name) == nil {
                registry.register(t)
            }
            e.tools = tools.map(\.name)
        case .failed(let message):
            e.state = "failed"
            e.error = message
            onNotice?(message, true)
        case .exited(let message):
            e.state = "exited"
            e.error = message
            onNotice?(message + " (it restarts when one of its tools is called, or with /mcp restart \(name))", true)
        }
    }
}

// MARK: - Waiting

extension MCPManager {
    /// Whether some server is still starting.
    public var isStarting: Bool { list().contains { $0.state == "starting" } }

    /// Runs `loop` until no server is starting (each is ready or failed) or
    /// `timeout` seconds pass: print mode and scripts need the servers'
    /// tools before their first request. The UI never waits.
    public func waitUntilStarted(loop: MainLoop, timeout: Double? = nil) {
        let limit = timeout ?? handshakeTimeout + 1
        let deadline = Date(timeIntervalSinceNow: limit)
        while isStarting, deadline.timeIntervalSinceNow > 0 {
            _ = loop.runOnce(timeoutMs: 100)
        }
    }
}
