import Kernel

// Walking the history with Up on the first line and Down on the last. The
// text being edited (the draft) is kept when the walk starts and comes back
// when Down walks past the newest entry. Editing a recalled entry ends the
// walk: the edited text becomes the new draft.

extension Composer {
    /// Whether a history walk is in progress (a recalled entry is shown).
    public var isBrowsingHistory: Bool { historyIndex != nil }

    /// Shows the next older history entry, keeping the draft when the walk
    /// starts; the cursor goes to the end of its first line so another Up
    /// keeps walking. Returns false at the oldest entry (nothing changes).
    /// - Throws: `KernelError` when the buffer is gone or not modifiable.
    @discardableResult
    public func historyOlder() throws -> Bool {
        let entries = history.entries
        let target: Int
        if let i = historyIndex {
            guard i > 0 else { return false }
            target = min(i, entries.count) - 1
        } else {
            guard !entries.isEmpty else { return false }
            draft = snapshot()
            target = entries.count - 1
        }
        try show(entry: target, atStart: true)
        return true
    }

    /// Shows the next newer history entry (cursor at its end), or the draft
    /// after the newest. Returns false when no walk is in progress.
    /// - Throws: `KernelError` when the buffer is gone or not modifiable.
    @discardableResult
    public func historyNewer() throws -> Bool {
        guard let i = historyIndex else { return false }
        if i + 1 < history.entries.count {
            try show(entry: i + 1, atStart: false)
        } else {
            let saved = draft ?? ComposerSnapshot(lines: [""], cursor: Position(row: 0, col: 0))
            try restore(saved)
            historyIndex = nil
            draft = nil
        }
        undo.breakCoalescing()
        return true
    }

    /// Replaces the text with a history entry without an undo step.
    func show(entry index: Int, atStart: Bool) throws {
        guard index >= 0, index < history.entries.count else { return }
        let lines = Self.lines(of: history.entries[index])
        let cursor = atStart
            ? Position(row: 0, col: lines.first?.utf8.count ?? 0)
            : Position(row: lines.count - 1, col: lines.last?.utf8.count ?? 0)
        try restore(ComposerSnapshot(lines: lines, cursor: cursor))
        historyIndex = index
        undo.breakCoalescing()
    }
}
