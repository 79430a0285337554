import Kernel

/// How to reach one MCP server: a command spoken to over stdio, or a URL
/// spoken to over streamable HTTP. Parsed from one entry of the common
/// `{"mcpServers": {NAME: {command, args, env} | {url, headers}}}` shape.
public enum MCPServerConfig: Hashable, Sendable {
    /// A child process: `command` with `args`, its environment extended by
    /// `env`, started in `cwd` (nil: weft's working directory).
    case stdio(command: String, args: [String], env: [String: String], cwd: String?)
    /// A server at `url` (http or https), with extra request `headers`.
    case http(url: String, headers: [String: String])

    /// Parses one server entry.
    /// - Throws: ``MCPError/badConfig(_:)`` naming the server and the field.
    public static func parse(name: String, _ value: Value) throws -> MCPServerConfig {
        guard let t = value.table else {
            throw MCPError.badConfig("server '\(name)': expected an object, got \(value.typeName)")
        }
        if let url = t["url"] {
            guard let s = url.string, s.hasPrefix("http://") || s.hasPrefix("https://") else {
                throw MCPError.badConfig("server '\(name)': url must be an http:// or https:// address")
            }
            if t["command"] != nil { throw MCPError.badConfig("server '\(name)': give command or url, not both") }
            return .http(url: s, headers: try strings(t["headers"], "headers", name))
        }
        guard let command = t["command"] else {
            throw MCPError.badConfig("server '\(name)': needs a command (stdio) or a url (HTTP)")
        }
        guard let c = command.string, !c.isEmpty else {
            throw MCPError.badConfig("server '\(name)': command must be a non-empty string")
        }
        var args: [String] = []
        if let a = t["args"], a != .null {
            guard let list = a.array else { throw MCPError.badConfig("server '\(name)': args must be an array of strings") }
            for item in list {
                guard let s = item.string else { throw MCPError.badConfig("server '\(name)': args must be an array of strings") }
                args.append(s)
            }
        }
        let cwd = t["cwd"]?.string
        return .stdio(command: c, args: args, env: try strings(t["env"], "env", name), cwd: cwd)
    }

    /// The entry as a table (for Lua and `/mcp`); header and environment
    /// values are shown as `***` so secrets never reach the screen.
    public var redacted: Value {
        switch self {
        case .stdio(let command, let args, let env, let cwd):
            var t: [String: Value] = ["command": .string(command), "args": .array(args.map { .string($0) })]
            if !env.isEmpty { t["env"] = .table(env.mapValues { _ in .string("***") }) }
            if let cwd { t["cwd"] = .string(cwd) }
            return .table(t)
        case .http(let url, let headers):
            var t: [String: Value] = ["url": .string(url)]
            if !headers.isEmpty { t["headers"] = .table(headers.mapValues { _ in .string("***") }) }
            return .table(t)
        }
    }

    /// `stdio` or `http`.
    public var transportName: String {
        if case .http = self { return "http" }
        return "stdio"
    }

    /// A one-line description: the command line or the URL.
    public var summary: String {
        switch self {
        case .stdio(let command, let args, _, _): return ([command] + args).joined(separator: " ")
        case .http(let url, _): return url
        }
    }

    private static func strings(_ value: Value?, _ field: String, _ name: String) throws -> [String: String] {
        guard let value, value != .null else { return [:] }
        guard let t = value.table else { throw MCPError.badConfig("server '\(name)': \(field) must be an object of strings") }
        var out: [String: String] = [:]
        for (k, v) in t {
            switch v {
            case .string(let s): out[k] = s
            case .int(let i): out[k] = String(i)
            case .bool(let b): out[k] = String(b)
            default: throw MCPError.badConfig("server '\(name)': \(field).\(k) must be a string")
            }
        }
        return out
    }
}
