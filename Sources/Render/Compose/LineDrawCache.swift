import Kernel

/// The cells each visible buffer line of a stock window was drawn as in the
/// last frame, so the next frame can copy a line that did not change
/// instead of decorating, wrapping and drawing it again (a streamed reply
/// changes one line per frame; the other ~50 are copies).
///
/// A line is reused only when nothing its drawing reads has changed: its
/// row is outside the buffer's ``RowDamage`` since the frame that drew it
/// (so its text and marks are the same and its marks need not even be
/// listed), and its key (the rows shown, the width, the base style, the
/// wrap options, the highlight table's generation, and the text, compared
/// by identity first) is equal. The cursor line is always drawn (it also
/// places the cursor). Lines with side-table clusters or a wide character
/// cut by the window edge are not kept; a copy that would cut a
/// neighbour's wide character is refused and the line is drawn.
final class LineDrawCache {
    /// What the drawing of one buffer line depends on besides its marks
    /// (which the damage log vouches for).
    struct Key: Equatable {
        var text: String
        /// First row of the line shown, and how many rows are shown.
        var firstRow: Int
        var rows: Int
        var width: Int
        var base: StyleID
        var wrap: Bool
        var options: WrapOptions
        var generation: Int

        /// Field by field, the cheap ones first.
        static func == (a: Key, b: Key) -> Bool {
            a.firstRow == b.firstRow && a.rows == b.rows && a.width == b.width && a.base == b.base
                && a.wrap == b.wrap && a.generation == b.generation && a.options == b.options && a.text == b.text
        }
    }

    /// A drawn line: its key and its cells, `rows` rows of `key.width`.
    struct Entry {
        var key: Key
        var cells: [Cell]
    }

    /// The lines of one window's last frame, with the buffer they came
    /// from and its damage stamp then.
    private struct WindowLines {
        var buffer: BufferID
        var stamp: Int
        var lines: [Int: Entry]
    }

    private var windows: [WindowID: WindowLines] = [:]
    /// Lines copied and lines drawn since the counters were reset (tests).
    private(set) var hits = 0
    private(set) var misses = 0

    /// The rows of `buffer` changed since `win` last drew it: nil when
    /// none, every row when it drew another buffer or nothing.
    func damage(_ win: WindowID, buffer: Buffer) -> Range<Int>? {
        guard let w = windows[win], w.buffer == buffer.id else { return 0..<Int.max }
        return buffer.damage.rows(since: w.stamp)
    }

    /// The entry of buffer line `line` of `win` if its key is `key`.
    func entry(_ win: WindowID, line: Int, key: Key) -> Entry? {
        guard let e = windows[win]?.lines[line], e.key == key else {
            misses += 1
            return nil
        }
        hits += 1
        return e
    }

    /// Counts a line drawn without looking for an entry (a changed row).
    func countMiss() { misses += 1 }

    /// Replaces the entries of `win` with the lines of this frame, drawn
    /// from `buffer` as it is now.
    func replace(_ win: WindowID, buffer: Buffer, with entries: [Int: Entry]) {
        windows[win] = WindowLines(buffer: buffer.id, stamp: buffer.damage.stamp, lines: entries)
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
