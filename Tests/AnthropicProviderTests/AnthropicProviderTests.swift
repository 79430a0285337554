import AnthropicProvider
import Chat
import Foundation
import Kernel
import Testing

/// The provider through the real HTTP transport against the fake server,
/// which checks each request the way the API does.
@Suite(.timeLimit(.minutes(2))) struct AnthropicProviderTests {
    static let streamingCases = ["text", "crlf", "thinking", "redacted", "tool", "tools2", "badjson", "noinput",
                                 "maxtok", "unknown", "midstream", "nostop", "malformed", "dropped"]

    /// Over HTTP each streaming case yields what the parser makes of its bytes.
    @Test(arguments: streamingCases)
    func streamingCaseMatchesTheParser(name: String) async throws {
        let server = try await FakeAnthropicServer.start()
        defer { server.stop() }
        let events = normalized(await run(server.provider(), ask("case:" + name)))
        #expect(events == parse(try await dumpCase(name)), "case \(name)")
        #expect(events.last?.isTerminal == true)
    }

    @Test func headersAndBodyAreWhatTheAPIWants() async throws {
        let server = try await FakeAnthropicServer.start(extraArguments: ["--key", "sk-ant-test-0123456789"])
        defer { server.stop() }
        let events = await run(server.provider(), ask("hello there", tools: [readFileTool]))
        #expect(text(events) == "You said: hello there")
        let sent = try await server.requests().last
        #expect(sent?["headers"]?["x-api-key"] == .string("sk-ant-test-0123456789"))
        #expect(sent?["headers"]?["anthropic-version"] == .string("2023-06-01"))
        #expect(sent?["path"] == .string("/v1/messages"))
        #expect(sent?["body"]?["tools"]?.array?.first?["name"] == .string("read_file"))
        #expect(events.contains(.cacheUsage(read: 50, write: 0)))
    }

    @Test func aWrongKeyIsSaidClearlyWithoutTheKey() async throws {
        let server = try await FakeAnthropicServer.start(extraArguments: ["--key", "right-key"])
        defer { server.stop() }
        let message = errorMessage(await run(server.provider(key: "sk-ant-wrong-key-0123456789"), ask("hi"))) ?? ""
        #expect(message.contains("API key is missing or wrong (HTTP 401)"))
        #expect(message.contains("ANTHROPIC_API_KEY"))
        #expect(!message.contains("wrong-key-0123456789"))
    }

    @Test func theEchoedKeyIsScrubbed() async throws {
        let server = try await FakeAnthropicServer.start()
        defer { server.stop() }
        let message = errorMessage(await run(server.provider(key: "sk-ant-echoed-0123456789"), ask("case:e401"))) ?? ""
        #expect(message.contains("invalid x-api-key"))
        #expect(!message.contains("echoed-0123456789"))
    }

    @Test(arguments: [("e400", "request rejected (HTTP 400): prompt is too long"),
                      ("e404", "not found at http"), ("e413", "too large (HTTP 413)"),
                      ("json200", "model 'nope' does not exist")])
    func httpErrorsQuoteTheServer(name: String, expected: String) async throws {
        let server = try await FakeAnthropicServer.start()
        defer { server.stop() }
        let message = errorMessage(await run(server.provider(), ask("case:" + name))) ?? ""
        #expect(message.hasPrefix("anthropic: "))
        #expect(message.contains(expected), "\(message)")
    }

    @Test(arguments: ["r429", "r529", "r500", "overload"])
    func retriedThenRecovered(name: String) async throws {
        let server = try await FakeAnthropicServer.start()
        defer { server.stop() }
        let notices = Notices()
        let started = Date()
        let events = await run(server.provider(onStatus: { notices.add($0) }), ask("case:" + name))
        #expect(text(events).hasPrefix("Recovered after"))
        #expect(notices.all.count == 1)
        #expect(notices.all.first?.contains("retrying in") == true)
        if name == "r429" {
            #expect(notices.all.first?.contains("retrying in 1 s") == true)  // retry-after honoured
            #expect(Date().timeIntervalSince(started) >= 0.9)
        }
    }

    @Test func overloadedForeverGivesUpSayingHowOften() async throws {
        let server = try await FakeAnthropicServer.start()
        defer { server.stop() }
        let message = errorMessage(await run(server.provider(maxAttempts: 3), ask("case:f529"))) ?? ""
        #expect(message.contains("overloaded (HTTP 529): Overloaded"))
        #expect(message.contains("gave up after 3 tries"))
    }

    @Test func aToolLoopSendsResultsAndSignedThinkingBack() async throws {
        let server = try await FakeAnthropicServer.start()
        defer { server.stop() }
        let provider = server.provider(thinking: 2048)
        var messages = [ProviderMessage(role: .user, content: "case:thinktool")]
        let first = await run(provider, ProviderRequest(messages: messages, tools: [readFileTool]))
        guard case .toolCall(let id, let name, let args)? = first.first(where: { if case .toolCall = $0 { return true }; return false }),
              case .signedThinking(let signed)? = first.first(where: { if case .signedThinking = $0 { return true }; return false })
        else { Issue.record("no tool call or signed thinking: \(first)"); return }
        #expect(name == "run_command")
        messages.append(ProviderMessage(role: .assistant, content: "", toolCalls: [ToolCallRequest(id: id, name: name, arguments: args)],
                                        thinking: [signed]))
        messages.append(ProviderMessage(role: .tool, content: "hi\nexit 0", toolCallID: id))
        let second = await run(provider, ProviderRequest(messages: messages, tools: [readFileTool]))
        #expect(errorMessage(second) == nil, "\(second)")
        #expect(text(second) == "Tool result: hi (thinking returned)")
    }

    @Test func cancellingClosesTheConnectionQuickly() async throws {
        let server = try await FakeAnthropicServer.start()
        defer { server.stop() }
        let log = EventLog()
        let handle = server.provider().stream(request: ask("case:hang")) { log.add($0) }
        try await Task.sleep(nanoseconds: 300_000_000)
        handle.cancel()
        let deadline = Date(timeIntervalSinceNow: 2)
        while !handle.isFinished && Date() < deadline { try await Task.sleep(nanoseconds: 10_000_000) }
        #expect(handle.isFinished)
        #expect(!log.events.contains { $0.isTerminal })
    }

    @Test func pingsKeepASlowReplyAlive() async throws {
        let server = try await FakeAnthropicServer.start()
        defer { server.stop() }
        let log = EventLog()
        let handle = server.provider(readTimeout: 1.5).stream(request: ask("case:hang")) { log.add($0) }
        try await Task.sleep(nanoseconds: 4_000_000_000)
        #expect(!handle.isFinished, "\(log.events)")
        handle.cancel()
    }

    @Test func silenceIsATimeoutNamingTheURL() async throws {
        let server = try await FakeAnthropicServer.start()
        defer { server.stop() }
        let message = errorMessage(await run(server.provider(readTimeout: 1.5), ask("case:silent"))) ?? ""
        #expect(message == "anthropic: no answer from \(server.baseURL)/v1/messages within 1.5 s (timeout)")
    }

    @Test func aDeadPortIsNamed() async throws {
        let message = errorMessage(await run(FakeAnthropicServer.deadProvider(), ask("hi"))) ?? ""
        #expect(message.contains("cannot connect to http://127.0.0.1:9/v1/messages"), "\(message)")
    }

    @Test func modelsAndContextWindowComeFromTheAPI() async throws {
        let server = try await FakeAnthropicServer.start()
        defer { server.stop() }
        let provider = server.provider()
        #expect(try await provider.listModels() == ["claude-fake-1", "claude-fake-2"])
        #expect(await provider.contextWindow() == 200_000)
    }
}

extension FakeAnthropicServer {
    /// A provider pointed at a port nothing listens on.
    static func deadProvider() -> AnthropicProvider {
        AnthropicProvider(configuration: AnthropicConfiguration(baseURL: "http://127.0.0.1:9", apiKey: "k", model: "m"))
    }
}
