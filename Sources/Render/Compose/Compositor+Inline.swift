import Kernel

/// What inline mode needs from the compositor: finished lines drawn at the
/// terminal's width for the scrollback, and the rows the live lines take.
extension Compositor {
    /// Lines `lines` of stock window `win`'s buffer drawn in full (every
    /// wrapped row and virtual line, no selection or cursor) `width` cells
    /// wide, as the window draws them: the rows inline mode writes into
    /// the terminal's scrollback.
    public func renderLines(_ win: Window, _ lines: Range<Int>, width: Int, in editor: Editor) -> Grid {
        guard let buf = editor.buffers[win.buffer], width > 0 else { return Grid(width: max(1, width), height: 0) }
        let base = highlights.resolve(win.options.normalHl)
        let nonText = highlights.resolve("NonText")
        let range = max(0, lines.lowerBound)..<min(buf.lineCount, lines.upperBound)
        var layouts: [(line: Int, layout: LineLayout, rows: Int)] = []
        var total = 0
        for i in range {
            guard let text = buf.line(i) else { continue }
            let layout = lineLayout(win, buf, line: i, text: text, width: width, base: base)
            let rows = layout.above + layout.segments.count + layout.display.linesBelow.count
            layouts.append((i, layout, rows))
            total += rows
        }
        var grid = Grid(width: width, height: total, style: base)
        var row = 0
        for (i, layout, rows) in layouts {
            let area = Rect(row: row, col: 0, width: width, height: rows)
            let visible = VisibleLine(line: i, firstRow: 0, rowCount: rows, screenRow: 0)
            _ = drawer.drawLine(layout.display, win: win, visible: visible, area: area, grid: &grid,
                                cursorCol: nil, nonText: nonText)
            row += rows
        }
        return grid
    }

    /// The rows the lines of stock window `win` from its first shown line
    /// to the end take at content width `width`, at most `cap` (work is
    /// bounded by `cap`).
    public func liveRows(_ win: Window, width: Int, cap: Int, in editor: Editor) -> Int {
        guard let buf = editor.buffers[win.buffer], cap > 0 else { return 0 }
        let base = highlights.resolve(win.options.normalHl)
        return drawer.viewport(win, buf, size: Size(width: max(1, width), height: cap), base: base).tailRows(cap: cap)
    }
}

extension Grid {
    /// This grid with the rows of `below` under it (as wide as the wider).
    public func stacked(above below: Grid) -> Grid {
        var g = Grid(width: max(width, below.width), height: height + below.height)
        g.blit(self, at: Position(row: 0, col: 0))
        g.blit(below, at: Position(row: height, col: 0))
        return g
    }
}
