/*
 ExtmarkTable: the storage behind ExtmarkStore (one per buffer).

 Representation
 --------------
 Every mark contributes one *entry* for its start and, when it has a range,
 one more for its end. Each entry carries its own gravity (the start uses the
 mark's `rightGravity`, the end its `endRightGravity`). All entries of the
 buffer form one sequence ordered by position (row, col); entries at equal
 positions are in no particular order (queries sort ties by ns then id).

 The sequence is cut into blocks (`MarkBlock`) of at most `maxBlockSize`
 entries and, when there is more than one block, at least `minBlockSize`.
 A block stores rows relative to its row delta, so shifting every entry of a
 block by k rows is one addition. Columns are stored absolute. The delta of
 block b is `blocks[b].baseDelta` plus `shifts.shift(at: b)`: `shifts`
 (RowShiftTree) is a Fenwick tree over block indexes, so shifting *every
 block from b on* is one O(log B) update rather than B additions. It is
 folded back into the bases (O(B)) only before a block is inserted or
 removed, which happens once per ~maxBlockSize/2 mark insertions or
 removals and already costs O(B) for the array move. This is the same
 idea as Neovim's marktree (positions stored relative to an ancestor, so
 an edit touches O(log n) nodes), with one flat level of blocks and the
 relative offsets kept in the Fenwick tree.

 Per-mark data (id, namespace, decoration, gravities) lives in `records`,
 indexed by a dense slot number that entries point to; `ids`
 (MarkIDIndex) maps (ns, id) to the slot, without hashing for dense ids. Each record names the blocks holding its start and
 end entry by a stable block id; `blockIndex` maps block ids to positions in
 `blocks` and is renumbered when blocks are inserted or removed. So `get` and
 `delete` are a hash lookup plus a scan of one block.

 Everything is value types inside one struct, mutated through a single
 access per public call (no per-element reference counting or dynamic
 exclusivity checks in the hot loops).

 Edits (`splice`, see ExtmarkTable+Splice.swift)
 -----------------------------------------------
 An edit replaces [start, oldEnd) by text ending at newEnd. Walking from the
 first entry at or after `start`:
   1. entries in [start, oldEnd] (contiguous) are collapsed: left-gravity
      ones to `start`, right-gravity ones to `newEnd`, rewritten into the
      same slots of the sequence, left ones first, so it stays sorted;
   2. the following entries still on row oldEnd.row (contiguous) get
      (newEnd.row, newEnd.col + col - oldEnd.col);
   3. the rest of the current block gets row += newEnd.row - oldEnd.row
      one by one, and every later block gets that amount through one
      `shifts.add(from: b + 1, ...)`.
 Cost: O(log^2 B + (k + s) log B + M) where k = entries in the edited
 range, s = entries after oldEnd on its row, M = block size, B = number of
 blocks (about n / 100). Inserting a line at the top of a buffer with 100k
 marks touches one block's entries and ~10 Fenwick cells, whatever n is.
 Marks are never removed by edits.

 Other operations
 ----------------
 set: binary search over blocks by last position, then within the block:
   O(log^2 B + M), plus O(B) to renumber blocks after a split (one split per
   ~M/2 inserts); at or after the last entry, O(1) plus the split. delete:
   O(1) hash + O(M), plus O(B) when a block empties or merges. clear of
   many marks: O(entries + B), every block walked once and cut anew
   (ExtmarkTable+Bulk.swift). list: O(log^2 B + entries visited + results * M) (a ranged
   mark's end is found by scanning its block). Overlap (marks starting before
   `from` and ending at or after it): such a mark either spans rows or
   starts on from's row. `multilineSlots` holds every ranged mark that may
   span rows (set when created so, added when an edit moves one of its
   entries to another row); each is checked using block bounds first, a
   block scan only when a bound is not decisive; from's row is walked up to
   `from`. O(R + entries on from.row) for R multi-row marks (+ O(M) per
   undecided mark): single-row highlights cost nothing.
*/

/// The key of a mark: its namespace and id.
struct MarkKey: Hashable {
    var ns: Int
    var id: Int
}

/// Per-mark data, indexed by slot (56 bytes: the decoration is stored
/// compactly, see `StoredDecoration`).
struct MarkRecord {
    var ns: NamespaceID
    var id: Int
    var decoration: StoredDecoration
    var rightGravity: Bool
    var endRightGravity: Bool
    var hasEnd: Bool
    var isLive: Bool
    /// Block id holding the start entry (-1 while detached).
    var startBlock: Int32 = -1
    /// Block id holding the end entry (-1 when none).
    var endBlock: Int32 = -1

