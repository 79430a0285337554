// Buffer lifecycle on the Editor.

extension Editor {
    /// Creates a buffer. Names must be unique when not empty.
    /// Emits `buf_new`.
    @discardableResult
    public func createBuffer(name: String = "", scratch: Bool = false, modifiable: Bool = true) throws -> Buffer {
        if !name.isEmpty, findBuffer(name: name) != nil {
            throw KernelError.invalidArgument("a buffer named '\(name)' already exists")
        }
        let buf = Buffer(id: BufferID(nextBuffer), name: name, scratch: scratch, modifiable: modifiable)
        nextBuffer += 1
        buffers[buf.id] = buf
        // Not counted (`unowned` retained and released the editor, which
        // has a side table, on every edit): the editor outlives the hook,
        // as its deinit and `deleteBuffer` disconnect it.
        buf.onChange = { [unowned(unsafe) self] change in self.bufferChanged(change) }
        emit(.bufNew, subject: name, data: .table(["buf": .int(buf.id.raw)]), buf: buf.id)
        return buf
    }

    /// The buffer with this id; raw id 0 means the current window's buffer.
    public func buffer(_ raw: Int) throws -> Buffer {
        if let last = lastBuffer, last.raw == raw { return last.buffer.takeUnretainedValue() }
        let id = raw == 0 ? (currentWindow?.buffer ?? BufferID(0)) : BufferID(raw)
        guard let b = buffers[id] else { throw KernelError.notFound("invalid buffer id: \(raw)") }
        if raw != 0 { lastBuffer = (raw, Unmanaged.passUnretained(b)) }
        return b
    }

    /// The buffer with this id, from `lastBuffer` when it is that one (an
    /// edit reports the buffer the API just looked up).
    func cachedBuffer(_ id: BufferID) -> Buffer? {
        if let last = lastBuffer, last.raw == id.raw { return last.buffer.takeUnretainedValue() }
        return buffers[id]
    }

    /// The buffer with this name, if any.
    public func findBuffer(name: String) -> Buffer? {
        buffers.values.first { $0.name == name }
    }

    /// Buffer ids in creation order.
    public var bufferIDs: [BufferID] { buffers.keys.sorted() }

    /// Deletes a buffer with everything that belongs to it (like
    /// `:bwipeout`): windows showing it are closed first, then `buf_delete`
    /// is emitted (handlers still see the buffer), then its buffer-local
    /// keymaps and its extmarks are removed. Callers never clean up after it.
    /// - Throws: `KernelError.notFound` for an unknown id.
    public func deleteBuffer(_ id: BufferID) throws {
        guard let buf = buffers[id] else { throw KernelError.notFound("invalid buffer id: \(id.raw)") }
        for w in windows.values where w.buffer == id {
            try closeWindow(w.id, force: true)
        }
        emit(.bufDelete, subject: buf.name, data: .table(["buf": .int(id.raw)]), buf: id)
        keymaps.clear(buf: id)
        buf.extmarks.clear(ns: nil)
        buf.onChange = nil
        buffers[id] = nil
    }

    func bufferChanged(_ c: BufferChange) {
        let buf = cachedBuffer(c.buf)
        // One walk over the windows: cursors of those showing the buffer
        // are kept inside it, and whether one is visible is noted.
        var shown = false
        for w in windows.values where w.buffer == c.buf {
            if let buf { clampCursor(w, buf) }
            if !w.hidden { shown = true }
        }
        // The event data (a dictionary) cost more than the edit itself:
        // built only when a handler would run (the stock chat UI listens
        // for its composer buffer only).
        if events.hasHandlers(.bufChanged, subject: buf?.name) {
            let data: Value = .table(["buf": .int(c.buf.raw), "first": .int(c.first),
                                      "last_old": .int(c.lastOld), "last_new": .int(c.lastNew),
                                      "tick": .int(c.tick)])
            emit(.bufChanged, subject: buf?.name, data: data, buf: c.buf)
            // Handlers may have opened, shown or closed windows.
            shown = windows.values.contains(where: { $0.buffer == c.buf && !$0.hidden })
        }
        if shown { requestRedraw() }
    }
}

extension Editor {
    /// Keeps a window's cursor inside its buffer after an edit removed the
    /// text under it (row past the end, or column past the line).
    func clampCursor(_ w: Window, _ buf: Buffer) {
        let row = min(max(0, w.cursor.row), buf.lineCount - 1)
        let len = buf.line(row)?.utf8.count ?? 0
        if row != w.cursor.row || w.cursor.col > len {
            w.cursor = Position(row: row, col: min(w.cursor.col, len))
        }
    }
}
