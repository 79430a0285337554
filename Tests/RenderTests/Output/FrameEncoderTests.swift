#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import Render

/// Readable bytes: ESC as `\e`, CR as `\r`, LF as `\n`, BS as `\b`.
func readable(_ bytes: [UInt8]) -> String {
    String(decoding: bytes, as: UTF8.self).unicodeScalars.map { c -> String in
        switch c {
        case "\u{1B}": return "\\e"
        case "\r": return "\\r"
        case "\n": return "\\n"
        case "\u{8}": return "\\b"
        default: return String(c)
        }
    }.joined()
}

/// A 200x50 screen of varied plain text, like a full editor window.
func textScreen(width: Int = 200, height: Int = 50, shift: Int = 0) -> Grid {
    var g = Grid(width: width, height: height)
    let words = ["lorem", "ipsum", "dolor", "sit", "amet,", "consectetur", "adipiscing", "elit", "sed", "do"]
    for r in 0..<height {
        var line = "\(r + shift): "
        var i = r + shift
        while line.count < width { line += words[i % words.count] + " "; i += 3 }
        g.put(text: line, row: r, col: 0, style: .default)
    }
    return g
}

@Suite struct FrameEncoderTests {
    private func encoder(_ mode: ColorMode = .truecolor, _ hl: HighlightTable = HighlightTable()) -> FrameEncoder {
        FrameEncoder(terminfo: .xterm, colorMode: mode, highlights: hl)
    }

    @Test func firstFrameClearsAndRepaintsInOneSynchronizedFrame() {
        var enc = encoder()
        let bytes = enc.encode(next: Grid(lines: ["hi"]), cursor: Position(row: 0, col: 2), cursorVisible: true)
        let text = readable(bytes)
        #expect(text.hasPrefix("\\e[?2026h\\e[m\\e[1;1r\\e[H\\e[2Jhi"), "\(text)")
        #expect(text.hasSuffix("\\e[?25h\\e[?2026l"), "\(text)")
        #expect(enc.lastFrame.fullRepaint)
    }

    @Test func emptyDiffIsZeroBytes() {
        var enc = encoder()
        let g = textScreen()
        _ = enc.encode(next: g, cursor: Position(row: 3, col: 4), cursorVisible: true)
        #expect(enc.encode(next: g, cursor: Position(row: 3, col: 4), cursorVisible: true).isEmpty)
        #expect(enc.encode(next: g, cursor: nil, cursorVisible: true).isEmpty)
    }

    /// Neovim 0.7.2 sends 14-16 bytes for this (12 of them cursor
    /// hide/show); the assertion is <= 20 bytes.
    @Test func oneCellChangeIsAtMost20Bytes() {
        var enc = encoder()
        var g = textScreen()
        let home = Position(row: 49, col: 0)
        _ = enc.encode(next: g, cursor: home, cursorVisible: true)
        g.put("X", row: 25, col: 100, style: .default)
        let bytes = enc.encode(next: g, cursor: home, cursorVisible: true)
        print("one cell, same style, cursor elsewhere: \(bytes.count) bytes: \(readable(bytes))")
        #expect(bytes.count <= 20, "\(readable(bytes))")
        // typing: the cursor follows the new character
        g.put("Y", row: 25, col: 101, style: .default)
        let typed = enc.encode(next: g, cursor: Position(row: 25, col: 102), cursorVisible: true)
        print("one typed cell: \(typed.count) bytes: \(readable(typed))")
        #expect(typed.count <= 20, "\(readable(typed))")
    }

    @Test func cursorMotionPicksCheapestForm() {
        let m = CursorMotion(ti: .xterm)
        func move(_ a: Position?, _ b: Position) -> String {
            var out: [UInt8] = []
            m.append(from: a, to: b, into: &out)
            return readable(out)
        }
        #expect(move(Position(row: 3, col: 4), Position(row: 3, col: 4)) == "")
        #expect(move(nil, Position(row: 3, col: 4)) == "\\e[4;5H")
        #expect(move(Position(row: 3, col: 9), Position(row: 3, col: 0)) == "\\r")
        #expect(move(Position(row: 3, col: 9), Position(row: 5, col: 0)) == "\\r\\n\\n")
        #expect(move(Position(row: 3, col: 9), Position(row: 3, col: 7)) == "\\b\\b")
        #expect(move(Position(row: 3, col: 9), Position(row: 3, col: 30)) == "\\e[21C")
        #expect(move(Position(row: 30, col: 9), Position(row: 29, col: 9)) == "\\e[A")
        #expect(move(Position(row: 0, col: 0), Position(row: 40, col: 150)) == "\\e[41;151H")
    }

