// Bulk removal for ExtmarkTable: `clear` of many marks at once.
//
// Removing marks one by one costs, per mark, a scan of its block for the
// entry, an array shift, and a rebalance that merges small blocks (each
// merge moves a block and renumbers the blocks after it): clearing a
// namespace of 100,000 marks spent more than setting them had. Here the
// doomed marks are flagged, every block is walked once keeping the other
// entries, and the blocks are cut anew: O(entries + blocks) in all.

extension ExtmarkTable {
    /// Below this many marks `clear` removes them one by one.
    static let bulkRemovalMinimum = 64

    /// Removes the live marks in `slots` (distinct) with one pass over
    /// every block.
    mutating func removeMarks(inBulk slots: [Int32]) {
        for slot in slots { records[Int(slot)].isLive = false }
        var kept: [MarkEntry] = []
        kept.reserveCapacity(max(0, entryCount - slots.count))
        records.withUnsafeBufferPointer { r in
            for b in blocks.indices {
                let delta = rowDelta(b)
                for var e in blocks[b].entries where r[Int(e.slot)].isLive {
                    e.row &+= delta
                    kept.append(e)
                }
            }
        }
        for slot in slots { forget(slot: slot) }
        rebuildBlocks(from: kept)
    }

    /// The number of entries in every block.
    var entryCount: Int {
        blocks.reduce(0) { $0 + $1.entries.count }
    }

    /// Replaces every block by blocks cut from `entries` (in order, rows
    /// absolute): `maxBlockSize / 2` entries each, so inserts do not split
    /// them at once, the last taking the remainder when it would be below
    /// `minBlockSize`. Block ids are renumbered from 0 and every record
    /// pointed at its entries' new blocks; no shift is pending after.
    mutating func rebuildBlocks(from entries: [MarkEntry]) {
        blocks = []
        blockIndex = []
        freeBlockIDs = []
        shifts = RowShiftTree()
        let size = Self.maxBlockSize / 2
        var start = 0
        while start < entries.count {
            var end = min(start + size, entries.count)
            if entries.count - end < Self.minBlockSize { end = entries.count }
            let id = Int32(blocks.count)
            let chunk = Array(entries[start..<end])
            for e in chunk { setBlock(id, for: e) }
            blocks.append(MarkBlock(entries: chunk, baseDelta: 0, id: id))
            blockIndex.append(blocks.count - 1)
            shifts.grow()
            start = end
        }
    }
}
