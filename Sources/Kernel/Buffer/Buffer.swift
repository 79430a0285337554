/// A buffer: lines of text with an id, a name, variables and extmarks.
///
/// Every edit goes through `setLines` or `setText`, which validate their
/// arguments (Neovim indexing, see `LineIndex`), move extmarks through
/// `ExtmarkStore.splice`, bump `tick` and report a `BufferChange` to
/// `onChange`. Columns are UTF-8 byte offsets and must fall on a character
/// boundary. A buffer always has at least one (possibly empty) line.
public final class Buffer {
    public let id: BufferID
    /// Unique name used by `buf.find`; may be empty.
    public var name: String
    /// Scratch buffers are never written to disk and hold UI state.
    public var scratch: Bool
    /// When false, edits throw `KernelError.notModifiable`.
    /// (This, `tick` and `onChange` are not checked for exclusivity at run
    /// time: plain values every edit reads or bumps, never passed `inout`.)
    @exclusivity(unchecked) public var modifiable: Bool
    /// Buffer-local variables (`buf.get_var`/`set_var`).
    public var vars: [String: Value] = [:]
    /// Incremented on every edit.
    @exclusivity(unchecked) public private(set) var tick = 0
    /// The rows changed by edits and mark changes, for drawers that redraw
    /// only what changed (shared with ``extmarks``).
    public let damage: RowDamage
    /// Extmarks of every namespace in this buffer.
    public let extmarks: ExtmarkStore
    /// Called after every edit; the kernel turns it into `buf_changed`.
    @exclusivity(unchecked) public var onChange: ((BufferChange) -> Void)?

    /// The lines: a B-tree with O(log n) edits by index (`LineStore`).
    /// Not checked for exclusivity at run time (see `LineNode`): only this
    /// class's edit methods write it, and they call out (`onChange`) only
    /// after the write.
    @exclusivity(unchecked) private(set) var storage = LineStore([""]) {
        didSet { lastLeaf = nil }
    }
    /// The leaf `line(_:)` read last and the row of its first line:
    /// renderers read neighbouring lines one by one, and a leaf holds up
    /// to 64 of them. Not retained (a retain would make the next edit of
    /// that leaf copy it); cleared by every write of `storage`, which
    /// alone can free it.
    @exclusivity(unchecked) private var lastLeaf: (leaf: Unmanaged<LineNode>, start: Int)?

    public init(id: BufferID, name: String = "", scratch: Bool = false, modifiable: Bool = true) {
        self.id = id
        self.name = name
        self.scratch = scratch
        self.modifiable = modifiable
        damage = RowDamage()
        extmarks = ExtmarkStore(damage: damage)
    }

    /// Number of lines (never 0).
    public var lineCount: Int { storage.count }

    /// The line at `row`, or nil when out of range. O(log n).
    public func line(_ row: Int) -> String? {
        if let last = lastLeaf {
            let i = row - last.start
            let found: String? = last.leaf._withUnsafeGuaranteedRef { leaf in
                i >= 0 && i < leaf.lines.count ? leaf.lines[i] : nil
            }
            if let found { return found }
        }
        guard row >= 0 && row < storage.count else { return nil }
        let (leaf, start) = storage.leaf(containing: row)
        lastLeaf = (Unmanaged.passUnretained(leaf), start)
        return leaf.lines[row - start]
    }

    /// All lines as an array (O(n): prefer `line(_:)`, `getLines` or
    /// `forEachLine` for large buffers).
    public var lines: [String] { storage.lines }

    /// Calls `body` with each line in `range` (0-based, end-exclusive,
    /// within the buffer) without building an array.
    public func forEachLine(in range: Range<Int>, _ body: (String) throws -> Void) rethrows {
        // A copy: `body` may edit this buffer (the copy keeps the nodes
        // being walked alive; the edit copies them on write).
        let lines = storage
        try lines.forEach(in: range, body)
    }

