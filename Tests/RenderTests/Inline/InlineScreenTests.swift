import CVTerm
import Testing
@testable import Kernel
@testable import Render

/// libvterm with its scrollback recorded: the rows that scroll off the
/// top of the screen, as text (trailing blanks dropped).
final class ScrollbackTerminal {
    let vt: OpaquePointer
    let screen: OpaquePointer
    let rows: Int, cols: Int
    var scrollback: [String] = []
    private var callbacks = VTermScreenCallbacks()

    init(rows: Int, cols: Int) {
        self.rows = rows
        self.cols = cols
        vt = vterm_new(Int32(rows), Int32(cols))
        vterm_set_utf8(vt, 1)
        screen = vterm_obtain_screen(vt)
        callbacks.sb_pushline = { cols, cells, user in
            guard let user, let cells else { return 0 }
            let me = Unmanaged<ScrollbackTerminal>.fromOpaque(user).takeUnretainedValue()
            var s = ""
            for i in 0..<Int(cols) {
                for v in VTermOracle.scalars(of: cells[i]) { s.unicodeScalars.append(Unicode.Scalar(v) ?? "?") }
            }
            while s.hasSuffix(" ") { s.removeLast() }
            me.scrollback.append(s)
            return 1
        }
        vterm_screen_set_callbacks(screen, &callbacks, Unmanaged.passUnretained(self).toOpaque())
        vterm_screen_reset(screen, 1)
    }

    deinit { vterm_free(vt) }

    func feed(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                _ = vterm_input_write(vt, p, buf.count)
            }
        }
    }

    func feed(_ s: String) { feed(Array(s.utf8)) }

    /// Screen row `r` as text, trailing blanks dropped.
    func row(_ r: Int) -> String {
        var s = ""
        for c in 0..<cols {
            var cell = VTermScreenCell()
            _ = vterm_screen_get_cell(screen, VTermPos(row: Int32(r), col: Int32(c)), &cell)
            for v in VTermOracle.scalars(of: cell) { s.unicodeScalars.append(Unicode.Scalar(v) ?? "?") }
        }
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }

    var screenRows: [String] { (0..<rows).map(row) }

    /// Everything: the scrollback, then the screen.
    var all: [String] { scrollback + screenRows }

    var cursor: Position {
        var pos = VTermPos()
        vterm_state_get_cursorpos(vterm_obtain_state(vt), &pos)
        return Position(row: Int(pos.row), col: Int(pos.col))
    }
}

@Suite struct InlineScreenTests {
    let hl = HighlightTable()

    func screen(_ size: Size, top: Int) -> InlineScreen {
        InlineScreen(encoder: FrameEncoder(terminfo: .xterm, colorMode: .truecolor, highlights: hl), size: size, top: top)
    }

    func frame(_ lines: [String], width: Int, cursor: Position? = nil) -> Frame {
        var g = Grid(width: width, height: lines.count)
        for (r, l) in lines.enumerated() { g.put(text: l, row: r, col: 0, style: .default) }
        return Frame(grid: g, cursor: cursor)
    }

    func rows(_ lines: [String], width: Int) -> Grid { frame(lines, width: width).grid }

    @Test func committedRowsGoAboveTheLiveAreaAndIntoTheScrollback() {
        let term = ScrollbackTerminal(rows: 6, cols: 20)
        term.feed("$ weft --inline\r\n")
        var s = screen(Size(width: 20, height: 6), top: term.cursor.row)
        term.feed(s.begin())
        term.feed(s.frame(committed: rows(["Welcome", "", "Keys: Enter"], width: 20),
                          live: frame(["╭ composer ╮", "status"], width: 20, cursor: Position(row: 0, col: 2))))
        #expect(term.screenRows == ["$ weft --inline", "Welcome", "", "Keys: Enter", "╭ composer ╮", "status"])
        #expect(term.cursor == Position(row: 4, col: 2))
        term.feed(s.frame(committed: rows(["", "You", "hi"], width: 20), live: frame(["╭ composer ╮", "status"], width: 20)))
        #expect(term.scrollback == ["$ weft --inline", "Welcome", ""])
        #expect(term.screenRows == ["Keys: Enter", "", "You", "hi", "╭ composer ╮", "status"])
        // On exit the live area goes and the text stays, cursor below it.
        term.feed(s.end(committed: rows(["", "bye"], width: 20)))
        #expect(term.all == ["$ weft --inline", "Welcome", "", "Keys: Enter", "", "You", "hi", "", "bye", ""])
        #expect(term.cursor == Position(row: 5, col: 0))
    }

