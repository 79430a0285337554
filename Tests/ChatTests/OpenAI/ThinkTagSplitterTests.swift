import Chat
import Testing

@Suite struct ThinkTagSplitterTests {
    /// Concatenated (thinking, text) after feeding `pieces`.
    func split(_ pieces: [String]) -> (thinking: String, text: String) {
        var s = ThinkTagSplitter()
        var thinking = ""
        var text = ""
        for p in s.feedAll(pieces) {
            switch p {
            case .thinking(let t): thinking += t
            case .text(let t): text += t
            }
        }
        return (thinking, text)
    }

    @Test func tagsInOneChunk() {
        let r = split(["<think>hmm</think>\n\nHi"])
        #expect(r.thinking == "hmm")
        #expect(r.text == "Hi")
    }

    @Test func tagsSplitAtEveryPosition() {
        let whole = "Pre <think>plan é😀</think>\n\nAnswer <b>bold</b> < x"
        let chars = Array(whole)
        for cut in 0...chars.count {
            for cut2 in cut...min(chars.count, cut + 9) {
                let pieces = [String(chars[..<cut]), String(chars[cut..<cut2]), String(chars[cut2...])]
                let r = split(pieces)
                #expect(r.thinking == "plan é😀", "cuts \(cut) \(cut2)")
                #expect(r.text == "Pre Answer <b>bold</b> < x", "cuts \(cut) \(cut2)")
            }
        }
    }

    @Test func partialTagIsHeldThenReleasedAtFinish() {
        var s = ThinkTagSplitter()
        #expect(s.feed("a <thi") == [.text("a ")])
        #expect(s.finish() == [.text("<thi")])
    }

    @Test func unclosedThinkStaysThinking() {
        var s = ThinkTagSplitter()
        #expect(s.feed("<think>still going") == [.thinking("still going")])
        #expect(s.isThinking)
    }

    @Test func plainTextPassesThroughUnchanged() {
        var s = ThinkTagSplitter()
        #expect(s.feed("no tags here") == [.text("no tags here")])
        #expect(s.feed("") == [])
    }
}

extension ThinkTagSplitter {
    /// Feeds every piece, then finishes.
    mutating func feedAll(_ pieces: [String]) -> [Piece] {
        var out: [Piece] = []
        for p in pieces { out += feed(p) }
        return out + finish()
    }
}