    @Test func sgrChangesOnlyWhatChanged() {
        func t(_ a: Style?, _ b: Style) -> String {
            var out: [UInt8] = []
            SGR.transition(from: a, to: b, into: &out)
            return readable(out)
        }
        let red = Style(fg: .indexed(1))
        #expect(t(red, red) == "")
        #expect(t(nil, red) == "\\e[0;31m")
        #expect(t(red, Style(fg: .indexed(1), attrs: [.bold])) == "\\e[1m")
        #expect(t(Style(fg: .indexed(1), attrs: [.bold]), red) == "\\e[22m")
        #expect(t(Style(attrs: [.bold, .dim]), Style(attrs: [.bold])) == "\\e[0;1m")
        #expect(t(Style(fg: .indexed(1), attrs: [.bold, .dim]), Style(fg: .indexed(1), attrs: [.bold])) == "\\e[22;1m")
        // styles that look the same on the terminal send nothing
        #expect(t(Style(attrs: [.underline, .undercurl]), Style(attrs: [.undercurl])) == "")
        #expect(t(red, .plain) == "\\e[m")
        #expect(t(Style(fg: .rgb(1, 2, 3), bg: .indexed(200)), Style(fg: .rgb(1, 2, 4), bg: .indexed(200)))
                == "\\e[38;2;1;2;4m")
        #expect(t(Style(attrs: [.underline]), Style(attrs: [.undercurl])) == "\\e[4:3m")
        // turning several things off: a reset is shorter
        #expect(t(Style(attrs: [.bold, .italic, .reverse, .strikethrough]), Style(attrs: [.italic])) == "\\e[0;3m")
    }

    /// st and libvterm 0.1.4 keep 16 arguments per sequence (libvterm
    /// overflows beyond): long changes are split between colour groups.
    @Test func longSgrIsSplitBetweenGroups() {
        var out: [UInt8] = []
        let to = Style(fg: .rgb(1, 2, 3), bg: .rgb(4, 5, 6), sp: .rgb(7, 8, 9), attrs: [.bold, .italic, .undercurl, .strikethrough])
        SGR.transition(from: nil, to: to, into: &out)
        #expect(readable(out) == "\\e[0;1;3;4:3;9;38;2;1;2;3;48;2;4;5;6m\\e[58:2::7:8:9m")
    }

    @Test func blankTailsUseEraseToEndOfLine() {
        var enc = encoder()
        let hl = enc.highlights
        let bg = hl.intern(Style(bg: .indexed(4)))
        var g = textScreen(width: 80, height: 3)
        _ = enc.encode(next: g, cursor: nil, cursorVisible: false)
        g.fill(Rect(row: 1, col: 10, width: 70, height: 1), style: bg)
        let bytes = enc.encode(next: g, cursor: nil, cursorVisible: false)
        #expect(readable(bytes) == "\\e[2;11H\\e[44m\\e[K", "\(readable(bytes))")
    }

    /// Changed ASCII cells in one style are written as a run; unchanged
    /// cells between them are written again when that is no longer than
    /// the cheapest motion over them (3 bytes on xterm: `\e[C`), else the
    /// cursor moves.
    @Test func asciiRunsBridgeShortGapsAndMoveOverLongOnes() {
        var enc = encoder()
        let hl = enc.highlights
        let title = hl.intern(Style(attrs: .bold))
        var g = Grid(width: 40, height: 2)
        g.put(text: "abcdefghijklmnopqrstuvwxyz0123456789ABCD", row: 0, col: 0, style: .default)
        _ = enc.encode(next: g, cursor: nil, cursorVisible: false)
        // Gaps of 2 (bc) and 3 (efg) are bridged; a gap of 8 (i..p) is not.
        // (The repaint left the cursor in the pending wrap: CR starts.)
        g.put(text: "X", row: 0, col: 0, style: .default)
        g.put(text: "Y", row: 0, col: 3, style: .default)
        g.put(text: "Z", row: 0, col: 7, style: .default)
        g.put(text: "W", row: 0, col: 16, style: .default)
        // A style change ends the run.
        g.put(text: "V", row: 0, col: 17, style: title)
        let bytes = enc.encode(next: g, cursor: nil, cursorVisible: false)
        #expect(readable(bytes) == "\\e[?2026h\\rXbcYefgZ\\e[8CW\\e[1mV\\e[?2026l", "\(readable(bytes))")
        #expect(enc.lastFrame.cellsWritten == 10)
    }

    @Test func uncertainWidthClustersAreReanchored() {
        var enc = encoder()
        var g = Grid(width: 10, height: 1)
        _ = enc.encode(next: g, cursor: nil, cursorVisible: false)
        g.put(text: "a😀bc", row: 0, col: 0, style: .default)
        let text = readable(enc.encode(next: g, cursor: nil, cursorVisible: false))
        #expect(text.contains("😀\\e[1;4Hbc"), "\(text)")
    }

    @Test func wideCharacterHalvesAreNeverSentAlone() {
        var enc = encoder()
        var g = Grid(lines: ["中 c"])
        _ = enc.encode(next: g, cursor: nil, cursorVisible: false)
        g.put("x", row: 0, col: 1, style: .default)  // right half: lead becomes a space
        let text = readable(enc.encode(next: g, cursor: nil, cursorVisible: false))
        #expect(text.hasSuffix(" x"), "\(text)")
        g.put("文", row: 0, col: 0, style: .default)
        let text2 = readable(enc.encode(next: g, cursor: nil, cursorVisible: false))
        #expect(text2.hasSuffix("\\e[H文") || text2.hasSuffix("\\e[1;1H文") || text2.hasSuffix("\\r文"), "\(text2)")
    }

    /// The Prev / Next / Updates table of `FrameEncoder+Rows.swift`: the
    /// text printed (escape sequences and controls stripped) is the
    /// concatenated updates.
    @Test(arguments: [
        ("abc", "中c", "中"), ("中c", "abc", "ab"), ("中c", "a c", "a "), ("a中", "ab ", "b "),
        ("中c", "a中", "a中"), ("中c", "中d", "d"),
    ])
    func wideCharacterDiffTable(prev: String, next: String, printed: String) {
        var enc = encoder()
        _ = enc.encode(next: Grid(lines: [prev]), cursor: nil, cursorVisible: false)
        let bytes = enc.encode(next: Grid(lines: [next]), cursor: nil, cursorVisible: false)
        #expect(printedText(bytes) == printed, "\(readable(bytes))")
    }

    @Test func scrollOfAFullScreenUsesTheTerminal() {
        var enc = encoder()
        _ = enc.encode(next: textScreen(), cursor: Position(row: 49, col: 0), cursorVisible: true)
        let bytes = enc.encode(next: textScreen(shift: 1), cursor: Position(row: 49, col: 0), cursorVisible: true)
        print("scroll one line of a 200x50 text screen: \(bytes.count) bytes (Neovim 0.7.2: 69 for Ctrl-E)")
        #expect(enc.lastFrame.scrolledRows == 1)
        #expect(bytes.count < 260, "\(readable(bytes))")
    }

    /// A page scroll keeps 2 of 50 rows: not worth encoding the frame twice
    /// to try a terminal scroll; the rows are repainted (and come out right).
    @Test func pageScrollIsRepaintedWithoutTryingAScroll() {
        var enc = encoder()
        _ = enc.encode(next: textScreen(), cursor: nil, cursorVisible: false)
        let bytes = enc.encode(next: textScreen(shift: 48), cursor: nil, cursorVisible: false)
        #expect(enc.lastFrame.scrolledRows == 0)
        #expect(enc.scrollCandidate(base: textScreen(), next: textScreen(shift: 48)) == nil)
        #expect(enc.scrollCandidate(base: textScreen(), next: textScreen(shift: 5)) != nil)
        #expect(bytes.count > 0)
    }

    @Test func scrollOfABandUsesAScrollRegion() {
        var enc = encoder()
        let status = enc.highlights.resolve("StatusLine")
        func screen(_ shift: Int) -> Grid {
            var g = textScreen(shift: shift)
            g.fill(Rect(row: 0, col: 0, width: 200, height: 1), style: status)
            g.put(text: "title", row: 0, col: 0, style: status)
            g.fill(Rect(row: 48, col: 0, width: 200, height: 2), style: .default)
            g.put(text: "status", row: 48, col: 0, style: status)
            return g
        }
        _ = enc.encode(next: screen(0), cursor: nil, cursorVisible: false)
        let bytes = enc.encode(next: screen(3), cursor: nil, cursorVisible: false)
        print("scroll 3 lines of a 200x46 band: \(bytes.count) bytes")
        #expect(enc.lastFrame.scrolledRows == 3)
        #expect(readable(bytes).contains("\\e[2;48r"), "\(readable(bytes))")
        #expect(bytes.count < 900)
    }

    @Test func plainFullRedrawBytes() {
        var enc = encoder()
        let bytes = enc.encode(next: textScreen(), cursor: Position(row: 0, col: 0), cursorVisible: true)
        print("full redraw, plain text 200x50, every cell a letter: \(bytes.count) bytes "
              + "(Neovim 0.7.2: 5.5 KB for a screen of shorter lines)")
        #expect(bytes.count <= 200 * 50 + 200)  // text + a CR LF per row + clear
    }

    /// Neovim 0.7.2 sends 122 KB for a dense redraw, re-sending reset + fg
    /// + bg at every change; the target is half of that (<= 61 KB). The
    /// screen is code-like: a theme background, a new token style every few
    /// cells, indentation and spaces between tokens.
    @Test func denseRedrawIsAtMostHalfOfNeovim() {
        let hl = HighlightTable()
        var enc = encoder(.truecolor, hl)
        let g = codeScreen(hl)
        let bytes = enc.encode(next: g, cursor: Position(row: 0, col: 0), cursorVisible: true)
        let neovim = neovimStyleBytes(g, hl)
        print("full redraw, dense code-like highlights 200x50 truecolor: \(bytes.count) bytes "
              + "(reset+fg+bg at every change, as Neovim 0.7.2: \(neovim); Neovim measured 122 KB)")
        #expect(bytes.count <= 61_000)
        #expect(bytes.count * 2 <= neovim)
        var enc256 = encoder(.color256, hl)
        let bytes256 = enc256.encode(next: g, cursor: Position(row: 0, col: 0), cursorVisible: true)
        print("full redraw, dense code-like highlights 200x50 256 colours: \(bytes256.count) bytes")
    }

    /// The worst case: no spaces, a new style every 2-5 cells, no theme
    /// background. Reported, not asserted.
    @Test func denseRedrawWithoutSpacesBytes() {
        let hl = HighlightTable()
        var enc = encoder(.truecolor, hl)
        let g = denseScreen(denseStyles(hl))
        let bytes = enc.encode(next: g, cursor: Position(row: 0, col: 0), cursorVisible: true)
        print("full redraw, style every 2-5 cells, no spaces, 200x50 truecolor: \(bytes.count) bytes "
              + "(reset+fg+bg at every change: \(neovimStyleBytes(g, hl)))")
        #expect(bytes.count <= neovimStyleBytes(g, hl))
    }

    @Test func noColorModeSendsNoColour() {
        let hl = HighlightTable()
        let mode = ColorMode.detect(env: ["NO_COLOR": "1", "COLORTERM": "truecolor"], terminfoColors: 256)
        var enc = encoder(mode, hl)
        let bytes = enc.encode(next: denseScreen(denseStyles(hl)), cursor: nil, cursorVisible: false)
        let params = sgrParameters(bytes)
        #expect(!params.isEmpty)
        let colour = params.filter { p in
            let n = Int(p.split(separator: ":").first ?? "") ?? 0
            return (30...49).contains(n) || (90...107).contains(n) || n == 58 || n == 59
        }
        #expect(colour.isEmpty, "colour parameters \(colour)")
        #expect(params.contains("1") || params.contains("3"), "attributes are still sent")
    }

    @Test func invalidateForcesFullRepaint() {
        var enc = encoder()
        let g = textScreen(width: 20, height: 3)
        _ = enc.encode(next: g, cursor: nil, cursorVisible: false)
        enc.invalidate()
        let bytes = enc.encode(next: g, cursor: nil, cursorVisible: false)
        #expect(enc.lastFrame.fullRepaint)
        #expect(readable(bytes).contains("\\e[2J"))
        #expect(readable(bytes).contains(g.rowText(2).trimmingSpaces))
    }

    @Test func capturedAndFileOutput() throws {
        let cap = CapturedOutput()
        try cap.write([])
        try cap.write(Array("ab".utf8))
        #expect(cap.frames.count == 1)
        #expect(cap.bytes == Array("ab".utf8))
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        let out = FileDescriptorOutput(fd: fds[1])
        try out.write(Array(repeating: UInt8(ascii: "z"), count: 1000))
        close(fds[1])
        var buf = [UInt8](repeating: 0, count: 2000)
        #expect(read(fds[0], &buf, 2000) == 1000)
        #expect(throws: OutputError.self) { try FileDescriptorOutput(fd: -1).write([1]) }
    }
}

