import Chat
import Kernel

/// An MCP server's tool as the model sees it: named `mcp__SERVER__TOOL`,
/// asking for approval by default (kind `.other`, so the permission modes
/// treat it like any tool that is neither a read nor an edit), run by the
/// server's ``MCPConnection``.
public struct MCPTool: AsyncTool {
    /// `mcp__SERVER__TOOL`.
    public let name: String
    /// The server's description, with the server named.
    public let description: String
    /// The server's argument schema (an object schema).
    public let parametersSchema: Kernel.Value
    /// Always true: MCP tools ask unless a mode or policy says otherwise.
    public var needsApproval: Bool { true }
    /// The server's name.
    public let server: String
    /// The server's name for the tool.
    public let remoteName: String
    let connection: MCPConnection

    /// The tool `info` of the server behind `connection`.
    public init(info: MCPToolInfo, connection: MCPConnection) {
        name = MCPToolName.make(server: connection.name, tool: info.name)
        server = connection.name
        remoteName = info.name
        self.connection = connection
        let text = info.description.isEmpty ? info.name : info.description
        description = "[MCP server \(connection.name)] " + text
        var schema = info.inputSchema.table ?? [:]
        if schema["type"] == nil { schema["type"] = "object" }
        if schema["properties"] == nil { schema["properties"] = .table([:]) }
        parametersSchema = .table(schema)
    }

    /// Calls the tool on its server.
    public func run(arguments: [String: Kernel.Value], context: ToolContext) async -> ToolResult {
        await connection.call(tool: remoteName, arguments: arguments)
    }
}
