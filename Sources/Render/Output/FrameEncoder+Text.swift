/// Rows written as a text stream (inline mode's scrollback): each row's
/// cells with incremental SGR, its trailing blanks left out (an erase to
/// the end of the line paints a coloured tail, so a code block keeps its
/// background to the edge), then the pen reset and CRLF. No absolute
/// cursor motion is used: the rows are printed where the cursor is and
/// scroll the screen like any program's output. After a cluster whose
/// width terminals disagree about, CHA (`ESC [ n G`) puts the cursor back
/// on the right column.
extension FrameEncoder {
    /// Appends row `row` of `grid` as text, then `ESC [ 0 m` and CRLF.
    mutating func appendTextRow(_ row: Int, of grid: Grid, into out: inout [UInt8]) {
        let w = grid.width
        let rowStart = row * w
        var end = w
        var tailStyle: Style?
        if let t = blankTail(row: row, next: grid) {
            end = t.start
            if t.style.bg != .default { tailStyle = t.style }
        }
        var col = 0
        while col < end {
            let cell = grid.cells[rowStart + col]
            if cell.isContinuation { col += 1; continue }
            let style = effectiveStyle(cell.style)
            if !(cell.isSpace && pen.map { Self.blankLooksSame($0, style) } == true) {
                setPen(style, into: &out)
            }
            grid.appendBytes(of: cell, to: &out)
            col += Int(max(1, cell.width))
            if isUncertain(cell, in: grid), col < w {
                out += Array("\u{1b}[\(col + 1)G".utf8)
            }
        }
        if let tailStyle, let el = caps.ti.el {
            setPen(tailStyle, into: &out)
            el.append(to: &out)
        }
        if let p = pen, p.link != 0 { SGR.hyperlink(nil, into: &out) }
        SGR.transition(from: nil, to: .plain, into: &out)
        pen = .plain
        out += [0x0D, 0x0A]
    }
}
