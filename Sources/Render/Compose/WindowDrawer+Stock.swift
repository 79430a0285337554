import Kernel

// Stock windows: buffer lines + extmarks, soft-wrapped, through the viewport.
extension WindowDrawer {
    /// The wrap options of a window.
    static func wrapOptions(_ win: Window) -> WrapOptions {
        wrapOptions(win.options)
    }

    /// The wrap options of window options.
    static func wrapOptions(_ o: WindowOptions) -> WrapOptions {
        WrapOptions(linebreak: o.linebreak, breakindent: o.breakindent, showbreak: o.showbreak, tabstop: o.tabstop)
    }

    /// Builds the viewport of `win` over `buf` for a content area of `size`.
    /// Row counts include virtual lines; lines are measured only on demand.
    func viewport(_ win: Window, _ buf: Buffer, size: Size, base: StyleID) -> Viewport {
        let width = win.options.wrap ? size.width : Int.max / 4
        let options = Self.wrapOptions(win)
        // Only marks with virtual text, virtual lines or no-wrap change a
        // line's height; without any, heights come from the wrap cache alone.
        let hasMarks = buf.extmarks.layoutMarkCount > 0
        let highlights = self.highlights
        let box = wrapCache
        let markRows: MarkRows? = hasMarks ? MarkRows(buf.extmarks) : nil
        let kept = lineHeights.table(for: win.id)
        kept.validate(buf, width: width, wrap: win.options.wrap, options: options)
        let vp = Viewport(lineCount: buf.lineCount, height: size.height, firstLine: win.firstShownLine) { i in
            if let rows = kept.rows(of: i) { return rows }
            let rows = Self.measure(i, win: win, buf: buf, width: width, options: options, markRows: markRows,
                                    wraps: box, base: base, highlights: highlights)
            kept.store(rows, of: i)
            return rows
        }
        return vp
    }

    /// The rows line `i` of `buf` takes in `win` (a viewport's row count).
    private static func measure(_ i: Int, win: Window, buf: Buffer, width: Int, options: WrapOptions,
                                markRows: MarkRows?, wraps box: WrapCacheBox, base: StyleID,
                                highlights: HighlightTable) -> Int {
        guard let line = buf.line(i) else { return 1 }
        guard let markRows else {
            return win.options.wrap ? box.cache.rowCount(line, slot: i, width: width, options: options) : 1
        }
        let layout = markRows.marks(startingOn: i)
        // Marks that neither add text (inline virtual text) nor rows
        // (virtual lines) leave the height of the plain line: cached.
        if layout.allSatisfy({ $0.decoration.virtText.isEmpty && $0.decoration.virtLines.isEmpty }) {
            let wraps = win.options.wrap && !layout.contains { $0.decoration.noWrap }
            return wraps ? box.cache.rowCount(line, slot: i, width: width, options: options) : 1
        }
        let marks = buf.extmarks.list(rows: i..<(i + 1))
        let d = DisplayLine.make(line: line, row: i, marks: marks, base: base, highlights: highlights)
        let rows = win.options.wrap && !d.noWrap ? Wrapper.rowCount(d.text, width: width, options: options) : 1
        return rows + d.virtualRows
    }

    /// The viewport step of a stock window: its view followed to the tail
    /// or clamped to the buffer. ``Compositor`` stores the result in
    /// `win.view` before drawing, so drawing never changes window state.
    static func settledView(_ view: WindowView, in vp: Viewport) -> WindowView {
        view.follow ? vp.tail() : vp.clamp(view)
    }

