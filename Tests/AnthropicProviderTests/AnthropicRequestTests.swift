import AnthropicProvider
import Chat
import Kernel
import Testing

/// The conversation in the Messages API's shape.
@Suite struct AnthropicRequestTests {
    func body(_ messages: [ProviderMessage], tools: [ToolSchema] = [], thinking: Int = 0, caching: Bool = false) -> Value {
        AnthropicRequest.bodyValue(configuration: AnthropicConfiguration(apiKey: "k", model: "m", maxTokens: 1000,
                                                                        thinkingBudget: thinking, promptCaching: caching),
                                   request: ProviderRequest(messages: messages, tools: tools))
    }

    func roles(_ v: Value) -> [String] { (v["messages"]?.array ?? []).compactMap { $0["role"]?.string } }
    func types(_ v: Value, _ i: Int) -> [String] {
        (v["messages"]?.array?[i]["content"]?.array ?? []).compactMap { $0["type"]?.string }
    }

    @Test func headersCarryTheKeyAndVersion() {
        let r = AnthropicRequest(configuration: AnthropicConfiguration(baseURL: "http://h/v1/", apiKey: "sk-ant-x"),
                                 request: ProviderRequest(messages: [ProviderMessage(role: .user, content: "hi")]))
        #expect(r.url == "http://h/v1/messages")
        #expect(r.headers.contains(.init("x-api-key", "sk-ant-x")))
        #expect(r.headers.contains(.init("anthropic-version", "2023-06-01")))
    }

    @Test func noKeyNoHeader() {
        let r = AnthropicRequest(configuration: AnthropicConfiguration(apiKey: nil),
                                 request: ProviderRequest(messages: [ProviderMessage(role: .user, content: "hi")]))
        #expect(!r.headers.contains { $0.name == "x-api-key" })
    }

    @Test func systemMessagesGoToTheTopLevel() {
        let v = body([.init(role: .system, content: "Be brief."), .init(role: .user, content: "hi"),
                      .init(role: .system, content: "Really.")])
        #expect(v["system"]?.array?.first?["text"] == .string("Be brief.\n\nReally."))
        #expect(roles(v) == ["user"])
        #expect(v["max_tokens"] == .int(1000))
        #expect(v["stream"] == .bool(true))
    }

