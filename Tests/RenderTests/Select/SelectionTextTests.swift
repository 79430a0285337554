import Testing
@testable import Kernel
@testable import Render

/// Selection to text: the text comes from the buffer, never the screen.
@Suite struct SelectionTextTests {
    func buffer(_ lines: [String]) throws -> Buffer {
        let b = Buffer(id: BufferID(1))
        try b.setLines(0, -1, lines)
        return b
    }

    func sel(_ mode: Selection.Mode, _ a: (Int, Int), _ h: (Int, Int)) -> Selection {
        Selection(mode: mode, anchor: Position(row: a.0, col: a.1), head: Position(row: h.0, col: h.1))
    }

    @Test func charwiseAcrossLinesIncludesBothEnds() throws {
        let b = try buffer(["hello world", "abcdef", "xyz"])
        #expect(SelectionText.text(sel(.char, (0, 6), (1, 2)), in: b) == "world\nabc")
        // Either end may come first.
        #expect(SelectionText.text(sel(.char, (1, 2), (0, 6)), in: b) == "world\nabc")
        #expect(SelectionText.text(sel(.char, (2, 1), (2, 1)), in: b) == "y")
    }

    @Test func linewiseTakesWholeLinesWithAFinalBreak() throws {
        let b = try buffer(["one", "two", "three"])
        #expect(SelectionText.text(sel(.line, (2, 3), (1, 0)), in: b) == "two\nthree\n")
    }

    @Test func wideCharactersAndCombiningMarksStayWhole() throws {
        // "中文" is 6 bytes, two clusters; "é" as e + U+0301 is one cluster.
        let b = try buffer(["a中文b", "cafe\u{301} ok"])
        // An end inside a wide character takes the whole character.
        #expect(SelectionText.text(sel(.char, (0, 2), (0, 5)), in: b) == "中文")
        // The end on the "e" takes its combining mark too.
        #expect(SelectionText.text(sel(.char, (1, 0), (1, 3)), in: b) == "cafe\u{301}")
        // A start inside the mark snaps back to the "e".
        #expect(SelectionText.text(sel(.char, (1, 4), (1, 5)), in: b) == "e\u{301}")
    }

    @Test func blockSelectsDisplayColumnsAndKeepsWideCharsWhole() throws {
        let b = try buffer(["abcdef", "a中文b", "xy", "123456"])
        // Columns 1..<3 ("bc" on row 0); the wide chars at columns 1-2 and
        // 3-4 of row 1: only "中" touches; row 2 "y"; row 3 "23".
        #expect(SelectionText.text(sel(.block, (0, 1), (3, 2)), in: b) == "bc\n中\ny\n23")
        // A block end on a wide character spans its two cells.
        #expect(SelectionText.text(sel(.block, (1, 1), (0, 3)), in: b) == "bcd\n中文")
    }

    @Test func endsOutsideTheBufferAreClamped() throws {
        let b = try buffer(["only"])
        #expect(SelectionText.text(sel(.char, (0, 1), (9, 40)), in: b) == "nly")
        #expect(SelectionText.text(sel(.line, (5, 0), (7, 0)), in: b) == "only\n")
        let empty = try buffer([])
        #expect(SelectionText.text(sel(.char, (0, 0), (3, 3)), in: empty) == "")
        #expect(SelectionText.text(sel(.block, (0, 0), (3, 3)), in: empty) == "")
    }

    @Test func spanMarksTheSelectedLineBreak() throws {
        let s = sel(.char, (0, 2), (1, 1))
        #expect(SelectionText.span(s, row: 0, line: "abcd") == .init(bytes: 2..<4, lineBreak: true))
        #expect(SelectionText.span(s, row: 1, line: "xyz") == .init(bytes: 0..<2, lineBreak: false))
        #expect(SelectionText.span(s, row: 2, line: "xyz") == nil)
        // An end past the text selects the break of its line.
        #expect(SelectionText.span(sel(.char, (0, 0), (0, 9)), row: 0, line: "ab")?.lineBreak == true)
    }
}

/// Selections through the compositor: screen cells to buffer positions,
/// over wrapped rows, borders, virtual text and cut no-wrap lines.
@Suite struct SelectionScreenTests {
    let hl = HighlightTable()

    @Test func wrappedRowsJoinIntoTheirLogicalLine() throws {
        let (e, b, w) = try screenEditor(10, 4, ["alpha beta gamma delta", "next"])
        let c = Compositor(highlights: hl)
        _ = c.compose(e)
        // Row 0 "alpha beta", row 1 "gamma ", row 2 "delta": drag from
        // "beta" (row 0, col 6) to the end of "gamma" (row 1, col 4).
        let a = try #require(c.bufferPosition(w, at: Position(row: 0, col: 6), in: e))
        let h = try #require(c.bufferPosition(w, at: Position(row: 1, col: 4), in: e))
        #expect(a == Position(row: 0, col: 6))
        #expect(h == Position(row: 0, col: 15))
        try e.setSelection(w.id, Selection(mode: .char, anchor: a, head: h))
        #expect(SelectionText.text(try #require(w.selection), in: b) == "beta gamma")
    }

