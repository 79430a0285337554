import Testing
@testable import Kernel
@testable import Render

/// The caches and fast paths added for the benchmarks keep behaviour:
/// chunked mark fetching in the viewport (`MarkRows`), the plain-height
/// shortcut for marks that add no text or rows, ASCII text and blit fast
/// paths in `Grid`.
@Suite struct RenderFastPathTests {
    let hl = HighlightTable()

    func editor(_ w: Int, _ h: Int, _ lines: [String]) throws -> (Editor, Buffer, Window) {
        try screenEditor(w, h, lines, cursorVisible: false)
    }

    /// A virtual line added far down a long buffer (past the first chunk
    /// of marks fetched) shows in the next frame: nothing is kept from the
    /// frame before, and rows come from marks starting on each line only.
    @Test func virtualLinesFarDownCountInTheNextFrame() throws {
        let (e, b, w) = try editor(8, 4, (0..<300).map { "l\($0)" })
        let ns = e.namespaces.create(name: "t")
        for r in stride(from: 0, to: 300, by: 3) {  // hl-only marks: plain height
            try b.extmarks.set(ns: ns, start: Position(row: r, col: 0), end: Position(row: r, col: 1),
                               decoration: Decoration(hl: "Title"))
        }
        let compositor = Compositor(highlights: hl)
        w.view.follow = true
        ScreenExpectation(highlights: hl, names: ["Title"]).expect(compositor.compose(e), """
            l296    |
            {Title:l}297    |
            l298    |
            l299    |
            """)
        try b.extmarks.set(ns: ns, start: Position(row: 297, col: 0),
                           decoration: Decoration(virtLines: [[VirtTextChunk("v", hl: nil)]]))
        ScreenExpectation(highlights: hl, names: ["Title"]).expect(compositor.compose(e), """
            {Title:l}297    |
            v       |
            l298    |
            l299    |
            """)
        compositor.scroll(w, in: e, rows: -2)
        ScreenExpectation(highlights: hl, names: ["Title"]).expect(compositor.compose(e), """
            l295    |
            l296    |
            {Title:l}297    |
            v       |
            """)
    }

    /// Chunked fetching returns the layout marks of a one-row query, in
    /// order, on both sides of a chunk edge; highlight spans are left out.
    @Test func markRowsMatchOneRowQueries() throws {
        let store = ExtmarkStore()
        let ns = NamespaceID(1)
        var rng = SystemRandomNumberGenerator()
        let decorations = [Decoration(hl: "Title"), Decoration(noWrap: true), Decoration(),
                           Decoration(virtText: [VirtTextChunk("x")], virtTextPos: .eol)]
        for _ in 0..<500 {
            let row = Int.random(in: 0..<400, using: &rng)
            let col = Int.random(in: 0..<5, using: &rng)
            let d = decorations.randomElement(using: &rng)!
            try store.set(ns: ns, start: Position(row: row, col: col),
                          end: d.hl == nil ? nil : Position(row: row, col: col + 2), decoration: d)
        }
        let rows = MarkRows(store)
        for row in [0, 1, 31, 32, 33, 63, 64, 65, 200, 150, 399, 100, 0, 450, 398] {
            let want = store.list(rows: row..<(row + 1)).filter { $0.decoration.affectsLayout }
            #expect(Array(rows.marks(startingOn: row)) == want, "row \(row)")
        }
    }

