import Kernel

// Readline kills and the yank: Ctrl-K, Ctrl-U, Ctrl-W, Alt-D and Ctrl-Y.
// Consecutive kills in one direction build up one kill (appended for
// forward kills, prepended for backward ones), as in readline.

extension Composer {
    /// Kills from the cursor to the end of the line (Ctrl-K); at the end of
    /// a line kills the line break instead.
    /// - Throws: `KernelError` when the buffer is gone or not modifiable.
    public func killToLineEnd() throws {
        let b = try buffer()
        let pos = try normalizedCursor(b, window)
        let len = b.line(pos.row)?.utf8.count ?? 0
        if pos.col < len {
            try kill(b, from: pos, to: Position(row: pos.row, col: len), forward: true)
        } else if pos.row + 1 < b.lineCount {
            try kill(b, from: pos, to: Position(row: pos.row + 1, col: 0), forward: true)
        }
    }

    /// Kills from the start of the line to the cursor (Ctrl-U); at column 0
    /// kills the line break before it instead.
    /// - Throws: `KernelError` when the buffer is gone or not modifiable.
    public func killToLineStart() throws {
        let b = try buffer()
        let pos = try normalizedCursor(b, window)
        if pos.col > 0 {
            try kill(b, from: Position(row: pos.row, col: 0), to: pos, forward: false)
        } else if pos.row > 0 {
            let prevLen = b.line(pos.row - 1)?.utf8.count ?? 0
            try kill(b, from: Position(row: pos.row - 1, col: prevLen), to: pos, forward: false)
        }
    }

    /// Kills the whitespace-delimited word before the cursor (Ctrl-W,
    /// Alt-Backspace), with the spaces between it and the cursor; at column
    /// 0 kills the line break before it.
    /// - Throws: `KernelError` when the buffer is gone or not modifiable.
    public func killWordBackward() throws {
        let b = try buffer()
        let pos = try normalizedCursor(b, window)
        if pos.col > 0 {
            let line = b.line(pos.row) ?? ""
            let start = ComposerWords.wordStart(line, before: pos.col, isWord: ComposerWords.isBigWordChar)
            try kill(b, from: Position(row: pos.row, col: start), to: pos, forward: false)
        } else if pos.row > 0 {
            let prevLen = b.line(pos.row - 1)?.utf8.count ?? 0
            try kill(b, from: Position(row: pos.row - 1, col: prevLen), to: pos, forward: false)
        }
    }

    /// Kills to the end of the word after the cursor (Alt-D), crossing a
    /// line break at the end of a line.
    /// - Throws: `KernelError` when the buffer is gone or not modifiable.
    public func killWordForward() throws {
        let b = try buffer()
        let pos = try normalizedCursor(b, window)
        let end = wordForwardTarget(b, pos)
        if end != pos {
            try kill(b, from: pos, to: end, forward: true)
        }
    }

    /// Inserts the kill buffer at the cursor (Ctrl-Y), as one undo step.
    /// - Throws: `KernelError` when the buffer is gone or not modifiable.
    public func yank() throws {
        guard !killBuffer.isEmpty else { return }
        let text = killBuffer
        try edit(.other) { _, w in try self.editor.insertText(text, in: w) }
    }

    /// Deletes `[from, to)`, records it in the kill buffer, and leaves the
    /// cursor at `from`.
    func kill(_ b: Buffer, from: Position, to: Position, forward: Bool) throws {
        let killed = try b.getText(from.row, from.col, to.row, to.col).joined(separator: "\n")
        let action: ComposerAction = forward ? .killForward : .killBackward
        let continuing = lastAction == action
        try edit(action) { b, w in
            try b.setText(from.row, from.col, to.row, to.col, [])
            w.cursor = from
        }
        if continuing {
            killBuffer = forward ? killBuffer + killed : killed + killBuffer
        } else {
            killBuffer = killed
        }
    }
}
