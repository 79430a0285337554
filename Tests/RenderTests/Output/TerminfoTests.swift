import Testing
@testable import Render

@Suite struct TerminfoTests {
    @Test func loadsXtermFromTheDatabase() throws {
        let t = Terminfo.load(term: "xterm-256color")
        #expect(!t.isFallback)
        #expect(t.colors == 256)
        let cup = try #require(t.cup)
        #expect(readable(cup.expand(4, 9)) == "\\e[5;10H")
        #expect(t.el.map { readable($0.expand()) } == "\\e[K")
        #expect(t.csr.map { readable($0.expand(2, 47)) } == "\\e[3;48r")
        #expect(t.indn.map { readable($0.expand(3)) } == "\\e[3S")
        #expect(t.sgr0 != nil && t.sitm != nil && t.smcup != nil && t.civis != nil)
    }

    @Test func unknownTerminalFallsBackToBuiltIn() {
        let t = Terminfo.load(term: "no-such-terminal-xyz")
        #expect(t.isFallback)
        #expect(t.name == "no-such-terminal-xyz")
        #expect(t.cup?.expand(0, 0) == Terminfo.xterm.cup?.expand(0, 0))
        #expect(t.colors == 256)
    }

    @Test func simpleFormsExpandNativelyAndAgreeWithUnibilium() {
        // The same capability with a trailing no-op conditional forces the
        // unibi_run path; both must agree.
        let native = TerminfoString("\u{1B}[%i%p1%d;%p2%dH")
        let viaUnibi = TerminfoString("\u{1B}[%i%p1%d;%p2%dH%?%p1%t%;")
        for (r, c) in [(0, 0), (9, 99), (123, 4567)] {
            #expect(native.expand(r, c) == viaUnibi.expand(r, c))
            #expect(native.length(r, c) == native.expand(r, c).count)
            #expect(viaUnibi.length(r, c) == viaUnibi.expand(r, c).count)
        }
    }

    @Test func longOutputIsRetriedWithALargerBuffer() {
        let long = String(repeating: "x", count: 300)
        let s = TerminfoString(long + "%p1%{2}%*%d")
        #expect(String(decoding: s.expand(21), as: UTF8.self) == long + "42")
    }

    @Test func modernSequences() {
        #expect(readable(Terminfo.Modern.bsu) == "\\e[?2026h")
        #expect(readable(Terminfo.Modern.esu) == "\\e[?2026l")
        #expect(readable(Terminfo.Modern.rgb(1, 2, 3)) == "\\e[38;2;1;2;3m")
        #expect(readable(Terminfo.Modern.rgb(1, 2, 3, background: true)) == "\\e[48;2;1;2;3m")
        #expect(readable(Terminfo.Modern.indexed(3)) == "\\e[33m")
        #expect(readable(Terminfo.Modern.indexed(12, background: true)) == "\\e[104m")
        #expect(readable(Terminfo.Modern.indexed(200)) == "\\e[38;5;200m")
        #expect(readable(Terminfo.Modern.undercurl) == "\\e[4:3m")
    }

    /// An encoder works with only `cup` (no relative moves, no el, no
    /// scroll region), as on a minimal terminal.
    @Test func encoderCopesWithMinimalCapabilities() {
        var t = Terminfo(name: "minimal")
        t.cup = TerminfoString("\u{1B}[%i%p1%d;%p2%dH")
        let hl = HighlightTable()
        var enc = FrameEncoder(terminfo: t, colorMode: .color16, highlights: hl)
        var g = textScreen(width: 30, height: 6)
        let vt = VTermOracle(rows: 6, cols: 30)
        vt.feed(Array(String(repeating: "junk ", count: 40).utf8))  // a screen we cannot clear
        vt.feed(enc.encode(next: g, cursor: Position(row: 1, col: 1), cursorVisible: true))
        g.scroll(top: 0, bottom: 5, by: 2)
        g.put(text: "end", row: 5, col: 0, style: hl.resolve("ErrorMsg"))
        vt.feed(enc.encode(next: g, cursor: Position(row: 5, col: 3), cursorVisible: true))
        #expect(vt.mismatch(with: g, highlights: hl, mode: .color16) == nil)
        #expect(vt.cursor == Position(row: 5, col: 3))
        g.fill(Rect(row: 2, col: 4, width: 26, height: 1), style: .default)
        vt.feed(enc.encode(next: g, cursor: nil, cursorVisible: false))
        #expect(vt.mismatch(with: g, highlights: hl, mode: .color16) == nil)
    }
}
