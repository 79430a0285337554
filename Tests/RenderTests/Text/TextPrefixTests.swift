import Testing
@testable import Render

@Suite struct TextPrefixTests {
    @Test func truncateCutsWithEllipsis() {
        #expect(TextMeasure.truncate("hello world", width: 8) == "hello w…")
        #expect(TextMeasure.truncate("hello", width: 5) == "hello")
        #expect(TextMeasure.truncate("hello", width: 50) == "hello")
        #expect(TextMeasure.truncate("hello", width: 4, ellipsis: "") == "hell")
        #expect(TextMeasure.truncate("hello world", width: 8, ellipsis: "...") == "hello...")
    }

    @Test func truncateNeverSplitsWideChars() {
        // 世 would straddle the limit: dropped, no padding.
        #expect(TextMeasure.truncate("ab世界", width: 4) == "ab…")
        #expect(TextMeasure.measure(TextMeasure.truncate("ab世界", width: 4)) == 3)
        #expect(TextMeasure.truncate("ab世界", width: 5) == "ab世…")
        #expect(TextMeasure.truncate("世界", width: 1) == "…")
        #expect(TextMeasure.truncate("👩\u{200D}👩\u{200D}👧x", width: 2, ellipsis: "") == "👩\u{200D}👩\u{200D}👧")
        #expect(TextMeasure.truncate("e\u{301}e\u{301}e\u{301}", width: 2) == "e\u{301}…")
    }

    @Test func truncateEdgeWidths() {
        #expect(TextMeasure.truncate("hello", width: 0) == "")
        #expect(TextMeasure.truncate("hello", width: -3) == "")
        #expect(TextMeasure.truncate("", width: 3) == "")
        // Ellipsis wider than the width: cut without it.
        #expect(TextMeasure.truncate("abcdef", width: 2, ellipsis: "...") == "ab")
        #expect(TextMeasure.truncate("abcdef", width: 1, ellipsis: "⋯⋯") == "a")
    }

    @Test func truncateSanitizes() {
        let cut = TextMeasure.truncate("\u{1b}[31mred", width: 4)
        #expect(cut == "^[[…")
        #expect(!cut.utf8.contains(0x1B))
        #expect(TextMeasure.truncate("a\u{1b}", width: 10) == "a^[")
        #expect(TextMeasure.truncate("a\tb", width: 20) == "a       b")
    }

    @Test func truncateRespectsWidthOnRandomText() {
        let seed = TextRNG.seed()
        var rng = TextRNG(seed: seed)
        for _ in 0..<300 {
            let text = TextSamples.random(&rng, maxPieces: 20)
            let width = Int.random(in: -1...30, using: &rng)
            let cut = TextMeasure.truncate(text, width: width)
            #expect(TextMeasure.measure(cut) <= max(0, width), "seed \(seed) \(text.debugDescription) \(width)")
            #expect(isTerminalSafe(Array(cut.utf8)), "seed \(seed)")
            if width > 0 && TextMeasure.measure(text) <= width {
                #expect(cut == TextMeasure.sanitize(text), "seed \(seed)")
            }
        }
    }

    @Test func displayPrefixStopsAtClusterBoundaries() {
        #expect(TextMeasure.displayPrefix("ab世界", maxWidth: 3) == (2, 2))
        #expect(TextMeasure.displayPrefix("ab世界", maxWidth: 4) == (5, 4))
        #expect(TextMeasure.displayPrefix("ab世界", maxWidth: 100) == (8, 6))
        #expect(TextMeasure.displayPrefix("ab世界", maxWidth: 0) == (0, 0))
        #expect(TextMeasure.displayPrefix("abe\u{301}f", maxWidth: 3) == (5, 3))
        #expect(TextMeasure.displayPrefix("abcdefgh", maxWidth: 5) == (5, 5))
        #expect(TextMeasure.displayPrefix("a\tb", maxWidth: 5) == (1, 1))
        #expect(TextMeasure.displayPrefix("\u{1b}x", maxWidth: 1) == (0, 0))
    }

    @Test func columnForByte() {
        let line = "a世b"  // a: 0, 世: 1..<4, b: 4
        #expect(TextMeasure.column(forByte: -1, in: line) == 0)
        #expect(TextMeasure.column(forByte: 0, in: line) == 0)
        #expect(TextMeasure.column(forByte: 1, in: line) == 1)
        #expect(TextMeasure.column(forByte: 2, in: line) == 1)
        #expect(TextMeasure.column(forByte: 4, in: line) == 3)
        #expect(TextMeasure.column(forByte: 5, in: line) == 4)
        #expect(TextMeasure.column(forByte: 99, in: line) == 4)
        #expect(TextMeasure.column(forByte: 1, in: "\tx") == 8)
        #expect(TextMeasure.column(forByte: 20, in: String(repeating: "x", count: 30)) == 20)
    }

    @Test func byteForColumn() {
        let line = "a世b"
        #expect(TextMeasure.byte(forColumn: -2, in: line) == 0)
        #expect(TextMeasure.byte(forColumn: 0, in: line) == 0)
        #expect(TextMeasure.byte(forColumn: 1, in: line) == 1)
        #expect(TextMeasure.byte(forColumn: 2, in: line) == 1)
        #expect(TextMeasure.byte(forColumn: 3, in: line) == 4)
        #expect(TextMeasure.byte(forColumn: 4, in: line) == 5)
        #expect(TextMeasure.byte(forColumn: 99, in: line) == 5)
        #expect(TextMeasure.byte(forColumn: 5, in: "\tx") == 0)
        #expect(TextMeasure.byte(forColumn: 8, in: "\tx") == 1)
        #expect(TextMeasure.byte(forColumn: 20, in: String(repeating: "x", count: 30)) == 20)
    }

    /// byte(forColumn: column(forByte: b)) returns the start of b's cluster.
    @Test func byteColumnRoundTrip() {
        let seed = TextRNG.seed()
        var rng = TextRNG(seed: seed)
        for _ in 0..<200 {
            let text = TextSamples.random(&rng, maxPieces: 20)
            for cluster in TextMeasure.clusters(text) {
                for b in cluster.byteRange {
                    #expect(TextMeasure.column(forByte: b, in: text) == cluster.column, "seed \(seed) \(text.debugDescription) \(b)")
                }
                for c in cluster.column..<cluster.endColumn {
                    #expect(TextMeasure.byte(forColumn: c, in: text) == cluster.byteRange.lowerBound, "seed \(seed) \(text.debugDescription) \(c)")
                }
            }
        }
    }
}
