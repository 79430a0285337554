/// The row diff.
///
/// Each row is scanned left to right for cells of `next` that differ from
/// `base` (what the terminal shows). For each changed cell the cursor is
/// brought there by the cheaper of a cursor motion or re-writing the few
/// unchanged cells in between (only when they are in the current pen and
/// of certain width), the pen is changed incrementally, and the cluster is
/// written. When the rest of the row is blank in one style whose look an
/// erase reproduces (no reverse/underline/strike), and enough of it
/// changed, one erase-to-end-of-line replaces the spaces.
///
/// Wide characters: a character is always written whole from its left
/// cell; the right half (a continuation cell) is never emitted on its own.
/// A changed continuation cell means its left cell is written. Writing a
/// narrow cell over one half of a wide character makes the terminal lose
/// the other half; `Grid.put` already turned that half into a space in
/// `next`, so it differs from `base` and is written too. Letters below are
/// cells, `中` takes two, `·` is its continuation:
///
/// | Prev     | Next     | Updates                                  |
/// |----------|----------|------------------------------------------|
/// | `a b c`  | `中· c`  | `(0, 中)`: the lead covers column 1      |
/// | `中· c`  | `a b c`  | `(0, a) (1, b)`                          |
/// | `中· c`  | `a _ c`  | `(0, a) (1, _)`: the repaired half       |
/// | `a 中·`  | `a b _`  | `(1, b) (2, _)`                          |
/// | `中· c`  | `a 中·`  | `(0, a) (1, 中)`                          |
/// | `中· c`  | `中· d`  | `(2, d)`                                 |
///
/// After a cluster whose width terminals disagree about (emoji sequences,
/// VS16, flags: `ClusterWidth.isUncertain`) the cursor position is
/// forgotten, so the next write starts with an absolute `cup` and a
/// disagreement cannot shift the rest of the row. After writing the last
/// column (pending wrap) only the row is kept: a carriage return (then
/// relative moves) is the one safe way on from there.
extension FrameEncoder {
    /// Paints every row of `next` that differs from `base` (`changedRows`,
    /// when the caller already compared them). Stops, returning false, as
    /// soon as `out` holds more than `limit` bytes (checked after each
    /// row; the encoder and `out` are then only good to throw away).
    @discardableResult
    mutating func paintRows(base: Grid, next: Grid, changedRows: [Int]? = nil,
                            into out: inout [UInt8], stats: inout FrameStats, limit: Int = .max) -> Bool {
        for row in changedRows ?? Self.changedRows(base: base, next: next) {
            paintRow(row, base: base, next: next, into: &out, stats: &stats)
            if out.count > limit { return false }
        }
        return true
    }

    /// Paints the changed cells of one row: row `row` of `next` over row
    /// `baseRow` (`row` when nil) of `base`, what the terminal shows there
    /// (a scroll shows a moved row, or a blank one).
    mutating func paintRow(_ row: Int, base: Grid, baseRow: Int? = nil, next: Grid, into out: inout [UInt8],
                           stats: inout FrameStats) {
        let w = next.width
        let rowStart = row * w
        let baseStart = (baseRow ?? row) * w
        var col = 0
        var tail: (start: Int, style: Style)? = nil
        var tailChecked = false
        while let i = Self.nextChange(row: row, from: col, base: base, baseStart: baseStart, next: next) {
            if !tailChecked {
                tailChecked = true
                tail = blankTail(row: row, next: next)
            }
            if let t = tail, i >= t.start, let el = caps.ti.el {
                tail = nil  // decide once per row
                if Self.changedCount(row: row, from: i, base: base, baseStart: baseStart, next: next) > el.format.count {
                    moveTo(Position(row: row, col: i), next: next, into: &out, stats: &stats)
                    if pen.map({ Self.blankLooksSame($0, t.style) }) != true {
                        setPen(t.style, into: &out)
                    }
                    el.append(to: &out)
                    return
                }
            }
            moveTo(Position(row: row, col: i), next: next, into: &out, stats: &stats)
            writeCell(rowStart + i, col: i, next: next, into: &out, stats: &stats)
            col = i + Int(max(1, next.cells[rowStart + i].width))
            let stop = tail.map { $0.start } ?? next.width - 1
            col = writeASCIIRun(row: row, from: col, stop: min(stop, next.width - 1), after: rowStart + i,
                                base: base, baseStart: baseStart, next: next, into: &out, stats: &stats)
        }
    }