// MARK: - Helpers

/// Eight styles like a syntax-highlighted screen: truecolor foregrounds,
/// two backgrounds, some bold/italic.
func denseStyles(_ hl: HighlightTable) -> [StyleID] {
    [Style(fg: .rgb(220, 220, 170)), Style(fg: .rgb(86, 156, 214), attrs: [.bold]),
     Style(fg: .rgb(206, 145, 120)), Style(fg: .rgb(106, 153, 85), attrs: [.italic]),
     Style(fg: .rgb(197, 134, 192)), Style(fg: .rgb(156, 220, 254), bg: .rgb(38, 79, 120)),
     Style(fg: .rgb(212, 212, 212)), Style(fg: .rgb(244, 71, 71), bg: .rgb(60, 20, 20), attrs: [.underline])]
        .map { hl.intern($0) }
}

/// A 200x50 code-like screen: theme background on every cell, tokens of
/// 1-8 cells in one of seven styles separated by spaces, indentation, and a
/// highlighted "cursor line".
func codeScreen(_ hl: HighlightTable) -> Grid {
    let bg = Color.rgb(30, 30, 30)
    hl.set("Normal", HighlightDef(fg: .rgb(212, 212, 212), bg: bg))
    let normal = hl.resolve("Normal")
    let fgs: [(Color, Attributes)] = [(.rgb(86, 156, 214), [.bold]), (.rgb(206, 145, 120), []), (.rgb(106, 153, 85), [.italic]),
                                      (.rgb(181, 206, 168), []), (.rgb(78, 201, 176), []), (.rgb(220, 220, 170), []),
                                      (.rgb(212, 212, 212), [])]
    var g = Grid(width: 200, height: 50, style: normal)
    var rng = ScreenRNG(seed: 99)
    for r in 0..<50 {
        let lineBg = r == 20 ? Color.rgb(45, 45, 60) : bg
        if r == 20 { g.fill(Rect(row: r, col: 0, width: 200, height: 1), style: hl.intern(Style(bg: lineBg))) }
        var c = 2 * rng.below(5)
        let end = 120 + rng.below(80)
        while c < end {
            let (fg, attrs) = fgs[rng.below(fgs.count)]
            let style = hl.intern(Style(fg: fg, bg: lineBg, attrs: attrs))
            let n = 1 + rng.below(8)
            for i in 0..<n { g.put(String(UnicodeScalar(UInt8(97 + (r * 7 + c + i) % 26))), row: r, col: c + i, style: style) }
            c += n + 1
        }
    }
    return g
}