    static let dead = MarkRecord(ns: NamespaceID(0), id: 0, decoration: StoredDecoration(Decoration()),
                                 rightGravity: true, endRightGravity: false,
                                 hasEnd: false, isLive: false)
}

/// The value-type storage of one buffer's extmarks (see the comment above).
struct ExtmarkTable {
    static let maxBlockSize = 128
    static let minBlockSize = 32
    /// Positions given to the table are clamped to 0...maxCoordinate so that
    /// shifting arithmetic cannot overflow.
    static let maxCoordinate = 1 << 40

    var blocks: [MarkBlock] = []
    /// Row shifts not yet folded into the blocks (edits add to it; block
    /// inserts and removals drain it).
    var shifts = RowShiftTree()
    /// Block id -> index in `blocks` (-1 for a free id).
    var blockIndex: [Int] = []
    var freeBlockIDs: [Int32] = []
    var records: [MarkRecord] = []
    var freeSlots: [Int32] = []
    var ids = MarkIDIndex()
    /// Slots of ranged marks whose end may be on a later row than their
    /// start: every such mark is in the set (it may hold a few that no
    /// longer are). Overlap queries only need to check these; see
    /// `noteRowChange`.
    var multilineSlots: Set<Int32> = []
    /// Live marks whose decoration `affectsLayout`.
    var layoutMarks = 0

    static func clamped(_ p: Position) -> Position {
        Position(row: min(max(0, p.row), maxCoordinate), col: min(max(0, p.col), maxCoordinate))
    }

    mutating func set(ns: NamespaceID, id: Int?, start: Position, end: Position?,
                      decoration: consuming Decoration, rightGravity: Bool,
                      endRightGravity: Bool) throws(KernelError) -> Int {
        if let id, id <= 0 { throw .invalidArgument("extmark id must be positive, got \(id)") }
        let markID = ids.claimID(ns: ns.raw, id)
        let candidate = freeSlots.last ?? Int32(records.count)
        let slot = ids.slotOrInsert(ns: ns.raw, id: markID, candidate: candidate)
        // The decoration moves into the record (each copy retains its
        // strings and arrays), so what is needed of it is read first.
        let affectsLayout = decoration.affectsLayout
        let record = MarkRecord(ns: ns, id: markID, decoration: StoredDecoration(decoration),
                                rightGravity: rightGravity, endRightGravity: endRightGravity,
                                hasEnd: end != nil, isLive: true)
        // A new key got `candidate`: a free (dead) slot or one past the end.
        let isNew = Int(slot) >= records.count || !records[Int(slot)].isLive
        if isNew {
            allocateSlot(record)
        } else {
            removeEntries(of: slot)
            if records[Int(slot)].decoration.affectsLayout { layoutMarks -= 1 }
            records[Int(slot)] = record
        }
        if affectsLayout { layoutMarks += 1 }
        let startPos = Self.clamped(start)
        insertEntry(at: startPos, slot: slot, isEnd: false, rightGravity: rightGravity)
        if let end {
            let endPos = Self.clamped(end)
            insertEntry(at: endPos, slot: slot, isEnd: true, rightGravity: endRightGravity)
            if endPos.row > startPos.row {
                multilineSlots.insert(slot)
            } else if !isNew {
                multilineSlots.remove(slot)
            }
        } else if !isNew {
            multilineSlots.remove(slot)
        }
        return markID
    }

    /// `set` of a new point mark with the next id of `ns` and a plain
    /// decoration (`hl` alone): what a loop of `extmark.set(b, ns, row, col,
    /// {hl = ...})` does. No id lookup (the id just claimed is new), no
    /// range or multiline bookkeeping, no `Decoration` built or copied.
    /// The caller makes sure the next id is below `Int.max` (at `Int.max`
    /// the id is not new: `set` replaces that mark).
    mutating func addPoint(ns: NamespaceID, start: Position, hl: String?, rightGravity: Bool) -> Int {
        let markID = ids.claimID(ns: ns.raw, nil)
        let slot = freeSlots.last ?? Int32(records.count)
        ids.insertAbsent(ns: ns.raw, id: markID, slot: slot)
        allocateSlot(MarkRecord(ns: ns, id: markID, decoration: StoredDecoration(hl: hl),
                                rightGravity: rightGravity, endRightGravity: false,
                                hasEnd: false, isLive: true))
        insertEntry(at: Self.clamped(start), slot: slot, isEnd: false, rightGravity: rightGravity)
        return markID
    }

    func get(ns: NamespaceID, id: Int) -> Extmark? {
        guard let slot = ids.slot(ns: ns.raw, id: id) else { return nil }
        return extmark(slot: slot, start: entryPosition(slot: slot, isEnd: false))
    }

