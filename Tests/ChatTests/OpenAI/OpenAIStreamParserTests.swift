import Chat
import Testing

/// Parser behaviour on the failure cases (PROVIDERS.md 6 and 7) and on
/// server quirks that the streaming cases do not cover.
@Suite struct OpenAIStreamParserTests {
    func sse(_ lines: [String]) -> [UInt8] {
        Array(lines.map { "data: " + $0 + "\n\n" }.joined().utf8)
    }

    func content(_ s: String) -> String { #"{"choices":[{"index":0,"delta":{"content":"\#(s)"}}]}"# }

    @Test func case6bConnectionDroppedBeforeDone() {
        let events = parse(pieces: [sse([content("Partial"), content(" answer")])])
        #expect(events == [.textDelta("Partial answer"), .error(message: OpenAIErrorMapper.truncated)])
    }

    @Test func finishReasonWithoutDoneIsAcceptedLeniently() {
        let events = parse(pieces: [sse([content("ok"), #"{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"#])])
        #expect(events == [.textDelta("ok"), .finish(reason: "stop")])
    }

    @Test func case7JSONErrorBodyWithStatus200() {
        let body = #"{"error":{"message":"model 'nope' does not exist","type":"NotFoundError","code":404}}"#
        let bytes = Array(body.utf8)
        for cut in 0...bytes.count {
            let events = parse(pieces: split(bytes, at: [cut]))
            #expect(events == [.error(message: "openai: server error (NotFoundError): model 'nope' does not exist")])
        }
    }

    @Test func nonJSONChunkIsAClearError() {
        let events = parse(pieces: [sse(["not json"])])
        #expect(events.count == 1)
        if case .error(let m)? = events.first { #expect(m.contains("unreadable chunk")) }
        else { Issue.record("expected an error, got \(events)") }
    }

    @Test func vllmErrorObjectMidStream() {
        let err = #"{"object":"error","message":"boom","type":"BadRequestError","param":null,"code":400}"#
        let events = parse(pieces: [sse([content("a"), err, "[DONE]"])])
        #expect(events == [.textDelta("a"), .error(message: "openai: server error (BadRequestError): boom")])
    }

    @Test func inputAfterDoneIsIgnored() {
        var p = OpenAIStreamParser()
        let first = p.feed(sse([content("a"), "[DONE]", content("b")]))
        #expect(first == [.textDelta("a"), .finish(reason: "stop")])
        #expect(p.isDone)
        #expect(p.feed(sse([content("c")])).isEmpty)
        #expect(p.finish().isEmpty)
    }

    @Test func contentNullAndMissingChoicesAreTolerated() {
        let lines = [#"{"choices":[{"index":0,"delta":{"content":null}}]}"#, #"{"id":"x"}"#,
                     #"{"choices":null,"usage":null}"#, content("hi"), "[DONE]"]
        #expect(parse(pieces: [sse(lines)]) == [.textDelta("hi"), .finish(reason: "stop")])
    }

    @Test func errorMessagesNeverContainTheKey() {
        let key = "sk-secret-0123456789abcdef"
        let err = #"{"error":{"message":"bad key \#(key) and sk-otherkey1234567","type":"auth"}}"#
        let events = parse(pieces: [sse([err])], apiKey: key)
        guard case .error(let m)? = events.first else {
            Issue.record("expected an error, got \(events)")
            return
        }
        #expect(!m.contains(key))
        #expect(!m.contains("sk-otherkey1234567"))
        #expect(m.contains("bad key"))
    }

    @Test func emptyBodyIsTruncated() {
        #expect(parse(pieces: []) == [.error(message: OpenAIErrorMapper.truncated)])
    }

    @Test func toolCallsComeBeforeUsageAndFinish() throws {
        let lines = [#"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"c","function":{"name":"f","arguments":"{}"}}]}}]}"#,
                     #"{"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"#,
                     #"{"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2}}"#, "[DONE]"]
        #expect(parse(pieces: [sse(lines)]) == [.toolCall(id: "c", name: "f", arguments: "{}"),
                                                .usage(input: 3, output: 2), .finish(reason: "tool_calls")])
    }
}
