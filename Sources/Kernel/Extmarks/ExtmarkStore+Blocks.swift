// Block maintenance for ExtmarkStore: locating, inserting and removing
// entries, and keeping block sizes within [minBlockSize, maxBlockSize].

extension ExtmarkStore {
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
    func insertEntry(at pos: Position, slot: Int32, isEnd: Bool, rightGravity: Bool) {
        if blocks.isEmpty { blocks.append(MarkBlock(entries: [], rowDelta: 0, index: 0)) }
        let b = firstBlock(lastAtOrAfter: pos, strict: true) ?? (blocks.count - 1)
        let block = blocks[b]
        var i = block.lowerBound(pos)
        while i < block.entries.count, block.position(at: i) == pos { i += 1 }
        let entry = MarkEntry(row: pos.row - block.rowDelta, col: pos.col, slot: slot,
                              isEnd: isEnd, rightGravity: rightGravity)
        block.entries.insert(entry, at: i)
        setBlock(block, for: entry)
        if block.entries.count > Self.maxBlockSize { split(b) }
    }

    /// Removes the entry of `slot` from `block`, then rebalances.
    func removeEntry(in block: MarkBlock, slot: Int32, isEnd: Bool) {
        guard let i = block.find(slot: slot, isEnd: isEnd) else { return }
        block.entries.remove(at: i)
        rebalance(block.index)
    }

    /// Records that `entry` now lives in `block`.
    @inline(__always)
    func setBlock(_ block: MarkBlock, for entry: MarkEntry) {
        if entry.isEnd {
            records[Int(entry.slot)].endBlock = block
        } else {
            records[Int(entry.slot)].startBlock = block
        }
    }

    /// Splits block `b` into two halves.
    func split(_ b: Int) {
        let block = blocks[b]
        let half = block.entries.count / 2
        let moved = Array(block.entries[half...])
        block.entries.removeSubrange(half...)
        let newBlock = MarkBlock(entries: moved, rowDelta: block.rowDelta, index: b + 1)
        blocks.insert(newBlock, at: b + 1)
        reindex(from: b + 2)
        for e in moved { setBlock(newBlock, for: e) }
    }

    /// Removes block `b` if empty, or merges it into a neighbour if it is
    /// smaller than `minBlockSize` (splitting again if that overflows).
    func rebalance(_ b: Int) {
        guard b >= 0, b < blocks.count else { return }
        let block = blocks[b]
        if block.entries.isEmpty {
            blocks.remove(at: b)
            reindex(from: b)
            return
        }
        guard block.entries.count < Self.minBlockSize, blocks.count > 1 else { return }
        let left = b + 1 < blocks.count ? b : b - 1
        merge(left)
        if blocks[left].entries.count > Self.maxBlockSize { split(left) }
    }

    /// Moves every entry of block `b + 1` to the end of block `b`.
    func merge(_ b: Int) {
        let target = blocks[b], source = blocks[b + 1]
        let shift = source.rowDelta - target.rowDelta
        target.entries.reserveCapacity(target.entries.count + source.entries.count)
        for var e in source.entries {
            e.row += shift
            target.entries.append(e)
            setBlock(target, for: e)
        }
        blocks.remove(at: b + 1)
        reindex(from: b + 1)
    }

    /// Renumbers `blocks[from...]`.
    func reindex(from start: Int) {
        var i = start
        while i < blocks.count {
            blocks[i].index = i
            i += 1
        }
    }
}
