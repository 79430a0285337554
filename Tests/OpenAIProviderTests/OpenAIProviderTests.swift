import Chat
import Foundation
import Kernel
import Synchronization
import Testing
@testable import OpenAIProvider

/// Every case of PROVIDERS.md through the real HTTP transport against the
/// fake server. Each test starts its own server on a free port.
@Suite(.timeLimit(.minutes(2))) struct OpenAIProviderStreamTests {
    static let streamingCases = ["1a", "1b", "1c", "1d", "1e", "len", "2a", "2b", "2c", "3a", "3b", "3c", "3d",
                                 "tool", "4a", "4b", "6a"]

    /// Over HTTP, each streaming case yields what the parser makes of the
    /// exact bytes (checked case by case in ChatTests/OpenAI).
    @Test(arguments: streamingCases)
    func streamingCaseMatchesTheParser(name: String) async throws {
        let server = try await FakeServer.start()
        defer { server.stop() }  // also keeps it alive to the end
        let events = normalized(await run(server.provider(), ask("case:" + name)))
        var parser = OpenAIStreamParser()
        let want = normalized(parser.feed(try await dumpCaseAsync(name)) + parser.finish())
        #expect(events == want, "case \(name)")
        #expect(events.last?.isTerminal == true)
    }

    @Test func case1TextWithUTF8SplitsArrivesWhole() async throws {
        let server = try await FakeServer.start()
        defer { server.stop() }  // also keeps it alive to the end
        let events = await run(server.provider(), ask("case:1a"))
        #expect(text(events) == "Hello, wörld! 日本語 and 😀 emoji, done.")
        #expect(events.suffix(2) == [.usage(input: 10, output: 5), .finish(reason: "stop")])
    }

    @Test(arguments: ["2a", "2b", "2c"])
    func case2ReasoningInEachForm(name: String) async throws {
        let server = try await FakeServer.start()
        defer { server.stop() }  // also keeps it alive to the end
        let events = await run(server.provider(), ask("case:" + name))
        #expect(thinking(events) == "Let me check the time.")
        #expect(text(events) == "It is noon.")
    }

    @Test func case3ParallelCallsReusingIndexZero() async throws {
        let server = try await FakeServer.start()
        defer { server.stop() }  // also keeps it alive to the end
        let events = await run(server.provider(), ask("case:3c"))
        #expect(events == [.toolCall(id: "call_a", name: "read_file", arguments: #"{"path": "a.txt"}"#),
                           .toolCall(id: "call_b", name: "list_files", arguments: #"{"path": "."}"#),
                           .usage(input: 20, output: 8), .finish(reason: "tool_calls")])
    }

    @Test func lengthFinishIsReported() async throws {
        let server = try await FakeServer.start()
        defer { server.stop() }  // also keeps it alive to the end
        #expect(await run(server.provider(), ask("case:len")).last == .finish(reason: "length"))
    }

    @Test(arguments: ["4a", "4b"])
    func case4UsageWithEmptyOrNullChoices(name: String) async throws {
        let server = try await FakeServer.start()
        defer { server.stop() }  // also keeps it alive to the end
        let events = await run(server.provider(), ask("case:" + name))
        #expect(events == [.textDelta("Counted."), .usage(input: 12, output: 3), .finish(reason: "stop")])
    }

    @Test func toolLoopSecondRequestCarriesCallsAndResults() async throws {
        let server = try await FakeServer.start()
        defer { server.stop() }  // also keeps it alive to the end
        let call = ToolCallRequest(id: "call_run", name: "run_command", arguments: #"{"command":"echo hi"}"#)
        let request = ProviderRequest(messages: [
            ProviderMessage(role: .user, content: "case:tool"),
            ProviderMessage(role: .assistant, content: "", toolCalls: [call]),
            ProviderMessage(role: .tool, content: "hi\nexit 0", toolCallID: "call_run"),
        ], tools: [ToolSchema(name: "run_command", description: "run", parameters: .table(["type": "object"]))])
        let events = await run(server.provider(key: "sk-test-abcdefghijkl"), request)
        #expect(text(events) == "Tool result: hi")
        let sent = try await server.state("/debug/requests").array?.last
        #expect(sent?["authorization"] == .string("Bearer sk-test-abcdefghijkl"))
        #expect(sent?["accept"] == .string("text/event-stream"))
        #expect(sent?["path"] == .string("/v1/chat/completions"))
        let messages = sent?["body"]?["messages"]?.array ?? []
        #expect(messages.count == 3)
        #expect(messages.last?["tool_call_id"] == .string("call_run"))
        #expect(messages.dropFirst().first?["tool_calls"]?.array?.first?["id"] == .string("call_run"))
        #expect(sent?["body"]?["tools"]?.array?.count == 1)
        #expect(sent?["body"]?["stream"] == .bool(true))
    }

    @Test func baseURLEndingInV1() async throws {
        let server = try await FakeServer.start()
        defer { server.stop() }  // also keeps it alive to the end
        let p = OpenAIProvider(configuration: OpenAIConfiguration(baseURL: server.baseURL + "/v1/", model: "m"))
        #expect(text(await run(p, ask("hello"))) == "You said: hello")
    }

    /// The body is parsed where it is read: every event is emitted on one
    /// of NIO's event loop threads (named `NIO-...`), not on a
    /// concurrency pool thread after a hop.
    @Test func eventsAreEmittedOnTheEventLoopThatReadTheBody() async throws {
        let server = try await FakeServer.start()
        defer { server.stop() }  // also keeps it alive to the end
        let threads = Mutex<Set<String>>([])
        let handle = server.provider().stream(request: ask("case:1a")) { _ in
            let comm = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? "?"
            let thread = comm.trimmingCharacters(in: .whitespacesAndNewlines)
            threads.withLock { _ = $0.insert(thread) }
        }
        #expect(await waitFinished(handle, timeout: 60))
        let seen = threads.withLock { $0 }
        #expect(!seen.isEmpty && seen.allSatisfy { $0.hasPrefix("NIO-") }, "events emitted on \(seen)")
    }

    @Test func case8SlowDripArrivesIncrementally() async throws {
        let server = try await FakeServer.start()
        defer { server.stop() }  // also keeps it alive to the end
        let log = EventLog()
        let handle = server.provider().stream(request: ask("case:8")) { log.add($0) }
        #expect(await waitFinished(handle, timeout: 60))
        let timed = log.timed
        let deltas = timed.filter { if case .textDelta = $0.1 { return true } else { return false } }
        #expect(deltas.count >= 30, "got \(deltas.count) deltas")
        guard let first = deltas.first?.0, let last = timed.last?.0 else { return }
        #expect(last - first >= 1.5, "40 tokens 50 ms apart took \(last - first) s")
        #expect(text(log.events).hasPrefix("tok0 tok1 tok2"))
    }
}