    mutating func delete(ns: NamespaceID, id: Int) -> Bool {
        guard let slot = ids.slot(ns: ns.raw, id: id) else { return false }
        removeMark(slot: slot)
        return true
    }

    mutating func clear(ns: NamespaceID?, rows: Range<Int>) -> Int {
        guard !rows.isEmpty, rows.upperBound > 0 else { return 0 }
        var doomed: [Int32] = []
        forEachEntry(from: Position(row: max(0, rows.lowerBound), col: 0)) { pos, entry in
            guard pos.row < rows.upperBound else { return false }
            if !entry.isEnd, ns == nil || records[Int(entry.slot)].ns == ns {
                doomed.append(entry.slot)
            }
            return true
        }
        // Many marks (a plugin clearing its namespace before setting it
        // again): one pass over every block rather than a block scan, an
        // array shift and a rebalance per mark.
        if doomed.count >= Self.bulkRemovalMinimum, doomed.count * 4 >= ids.count {
            removeMarks(inBulk: doomed)
        } else {
            for slot in doomed { removeMark(slot: slot) }
        }
        return doomed.count
    }

    /// The snapshot of the live mark in `slot` whose start is known.
    func extmark(slot: Int32, start: Position) -> Extmark {
        let r = records[Int(slot)]
        let end = r.hasEnd ? max(start, entryPosition(slot: slot, isEnd: true)) : nil
        return Extmark(id: r.id, ns: r.ns, start: start, end: end, decoration: r.decoration.value,
                       rightGravity: r.rightGravity, endRightGravity: r.endRightGravity)
    }

    /// Index in `blocks` of the block holding a mark's start or end entry.
    func blockOf(slot: Int32, isEnd: Bool) -> Int? {
        let id = Int(isEnd ? records[Int(slot)].endBlock : records[Int(slot)].startBlock)
        guard id >= 0, id < blockIndex.count, blockIndex[id] >= 0 else { return nil }
        return blockIndex[id]
    }

    /// The absolute position of a mark's start or end entry.
    func entryPosition(slot: Int32, isEnd: Bool) -> Position {
        guard let b = blockOf(slot: slot, isEnd: isEnd),
              let i = blocks[b].find(slot: slot, isEnd: isEnd) else {
            return Position(row: 0, col: 0)  // unreachable while invariants hold
        }
        return position(b, i)
    }

    /// Stores `record` in a free slot (the last freed one) or a new one.
    mutating func allocateSlot(_ record: consuming MarkRecord) {
        if let slot = freeSlots.popLast() {
            // A free slot holds `.dead`, which references nothing (no
            // highlight string, no box): it is overwritten without being
            // destroyed first (the assignment's outlined destroy of the old
            // record cost 70 instructions per reused slot).
            let fresh = record
            records.withUnsafeMutableBufferPointer { r in
                (r.baseAddress! + Int(slot)).initialize(to: fresh)
            }
        } else {
            records.append(record)
        }
    }

    mutating func removeMark(slot: Int32) {
        removeEntries(of: slot)
        forget(slot: slot)
    }

    /// Frees the record of a mark whose entries are gone: its key, its
    /// multiline and layout bookkeeping, its slot.
    mutating func forget(slot: Int32) {
        // The fields are read in place (reading `records[slot].x` one by
        // one copied the whole record, retaining its strings, each time).
        let (ns, id, hasEnd, layout) = records.withUnsafeBufferPointer { r in
            let k = Int(slot)
            return (r[k].ns.raw, r[k].id, r[k].hasEnd, r[k].decoration.affectsLayout)
        }
        ids.remove(ns: ns, id: id)
        if hasEnd { multilineSlots.remove(slot) }
        if layout { layoutMarks -= 1 }
        records[Int(slot)] = .dead
        freeSlots.append(slot)
    }

    /// Removes the start and end entries of `slot` from the blocks.
    mutating func removeEntries(of slot: Int32) {
        removeEntry(slot: slot, isEnd: false)
        if records[Int(slot)].hasEnd { removeEntry(slot: slot, isEnd: true) }
        records[Int(slot)].startBlock = -1
        records[Int(slot)].endBlock = -1
    }

    /// Calls `body` with each entry at or after `p` in order, until it
    /// returns false.
    func forEachEntry(from p: Position, _ body: (Position, MarkEntry) -> Bool) {
        guard var b = firstBlock(lastAtOrAfter: p) else { return }
        var i = blocks[b].lowerBound(p, delta: rowDelta(b))
        while b < blocks.count {
            let delta = rowDelta(b)
            let count = blocks[b].entries.count
            while i < count {
                let e = blocks[b].entries[i]
                if !body(Position(row: e.row + delta, col: e.col), e) { return }
                i += 1
            }
            b += 1
            i = 0
        }
    }
}
