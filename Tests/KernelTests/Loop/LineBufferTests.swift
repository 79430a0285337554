import Testing
@testable import Kernel

@Suite("Job line buffer")
struct LineBufferTests {
    @Test func splitsLinesAcrossChunks() {
        var b = LineBuffer()
        #expect(b.append(Array("ab".utf8)) == [])
        #expect(b.append(Array("c\nd\n\ne".utf8)) == ["abc", "d", ""])
        #expect(b.append(Array("f\r\n".utf8)) == ["ef"])
        #expect(b.finish() == nil)
    }

    @Test func trimsCarriageReturnOnlyBeforeNewline() {
        var b = LineBuffer()
        #expect(b.append(Array("a\r\nb\rc\n\r".utf8)) == ["a", "b\rc"])
        #expect(b.append(Array("\n".utf8)) == [""])
    }

    @Test func joinsUTF8SplitBetweenReads() {
        let bytes = Array("héllo 世界\n".utf8)
        for cut in 0...bytes.count {
            var b = LineBuffer()
            let first = b.append(Array(bytes[0..<cut]))
            let second = b.append(Array(bytes[cut...]))
            #expect(first + second == ["héllo 世界"], "cut at \(cut)")
        }
    }

    @Test func finishReturnsPartialLine() {
        var b = LineBuffer()
        #expect(b.append(Array("x\ny".utf8)) == ["x"])
        #expect(b.pendingCount == 1)
        #expect(b.finish() == "y")
        #expect(b.finish() == nil)
    }

    @Test func randomChunkingMatchesWholeSplit() {
        let seed = LoopSeed.current()
        var rng = LoopRNG(seed: seed)
        let alphabet = Array("ab\n\r é".utf8)
        var text: [UInt8] = []
        for _ in 0..<2_000 { text.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
        var whole = LineBuffer()
        let expected = whole.append(text) + [whole.finish()].compactMap { $0 }
        var b = LineBuffer()
        var got: [String] = []
        var i = 0
        while i < text.count {
            let n = min(text.count - i, Int(rng.next() % 17))
            got += b.append(Array(text[i..<(i + n)]))
            i += n
        }
        if let last = b.finish() { got.append(last) }
        #expect(got == expected, "seed \(seed)")
    }
}