    /// The rows `[start, end)` name with Neovim indexing (negative =
    /// `lineCount + 1 + i`), validated as `getLines` does, without reading
    /// any line: pair it with `forEachLine(in:)` to visit them.
    /// - Throws: `KernelError.outOfRange` or `.invalidArgument` as `getLines`.
    public func lineRange(_ start: Int, _ end: Int, strict: Bool = true) throws -> Range<Int> {
        // Non-negative and in order within the buffer: what `LineIndex.range`
        // returns, without its resolving and checks (a get_lines loop).
        let count = storage.count
        if start >= 0, start <= end, end <= count { return start..<end }
        return try LineIndex.range(start, end, count: count, strict: strict)
    }

    /// Lines `[start, end)` with Neovim indexing.
    /// - Parameter strict: when false, out-of-range indices are clamped
    ///   instead of raising (like `strict_indexing = false`).
    public func getLines(_ start: Int, _ end: Int, strict: Bool = true) throws -> [String] {
        let r = try LineIndex.range(start, end, count: storage.count, strict: strict)
        return storage.lines(in: r)
    }

    /// Replaces lines `[start, end)` with `replacement`.
    ///
    /// `setLines(0, -1, [])` empties the buffer (one empty line remains).
    /// Lines may not contain "\n"; use several lines instead.
    public func setLines(_ start: Int, _ end: Int, _ replacement: [String], strict: Bool = true) throws {
        try checkModifiable()
        let r = try LineIndex.range(start, end, count: storage.count, strict: strict)
        try checkNoNewlines(replacement)
        replaceLines(r, with: replacement)
    }

    /// Appends lines at the end without index arithmetic (the transcript's
    /// hot path). Replaces the single empty line of an empty buffer.
    public func append(_ newLines: [String]) throws {
        try checkModifiable()
        try checkNoNewlines(newLines)
        if storage.count == 1 && storage[0].isEmpty {
            replaceLines(0..<1, with: newLines)
        } else {
            replaceLines(storage.count..<storage.count, with: newLines)
        }
    }

    /// Text from (startRow, startCol) to (endRow, endCol), end-exclusive, as lines.
    public func getText(_ startRow: Int, _ startCol: Int, _ endRow: Int, _ endCol: Int) throws -> [String] {
        let (s, e) = try textRange(startRow, startCol, endRow, endCol)
        if s.row == e.row {
            return [slice(storage[s.row], s.col, e.col)]
        }
        var out = [slice(storage[s.row], s.col, storage[s.row].utf8.count)]
        if e.row - s.row > 1 { out.append(contentsOf: storage.lines(in: (s.row + 1)..<e.row)) }
        out.append(slice(storage[e.row], 0, e.col))
        return out
    }

    /// Replaces the text from (startRow, startCol) to (endRow, endCol) with
    /// `replacement` (lines joined by newlines; `[]` deletes).
    public func setText(_ startRow: Int, _ startCol: Int, _ endRow: Int, _ endCol: Int,
                        _ replacement: [String]) throws {
        try checkModifiable()
        try checkNoNewlines(replacement)
        let (s, e) = try textRange(startRow, startCol, endRow, endCol)
        let head = slice(storage[s.row], 0, s.col)
        let tailLine = storage[e.row]
        let tail = slice(tailLine, e.col, tailLine.utf8.count)
        var newLines = replacement.isEmpty ? [""] : replacement
        let lastInserted = newLines[newLines.count - 1]
        newLines[0] = head + newLines[0]
        newLines[newLines.count - 1] += tail
        let newEnd: Position = newLines.count == 1
            ? Position(row: s.row, col: s.col + (replacement.first?.utf8.count ?? 0))
            : Position(row: s.row + newLines.count - 1, col: lastInserted.utf8.count)
        storage.replaceSubrange(s.row..<(e.row + 1), with: newLines)
        extmarks.splice(start: s, oldEnd: e, newEnd: newEnd)
        changed(first: s.row, lastOld: e.row + 1, lastNew: s.row + newLines.count)
    }

