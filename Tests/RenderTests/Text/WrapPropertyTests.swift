import Testing
@testable import Render

/// Randomised checks of `Wrapper` over strings mixing scripts, emoji,
/// combining marks, tabs and controls. Failures print the seed; rerun with
/// `WEFT_SEED=<seed>`.
@Suite struct WrapPropertyTests {
    private static func randomOptions(_ rng: inout TextRNG) -> WrapOptions {
        let showbreaks = ["", ">", "↪ ", "\u{1b}", "世"]
        return WrapOptions(
            linebreak: Bool.random(using: &rng),
            breakindent: Bool.random(using: &rng),
            showbreak: showbreaks[Int.random(in: 0..<showbreaks.count, using: &rng)],
            tabstop: [0, 1, 4, 8][Int.random(in: 0..<4, using: &rng)])
    }

    private static func clusters(_ bytes: ArraySlice<UInt8>, tabstop: Int) -> [DisplayCluster] {
        var result: [DisplayCluster] = []
        TextMeasure.forEachCluster(Array(bytes), tabstop: tabstop) { result.append($0); return true }
        return result
    }

    @Test func rowCountMatchesWrapAndSegmentsTileTheLine() {
        let seed = TextRNG.seed()
        var rng = TextRNG(seed: seed)
        for _ in 0..<600 {
            let line = (Bool.random(using: &rng) ? "  " : "") + TextSamples.random(&rng, maxPieces: 30)
            let width = Int.random(in: -1...24, using: &rng)
            let options = Self.randomOptions(&rng)
            let note: Comment = "seed \(seed) line \(line.debugDescription) width \(width) \(options)"
            let segments = Wrapper.wrap(line, width: width, options: options)
            #expect(Wrapper.rowCount(line, width: width, options: options) == segments.count, note)
            #expect(!segments.isEmpty, note)
            let bytes = Array(line.utf8)
            let starts = Set(Self.clusters(bytes[...], tabstop: options.tabstop).map(\.byteRange.lowerBound))
            var next = 0
            for segment in segments {
                #expect(segment.byteRange.lowerBound == next, note)
                #expect(bytes.isEmpty || !segment.byteRange.isEmpty, note)
                #expect(segment.byteRange.lowerBound == 0 || starts.contains(segment.byteRange.lowerBound), note)
                next = segment.byteRange.upperBound
            }
            #expect(next == bytes.count, note)
            if width > 0 { self.checkRows(segments, bytes, width: width, options: options, note: note) }
        }
    }

    /// Each row fits its room (unless it is one cluster wider than the
    /// room) and, without linebreak, is as full as it can be.
    private func checkRows(_ segments: [WrapSegment], _ bytes: [UInt8], width: Int, options: WrapOptions, note: Comment) {
        for (index, segment) in segments.enumerated() {
            let room = width - segment.startColumn
            #expect(room >= 1, note)
            #expect(index == 0 ? segment.startColumn == 0 : true, note)
            let clusters = Self.clusters(bytes[segment.byteRange], tabstop: options.tabstop)
            let natural = clusters.last?.endColumn ?? 0
            if clusters.count > 1 { #expect(segment.width <= room, note) }
            guard !options.linebreak else { continue }
            let clippedTab = clusters.last?.kind == .tab && natural > room
            #expect(segment.width == (clippedTab ? room : natural), note)
            if index + 1 < segments.count && !clippedTab {
                let nextBytes = bytes[segments[index + 1].byteRange]
                var nextWidth = 0
                TextMeasure.forEachCluster(Array(nextBytes), startColumn: natural, tabstop: options.tabstop) {
                    nextWidth = $0.width
                    return false
                }
                let isTab = nextBytes.first == 0x09
                #expect(natural + nextWidth > room || (isTab && natural == room), note)
            }
        }
    }

    @Test func sameWidthSameRowsForEqualLines() {
        let seed = TextRNG.seed()
        var rng = TextRNG(seed: seed)
        for _ in 0..<100 {
            let line = TextSamples.random(&rng, maxPieces: 30)
            let copy = String(decoding: Array(line.utf8), as: UTF8.self)
            let options = Self.randomOptions(&rng)
            let width = Int.random(in: 1...20, using: &rng)
            #expect(Wrapper.wrap(line, width: width, options: options) == Wrapper.wrap(copy, width: width, options: options), "seed \(seed)")
        }
    }
}
