// Debug-only deep consistency check of ExtmarkStore.

extension ExtmarkStore {
    /// Checks every internal invariant and returns a description of each
    /// violation (empty when all hold). In release builds it returns [] at
    /// once. Meant for tests; costs O(n) with hashing.
    ///
    /// Checked: block sizes and indexes, global position order (with the
    /// lazy row deltas applied), no negative positions, each live mark has
    /// exactly one start entry (and one end entry iff it has an end) in the
    /// blocks its record points to, the id index, the ranged set, free slots,
    /// and that every namespace's next id is above its ids.
    public func checkInvariants() -> [String] {
        #if DEBUG
        var problems: [String] = []
        checkBlocks(&problems)
        checkRecords(&problems)
        return problems
        #else
        return []
        #endif
    }

    #if DEBUG
    private func checkBlocks(_ problems: inout [String]) {
        var previous: Position?
        var seen: [Int32: (start: Int, end: Int)] = [:]
        for (b, block) in blocks.enumerated() {
            if block.index != b { problems.append("block \(b) has index \(block.index)") }
            let n = block.entries.count
            if n == 0 || n > Self.maxBlockSize || (blocks.count > 1 && n < Self.minBlockSize) {
                problems.append("block \(b) has \(n) entries")
            }
            for i in 0..<n {
                let e = block.entries[i], p = block.position(at: i)
                if let previous, p < previous { problems.append("entry \(p) after \(previous) in block \(b)") }
                if p.row < 0 || p.col < 0 { problems.append("negative position \(p)") }
                previous = p
                let slot = Int(e.slot)
                guard slot >= 0, slot < records.count, records[slot].isLive else {
                    problems.append("entry in block \(b) points to dead slot \(slot)")
                    continue
                }
                let r = records[slot]
                let owner = e.isEnd ? r.endBlock : r.startBlock
                if owner !== block { problems.append("slot \(slot) isEnd=\(e.isEnd) not in its recorded block") }
                let gravity = e.isEnd ? r.endRightGravity : r.rightGravity
                if e.rightGravity != gravity { problems.append("slot \(slot) entry gravity mismatch") }
                var c = seen[e.slot, default: (0, 0)]
                if e.isEnd { c.end += 1 } else { c.start += 1 }
                seen[e.slot] = c
            }
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
        if live.count != slotByKey.count { problems.append("\(live.count) live records, \(slotByKey.count) keys") }
        if live.count + freeSlots.count != records.count { problems.append("free slot count mismatch") }
        for (key, slot) in slotByKey {
            let r = records[Int(slot)]
            if !r.isLive || r.ns.raw != key.ns || r.id != key.id {
                problems.append("key \(key) points to wrong slot \(slot)")
            }
            if r.id < Int.max, r.id >= nextID[r.ns, default: 1] { problems.append("id \(r.id) not below next id") }
        }
        let ranged = Set(live.filter { records[$0].hasEnd }.map { Int32($0) })
        if ranged != rangedSlots { problems.append("ranged set mismatch") }
        for slot in freeSlots where records[Int(slot)].isLive { problems.append("free slot \(slot) is live") }
    }
    #endif
}
