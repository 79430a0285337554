import Testing
@testable import Kernel
@testable import Render

/// The line cache must never show what a fresh compositor would not: after
/// every random change (edits, marks, highlights, options, sizes, scrolls,
/// floats, cursor moves) the cached frame equals a frame composed from
/// scratch.
@Suite struct LineDrawCacheTests {
    /// Each line gets the marks that start on it or span it, in list
    /// order, whether they are sliced (no mark spans rows) or copied.
    @Test func marksByLineMatchesAFilterPerLine() {
        let ns = NamespaceID(1)
        func mark(_ id: Int, _ row: Int, _ col: Int, end: (Int, Int)? = nil) -> Extmark {
            Extmark(id: id, ns: ns, start: Position(row: row, col: col),
                    end: end.map { Position(row: $0.0, col: $0.1) }, decoration: Decoration(hl: "H\(id)"))
        }
        let sameRow = [mark(1, 3, 0), mark(2, 3, 4, end: (3, 9)), mark(3, 5, 1), mark(4, 7, 0, end: (7, 2))]
        let spanning = [mark(9, 1, 2, end: (4, 0))] + sameRow + [mark(5, 6, 0, end: (8, 1))]
        for marks in [sameRow, spanning] {
            let got = WindowDrawer.marksByLine(marks, lines: 3...7)
            #expect(got.count == 5)
            for row in 3...7 {
                let want = marks.filter { m in m.start.row <= row && max(m.end?.row ?? m.start.row, m.start.row) >= row }
                #expect(Array(got[row - 3]) == want, "row \(row)")
            }
        }
        #expect(WindowDrawer.marksByLine([], lines: 0...4).isEmpty)
    }

    /// Keys compare every field.
    @Test func keysDifferInAnyField() {
        func key(text: String = "x", rows: Int = 1, generation: Int = 0) -> LineDrawCache.Key {
            LineDrawCache.Key(text: text, firstRow: 0, rows: rows, width: 10, base: StyleID(0),
                              wrap: true, options: WrapOptions(), generation: generation)
        }
        #expect(key() == key())
        #expect(key(text: "y") != key())
        #expect(key(rows: 2) != key())
        #expect(key(generation: 1) != key())
    }

    /// A window's kept lines are found by their offset from the first,
    /// in any order, with gaps for lines not kept.
    @Test func keptLinesAreFoundByOffset() {
        func entry(_ text: String) -> LineDrawCache.Entry {
            LineDrawCache.Entry(key: LineDrawCache.Key(text: text, firstRow: 0, rows: 1, width: 10, base: StyleID(0),
                                                       wrap: true, options: WrapOptions(), generation: 0), cells: [])
        }
        var lines = LineDrawCache.Lines(buffer: BufferID(1), stamp: 0, lines: 7..<11)
        #expect(lines.entry(7) == nil)
        lines.set(10, entry("ten"))
        lines.set(7, entry("seven"))
        lines.set(11, entry("outside"))
        lines.set(6, entry("outside"))
        #expect(lines.entry(7)?.key.text == "seven" && lines.entry(10)?.key.text == "ten")
        #expect(lines.entry(6) == nil && lines.entry(8) == nil && lines.entry(9) == nil && lines.entry(11) == nil)
        lines.set(10, entry("again"))
        #expect(lines.entry(10)?.key.text == "again" && lines.entries.count == 4)
    }

    static let pieces = ["hello", "wörld", "中文字", "😀", "tab\there", "a b c d e f g h", "   indented",
                         "x\u{301}\u{302}\u{303}\u{304}", "👨‍👩‍👧", "", "long line with many words to wrap around"]

