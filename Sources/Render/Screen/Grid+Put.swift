// MARK: - Drawing

extension Grid {
    /// Writes one grapheme cluster at (row, col) and returns the number of
    /// columns it took (0 when the position is outside the grid).
    ///
    /// - A cluster containing a control character (C0, ESC, DEL, C1) is
    ///   drawn as U+FFFD, so content can never drive the terminal.
    /// - A cluster of width 0 (a lone combining mark) is drawn on a space.
    /// - A wide cluster at the last column does not fit and becomes a space.
    /// - Overwriting one half of an existing wide character turns its other
    ///   half into a space (in that half's style).
    @discardableResult
    public mutating func put(_ cluster: String, row: Int, col: Int, style: StyleID) -> Int {
        guard contains(row: row, col: col) else { return 0 }
        var text = cluster
        if text.isEmpty { text = " " }
        if text.unicodeScalars.contains(where: { ClusterWidth.isControl($0.value) }) { text = "\u{FFFD}" }
        var w = ClusterWidth.of(text)
        if w == 0 {
            text = " " + text
            w = 1
        }
        if w == 2 && col == width - 1 {
            text = " "
            w = 1
        }
        let glyph = Cell.pack(text.utf8) ?? clusters.glyph(for: text)
        let i = row * width + col
        repairEdges(row: row, from: col, to: col + w)
        cells[i] = Cell(glyph: glyph, style: style, width: UInt8(w))
        if w == 2 { cells[i + 1] = .continuation(style) }
        return w
    }

    /// Writes `text` cluster by cluster from (row, col), clipped at the
    /// right edge, and returns the column after the last cell written. A
    /// wide cluster that does not fit at the edge becomes a space.
    @discardableResult
    public mutating func put(text: String, row: Int, col: Int, style: StyleID) -> Int {
        guard row >= 0, row < height else { return col }
        if let end = putPrintableASCII(text, row: row, col: col, style: style) { return end }
        var c = col
        for ch in text {
            if c >= width { break }
            if c < 0 {
                c += max(1, ClusterWidth.of(String(ch)))
                continue
            }
            c += put(String(ch), row: row, col: c, style: style)
        }
        return c
    }

    /// Writes text that may hold control characters, tabs or invalid
    /// sequences (an extension's draw op): as ``put(text:row:col:style:)``
    /// of `TextMeasure.sanitize(text)`, without the separate sanitizing
    /// pass when the text is printable ASCII (the one check decides both).
    /// - Returns: the column after the text.
    @discardableResult
    public mutating func put(unsanitized text: String, row: Int, col: Int, style: StyleID) -> Int {
        guard row >= 0, row < height else { return col }
        if let end = putPrintableASCII(text, row: row, col: col, style: style) { return end }
        return put(text: TextMeasure.sanitize(text), row: row, col: col, style: style)
    }

    /// `put(text:row:col:style:)` for text that is all printable ASCII (one
    /// cell per byte, nothing to measure or sanitize); nil for other text.
    private mutating func putPrintableASCII(_ text: String, row: Int, col: Int, style: StyleID) -> Int? {
        var text = text
        return text.withUTF8 { bytes -> Int? in
            for b in bytes where b < 0x20 || b >= 0x7F { return nil }
            putASCIIRun(bytes, row: row, col: col, styles: [], styleOffset: 0, base: style)
            return min(col + bytes.count, max(col, width))
        }
    }