    /// Writes the changed cells from column `from` on while each is printable
    /// ASCII (one byte, width 1) in the style of the cell just written at
    /// `after` and the pen already shows that style: the bytes `writeCell`
    /// would write, without a style lookup, pen comparison or cursor update
    /// per cell. A gap of unchanged cells of that kind is bridged (written
    /// again) when it costs no more bytes than the cursor motion over it,
    /// as `moveTo` decides. Stops before `stop` (the blank tail, or the
    /// last column, whose pending wrap `writeCell` handles). Returns the
    /// column where the general loop goes on.
    @inline(never)
    mutating func writeASCIIRun(row: Int, from: Int, stop: Int, after: Int, base: Grid, baseStart: Int, next: Grid,
                                into out: inout [UInt8], stats: inout FrameStats) -> Int {
        guard from < stop, let cur = cursor, cur.row == row, cur.col == from, let pen else { return from }
        let rowStart = row * next.width
        let styleRaw = next.cells[after].style.raw
        guard next.cells[rowStart + from].style.raw == styleRaw,
              effectiveStyle(next.cells[after].style) == pen else { return from }
        var c = from
        while c < stop {
            // The run of changed cells at c, then the unchanged gap after it.
            let (changed, gapEnd) = next.cells.withUnsafeBufferPointer { cells in
                base.cells.withUnsafeBufferPointer { old in
                    Self.asciiRun(cells, old, rowStart: rowStart, oldStart: baseStart, from: c, stop: stop,
                                  style: styleRaw)
                }
            }
            c = changed
            guard gapEnd > changed else { break }
            let gap = gapEnd - changed
            if gap > caps.sameRowFloor {
                cursor = Position(row: row, col: changed)
                guard gap <= moveCost(to: Position(row: row, col: gapEnd)) else { break }
            }
            c = gapEnd
        }
        if c > from {
            Self.appendASCII(next, rowStart + from, rowStart + c, to: &out)
            stats.cellsWritten += c - from
            cursor = Position(row: row, col: c)
        }
        return c
    }

    /// Appends the one-byte glyphs of cells `start..<end` of `grid`.
    static func appendASCII(_ grid: Grid, _ start: Int, _ end: Int, to out: inout [UInt8]) {
        let base = out.count
        out.append(contentsOf: repeatElement(0, count: end - start))
        out.withUnsafeMutableBufferPointer { dst in
            grid.cells.withUnsafeBufferPointer { cells in
                for i in start..<end { dst[base + i - start] = UInt8(truncatingIfNeeded: cells[i].glyph) }
            }
        }
    }

    /// From column `from` (before `stop`): the end of the run of changed
    /// cells that are printable ASCII in style `style`, then the end of
    /// the gap of unchanged such cells after it when a changed such cell
    /// follows the gap (else the run's end again).
    /// (`old`'s row starts at `oldStart`, `cells`' at `rowStart`.)
    static func asciiRun(_ cells: UnsafeBufferPointer<Cell>, _ old: UnsafeBufferPointer<Cell>, rowStart: Int,
                         oldStart: Int, from: Int, stop: Int, style: UInt32) -> (changed: Int, gapEnd: Int) {
        // 0: not printable ASCII in `style`, 1: such a cell, unchanged, 2: changed.
        @inline(__always) func kind(_ col: Int) -> Int {
            let cell = cells[rowStart + col]
            let glyph = cell.glyph
            guard glyph >= 0x20, glyph < 0x7F, cell.width == 1, cell.style.raw == style else { return 0 }
            let was = old[oldStart + col]
            return was.glyph == glyph && was.style.raw == style && was.width == 1 ? 1 : 2
        }
        var changed = from
        while changed < stop, kind(changed) == 2 { changed += 1 }
        var gapEnd = changed
        while gapEnd < stop, kind(gapEnd) == 1 { gapEnd += 1 }
        if gapEnd == changed || gapEnd >= stop || kind(gapEnd) != 2 { gapEnd = changed }
        return (changed, gapEnd)
    }

