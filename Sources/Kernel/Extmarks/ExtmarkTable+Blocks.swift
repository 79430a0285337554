// Block maintenance for ExtmarkTable: locating, inserting and removing
// entries, and keeping block sizes within [minBlockSize, maxBlockSize].

extension ExtmarkTable {
    /// Index of the first block whose last entry is at or after `p`
    /// (`strict`: strictly after), or nil when there is none.
    func firstBlock(lastAtOrAfter p: Position, strict: Bool = false) -> Int? {
        // Unchecked reads of the blocks (a binary search of `blocks[mid]`
        // paid a bounds check per step), and the shift looked up only while one is pending.
        let clean = shifts.isClean
        return blocks.withUnsafeBufferPointer { bs in
            var lo = 0, hi = bs.count
            while lo < hi {
                let mid = (lo + hi) / 2
                guard let e = bs[mid].entries.last else { lo = mid + 1; continue }
                let delta = clean ? bs[mid].baseDelta : bs[mid].baseDelta &+ shifts.shift(at: mid)
                let last = Position(row: e.row &+ delta, col: e.col)
                let before = strict ? last <= p : last < p
                if before { lo = mid + 1 } else { hi = mid }
            }
            return lo < bs.count ? lo : nil
        }
    }

    /// Inserts an entry at `pos` (after any entries already at `pos`) and
    /// points the record at its block.
    mutating func insertEntry(at pos: Position, slot: Int32, isEnd: Bool, rightGravity: Bool) {
        if blocks.isEmpty { _ = insertBlock(entries: [], rowDelta: 0, at: 0) }
        let b = blockForInsert(at: pos)
        let delta = rowDelta(b)
        let entry = MarkEntry(row: pos.row - delta, col: pos.col, slot: slot,
                              isEnd: isEnd, rightGravity: rightGravity)
        // After the entries already at `pos` (a binary search: a loop
        // setting marks at a few positions makes long runs of equal ones).
        let count = blocks[b].insert(entry, after: pos, delta: delta)
        setBlock(blocks[b].id, for: entry)
        if count > Self.maxBlockSize { split(b) }
    }

    /// The block an entry at `pos` goes into: the first whose last entry is
    /// after `pos`, else the last one.
    @inline(__always)
    func blockForInsert(at pos: Position) -> Int {
        let last = blocks.count - 1
        // In order (a mark per line, top to bottom): the last block, after
        // one comparison instead of a binary search.
        if let end = blocks[last].lastPosition(delta: rowDelta(last)), end <= pos { return last }
        return firstBlock(lastAtOrAfter: pos, strict: true) ?? last
    }

    /// Removes the start or end entry of `slot`, then rebalances its block.
    mutating func removeEntry(slot: Int32, isEnd: Bool) {
        guard let b = blockOf(slot: slot, isEnd: isEnd),
              let i = blocks[b].find(slot: slot, isEnd: isEnd) else { return }
        blocks[b].entries.remove(at: i)
        rebalance(b)
    }

    /// Records that `entry` now lives in block `id`.
    @inline(__always)
    mutating func setBlock(_ id: Int32, for entry: MarkEntry) {
        if entry.isEnd {
            records[Int(entry.slot)].endBlock = id
        } else {
            records[Int(entry.slot)].startBlock = id
        }
    }

    /// The row delta of block `b`: its base plus its pending shift.
    @inline(__always)
    func rowDelta(_ b: Int) -> Int {
        blocks[b].baseDelta &+ shifts.shift(at: b)
    }

    /// The absolute position of entry `i` of block `b`.
    @inline(__always)
    func position(_ b: Int, _ i: Int) -> Position {
        blocks[b].position(at: i, delta: rowDelta(b))
    }

    /// Folds every pending shift into its block's `baseDelta` (O(B), nothing
    /// when none is pending), so block indexes can change.
    mutating func drainShifts() {
        guard !shifts.isClean else { return }
        let pending = shifts.drain()
        blocks.withUnsafeMutableBufferPointer { buffer in
            for k in buffer.indices { buffer[k].baseDelta &+= pending[k] }
        }
    }

    /// Inserts a new block at index `b` whose entries' rows are relative to
    /// `rowDelta`; returns its id.
    mutating func insertBlock(entries: [MarkEntry], rowDelta: Int, at b: Int) -> Int32 {
        drainShifts()
        let id: Int32
        if let free = freeBlockIDs.popLast() {
            id = free
        } else {
            id = Int32(blockIndex.count)
            blockIndex.append(-1)
        }
        blocks.insert(MarkBlock(entries: entries, baseDelta: rowDelta, id: id), at: b)
        shifts.grow()
        reindex(from: b)
        return id
    }

    /// Removes block `b` (its entries must have been moved or removed).
    mutating func removeBlock(at b: Int) {
        drainShifts()
        let id = blocks[b].id
        blockIndex[Int(id)] = -1
        freeBlockIDs.append(id)
        blocks.remove(at: b)
        shifts.shrink()
        reindex(from: b)
    }

    /// Splits block `b` into two halves. The block overflowed by one entry,
    /// so its array had just doubled to twice `maxBlockSize`: the first
    /// half goes to an array of its own size and stays in `b`, the second
    /// keeps the large array in the new block. Marks set in order go on
    /// into the second half and never come back to the first (keeping the
    /// doubled array there doubled the memory of the entries of a
    /// 10,000-mark transcript).
    mutating func split(_ b: Int) {
        let half = blocks[b].entries.count / 2
        let kept = Array(blocks[b].entries[..<half])
        var moved = blocks[b].entries
        blocks[b].entries = kept
        moved.removeSubrange(..<half)
        let id = insertBlock(entries: moved, rowDelta: rowDelta(b), at: b + 1)
        for e in moved { setBlock(id, for: e) }
    }

    /// Removes block `b` if empty, or merges it into a neighbour if it is
    /// smaller than `minBlockSize` (splitting again if that overflows).
    mutating func rebalance(_ b: Int) {
        guard b >= 0, b < blocks.count else { return }
        if blocks[b].entries.isEmpty {
            removeBlock(at: b)
            return
        }
        guard blocks[b].entries.count < Self.minBlockSize, blocks.count > 1 else { return }
        let left = b + 1 < blocks.count ? b : b - 1
        merge(left)
        if blocks[left].entries.count > Self.maxBlockSize { split(left) }
    }

    /// Moves every entry of block `b + 1` to the end of block `b`.
    mutating func merge(_ b: Int) {
        let source = blocks[b + 1]
        let shift = rowDelta(b + 1) - rowDelta(b)
        let id = blocks[b].id
        blocks[b].entries.reserveCapacity(blocks[b].entries.count + source.entries.count)
        for var e in source.entries {
            e.row += shift
            blocks[b].entries.append(e)
            setBlock(id, for: e)
        }
        removeBlock(at: b + 1)
    }

    /// Renumbers `blockIndex` for `blocks[from...]`.
    mutating func reindex(from start: Int) {
        var i = start
        while i < blocks.count {
            blockIndex[Int(blocks[i].id)] = i
            i += 1
        }
    }
}
