// Cursor-relative text editing on a window's buffer: the primitives an
// insert mode or a composer is built from. Columns are UTF-8 byte offsets;
// moves step over whole characters.

extension Editor {
    /// Inserts `text` (may contain newlines) at the window's cursor and
    /// moves the cursor after it.
    public func insertText(_ text: String, in win: Window) throws {
        let buf = try buffer(win.buffer.raw)
        let pos = clampedCursor(win, buf)
        let parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        try buf.setText(pos.row, pos.col, pos.row, pos.col, parts)
        if parts.count == 1 {
            win.cursor = Position(row: pos.row, col: pos.col + parts[0].utf8.count)
        } else {
            win.cursor = Position(row: pos.row + parts.count - 1, col: parts[parts.count - 1].utf8.count)
        }
    }

    /// Deletes the character before the cursor (joining lines at column 0).
    public func deleteBackward(in win: Window) throws {
        let buf = try buffer(win.buffer.raw)
        let pos = clampedCursor(win, buf)
        if pos.col > 0 {
            let line = buf.line(pos.row) ?? ""
            let start = Self.previousBoundary(line, before: pos.col)
            try buf.setText(pos.row, start, pos.row, pos.col, [])
            win.cursor = Position(row: pos.row, col: start)
        } else if pos.row > 0 {
            let prevLen = buf.line(pos.row - 1)?.utf8.count ?? 0
            try buf.setText(pos.row - 1, prevLen, pos.row, 0, [])
            win.cursor = Position(row: pos.row - 1, col: prevLen)
        }
    }

    /// Deletes the character under the cursor (joining with the next line at the end).
    public func deleteForward(in win: Window) throws {
        let buf = try buffer(win.buffer.raw)
        let pos = clampedCursor(win, buf)
        let line = buf.line(pos.row) ?? ""
        if pos.col < line.utf8.count {
            try buf.setText(pos.row, pos.col, pos.row, Self.nextBoundary(line, after: pos.col), [])
        } else if pos.row + 1 < buf.lineCount {
            try buf.setText(pos.row, pos.col, pos.row + 1, 0, [])
        }
    }

    /// Moves the cursor by characters (`dx`) and lines (`dy`), clamped to the text.
    public func moveCursor(_ win: Window, dx: Int = 0, dy: Int = 0) throws {
        let buf = try buffer(win.buffer.raw)
        var pos = clampedCursor(win, buf)
        if dy != 0 {
            pos.row = min(max(0, pos.row + dy), buf.lineCount - 1)
            let line = buf.line(pos.row) ?? ""
            pos.col = Self.boundary(line, atOrBefore: min(pos.col, line.utf8.count))
        }
        var steps = dx
        while steps != 0 {
            let line = buf.line(pos.row) ?? ""
            if steps > 0 {
                if pos.col < line.utf8.count { pos.col = Self.nextBoundary(line, after: pos.col) }
                else if pos.row + 1 < buf.lineCount { pos = Position(row: pos.row + 1, col: 0) }
                steps -= 1
            } else {
                if pos.col > 0 { pos.col = Self.previousBoundary(line, before: pos.col) }
                else if pos.row > 0 { pos = Position(row: pos.row - 1, col: buf.line(pos.row - 1)?.utf8.count ?? 0) }
                steps += 1
            }
        }
        win.cursor = pos
        requestRedraw()
    }

    /// Sets the cursor, validating it against the buffer (column clamped to a
    /// character boundary of the line).
    public func setCursor(_ win: Window, row: Int, col: Int) throws {
        let buf = try buffer(win.buffer.raw)
        guard row >= 0, row < buf.lineCount else {
            throw KernelError.outOfRange("cursor row \(row) out of range (buffer has \(buf.lineCount) lines)")
        }
        guard col >= 0 else { throw KernelError.outOfRange("cursor column \(col) is negative") }
        let line = buf.line(row) ?? ""
        win.cursor = Position(row: row, col: Self.boundary(line, atOrBefore: min(col, line.utf8.count)))
        requestRedraw()
    }

    func clampedCursor(_ win: Window, _ buf: Buffer) -> Position {
        let row = min(max(0, win.cursor.row), buf.lineCount - 1)
        let line = buf.line(row) ?? ""
        return Position(row: row, col: Self.boundary(line, atOrBefore: min(max(0, win.cursor.col), line.utf8.count)))
    }

    /// The byte offset of the grapheme boundary at or before `col`.
    static func boundary(_ line: String, atOrBefore col: Int) -> Int {
        var last = 0
        var offset = 0
        for ch in line {
            if offset > col { break }
            last = offset
            offset += ch.utf8.count
        }
        return offset <= col ? offset : last
    }

    static func previousBoundary(_ line: String, before col: Int) -> Int {
        var prev = 0, offset = 0
        for ch in line {
            if offset >= col { break }
            prev = offset
            offset += ch.utf8.count
        }
        return prev
    }

    static func nextBoundary(_ line: String, after col: Int) -> Int {
        var offset = 0
        for ch in line {
            offset += ch.utf8.count
            if offset > col { return offset }
        }
        return line.utf8.count
    }
}