    /// The column of the next cell at or after `from` that must be written
    /// (the lead of a changed wide character), or nil. `base`'s row starts
    /// at cell `baseStart`.
    static func nextChange(row: Int, from: Int, base: Grid, baseStart: Int, next: Grid) -> Int? {
        let rowStart = row * next.width
        var c = from
        while c < next.width {
            let i = rowStart + c
            if !sameCell(i, baseStart + c, base: base, next: next) {
                if !next.cells[i].isContinuation { return c }
                if c - 1 >= from { return c - 1 }
            }
            c += 1
        }
        return nil
    }

    /// The number of changed cells in `from..<width` of the row.
    static func changedCount(row: Int, from: Int, base: Grid, baseStart: Int, next: Grid) -> Int {
        let rowStart = row * next.width
        var n = 0
        for c in from..<next.width where !sameCell(rowStart + c, baseStart + c, base: base, next: next) { n += 1 }
        return n
    }

    /// `Grid.sameCell` for cell `i` of `next` and cell `j` of `base`,
    /// deciding equal inline cells from their fields without the
    /// side-table check.
    @inline(__always)
    static func sameCell(_ i: Int, _ j: Int, base: Grid, next: Grid) -> Bool {
        let same = next.cells.withUnsafeBufferPointer { a in
            base.cells.withUnsafeBufferPointer { b in
                a[i].glyph == b[j].glyph && a[i].style.raw == b[j].style.raw && a[i].width == b[j].width
                    && !a[i].isExternal
            }
        }
        return same || next.sameCell(i, in: base, j)
    }

    /// Where the row's trailing run of spaces in one erasable style starts,
    /// with that style; nil when the row does not end in such a run.
    mutating func blankTail(row: Int, next: Grid) -> (start: Int, style: Style)? {
        let rowStart = row * next.width
        guard next.width > 0 else { return nil }
        let last = next.cells[rowStart + next.width - 1]
        guard last.isSpace, last.width == 1 else { return nil }
        let style = effectiveStyle(last.style)
        guard style.attrs.isDisjoint(with: Attributes.visibleOnBlank) else { return nil }
        var start = next.width - 1
        next.cells.withUnsafeBufferPointer { cells in
            // Equal cells are equal bytes (no padding): compare the two
            // words of each cell with the last one's.
            guard let raw = UnsafeRawPointer(cells.baseAddress) else { return }
            let row = raw + rowStart * MemoryLayout<Cell>.stride
            // A cell is 16 bytes (GridTests checks it): two words.
            let w0 = row.load(fromByteOffset: start * 16, as: UInt64.self)
            let w1 = row.load(fromByteOffset: start * 16 + 8, as: UInt64.self)
            while start > 0, row.load(fromByteOffset: (start - 1) * 16, as: UInt64.self) == w0,
                  row.load(fromByteOffset: (start - 1) * 16 + 8, as: UInt64.self) == w1 {
                start -= 1
            }
        }
        return (start, style)
    }

    /// Brings the cursor to `to`: nothing when there, re-writing the
    /// unchanged cells in between when that is cheaper, else the cheapest
    /// motion (which starts a new span).
    mutating func moveTo(_ to: Position, next: Grid, into out: inout [UInt8], stats: inout FrameStats) {
        if cursor == to {
            if stats.spans == 0 { stats.spans = 1 }
            return
        }
        let cost = moveCost(to: to)
        if let from = cursor, from.row == to.row, from.col < to.col,
           bridgeCost(row: to.row, from: from.col, to: to.col, next: next, limit: cost) != nil {
            let rowStart = to.row * next.width
            var c = from.col
            while c < to.col {
                writeCell(rowStart + c, col: c, next: next, into: &out, stats: &stats)
                c += Int(max(1, next.cells[rowStart + c].width))
            }
            return
        }
        move(to: to, into: &out)
        stats.spans += 1
    }

