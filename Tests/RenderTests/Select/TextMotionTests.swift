import Testing
@testable import Kernel
@testable import Render

@Suite struct TextMotionTests {
    func buffer(_ lines: [String]) throws -> Buffer {
        let b = Buffer(id: BufferID(1))
        try b.setLines(0, -1, lines)
        return b
    }

    func p(_ r: Int, _ c: Int) -> Position { Position(row: r, col: c) }

    @Test func wordMotionsFollowVim() throws {
        let b = try buffer(["foo.bar(baz)  qux", "", "  next 中文 end"])
        #expect(TextMotion.wordForward(b, from: p(0, 0)) == p(0, 3))     // "." is punctuation
        #expect(TextMotion.wordForward(b, from: p(0, 3)) == p(0, 4))
        #expect(TextMotion.wordForward(b, from: p(0, 11)) == p(0, 14))   // ")" then blanks
        #expect(TextMotion.wordForward(b, from: p(0, 14)) == p(1, 0))    // an empty line is a word
        #expect(TextMotion.wordForward(b, from: p(1, 0)) == p(2, 2))
        #expect(TextMotion.wordForward(b, from: p(2, 2)) == p(2, 7))     // CJK counts as word
        #expect(TextMotion.wordBackward(b, from: p(2, 2)) == p(1, 0))
        #expect(TextMotion.wordBackward(b, from: p(1, 0)) == p(0, 14))
        #expect(TextMotion.wordBackward(b, from: p(0, 7)) == p(0, 4))
        #expect(TextMotion.wordEnd(b, from: p(0, 0)) == p(0, 2))
        #expect(TextMotion.wordEnd(b, from: p(2, 2)) == p(2, 5))
    }

    @Test func charactersMoveByCluster() {
        let line = "a中👍🏽b"
        #expect(TextMotion.right(line, col: 0) == 1)
        #expect(TextMotion.right(line, col: 1) == 4)
        #expect(TextMotion.right(line, col: 4) == 12)
        #expect(TextMotion.right(line, col: 12) == 12)     // stays on the last one
        #expect(TextMotion.left(line, col: 12) == 4)
        #expect(TextMotion.left(line, col: 0) == 0)
        #expect(TextMotion.lastCluster(line) == 12)
        #expect(TextMotion.firstNonBlank("   x y") == 3)
    }

    @Test func doubleClickWords() {
        let line = "see https://x.org/a?b=1, then ~/src/main.swift."
        let url = TextMotion.word(in: line, at: 8)
        #expect(SelectionText.slice(line, url) == "https://x.org/a?b=1")
        let path = TextMotion.word(in: line, at: 36)
        #expect(SelectionText.slice(line, path) == "~/src/main.swift")
        #expect(SelectionText.slice(line, TextMotion.word(in: line, at: 3)) == " ")
        #expect(TextMotion.word(in: "", at: 0) == 0..<0)
    }

    @Test func searchWrapsAndIsSmartCase() throws {
        let b = try buffer(["Alpha beta", "gamma ALPHA", "alpha"])
        #expect(TextMotion.search(b, "alpha", from: p(0, 0), forward: true) == p(1, 6))
        #expect(TextMotion.search(b, "alpha", from: p(2, 0), forward: true) == p(0, 0))    // wraps
        #expect(TextMotion.search(b, "Alpha", from: p(0, 0), forward: true) == p(0, 0))    // only itself
        #expect(TextMotion.search(b, "alpha", from: p(0, 0), forward: false) == p(2, 0))
        #expect(TextMotion.search(b, "zeta", from: p(0, 0), forward: true) == nil)
    }
}
