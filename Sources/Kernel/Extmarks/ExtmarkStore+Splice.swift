// The edit primitive of ExtmarkStore. The algorithm and its cost are
// described at the top of ExtmarkStore.swift.

extension ExtmarkStore {
    /// Moves marks for an edit: the text in [start, oldEnd) was replaced by
    /// text that now ends at `newEnd`. The buffer calls this on every change.
    ///
    /// The effect is exactly "delete, then insert":
    /// - positions before `start` do not move;
    /// - positions after `oldEnd` shift: on oldEnd's row they become
    ///   (newEnd.row, newEnd.col + col - oldEnd.col), on later rows the row
    ///   moves by newEnd.row - oldEnd.row;
    /// - positions in [start, oldEnd] collapse to `start`; then those with
    ///   right gravity move to `newEnd` (left-gravity ones stay at `start`).
    ///
    /// A mark's start uses `rightGravity`, its end `endRightGravity`. Marks are
    /// never removed. Bad input does not trap: positions are clamped to be
    /// non-negative, and `oldEnd` and `newEnd` to be at or after `start`.
    ///
    /// Examples: a line inserted at the top is
    /// `splice(start: (0,0), oldEnd: (0,0), newEnd: (1,0))`; joining line 3
    /// (length 7) with line 4 is `splice(start: (3,7), oldEnd: (4,0), newEnd: (3,7))`.
    public func splice(start: Position, oldEnd: Position, newEnd: Position) {
        let s = Self.clamped(start)
        let oe = max(Self.clamped(oldEnd), s)
        let ne = max(Self.clamped(newEnd), s)
        guard var b = firstBlock(lastAtOrAfter: s) else { return }
        var i = blocks[b].lowerBound(s)

        collapse(from: &b, &i, start: s, oldEnd: oe, newEnd: ne)
        shiftSameRow(from: &b, &i, oldEnd: oe, newEnd: ne)

        let dRow = ne.row - oe.row
        guard dRow != 0, b < blocks.count else { return }
        var next = b
        if i > 0 {
            let block = blocks[b]
            for k in i..<block.entries.count { block.entries[k].row += dRow }
            next = b + 1
        }
        while next < blocks.count {
            blocks[next].rowDelta += dRow
            next += 1
        }
    }

    /// Step 1: entries in [start, oldEnd] become left-gravity ones at
    /// `start` followed by right-gravity ones at `newEnd`, written back into
    /// the same places of the sequence. Leaves (b, i) after the range.
    private func collapse(from b: inout Int, _ i: inout Int,
                          start: Position, oldEnd: Position, newEnd: Position) {
        let firstBlockIndex = b, firstIndex = i
        var left: [MarkEntry] = [], right: [MarkEntry] = []
        while b < blocks.count {
            let block = blocks[b]
            while i < block.entries.count, block.position(at: i) <= oldEnd {
                let e = block.entries[i]
                if e.rightGravity { right.append(e) } else { left.append(e) }
                i += 1
            }
            if i < block.entries.count { break }
            b += 1
            i = 0
        }
        if left.isEmpty && right.isEmpty { return }
        if newEnd == start && !right.isEmpty {
            // Nothing inserted: everything stays at `start`; order is free.
            left.append(contentsOf: right)
            right.removeAll()
        }
        var wb = firstBlockIndex, wi = firstIndex
        func write(_ e: MarkEntry, at p: Position) {
            while wi >= blocks[wb].entries.count { wb += 1; wi = 0 }
            let block = blocks[wb]
            var moved = e
            moved.row = p.row - block.rowDelta
            moved.col = p.col
            block.entries[wi] = moved
            setBlock(block, for: moved)
            wi += 1
        }
        for e in left { write(e, at: start) }
        for e in right { write(e, at: newEnd) }
    }

    /// Step 2: entries after oldEnd still on its row keep their distance to
    /// it. Leaves (b, i) at the first entry on a later row.
    private func shiftSameRow(from b: inout Int, _ i: inout Int,
                              oldEnd: Position, newEnd: Position) {
        while b < blocks.count {
            let block = blocks[b]
            let oldRow = oldEnd.row - block.rowDelta
            let newRow = newEnd.row - block.rowDelta
            let dCol = newEnd.col - oldEnd.col
            while i < block.entries.count, block.entries[i].row == oldRow {
                block.entries[i].row = newRow
                block.entries[i].col += dCol
                i += 1
            }
            if i < block.entries.count { return }
            b += 1
            i = 0
        }
    }
}
