// The edit primitive of ExtmarkTable. The algorithm and its cost are
// described at the top of ExtmarkTable.swift; the public contract is on
// ExtmarkStore.splice.

extension ExtmarkTable {
    mutating func splice(start: Position, oldEnd: Position, newEnd: Position) {
        let s = Self.clamped(start)
        let oe = max(Self.clamped(oldEnd), s)
        let ne = max(Self.clamped(newEnd), s)
        guard var b = firstBlock(lastAtOrAfter: s) else { return }
        var i = blocks[b].lowerBound(s, delta: rowDelta(b))

        collapse(from: &b, &i, start: s, oldEnd: oe, newEnd: ne)
        shiftSameRow(from: &b, &i, oldEnd: oe, newEnd: ne)
        shiftLaterRows(from: b, i, by: ne.row - oe.row)
    }

    /// Step 1: entries in [start, oldEnd] become left-gravity ones at
    /// `start` followed by right-gravity ones at `newEnd`, written back into
    /// the same places of the sequence. Leaves (b, i) after the range.
    private mutating func collapse(from b: inout Int, _ i: inout Int,
                                   start: Position, oldEnd: Position, newEnd: Position) {
        let firstBlockIndex = b, firstIndex = i
        var left: [MarkEntry] = [], right: [MarkEntry] = []
        let split = newEnd != start  // otherwise everything stays at `start`
        while b < blocks.count {
            let count = blocks[b].entries.count
            let delta = rowDelta(b)
            while i < count, blocks[b].position(at: i, delta: delta) <= oldEnd {
                let e = blocks[b].entries[i]
                let oldRow = e.row + delta
                if split && e.rightGravity {
                    right.append(e)
                    if oldRow != newEnd.row { noteRowChange(e.slot) }
                } else {
                    left.append(e)
                    if oldRow != start.row { noteRowChange(e.slot) }
                }
                i += 1
            }
            if i < count { break }
            b += 1
            i = 0
        }
        var wb = firstBlockIndex, wi = firstIndex
        for k in 0..<(left.count + right.count) {
            var e = k < left.count ? left[k] : right[k - left.count]
            let p = k < left.count ? start : newEnd
            while wi >= blocks[wb].entries.count { wb += 1; wi = 0 }
            e.row = p.row - rowDelta(wb)
            e.col = p.col
            blocks[wb].entries[wi] = e
            setBlock(blocks[wb].id, for: e)
            wi += 1
        }
    }

    /// Step 2: entries after oldEnd still on its row keep their distance to
    /// it. Leaves (b, i) at the first entry on a later row.
    private mutating func shiftSameRow(from b: inout Int, _ i: inout Int,
                                       oldEnd: Position, newEnd: Position) {
        let dCol = newEnd.col - oldEnd.col
        let rowChanges = newEnd.row != oldEnd.row
        while b < blocks.count {
            let delta = rowDelta(b)
            let oldRow = oldEnd.row - delta
            let newRow = newEnd.row - delta
            let count = blocks[b].entries.count
            while i < count, blocks[b].entries[i].row == oldRow {
                blocks[b].entries[i].row = newRow
                blocks[b].entries[i].col += dCol
                if rowChanges { noteRowChange(blocks[b].entries[i].slot) }
                i += 1
            }
            if i < count { return }
            b += 1
            i = 0
        }
    }

    /// Called for each entry that steps 1-2 move to another row: its mark,
    /// if ranged, may now span rows. (Step 3 moves whole marks, or only the
    /// end of a mark that already spanned rows, so it needs no check: a mark
    /// only starts spanning rows when one of its entries moves here.)
    @inline(__always)
    private mutating func noteRowChange(_ slot: Int32) {
        if records[Int(slot)].hasEnd { multilineSlots.insert(slot) }
    }

    /// Step 3: every entry from (b, i) on moves `dRow` rows: the rest of
    /// block b one by one, every later block at once through one
    /// `shifts.add` (O(log B)).
    private mutating func shiftLaterRows(from b: Int, _ i: Int, by dRow: Int) {
        guard dRow != 0, b < blocks.count else { return }
        var next = b
        if i > 0 {
            blocks[b].entries.withUnsafeMutableBufferPointer { entries in
                for k in i..<entries.count { entries[k].row += dRow }
            }
            next = b + 1
        }
        shifts.add(from: next, dRow)
    }
}
