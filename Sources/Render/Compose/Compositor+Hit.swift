import Kernel

/// Mapping between the screen and the buffers shown on it, as drawn in the
/// last frame: which window is under a cell, which buffer position a cell
/// shows (mouse selection), the screen rows of a line (display-row
/// motions) and keeping a position in view.
extension Compositor {
    /// The visible window under screen cell `p` in the last frame: the
    /// topmost float that covers it, else the tiled window.
    public func window(at p: Position, in editor: Editor) -> Window? {
        let rects = self.rects.isEmpty ? windowRects(editor) : self.rects
        for w in editor.floatsByZ.reversed() where rects[w.id]?.contains(row: p.row, col: p.col) == true { return w }
        for id in editor.layout?.windows ?? [] {
            if let w = editor.windows[id], !w.hidden, rects[id]?.contains(row: p.row, col: p.col) == true { return w }
        }
        return nil
    }

    /// The content rectangle of `win` (inside its border) in the last frame.
    public func contentRect(_ win: Window, in editor: Editor) -> Rect? {
        guard let rect = rects[win.id] ?? windowRects(editor)[win.id] else { return nil }
        return win.border.thickness > 0 ? rect.inset(by: 1) : rect
    }

    /// The buffer position shown at screen cell `p` of stock window `win`:
    /// the first byte of the character there. A cell past the end of a
    /// line's text (or at the `›` edge of a cut no-wrap line) gives the
    /// line's length; a row of virtual lines gives the start (above) or
    /// end (below) of its line; inline virtual text gives the position it
    /// is inserted at. Cells above or below the window are clamped to its
    /// first or last row. Nil for an empty window or an extension window.
    public func bufferPosition(_ win: Window, at p: Position, in editor: Editor) -> Position? {
        guard win.renderer == .stock, let buf = editor.buffers[win.buffer],
              let area = contentRect(win, in: editor), !area.isEmpty else { return nil }
        let base = highlights.resolve(win.options.normalHl)
        let vp = drawer.viewport(win, buf, size: area.size, base: base)
        let view = vp.clamp(win.view)
        let visible = vp.visibleLines(view)
        guard let last = visible.last else { return nil }
        let row = min(max(0, p.row - area.row), last.screenRow + last.rowCount - 1)
        guard let v = visible.first(where: { row < $0.screenRow + $0.rowCount }),
              let line = buf.line(v.line) else { return nil }
        let layout = lineLayout(win, buf, line: v.line, text: line, width: area.width, base: base)
        let index = v.firstRow + (row - v.screenRow)
        let length = line.utf8.count
        guard index >= layout.above else { return Position(row: v.line, col: 0) }
        let k = index - layout.above
        guard k < layout.segments.count else { return Position(row: v.line, col: length) }
        let seg = layout.segments[k]
        let col = p.col - area.col
        let cut = layout.display.noWrap || !win.options.wrap
        if cut && col >= area.width - 1 && TextMeasure.measure(layout.display.text, tabstop: win.options.tabstop) > area.width {
            return Position(row: v.line, col: length)
        }
        let byte = displayByte(at: col - seg.startColumn, in: layout.display.text, segment: seg,
                               isLast: k == layout.segments.count - 1, tabstop: win.options.tabstop)
        return Position(row: v.line, col: min(length, layout.display.sourceByte(forDisplay: byte)))
    }

    /// The wrapped text rows of buffer line `line` of stock window `win` at
    /// its current width (one segment when it does not wrap), without its
    /// virtual lines.
    public func segments(_ win: Window, line: Int, in editor: Editor) -> [WrapSegment] {
        guard let buf = editor.buffers[win.buffer], let text = buf.line(line),
              let area = contentRect(win, in: editor) else { return [] }
        let base = highlights.resolve(win.options.normalHl)
        let layout = lineLayout(win, buf, line: line, text: text, width: max(1, area.width), base: base)
        let d = layout.display
        // In source bytes, for callers that move a cursor.
        return layout.segments.map { seg in
            WrapSegment(byteRange: d.sourceByte(forDisplay: seg.byteRange.lowerBound)..<d.sourceByte(forDisplay: seg.byteRange.upperBound),
                        startColumn: seg.startColumn, width: seg.width, showsBreak: seg.showsBreak)
        }
    }

    /// Scrolls stock window `win` as little as possible so that the screen
    /// row holding byte `col` of line `line` is visible.
    public func reveal(_ win: Window, line: Int, col: Int, in editor: Editor) {
        guard let buf = editor.buffers[win.buffer], let area = contentRect(win, in: editor), !area.isEmpty else { return }
        let base = highlights.resolve(win.options.normalHl)
        let vp = drawer.viewport(win, buf, size: area.size, base: base)
        var row = 0
        if let text = buf.line(line) {
            let layout = lineLayout(win, buf, line: line, text: text, width: area.width, base: base)
            let display = layout.display.displayByte(forSource: col)
            let k = layout.segments.lastIndex { $0.byteRange.lowerBound <= display } ?? 0
            row = layout.above + k
        }
        let old = win.view
        let view = vp.reveal(old, line: line, row: row)
        guard view != vp.clamp(old) || win.view.follow != view.follow else { return }
        win.view = view
        editor.requestRedraw()
    }

    /// A line as the drawer lays it out: its display form, virtual rows
    /// above it and its wrapped text rows.
    struct LineLayout {
        var display: DisplayLine
        var above: Int
        var segments: [WrapSegment]
    }

    func lineLayout(_ win: Window, _ buf: Buffer, line: Int, text: String, width: Int, base: StyleID) -> LineLayout {
        let marks = buf.extmarks.count > 0 ? buf.extmarks.list(rows: line..<(line + 1), overlap: true) : []
        let d = DisplayLine.make(line: text, row: line, marks: marks, base: base, highlights: highlights)
        let segments = win.options.wrap && !d.noWrap
            ? Wrapper.wrap(d.text, width: width, options: WindowDrawer.wrapOptions(win))
            : [WrapSegment(byteRange: 0..<d.text.utf8.count, startColumn: 0, width: 0, showsBreak: false)]
        return LineLayout(display: d, above: d.linesAbove.count, segments: segments)
    }

    /// The display byte of the cluster at column `col` of a row showing
    /// `segment`; past the text: the segment's end on the last row, its
    /// last cluster on the others.
    private func displayByte(at col: Int, in text: String, segment: WrapSegment, isLast: Bool, tabstop: Int) -> Int {
        guard col > 0 else { return segment.byteRange.lowerBound }
        var found: Int?
        var lastStart = segment.byteRange.lowerBound
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { all in
            let slice = UnsafeBufferPointer(rebasing: all[segment.byteRange])
            TextMeasure.forEachCluster(slice, tabstop: tabstop) { c in
                lastStart = segment.byteRange.lowerBound + c.byteRange.lowerBound
                if c.column + c.width > col { found = lastStart; return false }
                return true
            }
        }
        if let found { return found }
        return isLast ? segment.byteRange.upperBound : lastStart
    }
}

extension DisplayLine {
    /// The source byte a display byte shows; a byte of inline virtual text
    /// maps to the source position it is inserted at.
    func sourceByte(forDisplay byte: Int) -> Int {
        var shift = 0
        for ins in insertions {
            let at = ins.at + shift
            if byte < at { break }
            if byte < at + ins.count { return ins.at }
            shift += ins.count
        }
        return byte - shift
    }
}
