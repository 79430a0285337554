/*
 ExtmarkStore: the extmarks of one buffer.

 Representation
 --------------
 Every mark contributes one *entry* for its start and, when it has a range,
 one more for its end. Each entry carries its own gravity (the start uses the
 mark's `rightGravity`, the end its `endRightGravity`). All entries of the
 buffer form one sequence ordered by position (row, col); entries at equal
 positions are in no particular order (queries sort ties by ns then id).

 The sequence is cut into blocks (`MarkBlock`) of at most `maxBlockSize`
 entries and, when there is more than one block, at least `minBlockSize`.
 A block stores rows relative to its `rowDelta`, so shifting every entry of a
 block by k rows is one addition. Columns are stored absolute.

 Per-mark data (id, namespace, decoration, gravities) lives in `records`,
 indexed by a dense slot number that entries point to; `slotByKey` maps
 (ns, id) to the slot; each record points to the blocks that hold its start
 and end entry, and each block knows its index in `blocks`. So `get` and
 `delete` are a hash lookup plus a scan of one block.

 Edits (`splice`, see ExtmarkStore+Splice.swift)
 -----------------------------------------------
 An edit replaces [start, oldEnd) by text ending at newEnd. Walking from the
 first entry at or after `start`:
   1. entries in [start, oldEnd] (contiguous) are collapsed: left-gravity
      ones to `start`, right-gravity ones to `newEnd`, rewritten into the
      same slots left ones first, so the order stays sorted;
   2. the following entries still on row oldEnd.row (contiguous) get
      (newEnd.row, newEnd.col + col - oldEnd.col);
   3. the rest of the current block gets row += newEnd.row - oldEnd.row
      one by one, and every later block gets the same amount added to its
      `rowDelta`.
 Cost: O(log B + k + s + M + B) where k = entries in the edited range,
 s = entries after oldEnd on its row, M = block size, B = number of blocks
 (~ n / 100; a tight loop of additions). Inserting a line at the top of a
 buffer with 100k marks touches one block's entries and adds to ~2000
 deltas. Marks are never removed by edits.

 Other operations
 ----------------
 set: binary search over blocks by last position, then within the block:
   O(log B + M), plus O(B) to renumber blocks after a split (one split per
   ~M/2 inserts). delete: O(1) hash + O(M) + O(B) when a block empties or
   merges. list: O(log B + entries visited + results * M) (a ranged mark's
   end is found by scanning its block). Overlap (marks starting before
   `from` and ending at or after it): every mark with an end is checked,
   using block bounds first and a block scan only when a bound is not
   decisive: O(R) for R ranged marks, plus O(M) per undecided mark.
*/

/// The key of a mark: its namespace and id.
struct MarkKey: Hashable {
    var ns: Int
    var id: Int
}

/// Per-mark data, indexed by slot.
struct MarkRecord {
    var ns: NamespaceID
    var id: Int
    var decoration: Decoration
    var rightGravity: Bool
    var endRightGravity: Bool
    var hasEnd: Bool
    var isLive: Bool
    var startBlock: MarkBlock?
    var endBlock: MarkBlock?

    static let dead = MarkRecord(ns: NamespaceID(0), id: 0, decoration: Decoration(),
                                 rightGravity: true, endRightGravity: false,
                                 hasEnd: false, isLive: false)
}

/// The extmarks of one buffer: positions with optional ends and decorations,
/// kept in order and moved by every edit (see `splice`).
///
/// Ids are per namespace. Positions are 0-based rows and UTF-8 byte columns;
/// negative rows or columns given to the store are clamped to 0. The store
/// does not know line lengths: the buffer validates positions before calling.
///
/// ```swift
/// let store = ExtmarkStore()
/// let id = try store.set(ns: ns, start: Position(row: 2, col: 0),
///                        end: Position(row: 2, col: 5),
///                        decoration: Decoration(hl: "Search"))
/// store.splice(start: Position(row: 0, col: 0), oldEnd: Position(row: 0, col: 0),
///              newEnd: Position(row: 1, col: 0))        // a line inserted at the top
/// store.get(ns: ns, id: id)?.start                       // (3,0)
/// ```
public final class ExtmarkStore {
    static let maxBlockSize = 128
    static let minBlockSize = 32

    var blocks: [MarkBlock] = []
    var records: [MarkRecord] = []
    var freeSlots: [Int32] = []
    var slotByKey: [MarkKey: Int32] = [:]
    var nextID: [NamespaceID: Int] = [:]
    /// Slots of marks that have an end (candidates for overlap queries).
    var rangedSlots: Set<Int32> = []

    /// An empty store.
    public init() {}

    /// The number of marks, all namespaces together.
    public var count: Int { slotByKey.count }