    @Test(arguments: Array(1...24) as [UInt64])
    func cachedFramesEqualFreshFrames(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let hl = HighlightTable()
        let editor = Editor(size: Size(width: 30, height: 12))
        let buf = try editor.createBuffer(name: "t")
        try buf.setLines(0, -1, (0..<40).map { "line \($0) " + Self.pieces[$0 % Self.pieces.count] })
        let win = try editor.openWindow(buffer: buf.id, WindowSpec())
        win.view.follow = true
        let other = try editor.createBuffer(name: "o")
        try other.setLines(0, -1, ["side 中文 window", "second"])
        var spec = WindowSpec()
        spec.split = .right
        spec.size = .cells(9)
        _ = try editor.openWindow(buffer: other.id, spec)
        var float: Window?
        let ns = NamespaceID(1)
        let cached = Compositor(highlights: hl)
        // The frames go to an encoder that trusts their damage and to one
        // that compares every row: the bytes must be the same.
        var trusting = FrameEncoder(terminfo: .xterm, colorMode: .truecolor, highlights: hl)
        var comparing = trusting
        var previous: Frame?
        var drawnOver = 0
        var lastKind = 0
        for step in 0..<400 {
            let kind = rng.below(18)
            lastKind = kind
            try change(kind, rng: &rng, editor: editor, buf: buf, win: win, other: other,
                       float: &float, hl: hl, ns: ns, compositor: cached)
            let got = cached.compose(editor)
            let want = Compositor(highlights: hl).compose(editor)
            #expect(got.grid == want.grid, "seed \(seed) step \(step) change \(lastKind)\n\(got.grid.styledDescription)\n--\n\(want.grid.styledDescription)")
            #expect(got.cursor == want.cursor, "seed \(seed) step \(step)")
            if got.grid != want.grid { return }
            if let damage = got.damage, let previous {
                // Drawn over the last frame: every row it did not name is
                // that frame's row.
                drawnOver += 1
                #expect(damage.since === previous.token, "seed \(seed) step \(step)")
                let named = Set(damage.rows)
                for r in 0..<got.grid.height where !named.contains(r) {
                    #expect(got.grid.rowEquals(r, previous.grid, r), "seed \(seed) step \(step) row \(r)")
                }
            }
            #expect(trusting.encode(got) == comparing.encode(next: got.grid, cursor: got.cursor,
                                                              cursorVisible: got.cursor != nil),
                    "seed \(seed) step \(step) change \(lastKind)")
            previous = got
        }
        // The cache was used, not just bypassed, and frames were drawn over
        // the last one.
        #expect(cached.drawer.lineCache.hits > 500)
        #expect(drawnOver > 50, "seed \(seed): \(drawnOver) frames drawn over the last one")
    }

    private func change(_ kind: Int, rng: inout SplitMix64, editor: Editor, buf: Buffer, win: Window, other: Buffer,
                        float: inout Window?, hl: HighlightTable, ns: NamespaceID, compositor: Compositor) throws {
        let n = buf.lineCount
        let row = (rng.below(n))
        let piece = Self.pieces[(rng.below(Self.pieces.count))]
        switch kind {
        case 0, 1:  // stream onto the last line
            let len = buf.line(n - 1)?.utf8.count ?? 0
            try buf.setText(n - 1, len, n - 1, len, [" " + piece])
        case 2: try buf.append([piece])
        case 3: try buf.setLines(row, row + 1, [piece + " " + piece])
        case 4: try buf.setLines(row, row + 1, [])
        case 5:
            let len = buf.line(row)?.utf8.count ?? 0
            let col = (rng.below(len + 1))
            let decoration: Decoration
            switch rng.below(6) {
            case 5: decoration = Decoration(noWrap: true)
            case 0: decoration = Decoration(hl: "Search")
            case 1: decoration = Decoration(virtText: [VirtTextChunk("<v>", hl: "Comment")], virtTextPos: .eol)
            case 2: decoration = Decoration(virtLines: [[VirtTextChunk("virtual", hl: "Title")]])
            case 3: decoration = Decoration(lineHl: "Visual")
            default: decoration = Decoration(virtText: [VirtTextChunk("»", hl: "NonText")], virtTextPos: .inline)
            }
            let atLineStart = Position(row: row, col: 0)
            let start = String(buf.line(row) ?? "").utf8.count >= col ? Position(row: row, col: col) : atLineStart
            _ = try? buf.extmarks.set(ns: ns, start: start, end: decoration.hl != nil ? Position(row: row, col: len) : nil,
                                      decoration: decoration)
        case 6:
            let marks = buf.extmarks.list()
            if let m = marks.first { _ = buf.extmarks.delete(ns: m.ns, id: m.id) }
        case 7:
            hl.set(["Search", "Comment", "Title", "Visual", "NonText", "Normal"][(rng.below(6))],
                   HighlightDef(fg: .rgb(UInt8(rng.below(256)), 10, 20), attrs: rng.below(2) == 0 ? [.bold] : []))
        case 8:
            switch rng.below(3) {
            case 0: win.options.wrap.toggle()
            case 1: win.options.linebreak.toggle()
            default: win.options.breakindent.toggle()
            }
        case 9: editor.screenSize = Size(width: 20 + (rng.below(25)), height: 6 + (rng.below(10)))
        case 10: compositor.scroll(win, in: editor, rows: (rng.below(9)) - 4)
        case 11:
            if let f = float {
                try editor.closeWindow(f.id, force: true)
                float = nil
            } else {
                var spec = WindowSpec()
                spec.float = FloatConfig(row: (rng.below(5)), col: (rng.below(12)), width: 10, height: 3,
                                         border: .single)
                float = try editor.openWindow(buffer: other.id, spec)
            }
        case 12: win.cursor = Position(row: row, col: 0)
        case 14:  // move a mark to another line by its id
            if let m = buf.extmarks.list().randomElement(using: &rng) {
                _ = try? buf.extmarks.set(ns: m.ns, id: m.id, start: Position(row: row, col: 0), decoration: m.decoration)
            }
        case 15: _ = buf.extmarks.clear(ns: rng.chance(50) ? ns : nil, rows: row..<(row + rng.below(4)))
        case 16:  // the window shows the other buffer for a while
            win.buffer = win.buffer == buf.id ? other.id : buf.id
        case 17:  // more changes in one frame than the damage log keeps
            for i in 0..<(RowDamage.capacity + 8) {
                let r = (row + 2 * i) % n
                _ = try? buf.extmarks.set(ns: ns, start: Position(row: r, col: 0), decoration: Decoration(lineHl: "Visual"))
            }
        default: try other.setLines(0, 1, [piece])
        }
    }
}
