import Kernel

// Typing, deleting, cursor motions and undo: the plain-method form of the
// composer's editing keys (see Composer+Keymaps.swift for the bindings).

extension Composer {
    /// Types text at the cursor. Consecutive typing is one undo step; text
    /// with a newline is a step of its own.
    /// - Throws: `KernelError` when the buffer is gone or not modifiable.
    public func type(_ s: String) throws {
        guard !s.isEmpty else { return }
        if searchState != nil {
            searchType(s)
            return
        }
        let action: ComposerAction = s.contains("\n") ? .other : .typing
        try edit(action) { _, w in try self.editor.insertText(s, in: w) }
    }

    /// Inserts a line break at the cursor (Shift-Enter, Alt-Enter, Ctrl-J).
    /// - Throws: `KernelError` when the buffer is gone or not modifiable.
    public func insertNewline() throws {
        try edit(.other) { _, w in try self.editor.insertText("\n", in: w) }
    }

    /// Deletes the character before the cursor, or the whole placeholder of
    /// a large paste when the cursor is at its end; joins lines at column 0.
    /// - Throws: `KernelError` when the buffer is gone or not modifiable.
    public func deleteBackward() throws {
        try edit(.deleting) { b, w in
            let pos = try self.normalizedCursor(b, w)
            if let line = b.line(pos.row), let start = self.pastes.placeholderStart(endingAt: pos.col, in: line) {
                try b.setText(pos.row, start, pos.row, pos.col, [])
                w.cursor = Position(row: pos.row, col: start)
            } else {
                try self.editor.deleteBackward(in: w)
            }
        }
    }

    /// Deletes the character under the cursor, or the whole placeholder of
    /// a large paste when the cursor is at its start; joins lines at the end.
    /// - Throws: `KernelError` when the buffer is gone or not modifiable.
    public func deleteForward() throws {
        try edit(.deleting) { b, w in
            let pos = try self.normalizedCursor(b, w)
            if let line = b.line(pos.row), let end = self.pastes.placeholderEnd(startingAt: pos.col, in: line) {
                try b.setText(pos.row, pos.col, pos.row, end, [])
            } else {
                try self.editor.deleteForward(in: w)
            }
        }
    }

    // MARK: - Motions

    /// Moves one character left (to the previous line's end at column 0).
    /// - Throws: `KernelError` when the buffer is gone.
    public func moveLeft() throws {
        try motion { try editor.moveCursor(window, dx: -1) }
    }

    /// Moves one character right (to the next line's start at the end).
    /// - Throws: `KernelError` when the buffer is gone.
    public func moveRight() throws {
        try motion { try editor.moveCursor(window, dx: 1) }
    }

    /// Moves up a screen row (see ``wrapWidth``) keeping the display
    /// column; on the first row walks to the older history entry.
    /// - Throws: `KernelError` when the buffer is gone or not modifiable.
    public func moveUp() throws {
        try moveVertically(down: false)
    }

    /// Moves down a screen row keeping the display column; on the last row
    /// walks to the newer history entry (and back to the draft past the
    /// newest).
    /// - Throws: `KernelError` when the buffer is gone or not modifiable.
    public func moveDown() throws {
        try moveVertically(down: true)
    }

    /// Moves to the start of the line (Home, Ctrl-A).
    /// - Throws: `KernelError` when the buffer is gone.
    public func moveLineStart() throws {
        let b = try buffer()
        let pos = try normalizedCursor(b, window)
        try motion { try editor.setCursor(window, row: pos.row, col: 0) }
    }

    /// Moves to the end of the line (End, Ctrl-E).
    /// - Throws: `KernelError` when the buffer is gone.
    public func moveLineEnd() throws {
        let b = try buffer()
        let pos = try normalizedCursor(b, window)
        let len = b.line(pos.row)?.utf8.count ?? 0
        try motion { try editor.setCursor(window, row: pos.row, col: len) }
    }

    /// Moves to the start of the word before the cursor (Alt-B,
    /// Ctrl-Left), crossing to the previous line at column 0.
    /// - Throws: `KernelError` when the buffer is gone.
    public func moveWordBackward() throws {
        let b = try buffer()
        let target = wordBackwardTarget(b, try normalizedCursor(b, window))
        try motion { try editor.setCursor(window, row: target.row, col: target.col) }
    }

    /// Moves to the end of the word after the cursor (Alt-F, Ctrl-Right),
    /// crossing to the next line at the end of a line.
    /// - Throws: `KernelError` when the buffer is gone.
    public func moveWordForward() throws {
        let b = try buffer()
        let target = wordForwardTarget(b, try normalizedCursor(b, window))
        try motion { try editor.setCursor(window, row: target.row, col: target.col) }
    }

    // MARK: - Undo

    /// Undoes the last edit (a typing run counts as one). Returns false
    /// when there is nothing to undo.
    /// - Throws: `KernelError` when the buffer is gone or not modifiable.
    @discardableResult
    public func undoEdit() throws -> Bool {
        guard let s = undo.undo(current: snapshot()) else { return false }
        try restore(s)
        historyIndex = nil
        draft = nil
        return true
    }

    /// Redoes the last undone edit. Returns false when there is none.
    /// - Throws: `KernelError` when the buffer is gone or not modifiable.
    @discardableResult
    public func redoEdit() throws -> Bool {
        guard let s = undo.redo(current: snapshot()) else { return false }
        try restore(s)
        historyIndex = nil
        draft = nil
        return true
    }

    // MARK: - Internals

    /// Puts a snapshot back without recording an undo step.
    func restore(_ s: ComposerSnapshot) throws {
        let b = try buffer()
        try replaceAll(b, window, lines: s.lines, cursor: s.cursor)
        lastAction = .other
        goalColumn = nil
        editor.requestRedraw()
    }

    /// The window cursor clamped to the buffer and a character boundary.
    func normalizedCursor(_ b: Buffer, _ w: Window) throws -> Position {
        let row = min(max(0, w.cursor.row), b.lineCount - 1)
        try editor.setCursor(w, row: row, col: max(0, w.cursor.col))
        return w.cursor
    }

    func wordBackwardTarget(_ b: Buffer, _ pos: Position) -> Position {
        var row = pos.row
        var col = pos.col
        if col == 0 && row > 0 {
            row -= 1
            col = b.line(row)?.utf8.count ?? 0
        }
        return Position(row: row, col: ComposerWords.wordStart(b.line(row) ?? "", before: col))
    }

    func wordForwardTarget(_ b: Buffer, _ pos: Position) -> Position {
        var row = pos.row
        var col = pos.col
        if col >= (b.line(row)?.utf8.count ?? 0) && row + 1 < b.lineCount {
            row += 1
            col = 0
        }
        return Position(row: row, col: ComposerWords.wordEnd(b.line(row) ?? "", after: col))
    }
}
