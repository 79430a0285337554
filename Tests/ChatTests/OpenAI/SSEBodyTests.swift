import Testing
@testable import Chat

/// The body loop both stream parsers share: events handed to the parser
/// (which may stop the stream), a plain JSON body kept whole up to its cap.
@Suite struct SSEBodyTests {
    /// A parser that records the events' data and stops at "stop".
    struct Recorder {
        var body = SSEBody(maxJSONBody: 8, jsonOpeners: [UInt8(ascii: "{"), UInt8(ascii: "[")])
        var seen: [String] = []

        mutating func feed(_ text: String) -> [ProviderEvent] {
            Array(text.utf8).withUnsafeBytes { SSEBody.feed($0, to: &self, at: \.body, handle: Self.onEvent) }
        }

        mutating func finish() -> [ProviderEvent] {
            SSEBody.finish(&self, at: \.body, handle: Self.onEvent)
        }

        static func onEvent(_ r: inout Recorder, _ event: SSEBody.Event, _ out: inout [ProviderEvent]) -> Bool {
            let text = String(decoding: event.data, as: UTF8.self)
            r.seen.append((event.name.map { $0 + ":" } ?? "") + text)
            out.append(.textDelta(text))
            return text != "stop"
        }
    }

    @Test func eventsReachTheParserAcrossChunksUntilItStops() {
        var r = Recorder()
        #expect(r.feed("\n\ndata: a\n\nevent: e\ndata: b") == [.textDelta("a")])
        #expect(r.feed("\n\ndata: stop\n\ndata: never\n\n") == [.textDelta("b"), .textDelta("stop")])
        #expect(r.seen == ["a", "e:b", "stop"])
        #expect(r.body.jsonBody == nil)
    }

    @Test func finishDispatchesAnEventWithoutItsBlankLine() {
        var r = Recorder()
        _ = r.feed("data: last")
        #expect(r.finish() == [.textDelta("last")])
    }

    @Test func plainJSONBodyIsKeptUpToTheCap() {
        var r = Recorder()
        #expect(r.feed("  \n").isEmpty)
        #expect(r.body.jsonBody == nil)  // only blanks so far
        #expect(r.feed("[1,2,").isEmpty)
        #expect(r.feed("3,4,5]").isEmpty)
        #expect(r.finish().isEmpty)
        #expect(r.body.jsonBody.map { String(decoding: $0, as: UTF8.self) } == "  \n[1,2,")  // the blanks before it count, as in one chunk
        #expect(r.seen.isEmpty)
    }

    /// Found by the stream fuzzers: blanks that came alone before the first
    /// byte that says what the body is were dropped, so how the body was cut
    /// changed its first line (`  data:` became `data:`) or its quoted text.
    @Test func blanksBeforeTheFirstByteCountHoweverTheBodyIsCut() {
        for body in ["\t\r\t  data: x\n\ndata: y\n\n", "   data: x\n\n", " \n\ndata: z\n\n"] {
            var whole = Recorder()
            let expected = whole.feed(body) + whole.finish()
            for cut in 1..<body.utf8.count {
                var r = Recorder()
                let bytes = Array(body.utf8)
                let got = r.feed(String(decoding: bytes[..<cut], as: UTF8.self))
                    + r.feed(String(decoding: bytes[cut...], as: UTF8.self)) + r.finish()
                #expect(got == expected, "cut at \(cut) of \(body.debugDescription)")
            }
        }
        var r = Recorder()
        _ = r.feed(" \r\n")
        _ = r.feed("{}")
        #expect(r.body.jsonBody == Array(" \r\n{}".utf8))
    }

}
