/// The names MCP tools have for the model: `mcp__SERVER__TOOL`.
///
/// Providers accept tool names of `[A-Za-z0-9_-]` up to 64 characters, so
/// other characters become `_` and long names are cut (ending in a short
/// hash of the full name, to stay unique).
public enum MCPToolName {
    /// The prefix every MCP tool name starts with.
    public static let prefix = "mcp__"
    /// The longest name a provider accepts.
    public static let maxLength = 64

    /// `mcp__SERVER__TOOL`, made safe for providers.
    public static func make(server: String, tool: String) -> String {
        let full = prefix + sanitize(server) + "__" + sanitize(tool)
        guard full.utf8.count > maxLength else { return full }
        let hash = String(fnv1a(server + "\u{0}" + tool) & 0xffff_ffff, radix: 16)
        return String(full.prefix(maxLength - hash.count - 1)) + "_" + hash
    }

    /// Whether `name` is an MCP tool's name.
    public static func isMCP(_ name: String) -> Bool { name.hasPrefix(prefix) }

    /// `name` with every character outside `[A-Za-z0-9_-]` replaced by `_`.
    public static func sanitize(_ name: String) -> String {
        String(name.unicodeScalars.map { c -> Character in
            switch c {
            case "a"..."z", "A"..."Z", "0"..."9", "_", "-": return Character(c)
            default: return "_"
            }
        })
    }

    /// Whether `name` may name a server: non-empty, `[A-Za-z0-9_-]`, no
    /// `__` (which separates server and tool in tool names).
    public static func isValidServerName(_ name: String) -> Bool {
        !name.isEmpty && sanitize(name) == name && !name.contains("__") && name.utf8.count <= 32
    }

    private static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }
}