    /// Draws the visible part of a stock window for its settled `win.view`
    /// through `vp` (its viewport for `area`). Reads the window, never
    /// writes it. Returns the cursor's screen spot when the cursor line is
    /// visible.
    ///
    /// Lines outside the rows changed since the last frame are copied from
    /// the line cache first; the marks are listed only for the lines left
    /// to draw (one query per run of adjacent lines).
    ///
    /// With `inPlace` (the grid holds the last frame, ``RetainedFrame``), a
    /// line the cache would copy to the rows and column it had in the last
    /// frame is left as it is; the rows of every other line, and those
    /// below the last line, are cleared before drawing and added to
    /// `inPlace`.
    mutating func drawStock(_ win: Window, _ buf: Buffer, viewport vp: Viewport, area: Rect, base: StyleID,
                            grid: inout Grid, inPlace: inout TouchedRows?) -> CursorSpot? {
        guard !area.isEmpty else { return nil }
        let view = win.view
        let visible = vp.visibleLines(view)
        /// Clears screen rows `rows` of the area when drawing in place.
        func clear(_ rows: Range<Int>) {
            guard inPlace != nil, !rows.isEmpty else { return }
            grid.fill(Rect(row: rows.lowerBound, col: area.col, width: area.width, height: rows.count), style: base)
            inPlace?.insert(rows)
        }
        if let last = visible.last {
            clear((area.row + last.screenRow + last.rowCount)..<area.bottom)
        } else {
            clear(area.row..<area.bottom)
        }
        guard !visible.isEmpty else { return nil }
        let options = Self.wrapOptions(win)
        let generation = highlights.generation
        let selection = win.selection.map { $0.clamped(lineCount: buf.lineCount) }
        let block = selection.flatMap { $0.mode == .block ? SelectionText.columns($0, in: buf, tabstop: options.tabstop) : nil }
        let previous = lineCache.lines(of: win.id)
        let changed = LineDrawCache.damage(since: previous, buffer: buf)
        var drawn = LineDrawCache.Lines(buffer: buf.id, stamp: buf.damage.stamp,
                                        lines: visible[0].line..<(visible[visible.count - 1].line + 1))
        // First the copies; what is left is drawn below.
        var toDraw: [(v: VisibleLine, line: String, key: LineDrawCache.Key, selected: SelectionText.Span?)] = []
        for v in visible {
            let top = area.row + v.screenRow
            let shown = top..<min(top + v.rowCount, area.bottom)
            guard let line = buf.line(v.line) else {
                clear(shown)
                continue
            }
            // Selected lines, like the cursor line, are always drawn (and
            // never cached, so they are drawn again once deselected).
            let selected = selection.flatMap {
                SelectionText.span($0, row: v.line, line: line, block: block, tabstop: options.tabstop)
            }
            let key = LineDrawCache.Key(text: line, firstRow: v.firstRow, rows: shown.count, width: area.width,
                                        base: base, wrap: win.options.wrap, options: options, generation: generation)
            let reusable = win.cursor.row != v.line && selected == nil && !(changed?.contains(v.line) ?? false)
            if reusable, let e = lineCache.entry(in: previous, line: v.line, key: key) {
                if inPlace != nil, e.top == top, e.col == area.col {
                    drawn.set(v.line, e)  // already there
                    continue
                }
                clear(shown)
                if grid.paste(e.cells, rows: shown, col: area.col, width: area.width) {
                    e.top = top
                    e.col = area.col
                    drawn.set(v.line, e)
                    continue
                }
            } else {
                clear(shown)
            }
            if !reusable { lineCache.countMiss() }
            toDraw.append((v, line, key, selected))
        }
        var cursor: CursorSpot?
        if !toDraw.isEmpty {
            let nonText = highlights.resolve("NonText")
            let marks = buf.extmarks.count > 0 ? marksOfLines(toDraw.map(\.v.line), in: buf) : [:]
            for item in toDraw {
                let v = item.v
                var d = DisplayLine.make(line: item.line, row: v.line, marks: marks[v.line] ?? [], base: base,
                                         highlights: highlights)
                if let selected = item.selected {
                    d.select(selected, visual: highlights.resolve("Visual"), highlights: highlights)
                }
                let isCursorLine = win.cursor.row == v.line
                let spot = drawLine(d, win: win, visible: v, area: area, grid: &grid,
                                    cursorCol: isCursorLine ? win.cursor.col : nil, nonText: nonText)
                if spot != nil { cursor = spot }
                let top = area.row + v.screenRow
                let shown = top..<min(top + v.rowCount, area.bottom)
                if !isCursorLine, item.selected == nil, !shown.isEmpty,
                   let cells = grid.snapshot(rows: shown, col: area.col, width: area.width) {
                    drawn.set(v.line, LineDrawCache.Entry(key: item.key, cells: cells, top: top, col: area.col))
                }
            }
        }
        lineCache.replace(win.id, with: drawn)
        return cursor
    }

