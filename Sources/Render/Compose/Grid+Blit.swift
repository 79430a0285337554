import Kernel

extension Grid {
    /// Copies `source` onto this grid with its top-left cell at `origin`,
    /// clipped to this grid. Wide characters cut by the edge are repaired by
    /// `put` (a half never survives).
    public mutating func blit(_ source: Grid, at origin: Position) {
        for r in 0..<source.height {
            let row = origin.row + r
            guard row >= 0, row < height else { continue }
            var c = blitNarrowRun(source, row: r, to: row, colOffset: origin.col)
            while c < source.width {
                let cell = source[r, c]
                if cell.isContinuation { c += 1; continue }
                let col = origin.col + c
                if col >= 0, col < width {
                    let i = row * width + col
                    if cell.width == 1, !cell.isExternal, cells[i].width == 1 {
                        // A narrow inline cell over a narrow cell: nothing to
                        // measure or repair (the hot path of extension windows).
                        cells[i] = cell
                    } else if cell.isSpace {
                        put(" ", row: row, col: col, style: cell.style)
                    } else {
                        put(source.cluster(row: r, col: c), row: row, col: col, style: cell.style)
                    }
                }
                c += max(1, Int(cell.width))
            }
        }
    }

    /// Copies the leading cells of row `r` of `source` to row `row` at
    /// column offset `colOffset` while each is a narrow inline cell landing
    /// on a narrow cell (or off the grid's left edge); returns the source
    /// column where `blit`'s general loop must go on. One pass over the
    /// storage, no per-cell bounds checks or copy-on-write checks: an
    /// extension window blits 10,000 such cells per frame.
    private mutating func blitNarrowRun(_ source: Grid, row r: Int, to row: Int, colOffset: Int) -> Int {
        // A source starting left of the grid goes through the general loop,
        // which also handles a wide character straddling the edge.
        guard colOffset >= 0 else { return 0 }
        let w = width, sw = source.width
        var c = 0
        source.cells.withUnsafeBufferPointer { src in
            cells.withUnsafeMutableBufferPointer { dst in
                let srcRow = r * sw, dstRow = row * w + colOffset
                while c < sw, colOffset + c < w {
                    let cell = src[srcRow + c]
                    guard cell.width == 1, !cell.isExternal, dst[dstRow + c].width == 1 else { break }
                    dst[dstRow + c] = cell
                    c += 1
                }
            }
        }
        // Past the grid's right edge nothing is drawn.
        return colOffset + c >= w ? sw : c
    }
}
