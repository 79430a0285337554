import Foundation
import Kernel
import Testing
@testable import Chat

@Suite struct ComposerPasteTests {
    @Test func smallPasteGoesInAsTextWithLineEndingsNormalised() throws {
        let f = try ComposerFixture()
        try f.keys("[")
        #expect(try f.composer.paste("a\r\nb\rc") == nil)
        try f.keys("]")
        #expect(f.lines == ["[a", "b", "c]"])
        #expect(f.composer.cursor == Position(row: 2, col: 2))
    }

    @Test func pasteThroughTheModesPasteHandler() throws {
        let f = try ComposerFixture()
        f.editor.handlePaste("x\ny")
        #expect(f.lines == ["x", "y"])
    }

    @Test func aPasteHandlerCanConsumeThePaste() throws {
        let f = try ComposerFixture()
        var seen: [String] = []
        _ = try f.editor.events.create(events: ["paste"]) { ev in
            seen.append(ev.data["text"]?.string ?? "")
            return true
        }
        f.editor.handlePaste("gone")
        #expect(seen == ["gone"] && f.lines == [""])
    }

    @Test func largePasteIsAPlaceholderAndSubmittedInFull() throws {
        let f = try ComposerFixture()
        let log = ComposerSubmitLog()
        log.attach(f.composer)
        let big = (1...40).map { "line \($0) 日本 👍" }.joined(separator: "\n") + "\n"
        try f.keys("see:<Space>")
        let token = try f.composer.paste(big)
        #expect(token == "[pasted 40 lines #1]")
        try f.keys("<Space>thanks")
        #expect(f.lines == ["see: [pasted 40 lines #1] thanks"])
        #expect(f.composer.expandedText == "see: " + big + " thanks")
        try f.keys("<CR>")
        #expect(log.texts == ["see: " + big + " thanks"])
        #expect(f.lines == [""])
    }

    @Test func longSingleLinePasteCountsCharacters() throws {
        let f = try ComposerFixture()
        let long = String(repeating: "ab", count: 1_500)
        #expect(try f.composer.paste(long) == "[pasted 3000 chars #1]")
        #expect(f.composer.expandedText == long)
    }

    @Test func limitsAreConfigurable() throws {
        let f = try ComposerFixture()
        f.composer.pasteLimits = PasteLimits(maxLines: 2, maxChars: 100)
        #expect(try f.composer.paste("a\nb") == nil)
        #expect(try f.composer.paste("c\nd\ne") == "[pasted 3 lines #1]")
    }

    @Test func backspaceAtThePlaceholderEndRemovesItWhole() throws {
        let f = try ComposerFixture()
        let big = String(repeating: "x\n", count: 20)
        try f.keys("a")
        try f.composer.paste(big)
        try f.keys("<BS>")
        #expect(f.lines == ["a"])
        try f.keys("<C-z>")
        #expect(f.lines == ["a[pasted 20 lines #1]"])
        #expect(f.composer.expandedText == "a" + big)
        try f.keys("<Home><Right><Del>")
        #expect(f.lines == ["a"])
    }

    @Test func twoPastesKeepTheirOwnText() throws {
        let f = try ComposerFixture()
        let log = ComposerSubmitLog()
        log.attach(f.composer)
        let one = String(repeating: "1\n", count: 11)
        let two = String(repeating: "2", count: 2_001)
        try f.composer.paste(one)
        try f.keys("<C-j>")
        try f.composer.paste(two)
        try f.keys("<CR>")
        #expect(log.texts == [one + "\n" + two])
    }

    @Test func aTypedLookalikeTokenStaysAsTyped() throws {
        let f = try ComposerFixture()
        try f.composer.paste(String(repeating: "z\n", count: 12))
        try f.composer.type(" [pasted 3 lines #9] [pasted ")
        #expect(f.composer.expandedText == String(repeating: "z\n", count: 12) + " [pasted 3 lines #9] [pasted ")
    }

    @Test func tenMegabytePasteIsFastAndExact() throws {
        let f = try ComposerFixture()
        let log = ComposerSubmitLog()
        log.attach(f.composer)
        var lines: [String] = []
        var rng = ComposerRNG(seed: 7)
        while lines.count < 200_000 {
            let n = Int(rng.next() % 60)
            lines.append(String(repeating: "é", count: n / 2) + String(repeating: "k", count: n))
        }
        let huge = lines.joined(separator: "\n")
        #expect(huge.utf8.count > 10_000_000)
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            try f.composer.paste(huge)
            try f.keys("<CR>")
        }
        #expect(log.texts.count == 1)
        #expect(log.texts.first == huge)
        #expect(f.lines == [""])
        #expect(elapsed < .seconds(5), "10 MB paste took \(elapsed)")
    }
}