    /// The marks of each of `lines` (ascending buffer rows), listed with
    /// one query per run of adjacent rows.
    private func marksOfLines(_ lines: [Int], in buf: Buffer) -> [Int: [Extmark]] {
        var out: [Int: [Extmark]] = [:]
        var i = 0
        while i < lines.count {
            var j = i
            while j + 1 < lines.count, lines[j + 1] == lines[j] + 1 { j += 1 }
            let run = lines[i]...lines[j]
            let marks = buf.extmarks.list(rows: run.lowerBound..<(run.upperBound + 1), overlap: true)
            for (k, slice) in Self.marksByLine(marks, lines: run).enumerated() where !slice.isEmpty {
                out[run.lowerBound + k] = Array(slice)
            }
            i = j + 1
        }
        return out
    }

    /// The marks of each line of `lines` (starting on it or spanning it)
    /// from `marks` (in list order, for those rows with overlap), in one
    /// pass. When no mark spans rows, as in a transcript, each line's
    /// marks are a contiguous slice of `marks` and nothing is copied;
    /// otherwise a mark spanning rows is copied to each of its lines.
    static func marksByLine(_ marks: [Extmark], lines: ClosedRange<Int>) -> [ArraySlice<Extmark>] {
        guard !marks.isEmpty else { return [] }
        let first = lines.lowerBound
        let spans = marks.contains { m in m.start.row < first || (m.end.map { $0.row > m.start.row } ?? false) }
        if !spans {
            var out = [ArraySlice<Extmark>](repeating: [], count: lines.count)
            var i = 0
            while i < marks.count {
                let row = marks[i].start.row
                var j = i + 1
                while j < marks.count, marks[j].start.row == row { j += 1 }
                if lines.contains(row) { out[row - first] = marks[i..<j] }
                i = j
            }
            return out
        }
        var byLine = [[Extmark]](repeating: [], count: lines.count)
        for m in marks {
            let lo = max(m.start.row, first)
            let hi = min(max(m.end?.row ?? m.start.row, m.start.row), lines.upperBound)
            guard lo <= hi else { continue }
            for r in lo...hi { byLine[r - first].append(m) }
        }
        return byLine.map { $0[...] }
    }