    /// Fills `rect` (clipped to the grid) with `cluster` in `style`. A wide
    /// cluster is repeated every two columns; an odd last column gets a
    /// space.
    public mutating func fill(_ rect: Rect, cluster: String = " ", style: StyleID) {
        let r = rect.intersection(Rect(size: size))
        guard !r.isEmpty else { return }
        if let glyph = Cell.pack(cluster.utf8), ClusterWidth.of(cluster) == 1,
           !cluster.unicodeScalars.contains(where: { ClusterWidth.isControl($0.value) }) {
            let cell = Cell(glyph: glyph, style: style, width: 1)
            let w = width
            for row in r.row..<r.bottom {
                repairEdges(row: row, from: r.col, to: r.right)
                // One pass over the row's storage (a frame fills the
                // composer, the status line and every line it redraws).
                cells.withUnsafeMutableBufferPointer { p in
                    (p.baseAddress! + row * w + r.col).update(repeating: cell, count: r.width)
                }
            }
            return
        }
        for row in r.row..<r.bottom {
            var c = r.col
            while c < r.right {
                let fits = c + max(1, ClusterWidth.of(cluster)) <= r.right
                c += fits ? put(cluster, row: row, col: c, style: style) : put(" ", row: row, col: c, style: style)
            }
        }
    }

    /// Fills the whole grid with blanks in `style` and drops the side
    /// table.
    public mutating func clear(style: StyleID = .default) {
        for i in cells.indices { cells[i] = .blank(style) }
        clusters.removeAll()
    }

    /// Changes the size, keeping the top-left content. A wide character
    /// whose right half is cut off becomes a space; new cells are blanks in
    /// `style`.
    public mutating func resize(width newWidth: Int, height newHeight: Int, style: StyleID = .default) {
        let w = max(0, newWidth), h = max(0, newHeight)
        guard w != width || h != height else { return }
        var next = Array(repeating: Cell.blank(style), count: w * h)
        for row in 0..<min(h, height) {
            for col in 0..<min(w, width) { next[row * w + col] = cells[row * width + col] }
            if w > 0, w < width, next[row * w + w - 1].width == 2 {
                next[row * w + w - 1] = .blank(next[row * w + w - 1].style)
            }
        }
        cells = next
        width = w
        height = h
    }

    /// Before cells `from..<to` of `row` are overwritten: turns the other
    /// half of any wide character cut by that span into a space.
    mutating func repairEdges(row: Int, from: Int, to: Int) {
        let start = row * width
        if from > 0, from < width, cells[start + from].isContinuation {
            cells[start + from - 1] = .blank(cells[start + from - 1].style)
        }
        if to > 0, to <= width, cells[start + to - 1].width == 2, to < width {
            cells[start + to] = .blank(cells[start + to].style)
        }
    }

    /// Copies row `src` of this grid over row `dst` (same grid, so side
    /// table references stay valid). Used for scrolling content.
    public mutating func copyRow(from src: Int, to dst: Int) {
        guard src >= 0, src < height, dst >= 0, dst < height, src != dst, width > 0 else { return }
        let w = width
        // One copy of the row's storage (a scroll moves every row of the
        // band, and the encoder scrolls its copy of the screen).
        cells.withUnsafeMutableBufferPointer { p in
            (p.baseAddress! + dst * w).update(from: p.baseAddress! + src * w, count: w)
        }
    }

    /// Fills one row with blanks in `style`.
    public mutating func clearRow(_ row: Int, style: StyleID = .default) {
        guard row >= 0, row < height, width > 0 else { return }
        let w = width
        cells.withUnsafeMutableBufferPointer { p in
            (p.baseAddress! + row * w).update(repeating: .blank(style), count: w)
        }
    }

    /// Moves the rows `top...bottom` up by `count` (negative: down), as a
    /// terminal scroll region does; exposed rows become blanks in `style`.
    public mutating func scroll(top: Int, bottom: Int, by count: Int, style: StyleID = .default) {
        let t = max(0, top), b = min(height - 1, bottom)
        guard t <= b, count != 0 else { return }
        let n = min(abs(count), b - t + 1)
        if count > 0 {
            for r in t...b { if r + n <= b { copyRow(from: r + n, to: r) } else { clearRow(r, style: style) } }
        } else {
            for r in stride(from: b, through: t, by: -1) {
                if r - n >= t { copyRow(from: r - n, to: r) } else { clearRow(r, style: style) }
            }
        }
    }
}
