import Chat
import Foundation
import Kernel
import LuaAPI
import MCPClient
import Render

/// Wires MCP servers into a chat: reads `$XDG_CONFIG_HOME/weft/mcp.json`
/// and the project's `.mcp.json` (both skipped with `--clean`; the project
/// file only once trusted: the UI asks in the trust float, like `.weft/`),
/// then every `--mcp-config FILE` (always), and starts the servers in the
/// background. Adds `/mcp`.
enum MCPSetup {
    /// The manager of this process's chat (there is one chat per process;
    /// touched on the main loop's thread only).
    nonisolated(unsafe) static var current: MCPManager?
    /// The project's `.mcp.json` when it exists and was neither trusted nor
    /// denied: ``askTrust(_:)`` asks about it (the UI's trust float), or
    /// ``warnUntrusted(_:)`` names it.
    nonisolated(unsafe) static var untrusted: ProjectItem?

    /// Creates the manager for `controller`, loads the config files and
    /// starts their servers. `warn` reports problems (the status line in
    /// the UI, stderr in print mode).
    @discardableResult
    static func install(controller: ChatController, loop: MainLoop, options: Options,
                        warn: @escaping (String) -> Void) -> MCPManager {
        let manager = makeManager(registry: controller.tools, loop: loop, cwd: controller.cwd)
        manager.onNotice = { message, _ in warn(message) }
        current = manager
        atexit { MCPChildren.shared.killAll() }
        load(into: manager, options: options, root: controller.agent.root.path, warn: warn)
        return manager
    }

    /// A manager with the timeouts `WEFT_MCP_TIMEOUT` and
    /// `WEFT_MCP_TOOL_TIMEOUT` (seconds) ask for.
    static func makeManager(registry: ToolRegistry, loop: MainLoop, cwd: String) -> MCPManager {
        let env = ProcessInfoLite.env
        return MCPManager(registry: registry, poster: loop.poster, environment: env, cwd: cwd,
                          handshakeTimeout: seconds(env["WEFT_MCP_TIMEOUT"], default: 30),
                          callTimeout: seconds(env["WEFT_MCP_TOOL_TIMEOUT"], default: 600))
    }

    /// Adds the servers of the config files the options allow (see the
    /// type's summary) to `manager`; an untrusted project file is kept in
    /// ``untrusted``.
    static func load(into manager: MCPManager, options: Options, root: String, warn: (String) -> Void) {
        let env = ProcessInfoLite.env
        untrusted = nil
        var files: [(String, MCPConfigSource)] = []
        if !options.clean {
            if let user = MCPConfigFile.userPath(environment: env) { files.append((user, .user)) }
            let project = MCPConfigFile.projectPath(root: root)
            switch projectTrust(project) {
            case .trust?: files.append((project, .project))
            case .deny?: break
            case nil:
                // No decision: ask about the file, when there is one.
                if access(project, F_OK) == 0 { untrusted = ProjectItem(kind: .mcpServers, path: project) }
            }
        }
        for f in options.mcpConfigs { files.append((f, .flag)) }
        for (path, source) in files {
            do {
                guard let entries = try MCPConfigFile.load(path, source: source) else {
                    if source == .flag { warn("mcp: \(path): no such file") }
                    continue
                }
                manager.add(entries)
            } catch {
                warn("\(error)")
            }
        }
    }

    /// `weft --health`: starts every configured server, waits for each to
    /// be ready or fail, and prints one line per server. False when one
    /// failed.
    static func healthReport(options: Options) -> Bool {
        guard let loop = try? MainLoop() else { return true }
        let cwd = FilePaths.currentDirectory()
        let manager = makeManager(registry: ToolRegistry(), loop: loop, cwd: cwd)
        var lines: [String] = []
        load(into: manager, options: options, root: ProjectRoot.find(from: cwd).path) { lines.append($0) }
        manager.waitUntilStarted(loop: loop)
        var ok = lines.isEmpty
        for s in manager.list() {
            let head = "mcp \(s.name) (\(s.source.rawValue)\(s.transport.map { ", " + $0 } ?? ""))"
            if s.state == "ready" {
                lines.append("\(head): ready, \(s.tools.count == 1 ? "1 tool" : "\(s.tools.count) tools")")
            } else {
                lines.append("\(head): FAILED: \(s.error ?? s.state)")
                ok = false
            }
        }
        if let item = untrusted { lines.append("mcp: \(item.path) is not trusted (start weft in a terminal to review it)") }
        if lines.isEmpty { lines.append("mcp: no servers configured") }
        manager.shutdown()
        for line in lines { print(TextMeasure.sanitize(line)) }
        return ok
    }

