// Window selections (see `Selection`): set, clear, validated.

extension Editor {
    /// Sets (or with nil clears) the selection of a window and redraws.
    /// Emits `selection_changed` with `{win, mode}` (mode nil when cleared).
    /// - Throws: `KernelError.outOfRange` when an end's row is not a line
    ///   of the window's buffer or a column is negative.
    public func setSelection(_ id: WindowID, _ selection: Selection?) throws {
        let win = try window(id.raw)
        if let s = selection {
            let buf = try buffer(win.buffer.raw)
            for (name, p) in [("start", s.anchor), ("end", s.head)] {
                guard p.row >= 0, p.row < buf.lineCount else {
                    throw KernelError.outOfRange("selection \(name) row \(p.row) out of range (buffer has \(buf.lineCount) lines)")
                }
                guard p.col >= 0 else {
                    throw KernelError.outOfRange("selection \(name) column \(p.col) must not be negative")
                }
            }
        }
        guard win.selection != selection else { return }
        win.selection = selection
        emit(.selectionChanged, subject: win.name, data: .table([
            "win": .int(id.raw), "mode": selection.map { .string($0.mode.rawValue) } ?? .null,
        ]), buf: win.buffer, win: id)
        requestRedraw()
    }
}
