// Block maintenance for ExtmarkTable: locating, inserting and removing
// entries, and keeping block sizes within [minBlockSize, maxBlockSize].

extension ExtmarkTable {
    /// Index of the first block whose last entry is at or after `p`
    /// (`strict`: strictly after), or nil when there is none.
    func firstBlock(lastAtOrAfter p: Position, strict: Bool = false) -> Int? {
        var lo = 0, hi = blocks.count
        while lo < hi {
            let mid = (lo + hi) / 2
            guard let last = blocks[mid].lastPosition else { lo = mid + 1; continue }
            let before = strict ? last <= p : last < p
            if before { lo = mid + 1 } else { hi = mid }
        }
        return lo < blocks.count ? lo : nil
    }

    /// Inserts an entry at `pos` (after any entries already at `pos`) and
    /// points the record at its block.
    mutating func insertEntry(at pos: Position, slot: Int32, isEnd: Bool, rightGravity: Bool) {
        if blocks.isEmpty { _ = insertBlock(entries: [], rowDelta: 0, at: 0) }
        let b = firstBlock(lastAtOrAfter: pos, strict: true) ?? (blocks.count - 1)
        var i = blocks[b].lowerBound(pos)
        while i < blocks[b].entries.count, blocks[b].position(at: i) == pos { i += 1 }
        let entry = MarkEntry(row: pos.row - blocks[b].rowDelta, col: pos.col, slot: slot,
                              isEnd: isEnd, rightGravity: rightGravity)
        blocks[b].entries.insert(entry, at: i)
        setBlock(blocks[b].id, for: entry)
        if blocks[b].entries.count > Self.maxBlockSize { split(b) }
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

    /// Inserts a new block at index `b`; returns its id.
    mutating func insertBlock(entries: [MarkEntry], rowDelta: Int, at b: Int) -> Int32 {
        let id: Int32
        if let free = freeBlockIDs.popLast() {
            id = free
        } else {
            id = Int32(blockIndex.count)
            blockIndex.append(-1)
        }
        blocks.insert(MarkBlock(entries: entries, rowDelta: rowDelta, id: id), at: b)
        reindex(from: b)
        return id
    }

    /// Removes block `b` (its entries must have been moved or removed).
    mutating func removeBlock(at b: Int) {
        let id = blocks[b].id
        blockIndex[Int(id)] = -1
        freeBlockIDs.append(id)
        blocks.remove(at: b)
        reindex(from: b)
    }

    /// Splits block `b` into two halves.
    mutating func split(_ b: Int) {
        let half = blocks[b].entries.count / 2
        let moved = Array(blocks[b].entries[half...])
        blocks[b].entries.removeSubrange(half...)
        let id = insertBlock(entries: moved, rowDelta: blocks[b].rowDelta, at: b + 1)
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
        let shift = source.rowDelta - blocks[b].rowDelta
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
