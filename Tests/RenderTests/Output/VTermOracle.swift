import CVTerm
#if canImport(Glibc)
import Glibc
#endif
@testable import Render

/// libvterm 0.1.4 as a test oracle: a real terminal emulator that the
/// encoder's bytes are fed into, whose screen must then equal our grid.
final class VTermOracle {
    private var vt: OpaquePointer
    private var screen: OpaquePointer
    private(set) var rows: Int
    private(set) var cols: Int

    init(rows: Int, cols: Int) {
        self.rows = rows
        self.cols = cols
        if let f = Self.dump { fputs("N\(rows) \(cols)\n", f); fflush(f) }
        vt = vterm_new(Int32(rows), Int32(cols))
        vterm_set_utf8(vt, 1)
        screen = vterm_obtain_screen(vt)
        vterm_screen_reset(screen, 1)
    }

    deinit { vterm_free(vt) }

    /// When `WEFT_VTERM_DUMP` names a file, every terminal created (`N`),
    /// resized (`R`) and fed (`F<len>` + bytes) is logged there, so a crash
    /// inside libvterm can be replayed by a small C program.
    nonisolated(unsafe) static var dump: UnsafeMutablePointer<FILE>? = screenEnv("WEFT_VTERM_DUMP").flatMap { fopen($0, "w") }

    /// Feeds terminal output.
    func feed(_ bytes: [UInt8]) {
        if let f = Self.dump { fputs("F\(bytes.count)\n", f); fwrite(bytes, 1, bytes.count, f); fputs("\n", f); fflush(f) }
        bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                _ = vterm_input_write(vt, p, buf.count)
            }
        }
    }

    /// Changes the terminal size (as a window resize does).
    func resize(rows: Int, cols: Int) {
        self.rows = rows
        self.cols = cols
        if let f = Self.dump { fputs("R\(rows) \(cols)\n", f); fflush(f) }
        vterm_set_size(vt, Int32(rows), Int32(cols))
    }

    /// The cell at (row, col).
    func cell(_ row: Int, _ col: Int) -> VTermScreenCell {
        var cell = VTermScreenCell()
        _ = vterm_screen_get_cell(screen, VTermPos(row: Int32(row), col: Int32(col)), &cell)
        return cell
    }

    /// The cursor position.
    var cursor: Position {
        var pos = VTermPos()
        vterm_state_get_cursorpos(vterm_obtain_state(vt), &pos)
        return Position(row: Int(pos.row), col: Int(pos.col))
    }

    /// The scalars shown in a cell (empty for a continuation, " " for an
    /// erased cell).
    func scalars(_ row: Int, _ col: Int) -> [UInt32] { Self.scalars(of: cell(row, col)) }

    static func scalars(of c: VTermScreenCell) -> [UInt32] {
        let ch = c.chars
        if ch.0 == 0xFFFF_FFFF { return [] }
        if ch.0 == 0 { return [0x20] }
        if ch.1 == 0 { return [ch.0] }
        return Array([ch.0, ch.1, ch.2, ch.3, ch.4, ch.5].prefix { $0 != 0 })
    }

    /// Row `r` as text (continuations skipped), for failure messages.
    func rowText(_ r: Int) -> String {
        var s = ""
        for c in 0..<cols {
            for v in scalars(r, c) { s.unicodeScalars.append(Unicode.Scalar(v) ?? "?") }
        }
        return s
    }

    /// A description of the first cell where the terminal differs from
    /// `grid` drawn with `highlights` in `mode`, or nil when they agree.
    func mismatch(with grid: Grid, highlights: HighlightTable, mode: ColorMode) -> String? {
        guard grid.width == cols, grid.height == rows else { return "size \(cols)x\(rows) vs grid \(grid.size)" }
        var enc = FrameEncoder(terminfo: .xterm, colorMode: mode, highlights: highlights)
        for r in 0..<rows {
            for c in 0..<cols {
                let cell = grid[r, c]
                let vc = self.cell(r, c)
                let want: [UInt32]
                if cell.isContinuation {
                    want = []
                } else if !cell.isExternal, cell.glyph < 0x80 {
                    want = [UInt32(cell.glyph)]
                } else {
                    want = grid.cluster(row: r, col: c).unicodeScalars.map(\.value)
                }
                let got = Self.scalars(of: vc)
                var problem: String? = nil
                if got != want {
                    problem = "text \(got.map { String($0, radix: 16) }) != \(want.map { String($0, radix: 16) })"
                } else if !cell.isContinuation, Int(vc.width) != Int(cell.width) {
                    problem = "width \(vc.width) != \(cell.width)"
                } else if !cell.isContinuation {
                    let style = enc.effectiveStyle(cell.style)
                    problem = want == [0x20] ? blankProblem(vc, style) : styleProblem(vc, style)
                }
                if let problem {
                    return """
                        row \(r) col \(c): \(problem)
                          want |\(grid.rowText(r))|
                          got  |\(rowText(r))|
                        """
                }
            }
        }
        return nil
    }

    /// A space is compared by its look: background and the attributes that
    /// show on blanks; everything when such an attribute is set.
    private func blankProblem(_ vc: VTermScreenCell, _ s: Style) -> String? {
        if s.attrs.rawValue & Attributes.visibleOnBlank.rawValue != 0 { return styleProblem(vc, s) }
        let a = vc.attrs
        if a.underline != 0 || a.reverse != 0 || a.strike != 0 { return "blank shows attributes vs \(s)" }
        if !colorMatches(vc.bg, s.bg, defaultFlag: UInt8(VTERM_COLOR_DEFAULT_BG.rawValue)) { return "blank bg vs \(s)" }
        return nil
    }

    private func styleProblem(_ vc: VTermScreenCell, _ s: Style) -> String? {
        let a = vc.attrs
        let bits = s.attrs.rawValue
        func has(_ attr: Attributes) -> Bool { bits & attr.rawValue != 0 }
        if (a.bold != 0) != has(.bold) { return "bold \(a.bold) vs \(s)" }
        if (a.italic != 0) != has(.italic) { return "italic \(a.italic) vs \(s)" }
        if Int(a.underline) != (has(.undercurl) ? 3 : has(.underline) ? 1 : 0) { return "underline \(a.underline) vs \(s)" }
        if (a.reverse != 0) != has(.reverse) { return "reverse \(a.reverse) vs \(s)" }
        if (a.strike != 0) != has(.strikethrough) { return "strike \(a.strike) vs \(s)" }
        if !colorMatches(vc.fg, s.fg, defaultFlag: UInt8(VTERM_COLOR_DEFAULT_FG.rawValue)) { return "fg vs \(s)" }
        if !colorMatches(vc.bg, s.bg, defaultFlag: UInt8(VTERM_COLOR_DEFAULT_BG.rawValue)) { return "bg vs \(s)" }
        return nil
    }

    private func colorMatches(_ vc: VTermColor, _ want: Color, defaultFlag: UInt8) -> Bool {
        let type = vc.type
        let isDefault = type & defaultFlag != 0
        let isIndexed = type & UInt8(VTERM_COLOR_TYPE_MASK.rawValue) == UInt8(VTERM_COLOR_INDEXED.rawValue)
        switch want {
        case .default: return isDefault
        case .indexed(let n): return !isDefault && isIndexed && vc.indexed.idx == n
        case .rgb(let r, let g, let b):
            return !isDefault && !isIndexed && vc.rgb.red == r && vc.rgb.green == g && vc.rgb.blue == b
        }
    }
}