    /// Draws the rows of one display line that fall in the window.
    func drawLine(_ d: DisplayLine, win: Window, visible v: VisibleLine, area: Rect, grid: inout Grid,
                  cursorCol: Int?, nonText: StyleID) -> CursorSpot? {
        var rows: [Row] = d.linesAbove.map { .virtual($0) }
        let options = Self.wrapOptions(win)
        let segments = win.options.wrap && !d.noWrap
            ? Wrapper.wrap(d.text, width: area.width, options: options)
            : [WrapSegment(byteRange: 0..<d.text.utf8.count, startColumn: 0, width: 0, showsBreak: false)]
        rows += segments.enumerated().map { .text($0.offset, $0.element) }
        rows += d.linesBelow.map { .virtual($0) }
        var cursor: CursorSpot?
        let cursorByte = cursorCol.map { d.displayByte(forSource: $0) }
        var screenRow = area.row + v.screenRow
        for (i, row) in rows.enumerated() where i >= v.firstRow && i < v.firstRow + v.rowCount {
            defer { screenRow += 1 }
            guard screenRow < area.bottom else { break }
            if let ls = d.lineStyle {
                grid.fill(Rect(row: screenRow, col: area.col, width: area.width, height: 1), style: ls)
            }
            switch row {
            case .virtual(let chunks):
                var c = area.col
                for ch in chunks {
                    c = grid.put(text: Self.clip(TextMeasure.sanitize(ch.text), at: c, area: area), row: screenRow, col: c,
                                 style: style(ch.hl, over: d.lineStyle ?? d.base))
                    if c >= area.right { break }
                }
            case .text(let index, let seg):
                // A blank showbreak (a margin) is not drawn: the row keeps
                // its line style (a tinted line stays tinted to the edge).
                if seg.showsBreak, options.showbreak.contains(where: { $0 != " " }) {
                    grid.put(text: Self.clip(TextMeasure.sanitize(options.showbreak), at: area.col, area: area),
                             row: screenRow, col: area.col, style: nonText)
                }
                let end = drawSegment(d, seg, row: screenRow, area: area, grid: &grid, nonText: nonText,
                                      tabstop: options.tabstop)
                if d.noWrap && win.options.wrap && end >= area.right && area.width > 1
                    && TextMeasure.measure(d.text, tabstop: win.options.tabstop) > area.width {
                    // Cut at the edge: the last cell says there is more.
                    grid.put(text: "›", row: screenRow, col: area.right - 1,
                             style: highlights.combine(base: d.lineStyle ?? d.base, over: nonText))
                }
                if let cb = cursorByte, cb >= seg.byteRange.lowerBound,
                   cb < seg.byteRange.upperBound || (index == segments.count - 1 && cb >= seg.byteRange.upperBound) {
                    let prefix = TextMeasure.measure(sub(d.text, seg.byteRange.lowerBound, min(cb, seg.byteRange.upperBound)),
                                                     tabstop: win.options.tabstop)
                    cursor = Position(row: screenRow, col: min(area.right - 1, area.col + seg.startColumn + prefix))
                }
                let isLast = index == segments.count - 1
                if isLast {
                    if let visual = d.selectedBreak, end < area.right {
                        // The selected line break: one cell after the text.
                        grid.put(" ", row: screenRow, col: end, style: visual)
                    }
                    drawTrailing(d, row: screenRow, textEnd: end, area: area, grid: &grid)
                }
                if !d.overlays.isEmpty {
                    drawOverlays(d, seg, isLast: isLast, row: screenRow, area: area, grid: &grid, tabstop: win.options.tabstop)
                }
            }
        }
        return cursor
    }

    enum Row {
        case text(Int, WrapSegment)
        case virtual([VirtTextChunk])
    }

    /// Draws the clusters of one wrapped segment; returns the column after the text.
    func drawSegment(_ d: DisplayLine, _ seg: WrapSegment, row: Int, area: Rect, grid: inout Grid,
                     nonText: StyleID, tabstop: Int) -> Int {
        var col = area.col + seg.startColumn
        let lower = seg.byteRange.lowerBound
        var text = d.text
        text.withUTF8 { all in
            let slice = UnsafeBufferPointer(rebasing: all[seg.byteRange])
            var scanner = ClusterScanner(slice, startColumn: 0, tabstop: tabstop)
            while col < area.right {
                // Printable ASCII runs (most text) go cell by cell without
                // building a cluster each; the scanner keeps the column for tabs.
                let start = scanner.position
                let run = scanner.advanceASCII(maxCells: area.right - col)
                if run > 0 {
                    grid.putASCIIRun(UnsafeBufferPointer(rebasing: slice[start..<(start + run)]), row: row, col: col,
                                     styles: d.styles, styleOffset: lower + start, base: d.base)
                    col += run
                    continue
                }
                guard let c = scanner.next() else { break }
                let style = d.style(at: lower + c.byteRange.lowerBound)
                if let rep = c.replacementText {
                    let s = c.isReplacement ? highlights.combine(base: style, over: nonText) : style
                    // A tab or control picture at the edge is cut there, never
                    // spilled into the next window.
                    grid.put(text: Self.clip(rep, at: col, area: area), row: row, col: col, style: s)
                } else {
                    let bytes = UnsafeBufferPointer(rebasing: slice[c.byteRange])
                    if c.width > area.right - col {
                        // A wide character that does not fit (no wrap): the
                        // cell stays blank rather than spilling over the edge.
                        break
                    } else if c.width == 1, bytes.count == 1 {
                        grid.putASCII(bytes[0], row: row, col: col, style: style)
                    } else {
                        grid.put(String(decoding: bytes, as: UTF8.self), row: row, col: col, style: style)
                    }
                }
                col += c.width
            }
        }
        return min(col, area.right)
    }