    /// Creates or replaces a mark and returns its id.
    ///
    /// - Parameters:
    ///   - ns: the namespace.
    ///   - id: the id to use; nil picks the next unused id of `ns` (1, 2,
    ///     ...; always above every id ever used in `ns`). An existing id
    ///     moves and replaces that mark.
    ///   - start: where the mark starts.
    ///   - end: where its range ends (exclusive), or nil for a point mark.
    ///   - decoration: what it draws.
    ///   - rightGravity: the start stays after text inserted at it (default).
    ///   - endRightGravity: the end stays after text inserted at it.
    /// - Throws: `KernelError.invalidArgument` when `id` is not positive.
    @discardableResult
    public func set(ns: NamespaceID, id: Int? = nil, start: Position, end: Position? = nil,
                    decoration: Decoration = Decoration(), rightGravity: Bool = true,
                    endRightGravity: Bool = false) throws(KernelError) -> Int {
        let next = nextID[ns, default: 1]
        let markID: Int
        if let id {
            guard id > 0 else { throw .invalidArgument("extmark id must be positive, got \(id)") }
            markID = id
        } else {
            markID = next
        }
        if markID >= next, markID < Int.max { nextID[ns] = markID + 1 }

        let key = MarkKey(ns: ns.raw, id: markID)
        let slot: Int32
        if let old = slotByKey[key] {
            removeEntries(of: old)
            slot = old
        } else {
            slot = allocateSlot()
            slotByKey[key] = slot
        }
        records[Int(slot)] = MarkRecord(ns: ns, id: markID, decoration: decoration,
                                        rightGravity: rightGravity,
                                        endRightGravity: endRightGravity,
                                        hasEnd: end != nil, isLive: true)
        insertEntry(at: Self.clamped(start), slot: slot, isEnd: false, rightGravity: rightGravity)
        if let end {
            insertEntry(at: Self.clamped(end), slot: slot, isEnd: true, rightGravity: endRightGravity)
            rangedSlots.insert(slot)
        } else {
            rangedSlots.remove(slot)
        }
        return markID
    }

    /// The mark `id` of namespace `ns`, or nil when there is none.
    public func get(ns: NamespaceID, id: Int) -> Extmark? {
        guard let slot = slotByKey[MarkKey(ns: ns.raw, id: id)] else { return nil }
        return extmark(slot: slot)
    }

    /// Deletes mark `id` of `ns`; returns false when there was none.
    @discardableResult
    public func delete(ns: NamespaceID, id: Int) -> Bool {
        guard let slot = slotByKey[MarkKey(ns: ns.raw, id: id)] else { return false }
        removeMark(slot: slot)
        return true
    }

    /// Deletes the marks of `ns` (every namespace when nil) whose start row
    /// is in `rows`; returns how many were deleted.
    @discardableResult
    public func clear(ns: NamespaceID?, rows: Range<Int>) -> Int {
        guard !rows.isEmpty else { return 0 }
        var doomed: [Int32] = []
        forEachEntry(from: Position(row: rows.lowerBound, col: Int.min)) { pos, entry in
            guard pos.row < rows.upperBound else { return false }
            if !entry.isEnd, ns == nil || records[Int(entry.slot)].ns == ns {
                doomed.append(entry.slot)
            }
            return true
        }
        for slot in doomed { removeMark(slot: slot) }
        return doomed.count
    }

    /// Deletes every mark of `ns` (every mark when nil); returns how many.
    @discardableResult
    public func clear(ns: NamespaceID?) -> Int {
        clear(ns: ns, rows: Int.min..<Int.max)
    }
}

// MARK: - Internals

extension ExtmarkStore {
    static func clamped(_ p: Position) -> Position {
        Position(row: max(0, p.row), col: max(0, p.col))
    }

    /// The snapshot of the live mark in `slot`.
    func extmark(slot: Int32) -> Extmark {
        let r = records[Int(slot)]
        let start = entryPosition(block: r.startBlock, slot: slot, isEnd: false)
        let end = r.hasEnd ? max(start, entryPosition(block: r.endBlock, slot: slot, isEnd: true)) : nil
        return Extmark(id: r.id, ns: r.ns, start: start, end: end, decoration: r.decoration,
                       rightGravity: r.rightGravity, endRightGravity: r.endRightGravity)
    }

    /// The absolute position of a mark's start or end entry.
    func entryPosition(block: MarkBlock?, slot: Int32, isEnd: Bool) -> Position {
        guard let block, let i = block.find(slot: slot, isEnd: isEnd) else {
            return Position(row: 0, col: 0)  // unreachable while invariants hold
        }
        return block.position(at: i)
    }

    func allocateSlot() -> Int32 {
        if let slot = freeSlots.popLast() { return slot }
        records.append(.dead)
        return Int32(records.count - 1)
    }

    func removeMark(slot: Int32) {
        let r = records[Int(slot)]
        removeEntries(of: slot)
        slotByKey[MarkKey(ns: r.ns.raw, id: r.id)] = nil
        rangedSlots.remove(slot)
        records[Int(slot)] = .dead
        freeSlots.append(slot)
    }

    /// Removes the start and end entries of `slot` from the blocks.
    func removeEntries(of slot: Int32) {
        let r = records[Int(slot)]
        if let block = r.startBlock { removeEntry(in: block, slot: slot, isEnd: false) }
        if r.hasEnd, let block = records[Int(slot)].endBlock {
            removeEntry(in: block, slot: slot, isEnd: true)
        }
        records[Int(slot)].startBlock = nil
        records[Int(slot)].endBlock = nil
    }

    /// Calls `body` with each entry at or after `p` in order, until it
    /// returns false.
    func forEachEntry(from p: Position, _ body: (Position, MarkEntry) -> Bool) {
        guard var b = firstBlock(lastAtOrAfter: p) else { return }
        var i = blocks[b].lowerBound(p)
        while b < blocks.count {
            let block = blocks[b]
            while i < block.entries.count {
                let e = block.entries[i]
                if !body(Position(row: e.row + block.rowDelta, col: e.col), e) { return }
                i += 1
            }
            b += 1
            i = 0
        }
    }
}
