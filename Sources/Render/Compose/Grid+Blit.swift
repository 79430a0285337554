import Kernel

extension Grid {
    /// Copies `source` onto this grid with its top-left cell at `origin`,
    /// clipped to this grid. Wide characters cut by the edge are repaired by
    /// `put` (a half never survives).
    public mutating func blit(_ source: Grid, at origin: Position) {
        for r in 0..<source.height {
            let row = origin.row + r
            guard row >= 0, row < height else { continue }
            var c = 0
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
}