    /// Eol and right-aligned virtual text of a line's last row.
    func drawTrailing(_ d: DisplayLine, row: Int, textEnd: Int, area: Rect, grid: inout Grid) {
        let base = d.lineStyle ?? d.base
        var c = textEnd + 1
        for ch in d.eol where c < area.right {
            c = grid.put(text: TextMeasure.truncate(TextMeasure.sanitize(ch.text), width: area.right - c, ellipsis: ""),
                         row: row, col: c, style: style(ch.hl, over: base))
        }
        if !d.rightAlign.isEmpty {
            let text = d.rightAlign.map { TextMeasure.sanitize($0.text) }
            let w = text.reduce(0) { $0 + TextMeasure.measure($1) }
            var rc = max(area.col, area.right - w)
            for (i, ch) in d.rightAlign.enumerated() {
                rc = grid.put(text: Self.clip(text[i], at: rc, area: area), row: row, col: rc, style: style(ch.hl, over: base))
            }
        }
    }

    /// Overlay virtual text whose column falls in `seg`, drawn over that
    /// row of a wrapped line (the last row takes columns past the end).
    func drawOverlays(_ d: DisplayLine, _ seg: WrapSegment, isLast: Bool, row: Int, area: Rect, grid: inout Grid,
                      tabstop: Int) {
        let base = d.lineStyle ?? d.base
        let lower = seg.byteRange.lowerBound
        for ov in d.overlays {
            let at = min(d.displayByte(forSource: ov.col), d.text.utf8.count)
            guard at >= lower, at < seg.byteRange.upperBound || isLast else { continue }
            var oc = area.col + seg.startColumn + TextMeasure.measure(sub(d.text, lower, at), tabstop: tabstop)
            for ch in ov.chunks where oc < area.right {
                oc = grid.put(text: Self.clip(TextMeasure.sanitize(ch.text), at: oc, area: area), row: row, col: oc,
                              style: style(ch.hl, over: base))
            }
        }
    }

    /// `text` cut to the cells left between `col` and the area's right edge.
    static func clip(_ text: String, at col: Int, area: Rect) -> String {
        let room = area.right - col
        guard room > 0 else { return "" }
        if text.utf8.count <= room, text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        return TextMeasure.truncate(text, width: room, ellipsis: "")
    }

    func sub(_ s: String, _ a: Int, _ b: Int) -> String {
        let u = Array(s.utf8)
        let lo = max(0, min(a, u.count)), hi = max(lo, min(b, u.count))
        return String(decoding: u[lo..<hi], as: UTF8.self)
    }
}

/// The marks of a buffer that change line heights
/// (``ExtmarkStore/layoutMarks(rows:)``) by start row, fetched a chunk of
/// rows at a time (highlight spans, most marks of a transcript, are never
/// built for measuring):
/// the viewport asks for the height of one line after another (down or
/// up, and more than once per frame: following the tail walks up from the
/// last line, then clamping walks it again), and one range query per chunk
/// is much cheaper than one per line. Chunks are aligned (rows
/// `k * chunk ..< (k + 1) * chunk`) and kept for the life of the object
/// (one viewport computation), so each is fetched once, whatever the walk.
final class MarkRows {
    /// The layout marks starting on the rows of one chunk.
    private struct Chunk {
        /// The fetched marks in list order (by start position).
        var marks: [Extmark]
        /// `marks[rowStart[k]..<rowStart[k + 1]]` start on the chunk's row `k`.
        var rowStart: [Int]
    }

    private let store: ExtmarkStore
    private var chunks: [Int: Chunk] = [:]
    private var lastKey = -1
    private var last: Chunk?
    /// Rows fetched per query (small: with the heights kept across frames,
    /// a frame measures the one or two lines that changed, and one query
    /// lists every mark of its rows).
    static let chunk = 16
    /// Range queries made (for tests).
    private(set) var queries = 0