    @Test func toolResultsLeadTheNextUserTurn() {
        let call = ToolCallRequest(id: "toolu_1", name: "read_file", arguments: #"{"path":"a"}"#)
        let v = body([.init(role: .user, content: "read a"),
                      .init(role: .assistant, content: "Reading.", toolCalls: [call]),
                      .init(role: .tool, content: "contents", toolCallID: "toolu_1", isError: true),
                      .init(role: .user, content: "thanks")])
        #expect(roles(v) == ["user", "assistant", "user"])
        #expect(types(v, 1) == ["text", "tool_use"])
        #expect(types(v, 2) == ["tool_result", "text"])
        let result = v["messages"]?.array?[2]["content"]?.array?[0]
        #expect(result?["tool_use_id"] == .string("toolu_1"))
        #expect(result?["is_error"] == .bool(true))
        #expect(v["messages"]?.array?[1]["content"]?.array?[1]["input"] == .table(["path": "a"]))
    }

    @Test func anInterruptedCallGetsAnErrorResult() {
        let call = ToolCallRequest(id: "c1", name: "run_command", arguments: "{}")
        let v = body([.init(role: .user, content: "go"), .init(role: .assistant, content: "", toolCalls: [call]),
                      .init(role: .user, content: "never mind")])
        #expect(roles(v) == ["user", "assistant", "user"])
        #expect(types(v, 2) == ["tool_result", "text"])
        #expect(v["messages"]?.array?[2]["content"]?.array?[0]["is_error"] == .bool(true))
    }

    @Test func anOrphanResultBecomesText() {
        let v = body([.init(role: .user, content: "hi"), .init(role: .tool, content: "stray", toolCallID: "zz")])
        #expect(types(v, 0) == ["text", "text"])
    }

    @Test func invalidArgumentsAreSentAsAnEmptyObject() {
        let call = ToolCallRequest(id: "c1", name: "read_file", arguments: #"{"path": "a"#)
        let v = body([.init(role: .user, content: "go"), .init(role: .assistant, content: "", toolCalls: [call]),
                      .init(role: .tool, content: "bad arguments", toolCallID: "c1", isError: true)])
        #expect(v["messages"]?.array?[1]["content"]?.array?[0]["input"] == .table([:]))
    }

    @Test func idsAreMadeValidOnBothSides() {
        #expect(AnthropicRequest.toolID("call:1/x") == "call_1_x")
        #expect(AnthropicRequest.toolID("") == "toolu_none")
        let call = ToolCallRequest(id: "call.9", name: "t", arguments: "{}")
        let v = body([.init(role: .user, content: "go"), .init(role: .assistant, content: "", toolCalls: [call]),
                      .init(role: .tool, content: "ok", toolCallID: "call.9")])
        #expect(v["messages"]?.array?[1]["content"]?.array?[0]["id"] == .string("call_9"))
        #expect(v["messages"]?.array?[2]["content"]?.array?[0]["tool_use_id"] == .string("call_9"))
    }

    @Test func sameRoleTurnsMergeAndEmptyOnesDisappear() {
        let v = body([.init(role: .user, content: "a"), .init(role: .user, content: ""), .init(role: .user, content: "b"),
                      .init(role: .assistant, content: ""), .init(role: .assistant, content: "x")])
        #expect(roles(v) == ["user", "assistant"])
        #expect(types(v, 0) == ["text", "text"])
    }

    @Test func aConversationStartingWithTheAssistantGetsAUserTurnFirst() {
        #expect(roles(body([.init(role: .assistant, content: "earlier"), .init(role: .user, content: "go on")]))
                == ["user", "assistant", "user"])
    }

    @Test func signedThinkingIsSentBackOnlyWithThinkingOn() {
        let signed = [SignedThinking(text: "hm", signature: "sig"), SignedThinking(redactedData: "opaque"),
                      SignedThinking(text: "unsigned", signature: "")]
        let messages: [ProviderMessage] = [.init(role: .user, content: "q"),
                                           .init(role: .assistant, content: "a", thinking: signed),
                                           .init(role: .user, content: "next")]
        let on = body(messages, thinking: 2048)
        #expect(types(on, 1) == ["thinking", "redacted_thinking", "text"])
        #expect(on["messages"]?.array?[1]["content"]?.array?[0]["signature"] == .string("sig"))
        #expect(on["messages"]?.array?[1]["content"]?.array?[1]["data"] == .string("opaque"))
        #expect(on["thinking"] == .table(["type": "enabled", "budget_tokens": 2048]))
        #expect(on["max_tokens"] == .int(2048 + 4096))
        #expect(types(body(messages), 1) == ["text"])
    }

    @Test func cachingMarksToolsSystemAndTheLastTwoUserTurns() {
        let v = body([.init(role: .system, content: "sys"), .init(role: .user, content: "1"),
                      .init(role: .assistant, content: "a"), .init(role: .user, content: "2"),
                      .init(role: .assistant, content: "b"), .init(role: .user, content: "3")],
                     tools: [readFileTool, readFileTool], caching: true)
        let eph: Value = .table(["type": "ephemeral"])
        #expect(v["system"]?.array?[0]["cache_control"] == eph)
        #expect(v["tools"]?.array?[0]["cache_control"] == nil)
        #expect(v["tools"]?.array?[1]["cache_control"] == eph)
        let marks = (v["messages"]?.array ?? []).map { $0["content"]?.array?.last?["cache_control"] != nil }
        #expect(marks == [false, false, true, false, true])
        #expect(JSON.line(v).components(separatedBy: "cache_control").count - 1 == 4)
    }

    @Test func noCachingNoMarks() {
        let v = body([.init(role: .system, content: "sys"), .init(role: .user, content: "1")], tools: [readFileTool])
        #expect(!JSON.line(v).contains("cache_control"))
    }

    @Test func configurationNeverPrintsTheKey() {
        let c = AnthropicConfiguration(apiKey: "sk-ant-verysecret", thinkingBudget: 500)
        #expect(!"\(c)".contains("verysecret"))
        #expect(c.thinkingBudget == AnthropicConfiguration.minimumThinkingBudget)
        #expect(AnthropicConfiguration.from(environment: ["ANTHROPIC_API_KEY": "k1", "WEFT_MODEL": "claude-x"]).model == "claude-x")
        #expect(AnthropicConfiguration.from(environment: ["ANTHROPIC_API_KEY": "k1"], apiKey: "k2").apiKey == "k2")
    }
}

/// `max_tokens` (required by the Messages API): `--max-tokens`, else the model's default.
@Suite struct AnthropicMaxTokensTests {
    func sent(_ c: AnthropicConfiguration) -> Value? {
        AnthropicRequest.bodyValue(configuration: c,
                                   request: ProviderRequest(messages: [ProviderMessage(role: .user, content: "hi")]))["max_tokens"]
    }

    @Test func theFlagIsSent() {
        let c = AnthropicConfiguration.from(environment: [:], model: "claude-sonnet-4-5", maxTokens: 1234)
        #expect(sent(c) == .int(1234))
    }

    @Test func noneOrZeroSendsTheModelsDefault() {
        #expect(sent(.from(environment: [:], model: "claude-sonnet-4-5")) == .int(64_000))
        #expect(sent(.from(environment: [:], model: "claude-opus-4-1", maxTokens: 0)) == .int(32_000))
        #expect(sent(.from(environment: [:], model: "claude-3-5-haiku-latest")) == .int(8_192))
        #expect(sent(.from(environment: [:], model: "claude-3-opus-20240229")) == .int(4_096))
        #expect(sent(.from(environment: [:], model: "some-proxy-model")) == .int(8_192))
    }

    @Test func thinkingRaisesTheLimitAboveItsBudget() {
        let c = AnthropicConfiguration.from(environment: [:], model: "m", thinkingBudget: 10_000, maxTokens: 2000)
        #expect(sent(c) == .int(14_096))
    }

    @Test func theDescriptionShowsTheLimitNotTheKey() {
        let c = AnthropicConfiguration.from(environment: [:], apiKey: "sk-ant-secret", model: "m", maxTokens: 777)
        #expect(c.description.contains("max tokens 777"))
        #expect(!c.description.contains("secret"))
    }
}
