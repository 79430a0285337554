/// One position stored by `ExtmarkTable`: a mark's start or its end.
///
/// `row` is relative to the owning block's row delta; `col` is absolute.
struct MarkEntry {
    /// Row minus the block's row delta.
    var row: Int
    /// Absolute UTF-8 byte column.
    var col: Int
    /// Index of the mark's record in `ExtmarkTable.records`.
    var slot: Int32
    /// True for a mark's end, false for its start.
    var isEnd: Bool
    /// Gravity of this position (the mark's start or end gravity).
    var rightGravity: Bool
}

/// A run of consecutive entries of the ordered sequence, with a lazily
/// applied row offset: the absolute row of `entries[i]` is
/// `entries[i].row + delta`, where the block's delta is `baseDelta` plus
/// the shift pending for it in `ExtmarkTable.shifts` (see
/// `ExtmarkTable.rowDelta(_:)`). Methods that need positions take that
/// delta as an argument.
struct MarkBlock {
    /// Entries in non-decreasing absolute position order.
    var entries: [MarkEntry]
    /// Added to every stored row, with the pending shift of the block, to
    /// get the absolute row.
    var baseDelta: Int
    /// Stable id of the block (records refer to blocks by id; the table maps
    /// ids to current indexes).
    var id: Int32

    /// Absolute position of entry `i` given the block's row `delta`
    /// (caller guarantees `i` is valid).
    @inline(__always)
    func position(at i: Int, delta: Int) -> Position {
        let e = entries[i]
        return Position(row: e.row + delta, col: e.col)
    }

    /// Absolute position of the last entry, or nil when empty.
    func lastPosition(delta: Int) -> Position? {
        entries.isEmpty ? nil : position(at: entries.count - 1, delta: delta)
    }

    /// Absolute position of the first entry, or nil when empty.
    func firstPosition(delta: Int) -> Position? {
        entries.isEmpty ? nil : position(at: 0, delta: delta)
    }

    /// Index of the first entry at or after `p` (entries.count if none).
    func lowerBound(_ p: Position, delta: Int) -> Int {
        firstIndex(from: p, delta: delta, including: true)
    }

    /// Index of the first entry after `p` (entries.count if none).
    func upperBound(_ p: Position, delta: Int) -> Int {
        firstIndex(from: p, delta: delta, including: false)
    }

    /// Binary search for the first entry at `p` (`including`) or after it.
    private func firstIndex(from p: Position, delta: Int, including: Bool) -> Int {
        let (row, overflow) = p.row.subtractingReportingOverflow(delta)
        if overflow { return p.row < 0 ? 0 : entries.count }
        return entries.withUnsafeBufferPointer { es in
            var lo = 0, hi = es.count
            while lo < hi {
                let mid = (lo + hi) / 2
                let e = es[mid]
                let before = e.row < row || (e.row == row && (including ? e.col < p.col : e.col <= p.col))
                if before { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
    }

    /// Inserts `entry`, whose absolute position is `pos`, after every entry
    /// at or before `pos`; returns the new number of entries.
    mutating func insert(_ entry: MarkEntry, after pos: Position, delta: Int) -> Int {
        let n = entries.count
        // At or after the last entry (marks set in order): appended, no search.
        if let last = entries.last, Position(row: last.row &+ delta, col: last.col) <= pos {
            entries.append(entry)
            return n + 1
        }
        let i = upperBound(pos, delta: delta)
        entries.append(entry)
        if i < n {
            // Shift the tail up by one in place (`Array.insert` went
            // through the generic `replaceSubrange`).
            entries.withUnsafeMutableBufferPointer { es in
                let base = es.baseAddress!
                (base + i + 1).moveInitialize(from: base + i, count: n - i)
                (base + i).initialize(to: entry)
            }
        }
        return n + 1
    }

    /// Index of the entry for `slot` (start or end), or nil.
    func find(slot: Int32, isEnd: Bool) -> Int? {
        entries.firstIndex { $0.slot == slot && $0.isEnd == isEnd }
    }
}