    init(_ store: ExtmarkStore) { self.store = store }

    /// The layout marks starting on `row` (as `layoutMarks(rows: row..<row+1)`).
    func marks(startingOn row: Int) -> ArraySlice<Extmark> {
        let key = max(0, row) / Self.chunk
        let c: Chunk
        if key == lastKey, let last {
            c = last
        } else {
            c = chunks[key] ?? fetch(key)
            lastKey = key
            last = c
        }
        let k = max(0, row) - key * Self.chunk
        return c.marks[c.rowStart[k]..<c.rowStart[k + 1]]
    }

    private func fetch(_ key: Int) -> Chunk {
        let rows = (key * Self.chunk)..<((key + 1) * Self.chunk)
        let marks = store.layoutMarks(rows: rows)
        queries += 1
        var rowStart: [Int] = []
        rowStart.reserveCapacity(Self.chunk + 1)
        var i = 0
        for r in rows {
            while i < marks.count && marks[i].start.row < r { i += 1 }
            rowStart.append(i)
        }
        rowStart.append(marks.count)
        let c = Chunk(marks: marks, rowStart: rowStart)
        chunks[key] = c
        return c
    }
}

extension Grid {
    /// Writes one printable ASCII byte at (row, col): the hot path of text drawing.
    mutating func putASCII(_ byte: UInt8, row: Int, col: Int, style: StyleID) {
        guard contains(row: row, col: col) else { return }
        guard byte >= 0x20, byte < 0x7F else {
            put("\u{FFFD}", row: row, col: col, style: style)
            return
        }
        let i = row * width + col
        let old = cells[i]
        if old.isContinuation || old.width == 2 {
            put(String(UnicodeScalar(byte)), row: row, col: col, style: style)
            return
        }
        cells[i] = Cell(glyph: UInt64(byte), style: style, width: 1)
    }

    /// Writes a run of printable ASCII bytes (each a one-cell cluster)
    /// from (`row`, `col`), clipped to the grid: byte `k` takes
    /// `styles[styleOffset + k]`, or `base` past the end of `styles` (an
    /// empty `styles` means all `base`). Cells that hold part of a wide
    /// character go through `putASCII`, which repairs the other half.
    mutating func putASCIIRun(_ bytes: UnsafeBufferPointer<UInt8>, row: Int, col: Int,
                              styles: [StyleID], styleOffset: Int, base: StyleID) {
        guard row >= 0, row < height, col < width else { return }
        let first = max(0, -col)
        let count = min(bytes.count, width - col)
        guard first < count else { return }
        let w = width
        // Usually no cell holds part of a wide character and every byte is
        // printable: then the cells are written in one pass over the
        // storage (no per-cell copy-on-write or bounds checks).
        let plain = cells.withUnsafeBufferPointer { old in
            !(first..<count).contains { k in
                let o = old[row * w + col + k]
                return o.isContinuation || o.width == 2 || bytes[k] < 0x20 || bytes[k] >= 0x7F
            }
        }
        if plain {
            styles.withUnsafeBufferPointer { st in
                cells.withUnsafeMutableBufferPointer { dst in
                    for k in first..<count {
                        let s = styleOffset + k
                        dst[row * w + col + k] = Cell(glyph: UInt64(bytes[k]), style: s < st.count ? st[s] : base, width: 1)
                    }
                }
            }
            return
        }
        styles.withUnsafeBufferPointer { st in
            for k in first..<count {
                let byte = bytes[k]
                let s = styleOffset + k
                let style = s < st.count ? st[s] : base
                let i = row * w + col + k
                let old = cells[i]
                if old.isContinuation || old.width == 2 || byte < 0x20 || byte >= 0x7F {
                    putASCII(byte, row: row, col: col + k, style: style)
                } else {
                    cells[i] = Cell(glyph: UInt64(byte), style: style, width: 1)
                }
            }
        }
    }
}