/// PROVIDERS.md case 9: 100,000 tokens as fast as the fake server sends
/// them. Prints the sustained rate (`openai throughput: ...`).
@Suite(.timeLimit(.minutes(2))) struct OpenAIProviderThroughputTests {
    @Test func case9HundredThousandTokens() async throws {
        let server = try await FakeServer.start()
        defer { server.stop() }  // also keeps it alive to the end
        let counter = TokenCounter()
        let start = Date()
        let handle = server.provider().stream(request: ask("case:9")) { counter.add($0) }
        #expect(await waitFinished(handle, timeout: 120))
        let elapsed = Date().timeIntervalSince(start)
        let (words, events, last) = counter.snapshot
        let rate = Double(words) / max(elapsed, 0.001)
        print("openai throughput: \(words) tokens in \(String(format: "%.2f", elapsed)) s = \(Int(rate)) tokens/s (\(events) text events)")
        #expect(words == 100_000)
        #expect(last == .finish(reason: "stop"))
    }
}

/// Counts the words of text deltas without keeping the text.
final class TokenCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var words = 0
    private var events = 0
    private var last: ProviderEvent?
    private var inWord = false

    func add(_ e: ProviderEvent) {
        lock.lock()
        defer { lock.unlock() }
        last = e
        guard case .textDelta(let t) = e else { return }
        events += 1
        for b in t.utf8 {
            let space = b == 0x20 || b == 0x0A
            if !space && !inWord { words += 1 }
            inWord = !space
        }
    }

    var snapshot: (Int, Int, ProviderEvent?) {
        lock.lock()
        defer { lock.unlock() }
        return (words, events, last)
    }
}

/// `/v1/models` metadata names the context window in several ways.
@Suite struct OpenAIContextWindowTests {
    @Test func eachServersFieldIsRead() throws {
        let body = """
            {"data": [
              {"id": "router", "context_length": 32768},
              {"id": "vllm", "max_model_len": 16384},
              {"id": "groq", "context_window": 131072},
              {"id": "lmstudio", "max_context_length": 8192},
              {"id": "nested", "top_provider": {"context_length": 4096}},
              {"id": "llamacpp", "meta": {"n_ctx_train": 2048}},
              {"id": "plain"}
            ]}
            """
        let list = try JSON.decode(body)
        let windows = ["router", "vllm", "groq", "lmstudio", "nested", "llamacpp", "plain", "absent"]
            .map { OpenAIProvider.contextWindow(in: list, model: $0) }
        #expect(windows == [32768, 16384, 131072, 8192, 4096, 2048, nil, nil])
    }
}
