// Range queries over an ExtmarkStore.

extension ExtmarkStore {
    /// The marks whose start lies in [from, to] (both inclusive, as in
    /// Neovim's `nvim_buf_get_extmarks`), ordered by start position, ties by
    /// namespace then id.
    ///
    /// - Parameters:
    ///   - ns: only this namespace, or every namespace when nil.
    ///   - from: first position (inclusive); defaults to the buffer start.
    ///   - to: last position (inclusive); defaults to the end of everything.
    ///   - limit: at most this many marks (nil or negative: no limit).
    ///   - overlap: also return ranged marks that start before `from` and
    ///     end at or after it (they come first, being earlier). The renderer
    ///     needs these for ranges that span the top of the viewport. Costs
    ///     O(number of ranged marks) per call.
    public func list(ns: NamespaceID? = nil,
                     from: Position = Position(row: 0, col: 0),
                     to: Position = Position(row: Int.max, col: Int.max),
                     limit: Int? = nil, overlap: Bool = false) -> [Extmark] {
        let cap = limit.map { $0 < 0 ? Int.max : $0 } ?? Int.max
        guard cap > 0, from <= to else { return [] }
        var result = overlap ? overlapping(ns: ns, at: from) : []
        guard result.count < cap else { return Array(result.prefix(cap)) }
        let want = cap - result.count

        var found: [(pos: Position, slot: Int32)] = []
        forEachEntry(from: from) { pos, e in
            guard pos <= to else { return false }
            if found.count >= want, let last = found.last, pos != last.pos { return false }
            if !e.isEnd, ns == nil || records[Int(e.slot)].ns == ns {
                found.append((pos, e.slot))
            }
            return true
        }
        var marks = found.map { extmark(slot: $0.slot, start: $0.pos) }
        marks.sort(by: Self.ordered)
        result.append(contentsOf: marks.prefix(want))
        return result
    }

    /// The marks whose start row is in `rows`, same order and options as
    /// `list(ns:from:to:limit:overlap:)` (with `overlap`, also ranged marks
    /// starting above `rows` and ending at or after its first row).
    public func list(ns: NamespaceID? = nil, rows: Range<Int>, limit: Int? = nil,
                     overlap: Bool = false) -> [Extmark] {
        guard !rows.isEmpty else { return [] }
        return list(ns: ns, from: Position(row: rows.lowerBound, col: 0),
                    to: Position(row: rows.upperBound - 1, col: Int.max),
                    limit: limit, overlap: overlap)
    }

    /// Ranged marks of `ns` with start < `from` <= end, in list order.
    ///
    /// Every ranged mark is checked; block bounds reject most without
    /// scanning (start block beginning at or after `from`, or end block
    /// finishing before it).
    func overlapping(ns: NamespaceID?, at from: Position) -> [Extmark] {
        var out: [Extmark] = []
        for slot in rangedSlots {
            let r = records[Int(slot)]
            if let ns, r.ns != ns { continue }
            guard let startBlock = r.startBlock, let endBlock = r.endBlock else { continue }
            if let first = startBlock.firstPosition, first >= from { continue }
            if let last = endBlock.lastPosition, last < from { continue }
            let start = entryPosition(block: startBlock, slot: slot, isEnd: false)
            guard start < from else { continue }
            let end = entryPosition(block: endBlock, slot: slot, isEnd: true)
            guard end >= from else { continue }
            out.append(extmark(slot: slot, start: start))
        }
        out.sort(by: Self.ordered)
        return out
    }

    /// The snapshot of the mark in `slot` whose start is already known.
    func extmark(slot: Int32, start: Position) -> Extmark {
        let r = records[Int(slot)]
        let end = r.hasEnd ? max(start, entryPosition(block: r.endBlock, slot: slot, isEnd: true)) : nil
        return Extmark(id: r.id, ns: r.ns, start: start, end: end, decoration: r.decoration,
                       rightGravity: r.rightGravity, endRightGravity: r.endRightGravity)
    }

    /// List order: start position, then namespace, then id.
    static func ordered(_ a: Extmark, _ b: Extmark) -> Bool {
        if a.start != b.start { return a.start < b.start }
        if a.ns != b.ns { return a.ns < b.ns }
        return a.id < b.id
    }
}
