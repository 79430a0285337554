import Kernel
import Testing
@testable import MCPClient

@Suite struct MCPConfigTests {
    @Test func parsesStdioAndHTTPServers() throws {
        let text = """
        {"mcpServers": {
          "fs": {"command": "npx", "args": ["-y", "server-fs", "/tmp"], "env": {"TOKEN": "s3cret", "N": 3}},
          "web": {"url": "https://example.test/mcp", "headers": {"Authorization": "Bearer k"}}
        }}
        """
        let entries = try MCPConfigFile.parse(text, source: .user, path: "mcp.json")
        #expect(entries.map(\.name) == ["fs", "web"])
        #expect(entries[0].config == .success(.stdio(command: "npx", args: ["-y", "server-fs", "/tmp"],
                                                     env: ["TOKEN": "s3cret", "N": "3"], cwd: nil)))
        #expect(entries[1].config == .success(.http(url: "https://example.test/mcp", headers: ["Authorization": "Bearer k"])))
        #expect(entries.allSatisfy { $0.source == .user })
    }

    @Test func aBadEntryKeepsItsErrorAndTheOthersStillWork() throws {
        let text = """
        {"mcpServers": {"ok": {"command": "srv"}, "nocmd": {"args": []}, "badurl": {"url": "ftp://x"},
                        "both": {"command": "a", "url": "http://x"}, "args": {"command": "a", "args": "x"},
                        "env": {"command": "a", "env": {"K": [1]}}, "bad name": {"command": "a"}, "num": 3}}
        """
        let entries = try MCPConfigFile.parse(text, source: .project, path: "p")
        func error(_ name: String) -> String? {
            guard case .failure(let e) = entries.first(where: { $0.name == name })?.config else { return nil }
            return e.description
        }
        #expect(entries.first { $0.name == "ok" }?.config == .success(.stdio(command: "srv", args: [], env: [:], cwd: nil)))
        #expect(error("nocmd") == "mcp: server 'nocmd': needs a command (stdio) or a url (HTTP)")
        #expect(error("badurl") == "mcp: server 'badurl': url must be an http:// or https:// address")
        #expect(error("both") == "mcp: server 'both': give command or url, not both")
        #expect(error("args") == "mcp: server 'args': args must be an array of strings")
        #expect(error("env") == "mcp: server 'env': env.K must be a string")
        #expect(error("bad name")?.contains("names use letters, digits") == true)
        #expect(error("num") == "mcp: server 'num': expected an object, got number")
    }

    @Test func aFileThatIsNotAServerListIsAnError() {
        #expect(throws: MCPError.badConfig("f: expected an object with \"mcpServers\"")) {
            try MCPConfigFile.parse("{}", source: .flag, path: "f")
        }
        #expect(throws: MCPError.badConfig("f: \"mcpServers\" must be an object of servers")) {
            try MCPConfigFile.parse(#"{"mcpServers": []}"#, source: .flag, path: "f")
        }
        #expect(throws: (any Error).self) { try MCPConfigFile.parse("{nope", source: .flag, path: "f") }
    }

    @Test func secretsAreRedactedForDisplay() {
        let stdio = MCPServerConfig.stdio(command: "srv", args: ["a"], env: ["TOKEN": "s3cret"], cwd: nil)
        #expect(stdio.redacted["env"]?["TOKEN"] == "***")
        #expect(stdio.summary == "srv a")
        let http = MCPServerConfig.http(url: "http://h/mcp", headers: ["Authorization": "Bearer k"])
        #expect(http.redacted["headers"]?["Authorization"] == "***")
        #expect(http.transportName == "http")
    }

    @Test func userAndProjectPaths() {
        #expect(MCPConfigFile.userPath(environment: ["XDG_CONFIG_HOME": "/x"]) == "/x/weft/mcp.json")
        #expect(MCPConfigFile.userPath(environment: ["HOME": "/h"]) == "/h/.config/weft/mcp.json")
        #expect(MCPConfigFile.projectPath(root: "/p") == "/p/.mcp.json")
    }
}
