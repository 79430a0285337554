import AnthropicProvider
import Chat
import Kernel
import Testing

/// The parser on the exact bytes of every streaming case of the fake
/// server, whole and cut into small pieces (mid-line, mid-UTF-8).
@Suite struct AnthropicStreamParserTests {
    static let signature = "EqQBCkgIARABGAIiQL2sig+/fake=="

    @Test(arguments: [1, 3, 7, 64, Int.max])
    func textSplitAnywhereArrivesWhole(pieces: Int) async throws {
        let events = parse(try await dumpCase("text"), pieces: pieces)
        #expect(text(events) == "Hello, wörld! 日本語 and 😀 emoji, done.")
        #expect(structure(events) == [.cacheUsage(read: 100, write: 20), .usage(input: 12, output: 7), .finish(reason: "stop")])
    }

    @Test func crlfLineEndings() async throws {
        let events = parse(try await dumpCase("crlf"), pieces: 5)
        #expect(text(events) == "Hello, wörld! 日本語 and 😀 emoji, done.")
        #expect(events.last == .finish(reason: "stop"))
    }

    @Test func thinkingDeltasThenSignedBlockThenText() async throws {
        let events = parse(try await dumpCase("thinking"), pieces: 11)
        #expect(thinking(events) == "Let me check the time.")
        #expect(text(events) == "It is noon.")
        #expect(structure(events).first == .signedThinking(SignedThinking(text: "Let me check the time.", signature: Self.signature)))
        // thinking comes before the text
        let firstText = events.firstIndex { if case .textDelta = $0 { return true } else { return false } } ?? 0
        let signed = events.firstIndex { if case .signedThinking = $0 { return true } else { return false } } ?? 99
        #expect(signed < firstText)
    }