/// The bytes of the same screen drawn the way Neovim 0.7.2 does: every
/// style change re-sends reset + all colours + attributes, one cup per row.
func neovimStyleBytes(_ g: Grid, _ hl: HighlightTable) -> Int {
    var total = 0
    for r in 0..<g.height {
        total += 8
        var last: StyleID? = nil
        for c in 0..<g.width where !g[r, c].isContinuation {
            let cell = g[r, c]
            if cell.style != last {
                var out: [UInt8] = []
                SGR.transition(from: nil, to: hl.style(for: cell.style), into: &out)
                total += out.count
                last = cell.style
            }
            total += g.cluster(row: r, col: c).utf8.count
        }
    }
    return total
}

/// A 200x50 screen whose style changes every 2-5 cells.
func denseScreen(_ styles: [StyleID]) -> Grid {
    var g = Grid(width: 200, height: 50)
    var rng = ScreenRNG(seed: 42)
    for r in 0..<50 {
        var c = 0
        while c < 200 {
            let n = 2 + rng.below(4)
            let style = styles[rng.below(styles.count)]
            for i in 0..<n { g.put(String(UnicodeScalar(UInt8(97 + (r + c + i) % 26))), row: r, col: c + i, style: style) }
            c += n
        }
    }
    return g
}

/// The text printed by `bytes`: escape sequences and C0 controls removed.
func printedText(_ bytes: [UInt8]) -> String {
    var out: [UInt8] = []
    var i = 0
    while i < bytes.count {
        let b = bytes[i]
        if b == 0x1B, i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "[") {
            i += 2
            while i < bytes.count, !(0x40...0x7E).contains(bytes[i]) { i += 1 }
        } else if b == 0x1B {
            i += 1
        } else if b >= 0x20 {
            out.append(b)
        }
        i += 1
    }
    return String(decoding: out, as: UTF8.self)
}

/// Every SGR parameter in `bytes` (split on `;`).
func sgrParameters(_ bytes: [UInt8]) -> [String] {
    var params: [String] = []
    var i = 0
    while i + 1 < bytes.count {
        guard bytes[i] == 0x1B, bytes[i + 1] == UInt8(ascii: "[") else { i += 1; continue }
        var j = i + 2
        while j < bytes.count, (0x30...0x3F).contains(bytes[j]) { j += 1 }
        if j < bytes.count, bytes[j] == UInt8(ascii: "m") {
            params += String(decoding: bytes[(i + 2)..<j], as: UTF8.self).split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        }
        i = j
    }
    return params
}
