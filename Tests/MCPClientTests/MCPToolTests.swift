import Chat
import Kernel
import Testing
@testable import MCPClient

@Suite struct MCPToolTests {
    let connection = MCPConnection(name: "fs", config: .stdio(command: "true", args: [], env: [:], cwd: nil),
                                   environment: [:], cwd: "/") { _ in }

    @Test func toolsAskByDefaultAndAreNeitherReadsNorEdits() {
        let tool = MCPTool(info: MCPToolInfo(name: "read", description: "Reads.", inputSchema: .table([:])),
                           connection: connection)
        #expect(tool.name == "mcp__fs__read")
        #expect(tool.needsApproval)
        #expect(tool.kind == .other)
        #expect(tool.description == "[MCP server fs] Reads.")
        let registry = ToolRegistry()
        registry.register(tool)
        #expect(registry.policy(for: "mcp__fs__read") == .ask)
        let root = ProjectRoot(path: "/")
        for (mode, want) in [(PermissionMode.ask, PermissionDecision.ask), (.edits, .ask), (.yolo, .allow)] {
            let decision = PermissionPolicy(mode: mode, root: root).decide(tool: tool.name, kind: tool.kind,
                                                                           setPolicy: nil, paths: [])
            #expect(decision == want, "mode \(mode)")
        }
    }

    @Test func schemaGetsTheObjectShapeProvidersNeed() {
        let tool = MCPTool(info: MCPToolInfo(name: "t", description: "", inputSchema: .table([:])), connection: connection)
        #expect(tool.parametersSchema["type"] == "object")
        #expect(tool.parametersSchema["properties"] == .table([:]))
        #expect(tool.description == "[MCP server fs] t")
    }

    @Test func aServerThatCannotStartGivesAnErrorResult() async {
        let c = MCPConnection(name: "gone", config: .stdio(command: "/nonexistent/x", args: [], env: [:], cwd: nil),
                              environment: [:], cwd: "/") { _ in }
        let result = await c.call(tool: "t", arguments: [:])
        #expect(result.isError)
        #expect(result.output == "mcp server 'gone' could not start: executable not found: /nonexistent/x")
    }

    @Test func aSilentServerTimesOutItsHandshake() async {
        let c = MCPConnection(name: "cat", config: .stdio(command: "sleep", args: ["600"], env: [:], cwd: nil),
                              environment: ["PATH": "/usr/bin:/bin"], cwd: "/", handshakeTimeout: 0.5) { _ in }
        await #expect(throws: MCPError.handshakeTimeout(server: "cat", seconds: 0.5, detail: "")) {
            try await c.start()
        }
    }
}
