import Foundation
import Kernel

/// Where a server's configuration came from (later sources replace
/// servers of the same name from earlier ones).
public enum MCPConfigSource: String, Hashable, Sendable {
    /// `$XDG_CONFIG_HOME/weft/mcp.json`.
    case user
    /// The project's `.mcp.json` (used only once trusted).
    case project
    /// A `--mcp-config FILE`.
    case flag
    /// `weft.chat.mcp.add` from Lua.
    case lua
}

/// One parsed server entry, or the reason it could not be used.
public struct MCPServerEntry: Hashable, Sendable {
    /// The server's name (the key under `mcpServers`).
    public var name: String
    /// Where it came from.
    public var source: MCPConfigSource
    /// The parsed entry, or the error that makes it unusable.
    public var config: Result<MCPServerConfig, MCPError>

    /// An entry.
    public init(name: String, source: MCPConfigSource, config: Result<MCPServerConfig, MCPError>) {
        self.name = name
        self.source = source
        self.config = config
    }
}

/// A config file of the common `{"mcpServers": {NAME: {...}}}` shape.
public enum MCPConfigFile {
    /// Parses the text of a config file: the servers in name order, each
    /// with its own error when its entry is bad.
    /// - Throws: ``MCPError/badConfig(_:)`` when the file is not JSON or
    ///   has no `mcpServers` object.
    public static func parse(_ text: String, source: MCPConfigSource, path: String) throws -> [MCPServerEntry] {
        let root: Value
        do { root = try JSON.decode(text, surrogates: .replace) } catch {
            throw MCPError.badConfig("\(path): not valid JSON (\(error))")
        }
        guard let servers = root["mcpServers"] else {
            throw MCPError.badConfig("\(path): expected an object with \"mcpServers\"")
        }
        guard let table = servers.table else {
            throw MCPError.badConfig("\(path): \"mcpServers\" must be an object of servers")
        }
        return table.keys.sorted().map { name in
            guard MCPToolName.isValidServerName(name) else {
                return MCPServerEntry(name: name, source: source, config: .failure(.badConfig(
                    "server '\(name)': names use letters, digits, - and _ (no __), at most 32")))
            }
            do {
                return MCPServerEntry(name: name, source: source,
                                      config: .success(try MCPServerConfig.parse(name: name, table[name]!)))
            } catch let e as MCPError {
                return MCPServerEntry(name: name, source: source, config: .failure(e))
            } catch {
                return MCPServerEntry(name: name, source: source, config: .failure(.badConfig("\(error)")))
            }
        }
    }

    /// Reads and parses the file at `path`; nil when it does not exist.
    /// - Throws: ``MCPError/badConfig(_:)`` when it cannot be read or parsed.
    public static func load(_ path: String, source: MCPConfigSource) throws -> [MCPServerEntry]? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MCPError.badConfig("\(path): cannot be read")
        }
        return try parse(String(decoding: data, as: UTF8.self), source: source, path: path)
    }

    /// `$XDG_CONFIG_HOME/weft/mcp.json`, else `~/.config/weft/mcp.json`.
    public static func userPath(environment env: [String: String]) -> String? {
        if let x = env["XDG_CONFIG_HOME"], !x.isEmpty { return x + "/weft/mcp.json" }
        if let h = env["HOME"], !h.isEmpty { return h + "/.config/weft/mcp.json" }
        return nil
    }

    /// The project's `.mcp.json` in `root`.
    public static func projectPath(root: String) -> String {
        root.hasSuffix("/") ? root + ".mcp.json" : root + "/.mcp.json"
    }
}