    /// A positive number of seconds from the environment, else `fallback`.
    static func seconds(_ text: String?, default fallback: Double) -> Double {
        guard let text, let v = Double(text), v > 0, v.isFinite else { return fallback }
        return v
    }

    /// The decision recorded for the project file at its current content
    /// (nil: none, or no such file), as for `.weft/` (one trust store).
    static func projectTrust(_ path: String) -> TrustStore.Decision? {
        guard let hash = ProjectItem(kind: .mcpServers, path: path).contentHash() else { return nil }
        return TrustStore(directory: RuntimePaths.stateDir).decision(for: path, hash: hash)
    }

    /// In the terminal UI: asks about an untrusted project `.mcp.json` in
    /// the trust float that asks about `.weft/` (after `loadConfig`), and
    /// starts its servers once trusted there.
    static func askTrust(_ lua: LuaRuntime) {
        guard let manager = current else { return }
        lua.plugins.onTrustedItem = { [weak lua] item in
            do {
                if let entries = try MCPConfigFile.load(item.path, source: .project) { manager.add(entries) }
            } catch {
                lua?.editor.notify("\(error)", level: .error)
            }
        }
        if let item = untrusted { lua.plugins.onUntrusted?(item) }
    }

    /// Elsewhere (print mode, headless): names the skipped file.
    static func warnUntrusted(_ warn: (String) -> Void) {
        guard let item = untrusted else { return }
        warn("mcp: skipping untrusted \(item.path) (start weft in a terminal to review and trust it, or /mcp trust)")
    }

    /// Trusts the project's `.mcp.json` as it is now and starts its servers.
    static func trustProject(_ manager: MCPManager, root: String) throws -> String {
        let path = MCPConfigFile.projectPath(root: root)
        guard let hash = ProjectItem(kind: .mcpServers, path: path).contentHash(),
              let entries = try MCPConfigFile.load(path, source: .project) else { return "mcp: no \(path)" }
        try TrustStore(directory: RuntimePaths.stateDir).record(.trust, for: path, hash: hash)
        untrusted = nil
        manager.add(entries)
        return "mcp: trusted \(path); starting \(entries.map(\.name).joined(separator: ", "))"
    }

    /// `/mcp` lists the servers; `/mcp restart NAME`, `/mcp stop NAME`,
    /// `/mcp trust` (the project's `.mcp.json`).
    static func installCommand(_ manager: MCPManager, chat: ChatUI, editor: Editor) throws {
        try editor.commands.create(name: "mcp", options: CommandOptions(
            desc: "MCP servers: /mcp lists them; /mcp restart NAME; /mcp remove NAME; /mcp trust (project .mcp.json)",
            nargs: .any, complete: { _ in ["restart", "remove", "trust"] + manager.list().map(\.name) }, owner: "weft")) {
            [unowned chat] inv in
            let words = inv.args.split(separator: " ").map(String.init)
            switch words.first {
            case nil: chat.showNotice(report(manager))
            case "restart"?, "remove"?:
                guard words.count == 2 else { throw KernelError.invalidArgument("mcp: usage: /mcp \(words[0]) NAME") }
                let ok = words[0] == "restart" ? manager.start(words[1]) : manager.remove(words[1])
                guard ok else { throw KernelError.notFound("mcp: no usable server named '\(words[1])'") }
                editor.notify("mcp: \(words[0] == "restart" ? "restarting" : "removed") \(words[1])")
            case "trust"?:
                editor.notify(try trustProject(manager, root: chat.controller.agent.root.path))
            default:
                throw KernelError.invalidArgument("mcp: unknown subcommand '\(words[0])' (restart, remove, trust)")
            }
        }
    }

    /// The `/mcp` listing.
    static func report(_ manager: MCPManager) -> String {
        let servers = manager.list()
        guard !servers.isEmpty else {
            return "No MCP servers. Add them in ~/.config/weft/mcp.json, a project .mcp.json, --mcp-config FILE "
                + "or weft.chat.mcp.add()."
        }
        var lines = ["MCP servers:"]
        for s in servers {
            let tools = s.tools.count == 1 ? "1 tool" : "\(s.tools.count) tools"
            lines.append("  \(s.name)  \(s.state)  \(tools)  (\(s.source.rawValue)\(s.transport.map { ", " + $0 } ?? ""))")
            if !s.target.isEmpty { lines.append("    " + s.target) }
            if let e = s.error { lines.append("    error: \(e)") }
        }
        return lines.joined(separator: "\n")
    }
}