    /// The bytes needed to re-write cells `from..<to` of the row when all
    /// are in the current pen and of certain width and the total is at most
    /// `limit`; nil otherwise.
    mutating func bridgeCost(row: Int, from: Int, to: Int, next: Grid, limit: Int) -> Int? {
        guard let pen else { return nil }
        let rowStart = row * next.width
        var total = 0
        var c = from
        while c < to {
            let cell = next.cells[rowStart + c]
            let style = effectiveStyle(cell.style)
            let samePen = style == pen || (cell.isSpace && Self.blankLooksSame(pen, style))
            if cell.isContinuation || !samePen || isUncertain(cell, in: next) { return nil }
            total += next.byteCount(of: cell)
            if total > limit { return nil }
            c += Int(cell.width)
        }
        return c == to ? total : nil
    }

    /// Writes the character whose left cell is `index` (at column `col`),
    /// changing the pen first, and advances the known cursor.
    mutating func writeCell(_ index: Int, col: Int, next: Grid, into out: inout [UInt8], stats: inout FrameStats) {
        let cell = next.cells[index]
        let style = effectiveStyle(cell.style)
        if !(cell.isSpace && pen.map { Self.blankLooksSame($0, style) } == true) {
            setPen(style, into: &out)
        }
        next.appendBytes(of: cell, to: &out)
        stats.cellsWritten += 1
        let end = col + Int(max(1, cell.width))
        let certain = !isUncertain(cell, in: next)
        if let c = cursor, end < next.width, certain {
            cursor = Position(row: c.row, col: end)
        } else {
            let row = cursor?.row
            cursor = nil
            // Pending wrap after the last column: a CR reliably ends it,
            // except when the character started at column 0 (libvterm then
            // sees no motion and keeps the wrap pending).
            if certain, col > 0 { wrapRow = row }
        }
    }

    /// Changes the pen to `style`: SGR for the look, OSC 8 when the link
    /// changes (an unknown pen counts as no link open: frames never end
    /// with one open, and a repaint closes any).
    mutating func setPen(_ style: Style, into out: inout [UInt8]) {
        SGR.transition(from: pen, to: style, into: &out)
        let open = pen?.link ?? 0
        if style.link != open {
            SGR.hyperlink(highlights.url(for: style.link), into: &out)
        }
        pen = style
    }

    /// Whether a space drawn with pen `pen` looks like a space in `style`:
    /// same link, same background and, when an attribute that shows on blanks
    /// (reverse, underline, strike) is involved, the same everything. Then
    /// a space needs no SGR change, which keeps the pen across the spaces
    /// between differently coloured words.
    static func blankLooksSame(_ pen: Style, _ style: Style) -> Bool {
        if pen.link != style.link { return false }
        let visible = Attributes.visibleOnBlank.rawValue
        if (pen.attrs.rawValue | style.attrs.rawValue) & visible != 0 { return pen == style }
        return pen.bg == style.bg
    }

    /// Whether terminals may disagree about the cell's width.
    mutating func isUncertain(_ cell: Cell, in grid: Grid) -> Bool {
        if !cell.isExternal {
            var g = cell.glyph, mayBe = false
            while g != 0 {
                if UInt8(truncatingIfNeeded: g) >= 0xE2 { mayBe = true }
                g >>= 8
            }
            if !mayBe { return false }
            if let known = uncertainGlyphs[cell.glyph] { return known }
            let result = ClusterWidth.isUncertain(grid.text(of: cell))
            uncertainGlyphs[cell.glyph] = result
            return result
        }
        return ClusterWidth.isUncertain(grid.text(of: cell))
    }
}
