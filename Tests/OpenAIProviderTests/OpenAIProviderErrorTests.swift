import Chat
import Foundation
import Kernel
import Testing
@testable import OpenAIProvider

/// PROVIDERS.md cases 5, 6 and 7, timeouts, refused connections,
/// cancellation and the model list, through the real transport.
@Suite(.timeLimit(.minutes(2))) struct OpenAIProviderErrorTests {
    @Test func case5a400ShowsTheServerMessage() async throws {
        let server = try await FakeServer.start()
        defer { server.stop() }  // also keeps it alive to the end
        let events = await run(server.provider(), ask("case:5a"))
        #expect(events == [.error(message: "openai: request rejected (HTTP 400): This model's maximum context length is 4096 tokens."
                                     + " (a smaller --max-tokens, or 0 for the server's default, may help)")])
    }

    @Test func case5b401NeverShowsTheKey() async throws {
        let server = try await FakeServer.start()
        defer { server.stop() }  // also keeps it alive to the end
        let key = "sk-proj-SECRET0123456789"
        let events = await run(server.provider(key: key), ask("case:5b"))
        let m = errorMessage(events) ?? ""
        #expect(m.contains("API key is missing or wrong (HTTP 401)"), "\(m)")
        #expect(m.contains("Incorrect API key provided"))
        #expect(!m.contains("SECRET0123456789"))
        #expect(events.count == 1)
    }

    @Test func case5c429RetriesAfterRetryAfterThenSucceeds() async throws {
        let server = try await FakeServer.start()
        defer { server.stop() }  // also keeps it alive to the end
        let notices = Notices()
        let start = Date()
        let events = await run(server.provider(onStatus: { notices.add($0) }), ask("case:5c"))
        #expect(text(events) == "Recovered after 429.")
        #expect(events.last == .finish(reason: "stop"))
        #expect(notices.all == ["openai: HTTP 429, retrying in 1 s (try 2 of 3)"])
        #expect(Date().timeIntervalSince(start) >= 0.9, "Retry-After: 1 was not honoured")
    }

    @Test func case5d500ThenSuccess() async throws {
        let server = try await FakeServer.start()
        defer { server.stop() }  // also keeps it alive to the end
        let notices = Notices()
        let events = await run(server.provider(onStatus: { notices.add($0) }), ask("case:5d"))
        #expect(text(events) == "Recovered after 500.")
        #expect(notices.all == ["openai: HTTP 500, retrying in 0.5 s (try 2 of 3)"])
    }

    @Test func case5e503ForeverGivesUpClearly() async throws {
        let server = try await FakeServer.start()
        defer { server.stop() }  // also keeps it alive to the end
        let notices = Notices()
        let events = await run(server.provider(onStatus: { notices.add($0) }), ask("case:5e"))
        #expect(events == [.error(message: "openai: server error (HTTP 503): The server is overloaded (gave up after 3 tries)")])
        #expect(notices.all.count == 2)
        #expect(try await server.state("/debug/state")["attempts"]?["5e"] == .int(3))
    }

    @Test func case5fTheSame500TwiceIsNotRetriedAgain() async throws {
        let server = try await FakeServer.start()
        defer { server.stop() }  // also keeps it alive to the end
        let events = await run(server.provider(), ask("case:5f"))
        #expect(events == [.error(message: "openai: server error (HTTP 500): Internal Server Error (gave up after 2 tries)")])
        #expect(try await server.state("/debug/state")["attempts"]?["5f"] == .int(2))
    }

    @Test func case5gA500ThatBlamesTheRequestIsNotRetried() async throws {
        let server = try await FakeServer.start()
        defer { server.stop() }  // also keeps it alive to the end
        let events = await run(server.provider(), ask("case:5g"))
        #expect(events == [.error(message: "openai: server error (HTTP 500): messages.1.content: Input should be a valid string")])
        #expect(try await server.state("/debug/state")["attempts"]?["5g"] == .int(1))
    }

    /// A turn that only called tools is sent with `"content": ""`: the fake
    /// server, like llama-cpp-python and mockllm, answers 500 to null.
    @Test func aToolCallTurnWithoutTextIsAcceptedByAStrictServer() async throws {
        let server = try await FakeServer.start()
        defer { server.stop() }  // also keeps it alive to the end
        let request = ProviderRequest(messages: [
            ProviderMessage(role: .user, content: "read a"),
            ProviderMessage(role: .assistant, content: "",
                            toolCalls: [ToolCallRequest(id: "c1", name: "read_file", arguments: #"{"path":"a"}"#),
                                        ToolCallRequest(id: "c2", name: "read_file", arguments: #"{"path":"b"}"#)]),
            ProviderMessage(role: .tool, content: "first", toolCallID: "c1"),
            ProviderMessage(role: .tool, content: "second", toolCallID: "c2"),
        ])
        let events = await run(server.provider(), request)
        #expect(text(events) == "Tool result: second")
        #expect(try await server.state("/debug/state")["attempts"]?["strict"] == nil)
        let sent = try await server.state("/debug/requests").array?.last?["body"]?["messages"]?.array?[1]
        #expect(sent?["content"] == .string(""))
        #expect(sent?["tool_calls"]?.array?.count == 2)
        #expect(try await server.state("/debug/requests").array?.last?["body"]?["max_tokens"] == .int(4096))
    }

    @Test func case6aMidStreamErrorKeepsThePartialText() async throws {
        let server = try await FakeServer.start()
        defer { server.stop() }  // also keeps it alive to the end
        let events = await run(server.provider(), ask("case:6a"))
        #expect(events == [.textDelta("Partial "),
                           .error(message: "openai: server error (server_error): upstream model crashed")])
    }

    @Test func case6bDroppedConnectionIsAnError() async throws {
        let server = try await FakeServer.start()
        defer { server.stop() }  // also keeps it alive to the end
        let events = await run(server.provider(), ask("case:6b"))
        #expect(text(events) == "Partial answer")
        #expect(events.last == .error(message: OpenAIErrorMapper.truncated))
    }

    /// A proxy that compresses the stream unasked: the reply is read, not
    /// reported as a connection that closed early.
    @Test func gzipCompressedReplyIsDecompressed() async throws {
        let server = try await FakeServer.start()
        defer { server.stop() }
        let events = await run(server.provider(), ask("case:gzip"))
        #expect(text(events) == "Compressed, and read.")
        #expect(!events.contains { if case .error = $0 { return true } else { return false } })
    }

    @Test func case7JSONErrorBodyWithStatus200() async throws {
        let server = try await FakeServer.start()
        defer { server.stop() }  // also keeps it alive to the end
        #expect(await run(server.provider(), ask("case:7")) ==
                [.error(message: "openai: server error (NotFoundError): model 'nope' does not exist")])
    }

    @Test func refusedConnectionNamesTheURL() async throws {
        let server = try await FakeServer.start()
        defer { server.stop() }  // also keeps it alive to the end
        let url = server.baseURL
        server.stop()
        let p = OpenAIProvider(configuration: OpenAIConfiguration(baseURL: url, model: "m"))
        let m = errorMessage(await run(p, ask("hi"))) ?? ""
        #expect(m == "openai: cannot connect to \(url)/v1/chat/completions (connection refused)")
    }

    @Test func silentServerTimesOut() async throws {
        let server = try await FakeServer.start()
        defer { server.stop() }  // also keeps it alive to the end
        let start = Date()
        let events = await run(server.provider(readTimeout: 1), ask("case:silent"))
        let elapsed = Date().timeIntervalSince(start)
        #expect(events == [.error(message: "openai: no answer from \(server.baseURL)/v1/chat/completions within 1 s (timeout)")])
        #expect(elapsed < 3, "took \(elapsed) s")
    }

    @Test func cancelClosesTheConnectionPromptly() async throws {
        let server = try await FakeServer.start()
        defer { server.stop() }  // also keeps it alive to the end
        let log = EventLog()
        let handle = server.provider().stream(request: ask("case:hang")) { log.add($0) }
        // Cancel once the server is streaming (a loaded machine may take a while to connect).
        for _ in 0..<100 {
            if try await server.state("/debug/state")["active"] == .int(1) { break }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        try await Task.sleep(nanoseconds: 200_000_000)
        let start = Date()
        handle.cancel()
        #expect(await waitFinished(handle, timeout: 10), "the stream did not end after cancel")
        #expect(Date().timeIntervalSince(start) < 5, "cancel must close the connection well before the 60 s read timeout")
        #expect(log.events.isEmpty)
        var gone: Value?
        for _ in 0..<40 {
            gone = try await server.state("/debug/state")["went_away"]
            if gone == .int(1) { break }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        #expect(gone == .int(1), "the server still writes to an open connection")
    }

    @Test func listModelsAndHealth() async throws {
        let server = try await FakeServer.start()
        defer { server.stop() }  // also keeps it alive to the end
        #expect(try await server.provider().listModels() == ["fake-model-1", "fake-model-2"])
        let provider = server.provider()
        let line = await provider.healthLine()
        #expect(line.contains("ok, 2 models (fake-model-1, fake-model-2)"), "\(line)")
    }

    @Test func listModelsUnsupported() async throws {
        let server = try await FakeServer.start(extraArguments: ["--no-models"])
        defer { server.stop() }  // also keeps it alive to the end
        let provider = server.provider()
        do {
            _ = try await provider.listModels()
            Issue.record("expected unsupported")
        } catch OpenAIProviderError.unsupported(let m) {
            #expect(m.contains("does not list its models"))
        }
    }

    @Test func healthNamesAnUnreachableServer() async throws {
        let server = try await FakeServer.start()
        defer { server.stop() }  // also keeps it alive to the end
        let url = server.baseURL
        server.stop()
        let p = OpenAIProvider(configuration: OpenAIConfiguration(baseURL: url, apiKey: "sk-hidden-0123456789", model: "m"))
        let line = await p.healthLine(timeout: 2)
        #expect(line.contains("FAILED"))
        #expect(line.contains("connection refused"))
        #expect(!line.contains("sk-hidden"))
    }
}
