import Testing
@testable import Kernel
@testable import Render

@Suite struct CompositorTests {
    let hl = HighlightTable()

    func editor(_ w: Int, _ h: Int, _ lines: [String]) throws -> (Editor, Buffer, Window) {
        try screenEditor(w, h, lines)
    }

    @Test func tiledSplitsAndCursor() throws {
        let (e, b, w) = try editor(10, 4, ["hello", "world"])
        let b2 = try e.createBuffer()
        try b2.setLines(0, -1, ["second"])
        var spec = WindowSpec()
        spec.size = .cells(1)
        _ = try e.openWindow(buffer: b2.id, spec)
        w.cursor = Position(row: 1, col: 2)
        _ = b
        let frame = Compositor(highlights: hl).compose(e)
        ScreenExpectation(highlights: hl).expect(frame, """
            hello     |
            wo^ld     |
                      |
            second    |
            """)
    }

    @Test func softWrapWithLinebreakAndBreakindent() throws {
        let (e, _, w) = try editor(10, 4, ["  aaa bbb ccc dd"])
        w.cursor = Position(row: 0, col: 14)
        let frame = Compositor(highlights: hl).compose(e)
        ScreenExpectation(highlights: hl).expect(frame, """
              aaa bbb |
              ccc ^d  |
                      |
                      |
            """)
    }

    /// A title given with its own padding (" T ") is not shown with two
    /// spaces each side: it is trimmed before the border's one space.
    @Test func paddedTitlesAreTrimmed() throws {
        let (e, _, _) = try editor(12, 5, ["", ""])
        var spec = WindowSpec()
        spec.float = FloatConfig(row: 0, col: 1, width: 8, height: 2, border: .single, title: "  T  ")
        let fb = try e.createBuffer()
        _ = try e.openWindow(buffer: fb.id, spec)
        e.currentWindow?.options.cursorVisible = false
        let frame = Compositor(highlights: hl).compose(e)
        ScreenExpectation(highlights: hl, names: ["FloatTitle"]).expect(frame, """
             ┌{FloatTitle: T }─────┐ |
             │        │ |
             │        │ |
             └────────┘ |
                        |
            """)
    }

    @Test func floatWithBorderAndTitleCutsWideCharsCleanly() throws {
        let (e, b, _) = try editor(12, 5, ["中文中文中文", "abcdefghijkl"])
        var spec = WindowSpec()
        spec.float = FloatConfig(row: 0, col: 3, width: 4, height: 2, border: .single, title: "T")
        let fb = try e.createBuffer()
        try fb.setLines(0, -1, ["xy", "z"])
        _ = try e.openWindow(buffer: fb.id, spec)
        _ = b
        e.currentWindow?.options.cursorVisible = false
        let frame = Compositor(highlights: hl).compose(e)
        ScreenExpectation(highlights: hl, names: ["FloatTitle"]).expect(frame, """
            中 ┌{FloatTitle: T }─┐ 文|
            abc│xy  │jkl|
               │z   │   |
               └────┘   |
                        |
            """)
    }

    @Test func floatFooterSitsInTheBottomBorder() throws {
        let (e, _, _) = try editor(12, 5, ["abcdefghijkl"])
        var spec = WindowSpec()
        spec.float = FloatConfig(row: 0, col: 1, width: 8, height: 2, border: .single, footer: "keys",
                                 footerPos: .center)
        let fb = try e.createBuffer()
        try fb.setLines(0, -1, ["x"])
        _ = try e.openWindow(buffer: fb.id, spec)
        e.currentWindow?.options.cursorVisible = false
        let frame = Compositor(highlights: hl).compose(e)
        ScreenExpectation(highlights: hl, names: ["FloatFooter"]).expect(frame, """
            a┌────────┐l|
             │x       │ |
             │        │ |
             └─{FloatFooter: keys }─┘ |
                        |
            """)
    }

