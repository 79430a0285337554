import CVTerm
import Kernel
import Render

/// libvterm as the oracle of the frame encoder target: bytes the encoder
/// wrote are fed into a real terminal emulator, whose screen must then
/// show the grid (text, widths, attributes, colours as the colour mode
/// shows them).
public final class VTermScreen {
    private let vt: OpaquePointer
    private let screen: OpaquePointer
    /// The terminal's size.
    public private(set) var rows: Int
    public private(set) var cols: Int

    /// A fresh terminal of `rows` x `cols` in UTF-8 mode.
    public init(rows: Int, cols: Int) {
        self.rows = rows
        self.cols = cols
        vt = vterm_new(Int32(rows), Int32(cols))
        vterm_set_utf8(vt, 1)
        screen = vterm_obtain_screen(vt)
        vterm_screen_reset(screen, 1)
    }

    deinit { vterm_free(vt) }

    /// Feeds terminal output.
    public func feed(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                _ = vterm_input_write(vt, $0, buf.count)
            }
        }
    }

    /// Resizes the terminal (a window resize).
    public func resize(rows: Int, cols: Int) {
        self.rows = rows
        self.cols = cols
        vterm_set_size(vt, Int32(rows), Int32(cols))
    }

    /// The cursor position.
    public var cursor: Position {
        var pos = VTermPos()
        vterm_state_get_cursorpos(vterm_obtain_state(vt), &pos)
        return Position(row: Int(pos.row), col: Int(pos.col))
    }

    private func cell(_ row: Int, _ col: Int) -> VTermScreenCell {
        var cell = VTermScreenCell()
        _ = vterm_screen_get_cell(screen, VTermPos(row: Int32(row), col: Int32(col)), &cell)
        return cell
    }

    private static func scalars(of c: VTermScreenCell) -> [UInt32] {
        let ch = c.chars
        if ch.0 == 0xFFFF_FFFF { return [] }
        if ch.0 == 0 { return [0x20] }
        return Array([ch.0, ch.1, ch.2, ch.3, ch.4, ch.5].prefix { $0 != 0 })
    }

    /// The first cell where the terminal differs from `grid` (styles looked
    /// up in `highlights`, colours downgraded to `mode`), or nil.
    public func mismatch(with grid: Grid, highlights: HighlightTable, mode: ColorMode) -> String? {
        guard grid.width == cols, grid.height == rows else { return "size \(cols)x\(rows) vs grid \(grid.size)" }
        for r in 0..<rows {
            for c in 0..<cols {
                let cell = grid[r, c]
                let vc = self.cell(r, c)
                let want: [UInt32] = cell.isContinuation ? [] : grid.cluster(row: r, col: c).unicodeScalars.map(\.value)
                let got = Self.scalars(of: vc)
                if got != want { return "row \(r) col \(c): text \(got) != \(want)" }
                if cell.isContinuation { continue }
                if Int(vc.width) != Int(cell.width) { return "row \(r) col \(c): width \(vc.width) != \(cell.width)" }
                let style = Self.shown(highlights.style(for: cell.style), mode)
                if let p = want == [0x20] ? blankProblem(vc, style) : styleProblem(vc, style) {
                    return "row \(r) col \(c): \(p)"
                }
            }
        }
        return nil
    }

    /// A style as the terminal shows it in `mode`.
    static func shown(_ style: Style, _ mode: ColorMode) -> Style {
        var s = style
        s.fg = mode.downgrade(s.fg)
        s.bg = mode.downgrade(s.bg)
        return s
    }

    private func blankProblem(_ vc: VTermScreenCell, _ s: Style) -> String? {
        if s.attrs.rawValue & Attributes.visibleOnBlank.rawValue != 0 { return styleProblem(vc, s) }
        let a = vc.attrs
        if a.underline != 0 || a.reverse != 0 || a.strike != 0 { return "blank shows attributes vs \(s)" }
        if !colorMatches(vc.bg, s.bg, UInt8(VTERM_COLOR_DEFAULT_BG.rawValue)) { return "blank bg vs \(s)" }
        return nil
    }

    private func styleProblem(_ vc: VTermScreenCell, _ s: Style) -> String? {
        let a = vc.attrs
        func has(_ attr: Attributes) -> Bool { s.attrs.rawValue & attr.rawValue != 0 }
        if (a.bold != 0) != has(.bold) { return "bold vs \(s)" }
        if (a.italic != 0) != has(.italic) { return "italic vs \(s)" }
        if Int(a.underline) != (has(.undercurl) ? 3 : has(.underline) ? 1 : 0) { return "underline vs \(s)" }
        if (a.reverse != 0) != has(.reverse) { return "reverse vs \(s)" }
        if (a.strike != 0) != has(.strikethrough) { return "strike vs \(s)" }
        if !colorMatches(vc.fg, s.fg, UInt8(VTERM_COLOR_DEFAULT_FG.rawValue)) { return "fg vs \(s)" }
        if !colorMatches(vc.bg, s.bg, UInt8(VTERM_COLOR_DEFAULT_BG.rawValue)) { return "bg vs \(s)" }
        return nil
    }

    private func colorMatches(_ vc: VTermColor, _ want: Color, _ defaultFlag: UInt8) -> Bool {
        let isDefault = vc.type & defaultFlag != 0
        let isIndexed = vc.type & UInt8(VTERM_COLOR_TYPE_MASK.rawValue) == UInt8(VTERM_COLOR_INDEXED.rawValue)
        switch want {
        case .default: return isDefault
        case .indexed(let n): return !isDefault && isIndexed && vc.indexed.idx == n
        case .rgb(let r, let g, let b):
            return !isDefault && !isIndexed && vc.rgb.red == r && vc.rgb.green == g && vc.rgb.blue == b
        }
    }
}
