/// The extmarks of one buffer: positions with optional ends and decorations,
/// kept in order and moved by every edit (see `splice`).
///
/// Ids are per namespace. Positions are 0-based rows and UTF-8 byte columns.
/// The store does not know line lengths: the buffer validates positions
/// before calling. Out-of-range input never traps: rows and columns are
/// clamped to 0...2^40. Storage and costs are described in
/// ExtmarkTable.swift (blocks of entries with lazy row offsets; 100k marks
/// stay fast).
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
    /// All state, mutated through one access per call. Not checked for
    /// exclusivity at run time: every `extmark.set` made two checks of it
    /// (about 80 instructions each), and the table's methods call nothing
    /// that could reach the store again.
    @exclusivity(unchecked) var table = ExtmarkTable()

    /// Where changed rows are recorded (the buffer's ``RowDamage``).
    public let damage: RowDamage

    /// An empty store recording its changes in `damage` (a log of its own
    /// by default).
    public init(damage: RowDamage = RowDamage()) {
        self.damage = damage
    }

    /// The number of marks, all namespaces together.
    public var count: Int { table.ids.count }

    /// The number of marks whose decoration can change a line's height
    /// (`Decoration.affectsLayout`): with none, line heights depend on the
    /// text alone.
    public var layoutMarkCount: Int { table.layoutMarks }

    /// Creates or replaces a mark and returns its id.
    ///
    /// - Parameters:
    ///   - ns: the namespace.
    ///   - id: the id to use; nil picks the next id of `ns` (1, 2, ...; always
    ///     above every id ever used in `ns`, so deleted ids are not reused).
    ///     An existing id moves and replaces that mark.
    ///   - start: where the mark starts.
    ///   - end: where its range ends (exclusive), or nil for a point mark.
    ///   - decoration: what it draws.
    ///   - rightGravity: the start stays after text inserted at it (default).
    ///   - endRightGravity: the end stays after text inserted at it.
    /// - Throws: `KernelError.invalidArgument` when `id` is not positive.
    @discardableResult
    public func set(ns: NamespaceID, id: Int? = nil, start: Position, end: Position? = nil,
                    decoration: consuming Decoration = Decoration(), rightGravity: Bool = true,
                    endRightGravity: Bool = false) throws(KernelError) -> Int {
        if let id, let old = table.get(ns: ns, id: id) { damage.record(Self.rows(of: old)) }
        let markID = try table.set(ns: ns, id: id, start: start, end: end, decoration: decoration,
                                   rightGravity: rightGravity, endRightGravity: endRightGravity)
        let first = ExtmarkTable.clamped(start).row
        damage.record(first..<(max(first, end.map { ExtmarkTable.clamped($0).row } ?? first) + 1))
        return markID
    }

    /// Adds a point mark with the next id of `ns` whose decoration is the
    /// highlight group `hl` alone (or nothing): the same as
    /// `set(ns: ns, start: start, decoration: Decoration(hl: hl),
    /// rightGravity: rightGravity)`, without building a `Decoration` or
    /// looking the new id up. A loop of `extmark.set` with `{}` or
    /// `{hl = ...}` options comes here.
    @discardableResult
    public func add(ns: NamespaceID, start: Position, hl: String? = nil, rightGravity: Bool = true) -> Int {
        // At Int.max the next id is not new (it stays Int.max): `set`
        // replaces that mark.
        if table.ids.nextID(ns: ns.raw) == Int.max {
            return (try? set(ns: ns, start: start, decoration: Decoration(hl: hl),
                             rightGravity: rightGravity)) ?? Int.max
        }
        let markID = table.addPoint(ns: ns, start: start, hl: hl, rightGravity: rightGravity)
        let row = ExtmarkTable.clamped(start).row
        damage.record(row..<(row + 1))
        return markID
    }

    /// The rows a mark is drawn on.
    private static func rows(of mark: Extmark) -> Range<Int> {
        mark.start.row..<(max(mark.start.row, mark.end?.row ?? mark.start.row) + 1)
    }

    /// The mark `id` of namespace `ns`, or nil when there is none.
    public func get(ns: NamespaceID, id: Int) -> Extmark? {
        table.get(ns: ns, id: id)
    }

    /// Deletes mark `id` of `ns`; returns false when there was none.
    @discardableResult
    public func delete(ns: NamespaceID, id: Int) -> Bool {
        guard let old = table.get(ns: ns, id: id) else { return false }
        damage.record(Self.rows(of: old))
        return table.delete(ns: ns, id: id)
    }

    /// Deletes the marks of `ns` (every namespace when nil) whose start row
    /// is in `rows`; returns how many were deleted.
    @discardableResult
    public func clear(ns: NamespaceID?, rows: Range<Int>) -> Int {
        let cleared = table.clear(ns: ns, rows: rows)
        // A cleared mark may span rows below the range.
        if cleared > 0 { damage.record(max(0, rows.lowerBound)..<Int.max) }
        return cleared
    }

    /// Deletes every mark of `ns` (every mark when nil); returns how many.
    @discardableResult
    public func clear(ns: NamespaceID?) -> Int {
        clear(ns: ns, rows: 0..<Int.max)
    }

    /// Moves marks for an edit: the text in [start, oldEnd) was replaced by
    /// text that now ends at `newEnd`. The buffer calls this on every change.
    ///
    /// The effect is exactly "delete, then insert":
    /// - positions before `start` do not move;
    /// - positions after `oldEnd` shift: on oldEnd's row they become
    ///   (newEnd.row, newEnd.col + col - oldEnd.col), on later rows the row
    ///   moves by newEnd.row - oldEnd.row;
    /// - positions in [start, oldEnd] collapse to `start`; then those with
    ///   right gravity move to `newEnd` (left-gravity ones stay at `start`).
    ///
    /// A mark's start uses `rightGravity`, its end `endRightGravity`. Marks are
    /// never removed. Bad input does not trap: `oldEnd` and `newEnd` are
    /// clamped to be at or after `start`.
    ///
    /// Examples: a line inserted at the top is
    /// `splice(start: (0,0), oldEnd: (0,0), newEnd: (1,0))`; joining line 3
    /// (7 bytes long) with line 4 is `splice(start: (3,7), oldEnd: (4,0), newEnd: (3,7))`.
    public func splice(start: Position, oldEnd: Position, newEnd: Position) {
        table.splice(start: start, oldEnd: oldEnd, newEnd: newEnd)
    }

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
    ///     O(marks spanning rows + marks on from's row before it) per call;
    ///     single-row highlights elsewhere cost nothing.
    public func list(ns: NamespaceID? = nil,
                     from: Position = Position(row: 0, col: 0),
                     to: Position = Position(row: Int.max, col: Int.max),
                     limit: Int? = nil, overlap: Bool = false) -> [Extmark] {
        table.list(ns: ns, from: from, to: to, limit: limit, overlap: overlap)
    }

    /// The marks whose start row is in `rows`, same order and options as
    /// `list(ns:from:to:limit:overlap:)` (with `overlap`, also ranged marks
    /// starting above `rows` and ending at or after its first row).
    public func list(ns: NamespaceID? = nil, rows: Range<Int>, limit: Int? = nil,
                     overlap: Bool = false) -> [Extmark] {
        guard !rows.isEmpty else { return [] }
        return table.list(ns: ns, from: Position(row: rows.lowerBound, col: 0),
                          to: Position(row: rows.upperBound - 1, col: Int.max),
                          limit: limit, overlap: overlap)
    }

    /// The marks whose start row is in `rows` and whose decoration changes
    /// line heights (``Decoration/affectsLayout``), in list order: what
    /// `list(rows:)` returns with the others left out, without building
    /// them. A renderer measuring lines needs only these, and in a buffer of
    /// highlighted text they are few among many highlight spans.
    public func layoutMarks(rows: Range<Int>) -> [Extmark] {
        guard !rows.isEmpty else { return [] }
        return table.list(ns: nil, from: Position(row: rows.lowerBound, col: 0),
                          to: Position(row: rows.upperBound - 1, col: Int.max),
                          limit: nil, overlap: false, layoutOnly: true)
    }

    /// Checks every internal invariant (order, lazy row offsets, block sizes,
    /// id index, ranged set) and returns a description of each violation:
    /// empty when all hold. Debug builds only; release builds return [] at
    /// once. O(n) with hashing: meant for tests.
    public func checkInvariants() -> [String] {
        #if DEBUG
        return table.invariantViolations()
        #else
        return []
        #endif
    }

    /// List order: start position, then namespace, then id.
    static func ordered(_ a: Extmark, _ b: Extmark) -> Bool {
        if a.start != b.start { return a.start < b.start }
        if a.ns != b.ns { return a.ns < b.ns }
        return a.id < b.id
    }
}
