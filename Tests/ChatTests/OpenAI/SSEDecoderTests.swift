import Chat
import Testing

@Suite struct SSEDecoderTests {
    func decode(_ text: String) -> [SSEEvent] {
        var d = SSEDecoder()
        return d.feed(Array(text.utf8)) + d.finish()
    }

    @Test func fieldsLoseOneLeadingSpace() {
        #expect(decode("data:x\n\ndata: x\n\ndata:  x\n\n").map(\.data) == ["x", "x", " x"])
    }

    @Test func commentsAndUnknownFieldsAreIgnored() {
        let events = decode(": keep-alive\n\nretry: 10\nfoo: bar\ndata: a\n:ping\n\n")
        #expect(events == [SSEEvent(data: "a")])
    }

    @Test func multiLineDataJoinsWithNewline() {
        #expect(decode("data: {\ndata: \"a\": 1\ndata: }\n\n") == [SSEEvent(data: "{\n\"a\": 1\n}")])
    }

    @Test func eventAndIDFields() {
        let e = decode("event: error\nid: 7\ndata: boom\n\ndata: next\n\n")
        #expect(e == [SSEEvent(event: "error", data: "boom", id: "7"), SSEEvent(data: "next", id: "7")])
    }

    @Test func blankLineWithoutDataDispatchesNothing() {
        #expect(decode("\n\n\nevent: x\n\n").isEmpty)
    }

    @Test func lineWithoutColonIsAFieldWithEmptyValue() {
        #expect(decode("data\n\n") == [SSEEvent(data: "")])
    }

    @Test func allThreeLineEndings() {
        #expect(decode("data: a\r\n\r\ndata: b\r\rdata: c\n\n").map(\.data) == ["a", "b", "c"])
    }

    @Test func crlfSplitBetweenCRAndLF() {
        var d = SSEDecoder()
        var events = d.feed(Array("data: a\r".utf8))
        events += d.feed(Array("\n".utf8))
        events += d.feed(Array("\r".utf8))
        events += d.feed(Array("\ndata: b\r\n\r\n".utf8))
        #expect(events.map(\.data) == ["a", "b"])
    }

    @Test func multiByteCharacterSplitAcrossChunks() {
        let bytes = Array("data: 😀日\n\n".utf8)
        for cut in 0...bytes.count {
            var d = SSEDecoder()
            let events = d.feed(Array(bytes[..<cut])) + d.feed(Array(bytes[cut...]))
            #expect(events == [SSEEvent(data: "😀日")], "cut at \(cut)")
        }
    }

    @Test func finishFlushesALastEventWithoutBlankLine() {
        var d = SSEDecoder()
        #expect(d.feed(Array("data: [DONE]".utf8)).isEmpty)
        #expect(d.finish() == [SSEEvent(data: "[DONE]")])
    }

    @Test func invalidUTF8BecomesReplacementCharacter() {
        var d = SSEDecoder()
        let e = d.feed([0x64, 0x61, 0x74, 0x61, 0x3A, 0x20, 0xFF, 0x0A, 0x0A])
        #expect(e == [SSEEvent(data: "\u{FFFD}")])
    }

    /// Random events encoded with random line endings and comments, fed in
    /// random pieces, decode to the same events.
    @Test func randomStreamsRoundTrip() {
        let seed = openAISeed()
        var rng = OpenAIRandom(seed: seed)
        let alphabet = ["a", "b", " ", "é", "日", "😀", "{", "}", ":", "\""]
        for round in 0..<200 {
            var want: [SSEEvent] = []
            var text = ""
            for _ in 0..<(1 + rng.below(6)) {
                let endings = ["\n", "\r\n", "\r"]
                let nl = endings[rng.below(3)]
                let lines = (0..<(1 + rng.below(3))).map { _ in
                    (0..<rng.below(8)).map { _ in alphabet[rng.below(alphabet.count)] }.joined()
                }
                let name: String? = rng.below(4) == 0 ? "error" : nil
                if rng.below(3) == 0 { text += ": comment" + nl }
                if let name { text += "event: " + name + nl }
                for l in lines { text += "data: " + l + nl }
                text += nl
                want.append(SSEEvent(event: name, data: lines.joined(separator: "\n")))
            }
            let bytes = Array(text.utf8)
            var d = SSEDecoder()
            var got: [SSEEvent] = []
            var i = 0
            while i < bytes.count {
                let n = 1 + rng.below(9)
                got += d.feed(Array(bytes[i..<min(bytes.count, i + n)]))
                i += n
            }
            got += d.finish()
            #expect(got == want, "seed \(seed) round \(round)")
            if got != want { return }
        }
    }
}
