import Foundation
import Kernel
import Testing
@testable import Chat

@Suite struct ToolRegistryTests {
    @Test func builtinsAndDefaultPolicies() {
        let registry = ToolRegistry.withBuiltins()
        #expect(registry.list().map(\.name) == ["read_file", "list_files", "grep", "edit_file", "write_file", "run_command"])
        #expect(registry.schemas().map(\.name) == ["read_file", "list_files", "grep", "edit_file", "write_file", "run_command"])
        #expect(registry.schemas().first?.parameters["required"] == .array(["path"]))
        #expect(registry.policy(for: "read_file") == .allow)
        #expect(registry.policy(for: "run_command") == .ask)
        #expect(registry.policy(for: "nope") == nil)
        #expect(registry.lookup("grep")?.description.isEmpty == false)
    }

    @Test func approvalTransitions() throws {
        let registry = ToolRegistry.withBuiltins()
        #expect(registry.decide(.allow, for: "run_command"))
        #expect(registry.policy(for: "run_command") == .ask, "allow once keeps asking")
        #expect(!registry.decide(.deny, for: "run_command"))
        #expect(registry.policy(for: "run_command") == .ask, "deny once keeps asking")
        #expect(registry.decide(.alwaysAllow, for: "run_command"))
        #expect(registry.policy(for: "run_command") == .allow)
        try registry.setPolicy(.deny, for: "run_command")
        #expect(registry.policy(for: "run_command") == .deny)
        try registry.setPolicy(.ask, for: "read_file")
        #expect(registry.policy(for: "read_file") == .ask)
        registry.resetPolicies()
        #expect(registry.policy(for: "run_command") == .ask)
        #expect(registry.policy(for: "read_file") == .allow)
        #expect(throws: KernelError.self) { try registry.setPolicy(.allow, for: "missing") }
        #expect(!registry.decide(.alwaysAllow, for: "missing"))
    }

    @Test func registerReplaceUnregister() {
        let registry = ToolRegistry.withBuiltins()
        let echo = FunctionTool(name: "echo", description: "Echo text",
                                parametersSchema: ToolArguments.objectSchema([("text", "string", "what to echo")], required: ["text"]),
                                needsApproval: true) { args, _ in ToolResult(output: args["text"]?.string ?? "") }
        registry.register(echo)
        #expect(registry.policy(for: "echo") == .ask)
        registry.decide(.alwaysAllow, for: "echo")
        let context = ToolContext(cwd: "/")
        #expect(registry.execute(ToolCallRequest(id: "1", name: "echo", arguments: #"{"text":"hi"}"#), context: context)
                == ToolResult(output: "hi"))
        #expect(registry.execute(ToolCallRequest(id: "2", name: "echo", arguments: #"{}"#), context: context)
                == .failure(#"echo: missing required argument "text""#))
        // Replacing keeps the position and resets the policy.
        registry.register(FunctionTool(name: "read_file", description: "shadow") { _, _ in ToolResult(output: "shadowed") })
        #expect(registry.list().map(\.name) == ["read_file", "list_files", "grep", "edit_file", "write_file", "run_command", "echo"])
        #expect(registry.execute(ToolCallRequest(id: "3", name: "read_file", arguments: ""), context: context).output == "shadowed")
        #expect(registry.unregister("echo"))
        #expect(!registry.unregister("echo"))
        let unknown = registry.execute(ToolCallRequest(id: "4", name: "echo", arguments: "{}"), context: context)
        #expect(unknown.isError && unknown.output.hasPrefix("unknown tool: echo"))
        #expect(ToolRegistry.deniedResult("run_command").isError)
    }

    @Test func schemaValidationTypes() {
        let schema = ToolArguments.objectSchema([("n", "integer", ""), ("x", "number", ""), ("b", "boolean", ""),
                                                 ("a", "array", ""), ("o", "object", "")], required: [])
        func check(_ json: String) -> String? {
            if case .failure(let e) = ToolArguments.parse(json, schema: schema, tool: "t") { return e.description }
            return nil
        }
        #expect(check(#"{"n":1,"x":1.5,"b":true,"a":[],"o":{},"extra":"ok"}"#) == nil)
        #expect(check(#"{"n":2.0}"#) == nil)
        #expect(check(#"{"n":2.5}"#) == #"t: argument "n" must be an integer"#)
        #expect(check(#"{"x":"1"}"#) == #"t: argument "x" must be a number"#)
        #expect(check(#"{"b":1}"#) == #"t: argument "b" must be a boolean"#)
        #expect(check(#"{"a":{}}"#) == #"t: argument "a" must be an array"#)
        #expect(check(#"{"o":[]}"#) == #"t: argument "o" must be an object"#)
        #expect(check(#"{"n":null}"#) == nil)
    }
}
