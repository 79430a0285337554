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
        #expect(r.body.jsonBody.map { String(decoding: $0, as: UTF8.self) } == "[1,2,3,4")  // the blank chunk before it is not kept
        #expect(r.seen.isEmpty)
    }
}
