// Debug-only deep consistency check of ExtmarkTable.

extension ExtmarkTable {
    /// Every violated invariant, described (empty when all hold). Checked:
    /// block sizes, block ids and the id -> index map, global position order
    /// with the lazy row deltas applied, no negative positions, each live
    /// mark has exactly one start entry (and one end entry iff it has an end)
    /// in the blocks its record names, entry gravities, the id index, the
    /// multiline set, free slots, and every namespace's next id.
    func invariantViolations() -> [String] {
        var problems: [String] = []
        checkBlocks(&problems)
        checkRecords(&problems)
        let layout = records.filter { $0.isLive && $0.decoration.affectsLayout }.count
        if layout != layoutMarks { problems.append("layout mark count \(layoutMarks), but \(layout) live marks affect layout") }
        return problems
    }

    private func checkBlocks(_ problems: inout [String]) {
        var previous: Position?
        var seen: [Int32: (start: Int, end: Int)] = [:]
        for (b, block) in blocks.enumerated() {
            let id = Int(block.id)
            if id < 0 || id >= blockIndex.count || blockIndex[id] != b {
                problems.append("block \(b) id \(id) not mapped to its index")
            }
            let n = block.entries.count
            if n == 0 || n > Self.maxBlockSize || (blocks.count > 1 && n < Self.minBlockSize) {
                problems.append("block \(b) has \(n) entries")
            }
            for i in 0..<n {
                let e = block.entries[i], p = position(b, i)
                if let previous, p < previous { problems.append("entry \(p) after \(previous) in block \(b)") }
                if p.row < 0 || p.col < 0 { problems.append("negative position \(p)") }
                previous = p
                let slot = Int(e.slot)
                guard slot >= 0, slot < records.count, records[slot].isLive else {
                    problems.append("entry in block \(b) points to dead slot \(slot)")
                    continue
                }
                let r = records[slot]
                if (e.isEnd ? r.endBlock : r.startBlock) != block.id {
                    problems.append("slot \(slot) isEnd=\(e.isEnd) not in its recorded block")
                }
                if e.rightGravity != (e.isEnd ? r.endRightGravity : r.rightGravity) {
                    problems.append("slot \(slot) entry gravity mismatch")
                }
                var c = seen[e.slot, default: (0, 0)]
                if e.isEnd { c.end += 1 } else { c.start += 1 }
                seen[e.slot] = c
            }
        }
        if shifts.count != blocks.count {
            problems.append("row shift tree covers \(shifts.count) blocks, there are \(blocks.count)")
        }
        let mapped = blockIndex.filter { $0 >= 0 }.count
        if mapped != blocks.count || mapped + freeBlockIDs.count != blockIndex.count {
            problems.append("block id map has \(mapped) ids for \(blocks.count) blocks")
        }
        for (slot, r) in records.enumerated() where r.isLive {
            let c = seen[Int32(slot), default: (0, 0)]
            if c.start != 1 || c.end != (r.hasEnd ? 1 : 0) {
                problems.append("slot \(slot) has \(c.start) start and \(c.end) end entries")
            }
        }
    }

    private func checkRecords(_ problems: inout [String]) {
        let live = records.indices.filter { records[$0].isLive }
        let pairs = ids.all
        if live.count != pairs.count || pairs.count != ids.count {
            problems.append("\(live.count) live records, \(pairs.count) keys, count \(ids.count)")
        }
        if live.count + freeSlots.count != records.count { problems.append("free slot count mismatch") }
        for (key, slot) in pairs {
            let r = records[Int(slot)]
            if !r.isLive || r.ns.raw != key.ns || r.id != key.id {
                problems.append("key \(key) points to wrong slot \(slot)")
            }
            if r.id < Int.max, r.id >= ids.nextID(ns: r.ns.raw) { problems.append("id \(r.id) not below next id") }
        }
        for slot in multilineSlots where !records[Int(slot)].isLive || !records[Int(slot)].hasEnd {
            problems.append("multiline set holds slot \(slot) without a live ranged mark")
        }
        for slot in live where records[slot].hasEnd && !multilineSlots.contains(Int32(slot)) {
            let s = entryPosition(slot: Int32(slot), isEnd: false)
            let e = entryPosition(slot: Int32(slot), isEnd: true)
            if e.row > s.row { problems.append("slot \(slot) spans rows \(s)-\(e) but is not in the multiline set") }
        }
        for slot in freeSlots where records[Int(slot)].isLive { problems.append("free slot \(slot) is live") }
    }
}
