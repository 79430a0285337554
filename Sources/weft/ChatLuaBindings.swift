import AnthropicProvider
import Chat
import Dispatch
import Kernel
import LuaAPI
import OpenAIProvider

/// `weft.chat`: the chat layer's Lua table, registered through the Lua
/// runtime's hook (Chat itself never depends on Lua).
enum ChatLuaBindings {
    static func install(_ lua: LuaRuntime, chat: ChatUI, loop: MainLoop) {
        let c = chat.controller
        ChatAgentLuaBindings.install(lua, chat: chat)
        if let mcp = MCPSetup.current { MCPLuaBindings.install(lua, manager: mcp) }
        let toolOwners = PluginTools(tools: c.tools)
        lua.addOwnerHook(toolOwners.hook)
        lua.register(table: "chat", functions: [
            "submit": { call in
                c.submit(try call.string(1))
                return 0
            },
            "compact": { call in
                call.push(.bool(c.compact(instructions: try call.optString(1))))
            },
            "interrupt": { _ in
                c.interrupt()
                return 0
            },
            "set_prompt": { call in
                c.promptOverride = try call.string(1)
                return 0
            },
            "set_request": { call in
                let list: Value = .array(try call.list(1))
                do { try c.setRequest(list) } catch let e as ChatValueError { throw call.fail("\(e)") }
                return 0
            },
            "approve": { call in
                let s = try call.string(1)
                guard let d = decision(s) else { throw call.bad(1, "expected 'allow', 'deny' or 'always', got '\(s)'") }
                c.decide(d)
                return 0
            },
            "messages": { call in
                call.push(.array(c.messages.map(messageValue)))
            },
            "state": { call in
                call.push(stateName(c.state))
            },
            "usage": { call in
                call.push(.table(["input": .int(c.usage.input), "output": .int(c.usage.output),
                                  "cache_read": .int(c.cacheUsage.read), "cache_write": .int(c.cacheUsage.write)]))
            },
            "session": { call in
                call.push(c.sessionID.map { Value.string($0) } ?? .null)
            },
            "sessions": { call in
                let all = try call.optTable(1)?["all"] == .bool(true)
                return call.push(.array(c.store.list().filter { all || !$0.isPrint }.map { s in
                    .table(["id": .string(s.id), "title": .string(s.title), "messages": .int(s.messageCount),
                            "modified": .double(s.modified.timeIntervalSince1970), "print": .bool(s.isPrint),
                            "cwd": s.cwd.map { .string($0) } ?? .null])
                }))
            },
            "open": { call in
                try c.load(sessionID: try call.string(1))
                return 0
            },
            "new": { _ in
                c.reset()
                return 0
            },
            "get_config": { call in
                call.push(.table(["copy_on_select": .bool(chat.copyOnSelect),
                                  "auto_compact": .double(c.autoCompactThreshold)]))
            },
            "set_config": { call in
                let t = try call.table(1)
                for key in t.keys where key != "copy_on_select" && key != "auto_compact" {
                    throw call.bad(1, "unknown option '\(key)' (expected one of: auto_compact, copy_on_select)")
                }
                if let v = t["copy_on_select"] {
                    guard case .bool(let b) = v else { throw call.bad(1, "field 'copy_on_select': boolean expected") }
                    chat.copyOnSelect = b
                }
                if let v = t["auto_compact"] { c.autoCompactThreshold = try autoCompactShare(v, call) }
                return 0
            },
        ])
        lua.register(table: "chat.tool", functions: [
            "register": { call in
                let spec = try call.table(1)
                guard let name = spec["name"]?.string, !name.isEmpty else { throw call.bad(1, "field 'name': string expected") }
                guard let run = try lua.callback(call, table: 1, field: "run") else {
                    throw call.bad(1, "field 'run': function expected, got nil")
                }
                let bound = LoopBound((lua, run))
                let poster = loop.poster
                let tool = FunctionTool(name: name, description: spec["description"]?.string ?? "",
                                        parametersSchema: spec["parameters"] ?? ToolArguments.emptySchema,
                                        needsApproval: spec["needs_approval"] == .bool(true)) { args, _ in
                    // Tools run on worker threads; Lua lives on the loop.
                    poster.callAndWait {
                        let (lua, run) = bound.value
                        do {
                            let out = try lua.invoke(run, [.table(args)], what: "tool \(name) (\(run.owner))")
                            let text = out.first?.string ?? out.first.map { "\($0)" } ?? ""
                            return ToolResult(output: text, isError: out.count > 1 && out[1] == .bool(true))
                        } catch {
                            return ToolResult.failure("\(error)")
                        }
                    }
                }
                c.tools.register(tool)
                toolOwners.registered(name, by: run.owner)
                return 0
            },
            "list": { call in
                call.push(.array(c.tools.list().map { t in
                    .table(["name": .string(t.name), "description": .string(t.description),
                            "needs_approval": .bool(t.needsApproval),
                            "policy": .string(c.tools.policy(for: t.name)?.rawValue ?? "ask")])
                }))
            },
            "policy": { call in
                let name = try call.string(1)
                guard let p = ToolPolicy(rawValue: try call.string(2)) else {
                    throw call.bad(2, "expected 'ask', 'allow' or 'deny'")
                }
                try c.tools.setPolicy(p, for: name)
                return 0
            },
        ])
        lua.register(table: "chat.provider", functions: [
            "get": { call in
                var t: [String: Value] = ["name": .string(c.provider.name), "model": .string(c.provider.model),
                                          "context_window": .int(chat.contextWindow)]
                if let o = c.provider as? OpenAIProvider {
                    t["base_url"] = .string(o.configuration.baseURL)
                    t["api_key_set"] = .bool(o.configuration.apiKey != nil)  // never the key itself
                    t["max_tokens"] = .int(o.configuration.effectiveMaxTokens ?? 0)
                }
                if let a = c.provider as? AnthropicProvider {
                    t["base_url"] = .string(a.configuration.baseURL)
                    t["api_key_set"] = .bool(a.configuration.apiKey != nil)  // never the key itself
                    t["thinking_budget"] = .int(a.configuration.thinkingBudget)
                    t["max_tokens"] = .int(a.configuration.effectiveMaxTokens)
                    t["prompt_caching"] = .bool(a.configuration.promptCaching)
                }
                return call.push(.table(t))
            },
            "set": { call in
                let spec = try call.table(1)
                let name = spec["name"]?.string ?? "mock"
                if let v = spec["context_window"] {
                    guard let n = v.int, n > 0 else { throw call.bad(1, "context_window must be a number of tokens > 0") }
                    chat.configuredContextWindow = n
                }
                switch name {
                case "mock":
                    let tps = spec["tokens_per_second"].flatMap { v -> Double? in
                        if case .double(let d) = v { return d }
                        return v.int.map(Double.init)
                    } ?? 60
                    c.provider = MockProvider(model: spec["model"]?.string ?? "mock-1", tokensPerSecond: tps)
                case "openai":
                    var maxTokens: Int?
                    if let v = spec["max_tokens"] {
                        guard let n = v.int, n >= 0 else { throw call.bad(1, "max_tokens must be a number >= 0 (0: the server's default)") }
                        maxTokens = n
                    }
                    let config = OpenAIConfiguration.from(environment: ProcessInfoLite.env, baseURL: spec["base_url"]?.string,
                                                          apiKey: spec["api_key"]?.string, model: spec["model"]?.string,
                                                          maxTokens: maxTokens)
                    c.provider = OpenAIProvider(configuration: config, onStatus: notices(c.editor, loop))
                case "anthropic":
                    c.provider = AnthropicProvider(configuration: try anthropicConfiguration(spec, call),
                                                   onStatus: notices(c.editor, loop))
                default:
                    throw call.fail("unknown provider '\(name)' (use 'mock', 'openai' or 'anthropic')")
                }
                chat.resolveContextWindow()
                return 0
            },
        ])
    }