    /// Each aligned chunk is fetched once, however often and in whatever
    /// direction the rows are walked (follow-tail walks up twice a frame).
    @Test func markRowsFetchEachChunkOnce() throws {
        let store = ExtmarkStore()
        for row in 0..<400 {
            try store.set(ns: NamespaceID(1), start: Position(row: row, col: 0), decoration: Decoration(noWrap: true))
        }
        let rows = MarkRows(store)
        for _ in 0..<2 {
            for row in stride(from: 399, through: 0, by: -1) { #expect(rows.marks(startingOn: row).first?.start.row == row) }
            for row in 0..<400 { #expect(rows.marks(startingOn: row).count == 1) }
        }
        #expect(rows.queries == (400 + MarkRows.chunk - 1) / MarkRows.chunk)
    }

    /// `put(text:)` with printable ASCII matches cluster-by-cluster writing,
    /// including clipping at both edges and repairing a wide character.
    @Test func asciiTextMatchesGeneralPath() {
        var g = Grid(width: 6, height: 1)
        g.put("中", row: 0, col: 2, style: .default)
        #expect(g.put(text: "abcdefgh", row: 0, col: -2, style: .default) == 6)
        #expect(g.debugRows == ["cdefgh"])
        var h = Grid(width: 6, height: 1)
        h.put("中", row: 0, col: 2, style: .default)
        h.put(text: "x", row: 0, col: 3, style: .default)
        #expect(h.debugRows == ["   x  "])
    }

    /// `put(unsanitized:)` writes what `put(text:)` writes for the
    /// sanitized text: printable ASCII directly, anything else sanitized.
    @Test func unsanitizedTextMatchesSanitizingFirst() {
        for text in ["abc", "a\tb", "x\u{1B}[2Jy\u{7}", "世界é", "", "👍🏽!"] {
            for col in [-2, 0, 3, 7] {
                var a = Grid(width: 8, height: 2), b = Grid(width: 8, height: 2)
                a.put("中", row: 0, col: 4, style: .default)
                b.put("中", row: 0, col: 4, style: .default)
                let end = a.put(unsanitized: text, row: 0, col: col, style: .default)
                #expect(end == b.put(text: TextMeasure.sanitize(text), row: 0, col: col, style: .default))
                #expect(a == b, "\(text.debugDescription) at \(col)")
            }
        }
        var g = Grid(width: 4, height: 1)
        #expect(g.put(unsanitized: "ab", row: 3, col: 1, style: .default) == 1)
    }

    /// Blitting narrow cells takes the fast path over narrow cells and the
    /// repairing path over a wide character.
    @Test func blitRepairsWideCharacters() {
        var dst = Grid(width: 6, height: 1)
        dst.put("中", row: 0, col: 0, style: .default)
        var src = Grid(width: 3, height: 1)
        src.put(text: "abc", row: 0, col: 0, style: .default)
        dst.blit(src, at: Position(row: 0, col: 1))
        #expect(dst.debugRows == [" abc  "])
    }

    /// The blit's one-pass copy stops at a wide character (the repairing
    /// path goes on from there) and at the right edge; a source left of the
    /// grid goes through the repairing path from its first cell.
    @Test func blitFastCopyHandsOverAtWideCellsAndEdges() {
        var dst = Grid(width: 6, height: 1)
        dst.put(text: "xxx", row: 0, col: 0, style: .default)
        dst.put("中", row: 0, col: 3, style: .default)
        var src = Grid(width: 6, height: 1)
        src.put(text: "123456", row: 0, col: 0, style: .default)
        dst.blit(src, at: Position(row: 0, col: 1))
        #expect(dst.debugRows == ["x12345"])
        var left = Grid(width: 6, height: 1)
        left.put("中", row: 0, col: 3, style: .default)
        left.blit(src, at: Position(row: 0, col: -2))
        #expect(left.debugRows == ["3456  "], "the right half of 中 is blanked")
    }

    /// An ASCII run written over half of a wide character repairs the
    /// other half, takes per-byte styles then the base style, and is
    /// clipped at both edges.
    @Test func asciiRunRepairsWideCharsTakesStylesAndClips() {
        let bold = hl.intern(Style(attrs: [.bold]))
        var g = Grid(width: 6, height: 1)
        g.put("漢", row: 0, col: 2, style: .default)
        let bytes = Array("abcdefgh".utf8)
        bytes.withUnsafeBufferPointer { b in
            g.putASCIIRun(UnsafeBufferPointer(rebasing: b[0..<3]), row: 0, col: 3, styles: [bold], styleOffset: 0, base: .default)
        }
        #expect(g.debugRows[0] == "   abc", "the left half of 漢 is blanked, not left dangling")
        #expect(g[0, 3].style == bold && g[0, 4].style == .default)
        bytes.withUnsafeBufferPointer { b in
            g.putASCIIRun(b, row: 0, col: -2, styles: [], styleOffset: 0, base: .default)
            g.putASCIIRun(b, row: 1, col: 0, styles: [], styleOffset: 0, base: .default)  // off the grid
        }
        #expect(g.debugRows[0] == "cdefgh")
    }
}

extension Grid {
    /// Each row as text (continuation cells skipped), for short assertions.
    var debugRows: [String] {
        (0..<height).map { r in
            var s = ""
            for c in 0..<width where !self[r, c].isContinuation { s += cluster(row: r, col: c) }
            return s
        }
    }

}
