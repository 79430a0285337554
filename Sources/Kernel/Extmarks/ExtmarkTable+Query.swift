// Range queries over an ExtmarkTable (contract on ExtmarkStore.list).

extension ExtmarkTable {
    /// The marks of ``ExtmarkStore/list(ns:from:to:limit:overlap:)``;
    /// with `layoutOnly`, only those whose decoration `affectsLayout` (the
    /// others are skipped before they are built; overlapping marks, which
    /// start before `from`, are not filtered).
    func list(ns: NamespaceID?, from: Position, to: Position, limit: Int?,
              overlap: Bool, layoutOnly: Bool = false) -> [Extmark] {
        let cap = limit.map { $0 < 0 ? Int.max : $0 } ?? Int.max
        guard cap > 0, from <= to else { return [] }
        var result = overlap ? overlapping(ns: ns, at: from) : []
        guard result.count < cap else { return Array(result.prefix(cap)) }
        let want = cap - result.count

        var found: [(pos: Position, slot: Int32)] = []
        forEachEntry(from: from) { pos, e in
            guard pos <= to else { return false }
            if found.count >= want, let last = found.last, pos != last.pos { return false }
            if !e.isEnd, ns == nil || records[Int(e.slot)].ns == ns,
               !layoutOnly || records[Int(e.slot)].decoration.affectsLayout {
                found.append((pos, e.slot))
            }
            return true
        }
        sortTies(&found)
        result.append(contentsOf: found.prefix(want).map { extmark(slot: $0.slot, start: $0.pos) })
        return result
    }

    /// Ranged marks of `ns` with start < `from` <= end, in list order.
    ///
    /// Such a mark either spans rows (then it is in `multilineSlots`, each
    /// checked, block bounds rejecting most without a scan) or starts on
    /// `from`'s row before it (found by walking that row's entries before
    /// `from`). Cost: O(multi-row marks + entries on from.row before from).
    func overlapping(ns: NamespaceID?, at from: Position) -> [Extmark] {
        var found: [(pos: Position, slot: Int32)] = []
        if from.col > 0 {
            forEachEntry(from: Position(row: from.row, col: 0)) { pos, e in
                guard pos < from else { return false }
                let slot = e.slot
                if !e.isEnd, records[Int(slot)].hasEnd, !multilineSlots.contains(slot),
                   ns == nil || records[Int(slot)].ns == ns,
                   entryPosition(slot: slot, isEnd: true) >= from {
                    found.append((pos, slot))
                }
                return true
            }
        }
        for slot in multilineSlots {
            if let ns, records[Int(slot)].ns != ns { continue }
            guard let sb = blockOf(slot: slot, isEnd: false),
                  let eb = blockOf(slot: slot, isEnd: true) else { continue }
            if let first = blocks[sb].firstPosition(delta: rowDelta(sb)), first >= from { continue }
            if let last = blocks[eb].lastPosition(delta: rowDelta(eb)), last < from { continue }
            let start = entryPosition(slot: slot, isEnd: false)
            guard start < from, entryPosition(slot: slot, isEnd: true) >= from else { continue }
            found.append((start, slot))
        }
        let marks = records  // the closure captures this, not the whole table
        found.sort { a, b in a.pos != b.pos ? a.pos < b.pos : Self.tieOrdered(marks[Int(a.slot)], marks[Int(b.slot)]) }
        return found.map { extmark(slot: $0.slot, start: $0.pos) }
    }

    /// Sorts each run of equal positions in `found` (already in position
    /// order) by namespace then id: O(n) when there are no ties.
    ///
    /// Runs are short (a line's highlight and the spans starting with it),
    /// so each is insertion-sorted in place; no closure is formed, since a
    /// closure over `self` would copy the table (retaining each of its
    /// arrays) once per run. A long run (many marks at one position) is
    /// sorted with the standard sort instead.
    func sortTies(_ found: inout [(pos: Position, slot: Int32)]) {
        guard found.count > 1 else { return }
        var runStart = 0
        for i in 1...found.count where i == found.count || found[i].pos != found[runStart].pos {
            if i - runStart > 16 {
                let marks = records
                found[runStart..<i].sort { Self.tieOrdered(marks[Int($0.slot)], marks[Int($1.slot)]) }
            } else if i - runStart > 1 {
                insertionSortTies(&found, runStart..<i)
            }
            runStart = i
        }
    }

    /// Insertion sort of one short run of ties (see ``sortTies(_:)``).
    private func insertionSortTies(_ found: inout [(pos: Position, slot: Int32)], _ run: Range<Int>) {
        for i in run.dropFirst() {
            let item = found[i]
            var j = i
            while j > run.lowerBound, Self.tieOrdered(records[Int(item.slot)], records[Int(found[j - 1].slot)]) {
                found[j] = found[j - 1]
                j -= 1
            }
            found[j] = item
        }
    }

    /// Tie order of two marks at the same position: namespace, then id.
    static func tieOrdered(_ a: MarkRecord, _ b: MarkRecord) -> Bool {
        a.ns != b.ns ? a.ns < b.ns : a.id < b.id
    }
}
