/// What went wrong with an MCP server, in words a user can act on.
public enum MCPError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A config file or entry is malformed (the message names the field).
    case badConfig(String)
    /// The server did not answer the handshake within the time allowed.
    case handshakeTimeout(server: String, seconds: Double, detail: String)
    /// The server's process could not be started.
    case startFailed(server: String, detail: String)
    /// The server's process exited (the message has its status and the
    /// last lines of its standard error).
    case exited(server: String, detail: String)
    /// A request got no answer within the time allowed.
    case callTimeout(server: String, seconds: Double)
    /// The server answered with an error or broke the protocol.
    case protocolError(server: String, detail: String)
    /// No server by that name is configured.
    case unknownServer(String)

    /// The message shown in `/mcp`, the status line and tool results.
    public var description: String {
        switch self {
        case .badConfig(let m): return "mcp: \(m)"
        case .handshakeTimeout(let s, let secs, let d):
            return "mcp server '\(s)' did not answer its handshake within \(Self.format(secs)) s\(d.isEmpty ? "" : " (\(d))")"
        case .startFailed(let s, let d): return "mcp server '\(s)' could not start: \(d)"
        case .exited(let s, let d): return "mcp server '\(s)' exited: \(d)"
        case .callTimeout(let s, let secs): return "mcp server '\(s)' did not answer within \(Self.format(secs)) s"
        case .protocolError(let s, let d): return "mcp server '\(s)': \(d)"
        case .unknownServer(let s): return "mcp: no server named '\(s)'"
        }
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
