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
    ///
    /// A class: every frame hands each kept line's entry from the last
    /// frame's lines to this frame's, and a struct (a key with two strings,
    /// the cells) was copied there, retain and release of every field
    /// included, about 50 times a frame.
    final class Entry {
        let key: Key
        let cells: [Cell]
        /// The screen row and column the cells were at in the last frame
        /// (a frame drawn over it leaves them there, ``RetainedFrame``).
        var top: Int
        var col: Int

        init(key: Key, cells: [Cell], top: Int = -1, col: Int = -1) {
            self.key = key
            self.cells = cells
            self.top = top
            self.col = col
        }
    }

    /// The lines of one window's frame: the entries of the buffer lines
    /// from `first` on, in order (nil for a line not kept), with the buffer
    /// they came from and its damage stamp then. The visible lines of a
    /// window are adjacent, so a line's entry is found by its offset, not
    /// by hashing it.
    struct Lines {
        var buffer: BufferID
        var stamp: Int
        private(set) var first: Int
        private(set) var entries: [Entry?]

        /// No entries yet, with room for buffer lines `lines`.
        init(buffer: BufferID, stamp: Int, lines: Range<Int>) {
            self.buffer = buffer
            self.stamp = stamp
            first = lines.lowerBound
            entries = Array(repeating: nil, count: lines.count)
        }

        /// The entry of buffer line `line`, if kept.
        func entry(_ line: Int) -> Entry? {
            let i = line - first
            return i >= 0 && i < entries.count ? entries[i] : nil
        }

        /// Keeps `entry` for `line` (ignored outside the lines made room for).
        mutating func set(_ line: Int, _ entry: Entry) {
            let i = line - first
            if i >= 0 && i < entries.count { entries[i] = entry }
        }
    }

    private var windows: [WindowID: Lines] = [:]
    /// Lines copied and lines drawn since the counters were reset (tests).
    private(set) var hits = 0
    private(set) var misses = 0

    /// The lines `win` drew in its last frame, nil when it drew none.
    func lines(of win: WindowID) -> Lines? { windows[win] }

    /// The rows of `buffer` changed since `previous` (a window's last
    /// frame) was drawn: nil when none, every row when it drew another
    /// buffer or nothing.
    static func damage(since previous: Lines?, buffer: Buffer) -> Range<Int>? {
        guard let previous, previous.buffer == buffer.id else { return 0..<Int.max }
        return buffer.damage.rows(since: previous.stamp)
    }

    /// The entry of buffer line `line` in `previous` if its key is `key`.
    func entry(in previous: Lines?, line: Int, key: Key) -> Entry? {
        guard let e = previous?.entry(line), e.key == key else {
            misses += 1
            return nil
        }
        hits += 1
        return e
    }

    /// Counts a line drawn without looking for an entry (a changed row).
    func countMiss() { misses += 1 }

    /// Replaces the lines of `win` with this frame's.
    func replace(_ win: WindowID, with lines: Lines) {
        windows[win] = lines
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
