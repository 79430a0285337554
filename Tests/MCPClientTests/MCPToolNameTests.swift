import Testing
@testable import MCPClient

@Suite struct MCPToolNameTests {
    @Test func namesAreServerAndToolJoinedByDoubleUnderscores() {
        #expect(MCPToolName.make(server: "github", tool: "create_issue") == "mcp__github__create_issue")
        #expect(MCPToolName.isMCP("mcp__github__create_issue"))
        #expect(!MCPToolName.isMCP("read_file"))
    }

    @Test func charactersProvidersRejectBecomeUnderscores() {
        #expect(MCPToolName.make(server: "fs", tool: "read.file/v2") == "mcp__fs__read_file_v2")
        #expect(MCPToolName.make(server: "fs", tool: "héllo") == "mcp__fs__h_llo")
    }

    @Test func longNamesAreCutToSixtyFourAndStayDistinct() {
        let a = MCPToolName.make(server: "server", tool: String(repeating: "x", count: 80) + "a")
        let b = MCPToolName.make(server: "server", tool: String(repeating: "x", count: 80) + "b")
        #expect(a.count == 64 && b.count == 64)
        #expect(a != b)
        #expect(a.hasPrefix("mcp__server__xxx"))
    }

    @Test func serverNamesAreCheckedBeforeUse() {
        #expect(MCPToolName.isValidServerName("my-server_1"))
        #expect(!MCPToolName.isValidServerName(""))
        #expect(!MCPToolName.isValidServerName("a__b"))
        #expect(!MCPToolName.isValidServerName("has space"))
        #expect(!MCPToolName.isValidServerName(String(repeating: "a", count: 33)))
    }
}
