import Testing
@testable import Chat

@Suite struct TextFileTests {
    @Test func plainFileRoundTrips() throws {
        let f = try #require(TextFile.decode(Array("a\nb\n".utf8)))
        #expect(f == TextFile(text: "a\nb\n", lineEnding: .lf, endsWithNewline: true))
        #expect(f.encode("a\nb\n") == Array("a\nb\n".utf8))
    }

    @Test func crlfIsShownAsLFAndWrittenBack() throws {
        let f = try #require(TextFile.decode(Array("one\r\ntwo\r\n".utf8)))
        #expect(f.text == "one\ntwo\n")
        #expect(f.lineEnding == .crlf)
        #expect(f.encode("one\nTWO\nthree\n") == Array("one\r\nTWO\r\nthree\r\n".utf8))
        // Text from the model may already use CRLF: not doubled.
        #expect(f.encode("x\r\ny\n") == Array("x\r\ny\r\n".utf8))
        #expect(f.normalize("a\r\nb") == "a\nb")
    }

    @Test func mixedEndingsAreKeptByteForByte() throws {
        let bytes = Array("a\r\nb\nc\r\n".utf8)
        let f = try #require(TextFile.decode(bytes))
        #expect(f.lineEnding == .lf)
        #expect(f.text == "a\r\nb\nc\r\n")
        #expect(f.encode(f.text) == bytes)
    }

    @Test func missingFinalNewlineStaysMissing() throws {
        let f = try #require(TextFile.decode(Array("a\nb".utf8)))
        #expect(!f.endsWithNewline)
        #expect(f.encode("a\nb\nc\n") == Array("a\nb\nc".utf8))
        let crlf = try #require(TextFile.decode(Array("a\r\nb".utf8)))
        #expect(crlf.encode("a\nb\nc\n") == Array("a\r\nb\r\nc".utf8))
    }

    @Test func presentFinalNewlineStays() throws {
        let f = try #require(TextFile.decode(Array("a\n".utf8)))
        #expect(f.encode("a\nb") == Array("a\nb\n".utf8))
        #expect(f.encode("") == [])
    }

    @Test func bomIsKept() throws {
        let f = try #require(TextFile.decode([0xEF, 0xBB, 0xBF] + Array("hi\n".utf8)))
        #expect(f.hasBOM && f.text == "hi\n")
        #expect(f.encode("ho\n") == [0xEF, 0xBB, 0xBF] + Array("ho\n".utf8))
    }

    @Test func binaryAndInvalidUTF8AreRefused() {
        #expect(TextFile.decode([0x41, 0x00, 0x42]) == nil)
        #expect(TextFile.decode([0x41, 0xFF, 0x42]) == nil)
        #expect(TextFile.decode([0xC3]) == nil)  // cut multi-byte sequence
        #expect(TextFile.decode(Array("é 漢字 🙂".utf8))?.text == "é 漢字 🙂")
    }

    @Test func loneCarriageReturnsSurvive() throws {
        let f = try #require(TextFile.decode(Array("a\rb\r\n".utf8)))
        #expect(f.lineEnding == .crlf && f.text == "a\rb\n")
        #expect(f.encode(f.text) == Array("a\rb\r\n".utf8))
        // A line ending in its own "\r" before CRLF: kept byte for byte.
        let odd = try #require(TextFile.decode(Array("a\r\r\nb\r\n".utf8)))
        #expect(odd.lineEnding == .lf)
        #expect(odd.encode(odd.text) == Array("a\r\r\nb\r\n".utf8))
    }
}
