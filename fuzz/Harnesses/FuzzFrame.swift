import Kernel
import Render

// The frame encoder against libvterm, a real terminal emulator: random
// grids in, and after each frame the terminal's screen must equal the grid
// (text, widths, attributes, colours as the colour mode shows them) and
// its cursor must be where the frame put it; sending the same grid again
// must send nothing.
//
// Input: a terminal choice, a colour mode, a size, then a list of edits
// (text runs, boxes, scrolls, cleared rows, resizes), one frame each.

/// Clusters drawn into grids; libvterm agrees with our width for each
/// (VS16, ZWJ, flag and skin-tone sequences are left out: libvterm 0.1.4
/// measures them per code point).
private let alphabet: [String] = [
    "a", "b", "x", "Z", "0", " ", " ", "#", "~", "é", "ß", "λ", "Ж", "中", "文", "가", "😀", "🎉", "✅",
    "e\u{301}", "a\u{301}\u{302}", "─", "│", "┌", "\u{FFFD}", "\u{1B}", "\u{7}", "\u{9B}", "\t",
]

/// The terminals frames are encoded for: the built-in xterm set, the
/// machine's xterm-256color terminfo, and two poorer terminals (no scroll
/// region and one-step moves only; absolute moves only). The libvterm
/// round-trip tests draw from the same set.
public let frameTestTerminals: [Terminfo] = {
    var noRegion = Terminfo.xterm
    noRegion.csr = nil
    noRegion.indn = nil
    noRegion.rin = nil
    noRegion.cuf = nil
    noRegion.cub = nil
    noRegion.hpa = nil
    noRegion.vpa = nil
    var minimal = Terminfo(name: "minimal", colors: 8)
    minimal.cup = Terminfo.xterm.cup
    return [.xterm, Terminfo.load(term: "xterm-256color"), noRegion, minimal]
}()

public func fuzzFrame(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var r = FuzzReader(data, size)
    let terminfo = r.pick(frameTestTerminals)
    let mode = r.pick(ColorMode.allCases)
    let hl = HighlightTable(defaults: false)
    let styles = (0..<6).map { _ in hl.intern(style(&r)) } + [.default]
    var width = r.int(in: 1...40), height = r.int(in: 1...12)
    var grid = Grid(width: width, height: height)
    let vt = VTermScreen(rows: height, cols: width)
    var enc = FrameEncoder(terminfo: terminfo, colorMode: mode, highlights: hl)
    enc.useScrollRegions = r.chance(75)
    var frame = 0
    while !r.isAtEnd && frame < 40 {
        frame += 1
        if r.chance(8) {
            width = r.int(in: 1...40)
            height = r.int(in: 1...12)
            grid.resize(width: width, height: height, style: r.pick(styles))
            vt.resize(rows: height, cols: width)
            enc.invalidate()
        }
        edit(&grid, &r, styles: styles)
        let cursor = Position(row: r.int(in: 0...(height - 1)), col: r.int(in: 0...(width - 1)))
        let visible = r.chance(70)
        let bytes = enc.encode(next: grid, cursor: cursor, cursorVisible: visible)
        vt.feed(bytes)
        if let m = vt.mismatch(with: grid, highlights: hl, mode: mode) {
            fuzzCheck(false, "frame \(frame) (\(terminfo.name), \(mode), \(width)x\(height)): \(m)\n"
                      + "sent: \(fuzzDescribe(bytes, limit: 2000))\ngrid:\n\(grid.styledDescription)")
        }
        fuzzCheck(!visible || vt.cursor == cursor, "frame \(frame): cursor \(vt.cursor) != \(cursor)")
        let again = enc.encode(next: grid, cursor: cursor, cursorVisible: visible)
        fuzzCheck(again.isEmpty, "frame \(frame): the same grid again sent \(again.count) bytes")
    }
    return 0
}

private func style(_ r: inout FuzzReader) -> Style {
    func color() -> Color {
        switch r.int(in: 0...3) {
        case 0: return .default
        case 1: return .indexed(UInt8(r.int(in: 0...15)))
        case 2: return .indexed(r.byte())
        default: return .rgb(r.byte(), r.byte(), r.byte())
        }
    }
    return Style(fg: color(), bg: color(), sp: .default, attrs: Attributes(rawValue: r.byte() & 0x7F))
}

/// One edit: text runs, a float-like box, a scrolled band, a cleared row.
private func edit(_ g: inout Grid, _ r: inout FuzzReader, styles: [StyleID]) {
    let style = r.pick(styles)
    switch r.int(in: 0...5) {
    case 0, 1:
        var text = ""
        for _ in 0..<r.int(in: 1...g.width) { text += r.pick(alphabet) }
        g.put(text: text, row: r.int(in: 0...(g.height - 1)), col: r.int(in: 0...g.width) - 1, style: style)
    case 2:
        let box = Rect(row: r.int(in: 0...g.height) - 1, col: r.int(in: 0...g.width) - 2,
                       width: r.int(in: 1...(g.width + 1)), height: r.int(in: 1...g.height))
        g.fill(box, cluster: r.chance(80) ? " " : "中", style: style)
        g.put(text: "┌─" + r.pick(alphabet) + "─┐", row: box.row, col: box.col, style: style)
    case 3:
        let top = r.int(in: 0...(g.height - 1))
        let bottom = top + r.int(in: 0...(g.height - 1 - top))
        let k = r.chance(50) ? r.int(in: 1...3) : -r.int(in: 1...3)
        g.scroll(top: top, bottom: bottom, by: k, style: r.chance(50) ? .default : style)
    case 4:
        g.clearRow(r.int(in: 0...(g.height - 1)), style: style)
    default:
        break
    }
}