    @Test func redactedThinkingIsKeptAsIs() async throws {
        let events = parse(try await dumpCase("redacted"))
        #expect(structure(events).first == .signedThinking(SignedThinking(
            redactedData: "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP")))
        #expect(text(events) == "It is noon.")
    }

    @Test(arguments: [1, 4, Int.max])
    func toolUseJoinsPartialJSON(pieces: Int) async throws {
        let events = parse(try await dumpCase("tool"), pieces: pieces)
        #expect(text(events) == "Let me read it.")
        #expect(structure(events) == [.toolCall(id: "toolu_01", name: "read_file", arguments: #"{"path": "README.md"}"#),
                                      .cacheUsage(read: 0, write: 0), .usage(input: 12, output: 7),
                                      .finish(reason: "tool_calls")])
    }

    @Test func twoToolCallsInOneReply() async throws {
        let events = parse(try await dumpCase("tools2"))
        #expect(events.prefix(2) == [.toolCall(id: "toolu_a", name: "read_file", arguments: #"{"path": "a.txt"}"#),
                                     .toolCall(id: "toolu_b", name: "list_files", arguments: #"{"path": "."}"#)])
    }

    @Test func invalidPartialJSONIsPassedOnForTheToolToReject() async throws {
        let events = parse(try await dumpCase("badjson"))
        #expect(events.first == .toolCall(id: "toolu_bad", name: "read_file", arguments: #"{"path": "a.txt"#))
        #expect(events.last == .finish(reason: "tool_calls"))
    }

    @Test func inputGivenOnlyInTheStartBlock() async throws {
        let events = parse(try await dumpCase("noinput"))
        #expect(events.first == .toolCall(id: "toolu_n", name: "list_files", arguments: #"{"path":"src"}"#))
    }

    @Test func maxTokensIsALengthFinish() async throws {
        #expect(parse(try await dumpCase("maxtok")).last == .finish(reason: "length"))
    }

    @Test func unknownEventsAndDeltasAreIgnored() async throws {
        let events = parse(try await dumpCase("unknown"))
        #expect(text(events) == "Known parts.")
        #expect(errorMessage(events) == nil)
        #expect(!events.contains { if case .toolCall = $0 { return true } else { return false } })
        #expect(events.last == .finish(reason: "stop"))
    }

    @Test func midStreamErrorKeepsTheTextAndEndsWithTheServersMessage() async throws {
        let events = parse(try await dumpCase("midstream"))
        #expect(text(events) == "Partial ")
        #expect(errorMessage(events) == "anthropic: server error (overloaded_error): Overloaded")
    }

    @Test func overloadBeforeAnyOutputIsRetryable() {
        var p = AnthropicStreamParser()
        let body = #"event: error"# + "\n" + #"data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"# + "\n\n"
        let events = p.feed(Array(body.utf8))
        #expect(p.failedRetryably)
        #expect(p.isDone)
        #expect(errorMessage(events) != nil)
    }

    @Test func aMissingMessageStopAfterAStopReasonStillFinishes() async throws {
        let events = parse(try await dumpCase("nostop"))
        #expect(text(events) == "Almost done.")
        #expect(events.last == .finish(reason: "stop"))
    }

    @Test func aDroppedConnectionIsAnError() async throws {
        let events = parse(try await dumpCase("dropped"))
        #expect(text(events) == "Partial answer")
        #expect(errorMessage(events) == AnthropicErrorMapper.truncated)
    }

    @Test func malformedDataIsAClearError() async throws {
        let message = errorMessage(parse(try await dumpCase("malformed"))) ?? ""
        #expect(message.hasPrefix("anthropic: server error: unreadable 'content_block_start' event"))
    }

    @Test func aJSONErrorBodyIsReported() {
        let body = #"{"type":"error","error":{"type":"invalid_request_error","message":"model 'nope' does not exist"},"request_id":"req_1"}"#
        #expect(errorMessage(parse(Array(body.utf8))) ==
                "anthropic: server error (invalid_request_error): model 'nope' does not exist [request req_1]")
    }

    @Test func aWholeMessageBodyIsReplayed() {
        let body = #"{"type":"message","content":[{"type":"thinking","thinking":"hm","signature":"s1"},{"type":"text","text":"Hi."},{"type":"tool_use","id":"t1","name":"read_file","input":{"path":"x"}}],"stop_reason":"tool_use","usage":{"input_tokens":3,"output_tokens":2}}"#
        #expect(parse(Array(body.utf8)) == [.thinkingDelta("hm"), .signedThinking(SignedThinking(text: "hm", signature: "s1")),
                                            .textDelta("Hi."), .toolCall(id: "t1", name: "read_file", arguments: #"{"path":"x"}"#),
                                            .usage(input: 3, output: 2), .finish(reason: "tool_calls")])
    }

    @Test func theKeyNeverAppearsInAnError() {
        let key = "sk-ant-api03-secretsecretsecret"
        let body = #"event: error"# + "\n" + #"data: {"type":"error","error":{"type":"x","message":"bad key sk-ant-api03-secretsecretsecret"}}"# + "\n\n"
        let message = errorMessage(parse(Array(body.utf8), key: key)) ?? ""
        #expect(!message.contains("secret"))
    }

    @Test func inputAfterTheEndIsIgnored() async throws {
        var p = AnthropicStreamParser()
        _ = p.feed(try await dumpCase("maxtok"))
        #expect(p.isDone)
        #expect(p.feed(Array("data: {\"type\":\"message_stop\"}\n\n".utf8)).isEmpty)
        #expect(p.finish().isEmpty)
    }

    @Test(arguments: ["", "\n\n\n", ": comment only\n\n", "event: ping\ndata: {\"type\":\"ping\"}\n\n"])
    func aBodyWithNoMessageIsTruncated(body: String) {
        #expect(errorMessage(parse(Array(body.utf8))) == AnthropicErrorMapper.truncated)
    }

    @Test func finishReasonsMapToTheCommonNames() {
        #expect(AnthropicStreamParser.finishReason("end_turn") == "stop")
        #expect(AnthropicStreamParser.finishReason("stop_sequence") == "stop")
        #expect(AnthropicStreamParser.finishReason("tool_use") == "tool_calls")
        #expect(AnthropicStreamParser.finishReason("max_tokens") == "length")
        #expect(AnthropicStreamParser.finishReason("refusal") == "refusal")
    }
}
