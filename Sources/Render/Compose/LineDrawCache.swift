import Kernel

/// The cells each visible buffer line of a stock window was drawn as in the
/// last frame, so the next frame can copy a line that did not change
/// instead of decorating, wrapping and drawing it again (a streamed reply
/// changes one line per frame; the other ~50 are copies).
///
/// A line is reused only when everything its drawing reads is equal: its
/// text, its marks, the rows shown, the width, the base style, the wrap
/// options and the highlight table's generation. The cursor line is always
/// drawn (it also places the cursor). Lines with side-table clusters or a
/// wide character cut by the window edge are not kept; a copy that would
/// cut a neighbour's wide character is refused and the line is drawn.
final class LineDrawCache {
    /// Everything the drawing of one buffer line depends on.
    struct Key: Equatable {
        var text: String
        /// The line's marks: a slice of the frame's mark list (no copy per line).
        var marks: ArraySlice<Extmark>
        /// First row of the line shown, and how many rows are shown.
        var firstRow: Int
        var rows: Int
        var width: Int
        var base: StyleID
        var wrap: Bool
        var options: WrapOptions
        var generation: Int

        /// Field by field, the cheap ones first; the marks are compared in
        /// place (the derived `==` copied every mark of both lines, and
        /// ~50 lines are compared a frame).
        static func == (a: Key, b: Key) -> Bool {
            guard a.firstRow == b.firstRow, a.rows == b.rows, a.width == b.width, a.base == b.base,
                  a.wrap == b.wrap, a.generation == b.generation, a.marks.count == b.marks.count,
                  a.options == b.options, a.text == b.text else { return false }
            return a.marks.withUnsafeBufferPointer { x in
                b.marks.withUnsafeBufferPointer { y in
                    for i in 0..<x.count where x[i] != y[i] { return false }
                    return true
                }
            }
        }
    }

    /// A drawn line: its key and its cells, `rows` rows of `key.width`.
    struct Entry {
        var key: Key
        var cells: [Cell]
    }

    private var windows: [WindowID: [Int: Entry]] = [:]
    /// Lines copied and lines drawn since the counters were reset (tests).
    private(set) var hits = 0
    private(set) var misses = 0

    /// The entry of buffer line `line` of `win` if its key is `key`.
    func entry(_ win: WindowID, line: Int, key: Key) -> Entry? {
        guard let e = windows[win]?[line], e.key == key else {
            misses += 1
            return nil
        }
        hits += 1
        return e
    }

    /// Replaces the entries of `win` with the lines of this frame.
    func replace(_ win: WindowID, with entries: [Int: Entry]) {
        windows[win] = entries
    }

    /// Forgets windows not in `drawn` (closed or hidden ones).
    func keep(only drawn: Set<WindowID>) {
        if windows.keys.contains(where: { !drawn.contains($0) }) {
            windows = windows.filter { drawn.contains($0.key) }
        }
    }

    /// Resets the hit and miss counters.
    func resetCounters() {
        hits = 0
        misses = 0
    }
}

extension Grid {
    /// The cells of rows `rows` from column `col`, `width` wide, or nil when
    /// they cannot be copied back as plain cells: a side-table cluster, or a
    /// wide character cut by either edge.
    func snapshot(rows: Range<Int>, col: Int, width w: Int) -> [Cell]? {
        guard w > 0, col >= 0, col + w <= width, rows.lowerBound >= 0, rows.upperBound <= height else { return nil }
        var out: [Cell] = []
        out.reserveCapacity(rows.count * w)
        for r in rows {
            let start = r * width + col
            if cells[start].isContinuation || cells[start + w - 1].width == 2 { return nil }
            out.append(contentsOf: cells[start..<(start + w)])
        }
        if !clusters.strings.isEmpty, out.contains(where: \.isExternal) { return nil }
        return out
    }

    /// Copies `source` (rows of `width` cells from ``snapshot(rows:col:width:)``)
    /// to rows `rows` from column `col`. Refuses (false, nothing written)
    /// when that would cut a wide character left or right of the band.
    mutating func paste(_ source: [Cell], rows: Range<Int>, col: Int, width w: Int) -> Bool {
        guard w > 0, source.count == rows.count * w, col >= 0, col + w <= width,
              rows.lowerBound >= 0, rows.upperBound <= height else { return false }
        for r in rows {
            let start = r * width + col
            if cells[start].isContinuation { return false }
            if col + w < width, cells[start + w].isContinuation { return false }
        }
        var k = 0
        for r in rows {
            let start = r * width + col
            cells.replaceSubrange(start..<(start + w), with: source[k..<(k + w)])
            k += w
        }
        return true
    }
}
