import Chat
import Kernel
import Testing
@testable import MCPClient

@Suite struct MCPManagerTests {
    func info(_ name: String) -> MCPToolInfo { MCPToolInfo(name: name, description: name, inputSchema: .table([:])) }

    func manager(_ registry: ToolRegistry, notices: NoticeLog) throws -> MCPManager {
        let m = MCPManager(registry: registry, poster: try MainLoop().poster, environment: [:], cwd: "/")
        m.onNotice = { text, _ in notices.lines.append(text) }
        // A server whose start fails in the background (never applied: the
        // loop does not run), so the test drives its events by hand.
        m.add(MCPServerEntry(name: "s", source: .flag, config: .success(.stdio(command: "/nonexistent/x", args: [],
                                                                                env: [:], cwd: nil))))
        return m
    }

    @Test func readyRegistersToolsAndAChangedListKeepsPolicies() throws {
        let registry = ToolRegistry()
        let m = try manager(registry, notices: NoticeLog())
        #expect(m.list().map(\.state) == ["starting"])
        m.handle(.ready([info("a"), info("b")]), from: "s")
        #expect(registry.list().map(\.name) == ["mcp__s__a", "mcp__s__b"])
        try registry.setPolicy(.allow, for: "mcp__s__b")
        m.handle(.ready([info("b"), info("c")]), from: "s")
        #expect(registry.list().map(\.name) == ["mcp__s__b", "mcp__s__c"])
        #expect(registry.policy(for: "mcp__s__b") == .allow)
        #expect(m.list()[0].tools == ["mcp__s__b", "mcp__s__c"])
        #expect(m.list()[0].state == "ready")
        #expect(m.remove("s"))
        #expect(registry.list().isEmpty)
        #expect(!m.remove("s"))
    }

    @Test func exitAndFailureAreReportedAndShown() throws {
        let registry = ToolRegistry()
        let notices = NoticeLog()
        let m = try manager(registry, notices: notices)
        m.handle(.ready([info("a")]), from: "s")
        m.handle(.exited("mcp server 's' exited: exit status 1"), from: "s")
        #expect(m.list()[0].state == "exited")
        #expect(m.list()[0].error == "mcp server 's' exited: exit status 1")
        #expect(registry.lookup("mcp__s__a") != nil, "tools stay: a call restarts the server")
        #expect(notices.lines.last?.hasSuffix("(it restarts when one of its tools is called, or with /mcp restart s)") == true)
        m.handle(.failed("mcp server 's' could not start: x"), from: "s")
        #expect(m.list()[0].state == "failed")
    }

    @Test func aBadEntryIsKeptWithItsError() throws {
        let registry = ToolRegistry()
        let notices = NoticeLog()
        let m = try manager(registry, notices: notices)
        m.add(MCPServerEntry(name: "bad", source: .user, config: .failure(.badConfig("server 'bad': nope"))))
        let bad = m.list().first { $0.name == "bad" }
        #expect(bad?.state == "failed")
        #expect(bad?.error == "mcp: server 'bad': nope")
        #expect(bad?.transport == nil)
        #expect(notices.lines.contains("mcp: server 'bad': nope"))
        #expect(!m.start("bad"))
    }
}

final class NoticeLog: @unchecked Sendable {
    var lines: [String] = []
}
