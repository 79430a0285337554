import Testing
@testable import Render

@Suite struct TextMeasureTests {
    @Test func unicodeVersionIsPinned() {
        #expect(TextMeasure.unicodeVersion.hasPrefix("15."))
    }

    @Test(arguments: [
        ("", 0), ("hello", 5), ("hello, world!", 13),
        ("世界", 4), ("한국어", 6), ("\u{1100}\u{1161}\u{11A8}", 2), ("ｱｲ", 2),
        ("😀", 2), ("👍🏽", 2), ("👩\u{200D}👩\u{200D}👧", 2), ("♻️", 2), ("♻", 1),
        ("🇯🇵", 2), ("🇯🇵🇺🇸", 4), ("🇯", 1), ("🇯🇵🇺", 3), ("#️⃣", 2),
        ("e\u{301}", 1), ("abe\u{301}", 3), ("a\u{301}\u{302}\u{303}b", 2), ("é", 1),
        ("a世😀b", 6),
    ])
    func widths(_ text: String, _ width: Int) {
        #expect(TextMeasure.measure(text) == width, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        let sum = TextMeasure.clusters(text).reduce(0) { $0 + $1.width }
        #expect(sum == width)
    }

    @Test func clusterRangesFollowGraphemes() {
        let clusters = TextMeasure.clusters("a👍🏽b👩\u{200D}👩\u{200D}👧e\u{301}")
        #expect(clusters.map(\.byteRange) == [0..<1, 1..<9, 9..<10, 10..<28, 28..<31])
        #expect(clusters.map(\.column) == [0, 1, 3, 4, 6])
        #expect(clusters.allSatisfy { $0.kind == .text && !$0.isReplacement })
    }

    @Test(arguments: [
        ("\u{1b}", "^[", 2), ("\u{0}", "^@", 2), ("\u{1}", "^A", 2), ("\u{7f}", "^?", 2),
        ("\r\n", "^M^J", 4), ("\u{1f}", "^_", 2),
        ("\u{85}", "<85>", 4), ("\u{9b}", "<9b>", 4), ("\u{80}", "<80>", 4),
        ("\u{200B}", "<200b>", 6), ("\u{202E}", "<202e>", 6), ("\u{301}", "<0301>", 6),
        ("\u{FEFF}x", "<feff>x", 7), ("\u{E0001}", "<e0001>", 7),
    ])
    func replacements(_ text: String, _ shown: String, _ width: Int) {
        #expect(TextMeasure.sanitize(text) == shown)
        #expect(TextMeasure.measure(text) == width)
        #expect(TextMeasure.clusters(text).contains { $0.isReplacement })
    }

    @Test func escapeSequenceIsInert() {
        let text = "red \u{1b}[31mALERT\u{1b}[0m \u{9b}2J"
        let shown = TextMeasure.sanitize(text)
        #expect(shown == "red ^[[31mALERT^[[0m <9b>2J")
        #expect(!shown.utf8.contains(0x1B))
        #expect(isTerminalSafe(Array(shown.utf8)))
        #expect(TextMeasure.measure(text) == TextMeasure.measure(shown))
        let kinds = TextMeasure.clusters("\u{1b}[").map(\.kind)
        #expect(kinds == [.control(0x1B), .text])
    }

    @Test func invalidBytesBecomeReplacementCharacters() {
        let cases: [([UInt8], Int)] = [
            ([0xFF], 1), ([0xFF, 0x41, 0xC3], 3), ([0xE3, 0x81], 2), ([0xC0, 0x80], 2),
            ([0xED, 0xA0, 0x80], 3), ([0xF4, 0x90, 0x80, 0x80], 4), ([0xE4, 0xB8, 0x96], 2),
        ]
        for (bytes, width) in cases {
            let measured = bytes.withUnsafeBufferPointer { TextMeasure.measure($0) }
            #expect(measured == width, "\(bytes)")
        }
        let shown = String(decoding: displayBytes([0x61, 0xFF, 0x62]), as: UTF8.self)
        #expect(shown == "a\u{FFFD}b")
        var kinds: [DisplayCluster.Kind] = []
        TextMeasure.forEachCluster([0xE3, 0x81, 0x41]) { kinds.append($0.kind); return true }
        #expect(kinds == [.invalid, .invalid, .text])
    }

    @Test func tabsExpandToTabstops() {
        #expect(TextMeasure.measure("\t") == 8)
        #expect(TextMeasure.measure("ab\t") == 8)
        #expect(TextMeasure.measure("ab\tc") == 9)
        #expect(TextMeasure.measure("12345678\t") == 16)
        #expect(TextMeasure.measure("\t", startColumn: 3) == 5)
        #expect(TextMeasure.measure("a\tb", tabstop: 4) == 5)
        #expect(TextMeasure.measure("a\tb", tabstop: 0) == 9)
        #expect(TextMeasure.measure("世\t") == 8)
        #expect(TextMeasure.sanitize("a\tb", tabstop: 4) == "a   b")
        let tab = TextMeasure.clusters("ab\t")[2]
        #expect(tab.kind == .tab && tab.width == 6 && !tab.isReplacement)
    }

    @Test func forEachClusterStopsEarly() {
        var seen = 0
        TextMeasure.forEachCluster("abcdef") { _ in seen += 1; return seen < 3 }
        #expect(seen == 3)
    }