    @Test func bordersAndVirtualTextAreNotText() throws {
        let (e, b, _) = try screenEditor(16, 6, ["main"])
        let fb = try e.createBuffer()
        try fb.setLines(0, -1, ["key = value", "x"])
        let ns = e.namespaces.create(name: "t")
        _ = try fb.extmarks.set(ns: ns, start: Position(row: 0, col: 3),
                                decoration: Decoration(virtText: [VirtTextChunk("[hint]")], virtTextPos: .inline))
        _ = try fb.extmarks.set(ns: ns, start: Position(row: 0, col: 11),
                                decoration: Decoration(virtText: [VirtTextChunk("eol")], virtTextPos: .eol))
        var spec = WindowSpec()
        spec.float = FloatConfig(row: 0, col: 0, width: 14, height: 3, border: .single)
        let fw = try e.openWindow(buffer: fb.id, spec)
        _ = b
        let c = Compositor(highlights: hl)
        _ = c.compose(e)
        // Screen rows 1-2 show "key[hint] = " and "value" (wrapped), row 3 "x".
        // The border cell (col 0) maps to the line's start; the hint to where it is inserted.
        #expect(c.bufferPosition(fw, at: Position(row: 1, col: 0), in: e) == Position(row: 0, col: 0))
        #expect(c.bufferPosition(fw, at: Position(row: 1, col: 5), in: e) == Position(row: 0, col: 3))
        #expect(c.bufferPosition(fw, at: Position(row: 2, col: 1), in: e) == Position(row: 0, col: 6))
        let head = try #require(c.bufferPosition(fw, at: Position(row: 3, col: 1), in: e))
        #expect(head == Position(row: 1, col: 0))
        try e.setSelection(fw.id, Selection(mode: .char, anchor: Position(row: 0, col: 0), head: head))
        #expect(SelectionText.text(try #require(fw.selection), in: fb) == "key = value\nx")
    }

    @Test func noWrapLinesGiveTheirFullText() throws {
        let (e, b, w) = try screenEditor(8, 3, ["let value = compute(42)", "end"])
        w.options.wrap = false
        let c = Compositor(highlights: hl)
        _ = c.compose(e)
        // The last column of a cut line stands for the rest of it.
        let h = try #require(c.bufferPosition(w, at: Position(row: 0, col: 7), in: e))
        #expect(h == Position(row: 0, col: 23))
        try e.setSelection(w.id, Selection(mode: .line, anchor: Position(row: 0, col: 0), head: h))
        #expect(SelectionText.text(try #require(w.selection), in: b) == "let value = compute(42)\n")
    }

    @Test func visualIsDrawnOverTheSelectedCellsAndBreaks() throws {
        let (e, _, w) = try screenEditor(10, 3, ["hello", "world", "x"], cursorVisible: false)
        try e.setSelection(w.id, Selection(mode: .char, anchor: Position(row: 0, col: 3), head: Position(row: 1, col: 1)))
        ScreenExpectation(highlights: hl, names: ["Visual"]).expect(Compositor(highlights: hl).compose(e), """
            hel{Visual:lo }    |
            {Visual:wo}rld     |
            x         |
            """)
    }

    @Test func visualLineAndBlock() throws {
        let (e, _, w) = try screenEditor(8, 3, ["abcd", "a中b", "xy"], cursorVisible: false)
        try e.setSelection(w.id, Selection(mode: .line, anchor: Position(row: 1, col: 0), head: Position(row: 2, col: 0)))
        let c = Compositor(highlights: hl)
        ScreenExpectation(highlights: hl, names: ["Visual"]).expect(c.compose(e), """
            abcd    |
            {Visual:a中b }   |
            {Visual:xy }     |
            """)
        try e.setSelection(w.id, Selection(mode: .block, anchor: Position(row: 0, col: 1), head: Position(row: 2, col: 1)))
        ScreenExpectation(highlights: hl, names: ["Visual"]).expect(c.compose(e), """
            a{Visual:b}cd    |
            a{Visual:中}b    |
            x{Visual:y}      |
            """)
    }

    @Test func selectionOverAChangingBufferNeverCrashes() throws {
        let (e, b, w) = try screenEditor(10, 3, ["one", "two", "three"])
        try e.setSelection(w.id, Selection(mode: .char, anchor: Position(row: 1, col: 1), head: Position(row: 2, col: 4)))
        let c = Compositor(highlights: hl)
        _ = c.compose(e)
        try b.setLines(0, -1, ["é"])           // shorter, and a multi-byte character
        _ = c.compose(e)
        #expect(SelectionText.text(try #require(w.selection), in: b) == "")
        try b.setLines(0, -1, [])
        _ = c.compose(e)
        e.screenSize = Size(width: 3, height: 1)
        _ = c.compose(e)
        #expect(c.bufferPosition(w, at: Position(row: 9, col: 9), in: e) == Position(row: 0, col: 0))
    }
}