    @Test func aGrowingLiveAreaPushesOnlyFinishedRowsIntoTheScrollback() {
        let term = ScrollbackTerminal(rows: 5, cols: 12)
        term.feed("a\r\nb\r\nc\r\n")
        var s = screen(Size(width: 12, height: 5), top: term.cursor.row)
        term.feed(s.begin())
        var reply: [String] = []
        for i in 1...8 {
            reply.append("reply \(i)")
            term.feed(s.frame(committed: nil, live: frame(reply + ["> _"], width: 12)))
            // Live rows never reach the scrollback: only the shell's did.
            #expect(term.scrollback.allSatisfy { ["a", "b", "c"].contains($0) })
            #expect(Array(term.screenRows.suffix(min(5, reply.count + 1))) == Array((reply + ["> _"]).suffix(5)))
        }
        #expect(term.scrollback == ["a", "b", "c"])
        // The finished reply is written once, then the live part shrinks.
        term.feed(s.frame(committed: rows(reply, width: 12), live: frame(["> _"], width: 12)))
        #expect(term.all.filter { $0.hasPrefix("reply") } == reply)
        #expect(term.screenRows.last == "> _")
    }

    @Test func stylesAndWideCharactersSurviveTheTextStream() {
        let term = ScrollbackTerminal(rows: 4, cols: 10)
        var s = screen(Size(width: 10, height: 4), top: 0)
        term.feed(s.begin())
        var g = Grid(width: 10, height: 2)
        let bold = hl.resolve("Title")
        g.put(text: "中文 ok", row: 0, col: 0, style: bold)
        g.put(text: "x", row: 1, col: 9, style: .default)
        term.feed(s.frame(committed: g, live: frame(["live"], width: 10)))
        #expect(term.screenRows == ["中文 ok", "         x", "live", ""])
        var cell = VTermScreenCell()
        _ = vterm_screen_get_cell(term.screen, VTermPos(row: 0, col: 0), &cell)
        #expect(cell.attrs.bold != 0 && cell.width == 2)
    }

    @Test func resizeRepaintsTheLiveAreaWhereTheCursorIs() {
        let term = ScrollbackTerminal(rows: 6, cols: 20)
        var s = screen(Size(width: 20, height: 6), top: 1)
        term.feed(s.begin())
        term.feed(s.frame(committed: rows(["done"], width: 20), live: frame(["> x", "status"], width: 20, cursor: Position(row: 0, col: 3))))
        #expect(term.cursor == Position(row: 2, col: 3))
        // The terminal now says the cursor is on row 2: the live area stays at row 2.
        term.feed(s.resize(Size(width: 20, height: 6), cursorRow: 2))
        term.feed(s.frame(committed: nil, live: frame(["> xy", "status"], width: 20)))
        #expect(term.screenRows == ["", "done", "> xy", "status", "", ""])
    }

    /// Random frames: whatever the order of commits and live sizes, the
    /// scrollback and the screen above the live area hold exactly the
    /// committed rows, in order, and the live area shows the live frame.
    @Test func randomFramesKeepTheTranscriptInOrder() {
        var rng = ScreenRNG(seed: 0x1A11E)
        for round in 0..<30 {
            let height = 3 + rng.below(8), width = 8 + rng.below(10)
            let term = ScrollbackTerminal(rows: height, cols: width)
            var s = screen(Size(width: width, height: height), top: rng.below(height))
            let start = term.cursor.row
            term.feed(s.begin())
            var committed: [String] = []
            var n = 0
            var live: [String] = []
            for _ in 0..<20 {
                var batch: [String] = []
                for _ in 0..<rng.below(4) { n += 1; batch.append("c\(n)") }
                live = (0..<(1 + rng.below(height + 2))).map { "L\($0)" }
                term.feed(s.frame(committed: batch.isEmpty ? nil : rows(batch, width: width), live: frame(live, width: width)))
                committed += batch
                let shown = Array(live.suffix(height))
                #expect(Array(term.screenRows[s.top..<(s.top + shown.count)]) == shown, "round \(round)")
                let text = (term.scrollback + term.screenRows[0..<s.top]).filter { !$0.isEmpty && !$0.hasPrefix("L") }
                #expect(text == committed, "round \(round) (start \(start))")
                #expect(!term.scrollback.contains { $0.hasPrefix("L") }, "round \(round)")
            }
        }
    }
}