    @Test func footerWithoutABorderIsRefused() {
        #expect(throws: KernelError.self) {
            try FloatConfig(row: 0, col: 0, width: 4, height: 2, footer: "k").validate()
        }
    }

    @Test func extmarkHighlightsVirtualTextAndLines() throws {
        let (e, b, w) = try editor(16, 4, ["abcdef", "next"])
        w.options.cursorVisible = false
        let ns = e.namespaces.create(name: "t")
        hl.set("Hi", HighlightDef(attrs: [.bold]))
        try b.extmarks.set(ns: ns, start: Position(row: 0, col: 1), end: Position(row: 0, col: 3),
                           decoration: Decoration(hl: "Hi"))
        try b.extmarks.set(ns: ns, start: Position(row: 0, col: 0),
                           decoration: Decoration(virtText: [VirtTextChunk("<-", hl: "Comment")], virtTextPos: .eol,
                                                  virtLines: [[VirtTextChunk("virt", hl: nil)]]))
        let frame = Compositor(highlights: hl).compose(e)
        ScreenExpectation(highlights: hl, names: ["Hi", "Comment"]).expect(frame, """
            a{Hi:bc}def {Comment:<-}       |
            virt            |
            next            |
                            |
            """)
    }

    /// Overlay virtual text sits over its own column, on whichever row of
    /// a wrapped line that column is drawn.
    @Test func overlayOnAWrappedLineCoversItsColumnRow() throws {
        let (e, b, w) = try editor(8, 4, ["abcdefghijklmnop", "end"])
        w.options.cursorVisible = false
        let ns = e.namespaces.create(name: "t")
        try b.extmarks.set(ns: ns, start: Position(row: 0, col: 10),
                           decoration: Decoration(virtText: [VirtTextChunk("XY", hl: "Comment")], virtTextPos: .overlay))
        try b.extmarks.set(ns: ns, start: Position(row: 0, col: 1),
                           decoration: Decoration(virtText: [VirtTextChunk("Z", hl: nil)], virtTextPos: .overlay))
        let frame = Compositor(highlights: hl).compose(e)
        ScreenExpectation(highlights: hl, names: ["Comment"]).expect(frame, """
            aZcdefgh|
            ij{Comment:XY}mnop|
            end     |
                    |
            """)
    }

    /// Tabs expand to the window's `tabstop`, as the wrapper counts them.
    @Test func tabsFollowTheWindowTabstop() throws {
        let (e, _, w) = try editor(12, 2, ["a\tb", "ab\tc"])
        w.options.cursorVisible = false
        w.options.tabstop = 4
        let frame = Compositor(highlights: hl).compose(e)
        ScreenExpectation(highlights: hl).expect(frame, """
            a   b       |
            ab  c       |
            """)
    }

    @Test func noWrapLinesStayOnOneRowCutWithAMarker() throws {
        let (e, b, w) = try editor(10, 4, ["let x = compute(1, 2)", "wrapped text here", "end"])
        w.options.cursorVisible = false
        let ns = e.namespaces.create(name: "t")
        try b.extmarks.set(ns: ns, start: Position(row: 0, col: 0), decoration: Decoration(noWrap: true))
        let frame = Compositor(highlights: hl).compose(e)
        ScreenExpectation(highlights: hl, names: ["NonText"]).expect(frame, """
            let x = c{NonText:›}|
            wrapped   |
            text here |
            end       |
            """)
        #expect(b.line(0) == "let x = compute(1, 2)", "the text is kept whole")
    }

    @Test func lineHighlightIsTheBackgroundOfTheTextToo() throws {
        let (e, b, w) = try editor(6, 2, ["ab", "cd"])
        w.options.cursorVisible = false
        let ns = e.namespaces.create(name: "t")
        hl.set("Band", HighlightDef(bg: .indexed(236)))
        try b.extmarks.set(ns: ns, start: Position(row: 0, col: 0), decoration: Decoration(lineHl: "Band"))
        let frame = Compositor(highlights: hl).compose(e)
        ScreenExpectation(highlights: hl, names: ["Band"]).expect(frame, """
            {Band:ab    }|
            cd    |
            """)
    }

    @Test func controlCharactersAreShownInert() throws {
        let (e, _, w) = try editor(20, 1, ["a\u{1b}[31mb\u{7}"])
        w.options.cursorVisible = false
        let frame = Compositor(highlights: hl).compose(e)
        ScreenExpectation(highlights: hl, names: ["NonText"]).expect(frame, """
            a{NonText:^[}[31mb{NonText:^G}          |
            """)
    }

    @Test func extensionWindowDrawsItsListClipped() throws {
        let (e, _, w) = try editor(8, 3, ["ignored"])
        w.renderer = .extension
        w.drawList = [.clear(hl: nil), .text(row: 0, col: 5, text: "overflow", hl: nil),
                      .fill(row: 1, col: 0, width: 3, height: 5, char: "#", hl: nil),
                      .spans(row: 2, col: 4, spans: [VirtTextChunk("a", hl: "Title"), VirtTextChunk("b\u{1b}", hl: nil)]),
                      .cursor(row: 1, col: 7)]
        let frame = Compositor(highlights: hl).compose(e)
        ScreenExpectation(highlights: hl, names: ["Title"]).expect(frame, """
                 ove|
            ###    ^|
            ### {Title:a}b^[|
            """)
    }

    @Test func extensionWindowStylesEachOpWithItsOwnHighlight() throws {
        // Runs of one highlight share a resolved style; every change of
        // highlight (to another group, to none and back) is honoured.
        let (e, _, w) = try editor(8, 1, ["ignored"])
        w.renderer = .extension
        w.drawList = [.text(row: 0, col: 0, text: "a", hl: "Title"), .text(row: 0, col: 1, text: "b", hl: "Title"),
                      .text(row: 0, col: 2, text: "c", hl: nil), .text(row: 0, col: 3, text: "d", hl: "Title"),
                      .fill(row: 0, col: 4, width: 1, height: 1, char: "e", hl: ""),
                      .spans(row: 0, col: 5, spans: [VirtTextChunk("f", hl: "Title"), VirtTextChunk("g", hl: nil)])]
        let frame = Compositor(highlights: hl).compose(e)
        ScreenExpectation(highlights: hl, names: ["Title"]).expect(frame, """
            {Title:ab}c{Title:d}e{Title:f}g |
            """)
    }

    @Test func followKeepsTheTailVisibleAndWorkIsBoundedByTheView() throws {
        let (e, b, w) = try editor(10, 3, (0..<100_000).map { "line \($0)" })
        w.view.follow = true
        w.options.cursorVisible = false
        let c = Compositor(highlights: hl)
        var frame = c.compose(e)
        ScreenExpectation(highlights: hl).expect(frame, """
            line 99997|
            line 99998|
            line 99999|
            """)
        try b.append(["new"])
        frame = c.compose(e)
        #expect(frame.grid.rowText(2) == "new       ")
        c.scroll(w, in: e, rows: -2)
        #expect(!w.view.follow)
        frame = c.compose(e)
        #expect(frame.grid.rowText(2) == "line 99998")
        c.scroll(w, in: e, rows: 5)
        #expect(w.view.follow)
    }

    /// The kernel's rule: the viewport step stores the settled view, the
    /// drawer only reads `win.view`.
    @Test func theViewportStepSettlesTheViewAndTheDrawerNeverWritesIt() throws {
        let (e, b, w) = try editor(10, 3, (0..<20).map { "line \($0)" })
        w.view = WindowView(topline: 50, skip: 0, follow: false)  // past the end
        let c = Compositor(highlights: hl)
        let base = hl.resolve("Normal")
        let area = Rect(row: 0, col: 0, width: 10, height: 3)
        let vp = c.drawer.viewport(w, b, size: area.size, base: base)
        var grid = Grid(width: 10, height: 3, style: base)
        var afresh: TouchedRows?
        _ = c.drawer.drawStock(w, b, viewport: vp, area: area, base: base, grid: &grid, inPlace: &afresh)
        #expect(w.view == WindowView(topline: 50, skip: 0, follow: false))
        _ = c.settleView(w, b, area: area, base: base)
        #expect(w.view == WindowView(topline: 17, skip: 0, follow: true))
        w.view = WindowView(topline: 50)
        _ = c.compose(e)
        #expect(w.view.topline == 17)
    }

    @Test func wrapCacheKeepsRowCountsAcrossFrames() throws {
        let (e, _, w) = try editor(10, 3, (0..<1_000).map { "line \($0) is long enough to wrap" })
        w.view.follow = true
        let c = Compositor(highlights: hl)
        _ = c.compose(e)
        c.drawer.wrapCache.cache.resetCounters()
        _ = c.compose(e)
        // Nothing is wrapped again: the heights kept from the last frame
        // (`LineHeightCache`) answer before the wrap cache is asked.
        #expect(c.drawer.wrapCache.cache.misses == 0)
        #expect(c.drawer.wrapCache.cache.hits == 0)
    }
}