    /// Retry notices of a provider, shown as warnings.
    static func notices(_ editor: Editor, _ loop: MainLoop) -> @Sendable (String) -> Void {
        let poster = loop.poster
        let editor = LoopRef(editor)
        return { notice in poster.post { editor.value?.notify(notice, level: .warn) } }
    }

    /// `{name = "anthropic", model =, api_key =, base_url =, thinking_budget =,
    /// max_tokens =, prompt_caching =}`; the environment fills what is left out.
    static func anthropicConfiguration(_ spec: [String: Value], _ call: LuaCall) throws -> AnthropicConfiguration {
        func number(_ field: String) throws -> Int? {
            guard let v = spec[field], v != .null else { return nil }
            guard let n = v.int, n >= 0 else { throw call.bad(1, "field '\(field)': non-negative integer expected") }
            return n
        }
        var config = AnthropicConfiguration.from(environment: ProcessInfoLite.env, baseURL: spec["base_url"]?.string,
                                                 apiKey: spec["api_key"]?.string, model: spec["model"]?.string,
                                                 thinkingBudget: try number("thinking_budget"),
                                                 maxTokens: try number("max_tokens"))
        if let v = spec["prompt_caching"], v != .null {
            guard case .bool(let b) = v else { throw call.bad(1, "field 'prompt_caching': boolean expected") }
            config.promptCaching = b
        }
        return config
    }

    /// `auto_compact`: a share of the context window from 0 to 1, `true`
    /// (the default share) or `false` (off, 0).
    static func autoCompactShare(_ v: Value, _ call: LuaCall) throws -> Double {
        switch v {
        case .bool(let on): return on ? ChatController.defaultAutoCompactThreshold : 0
        case .double(let d) where d >= 0 && d <= 1: return d
        case .int(let n) where n == 0 || n == 1: return Double(n)
        default: throw call.bad(1, "field 'auto_compact': a share of the context window from 0 to 1 (e.g. 0.85), or false")
        }
    }

    static func decision(_ s: String) -> ToolApprovalDecision? {
        switch s {
        case "allow": return .allow
        case "deny": return .deny
        case "always": return .alwaysAllow
        default: return nil
        }
    }

    static func stateName(_ s: ChatController.State) -> String {
        switch s {
        case .idle: return "idle"
        case .streaming: return "streaming"
        case .runningTools: return "running_tools"
        case .awaitingApproval: return "awaiting_approval"
        case .failed: return "error"
        }
    }

    /// `{role=, text=, thinking=?, tools={...}?}` for one message.
    static func messageValue(_ m: ChatMessage) -> Value {
        var text = "", thinking = ""
        var tools: [Value] = []
        for b in m.blocks {
            switch b {
            case .userText(let t), .assistantText(let t), .notice(let t): text += t
            case .error(let e): text += e
            case .thinking(let t, _): thinking += t
            case .compaction(let c): text += ChatController.compactionHeader + "\n\n" + c.summary
            case .toolCall(let call):
                tools.append(.table(["id": .string(call.id), "name": .string(call.name), "arguments": .string(call.arguments),
                                     "status": .string(call.status.rawValue), "output": .string(call.output)]))
            }
        }
        var t: [String: Value] = ["role": .string(m.role.rawValue), "text": .string(text)]
        if !thinking.isEmpty { t["thinking"] = .string(thinking) }
        if !tools.isEmpty { t["tools"] = .array(tools) }
        return .table(t)
    }
}