    @Test func widthOfScalars() {
        #expect(TextMeasure.width(of: "a") == 1)
        #expect(TextMeasure.width(of: "世") == 2)
        #expect(TextMeasure.width(of: "\u{1b}") == 2)
    }

    /// Random mixed text: measure agrees with the cluster walk, clusters
    /// tile the bytes, and the display text is terminal-safe.
    /// `measure` takes one-code-point clusters without building them; next
    /// to a code point that may join (combining marks, ZWJ, VS16, flags,
    /// Hangul jamo, controls) it must give the cluster walk's width.
    @Test(arguments: ["漢字 かな", "漢\u{0301}x", "a\u{0301}", "é漢", "😀\u{200D}😀 x", "🇯🇵🇯🇵", "\u{1100}가x",
                      "#\u{FE0F}\u{20E3}", "漢\u{1b}[1m", "한국어\u{85}", "\u{FFFD}\u{0301}", "x漢\u{200B}"])
    func measureAgreesWithClusters(_ text: String) {
        let width = TextMeasure.clusters(text).reduce(0) { $0 + $1.width }
        #expect(TextMeasure.measure(text) == width, "\(text.debugDescription)")
        #expect(TextMeasure.measure(text, startColumn: 3) == width, "\(text.debugDescription)")
    }

    @Test func randomTextIsConsistent() {
        let seed = TextRNG.seed()
        var rng = TextRNG(seed: seed)
        for _ in 0..<400 {
            let text = TextSamples.random(&rng, maxPieces: 40)
            let clusters = TextMeasure.clusters(text)
            var next = 0
            var column = 0
            for cluster in clusters {
                #expect(cluster.byteRange.lowerBound == next && cluster.column == column, "seed \(seed) \(text.debugDescription)")
                #expect(cluster.width >= 1, "seed \(seed)")
                next = cluster.byteRange.upperBound
                column = cluster.endColumn
            }
            #expect(next == text.utf8.count, "seed \(seed) \(text.debugDescription)")
            #expect(TextMeasure.measure(text) == column, "seed \(seed) \(text.debugDescription)")
            #expect(isTerminalSafe(Array(TextMeasure.sanitize(text).utf8)), "seed \(seed) \(text.debugDescription)")
        }
    }

    /// The scanner keeps the code point its lookahead decoded for the next
    /// cluster: every cluster of a walk must equal the first cluster of a
    /// fresh scan started at its byte offset and column.
    @Test func eachClusterIsFoundAgainByAFreshScan() {
        let seed = TextRNG.seed()
        var rng = TextRNG(seed: seed)
        for _ in 0..<300 {
            let text = TextSamples.random(&rng, maxPieces: 30)
            let bytes = Array(text.utf8)
            for cluster in TextMeasure.clusters(text) {
                var fresh: DisplayCluster?
                TextMeasure.forEachCluster(Array(bytes[cluster.byteRange.lowerBound...]), startColumn: cluster.column) {
                    fresh = $0
                    return false
                }
                #expect(fresh?.byteRange.count == cluster.byteRange.count && fresh?.width == cluster.width
                        && fresh?.kind == cluster.kind, "seed \(seed) \(text.debugDescription)")
            }
        }
    }

    @Test func randomBytesAreTerminalSafe() {
        let seed = TextRNG.seed()
        var rng = TextRNG(seed: seed)
        for _ in 0..<300 {
            let bytes = TextSamples.randomBytes(&rng, count: Int.random(in: 0...64, using: &rng))
            let shown = displayBytes(bytes)
            #expect(isTerminalSafe(shown), "seed \(seed) \(bytes)")
            let width = bytes.withUnsafeBufferPointer { TextMeasure.measure($0) }
            var sum = 0
            TextMeasure.forEachCluster(bytes) { sum += $0.width; return true }
            #expect(width == sum, "seed \(seed) \(bytes)")
        }
    }
}

@Suite struct TextMeasureSubstringTests {
    @Test func substringsMeasureFromTheirOwnStart() {
        let line = "abc世界\u{1b}x"
        let tail = line.dropFirst(3)
        #expect(TextMeasure.measure(tail) == 7)
        var ranges: [Range<Int>] = []
        TextMeasure.forEachCluster(tail) { ranges.append($0.byteRange); return true }
        #expect(ranges == [0..<3, 3..<6, 6..<7, 7..<8])
    }
}

/// Found by the text fuzzer: a skin tone (or a spacing mark) after a
/// control had nothing to attach to, but in the sanitized text it joined
/// the replacement's last letter (`^C` + 🏽 -> `^` + `C🏽`), so the text
/// drawn was narrower than measured.
@Suite struct SanitizeWidthRegressionTests {
    @Test(arguments: ["\u{03}\u{1F3FD}", "\u{1F3FD}", "\u{00}\u{0903}x", "\u{9B}\u{1F3FB}", "\u{FFFD}\u{1F3FD}"])
    func sanitizedTextMeasuresLikeTheOriginal(_ s: String) {
        let clean = TextMeasure.sanitize(s)
        #expect(TextMeasure.measure(clean) == TextMeasure.measure(s), "\(s.unicodeScalars.map(\.value)) -> \(clean)")
        #expect(TextMeasure.sanitize(clean) == clean)
    }

    @Test func aLoneSkinToneShowsAsHex() {
        #expect(TextMeasure.sanitize("\u{1F3FD}") == "<1f3fd>")
        #expect(TextMeasure.sanitize("👍\u{1F3FD}") == "👍\u{1F3FD}", "attached, it stays")
    }
}