    // MARK: - Internals

    private func replaceLines(_ r: Range<Int>, with replacement: [String]) {
        storage.replaceSubrange(r, with: replacement)
        if storage.isEmpty { storage.append(contentsOf: [""]) }
        // Whole lines are the byte range (start,0)..(end,0), as in Neovim:
        // marks on deleted lines collapse to (start,0), which may be one row
        // past the last line after deleting the tail; readers clamp.
        let newEnd = Position(row: r.lowerBound + replacement.count, col: 0)
        extmarks.splice(start: Position(row: r.lowerBound, col: 0),
                        oldEnd: Position(row: r.upperBound, col: 0), newEnd: newEnd)
        changed(first: r.lowerBound, lastOld: r.upperBound, lastNew: r.lowerBound + replacement.count)
    }

    private func changed(first: Int, lastOld: Int, lastNew: Int) {
        damage.recordEdit(first: first, lastOld: lastOld, lastNew: lastNew)
        tick += 1
        onChange?(BufferChange(buf: id, first: first, lastOld: lastOld, lastNew: lastNew, tick: tick))
    }

    private func checkModifiable() throws {
        guard modifiable else { throw KernelError.notModifiable(id) }
    }

    private func checkNoNewlines(_ lines: [String]) throws {
        for (i, l) in lines.enumerated() where Self.hasNewline(l) {
            throw KernelError.invalidArgument("line \(i + 1) of the replacement contains a newline; pass separate lines")
        }
    }

    /// Whether `line` contains "\n": a scan of its stored bytes (iterating
    /// the UTF-8 view cost more than the rest of a one-line append).
    private static func hasNewline(_ line: String) -> Bool {
        line.utf8.withContiguousStorageIfAvailable { $0.contains(10) } ?? line.utf8.contains(10)
    }

    /// Validates a text range: rows in range (negative rows allowed), columns
    /// within their lines (negative columns count from the end: -1 = line
    /// length) and on UTF-8 character boundaries, start not after end.
    func textRange(_ sr: Int, _ sc: Int, _ er: Int, _ ec: Int) throws -> (Position, Position) {
        let s = try position(sr, sc, what: "start")
        let e = try position(er, ec, what: "end")
        guard s <= e else {
            throw KernelError.invalidArgument("start position \(s) is after end position \(e)")
        }
        return (s, e)
    }

    /// Validates one (row, col) position of `getText`/`setText`/extmarks.
    public func position(_ row: Int, _ col: Int, what: String) throws -> Position {
        let count = storage.count
        let r = row < 0 ? count + row : row
        guard r >= 0, r < count else {
            throw KernelError.outOfRange("\(what) row \(row) out of range (buffer has \(count) lines)")
        }
        // `line(_:)`: a loop setting marks row by row reads one leaf.
        let line = (self.line(r) ?? "").utf8
        let c = col < 0 ? line.count + 1 + col : col
        guard c >= 0, c <= line.count else {
            throw KernelError.outOfRange("\(what) column \(col) out of range (line \(r) has \(line.count) bytes)")
        }
        if c < line.count {
            // Native lines: the byte read in place (no index walk).
            let byte = line.withContiguousStorageIfAvailable { $0[c] }
                ?? line[line.index(line.startIndex, offsetBy: c)]
            guard byte & 0xC0 != 0x80 else {
                throw KernelError.invalidArgument("\(what) column \(col) is inside a UTF-8 character on line \(r)")
            }
        }
        return Position(row: r, col: c)
    }

    private func slice(_ s: String, _ from: Int, _ to: Int) -> String {
        let u = s.utf8
        let a = u.index(u.startIndex, offsetBy: from)
        let b = u.index(u.startIndex, offsetBy: to)
        return String(s[a..<b])
    }
}
