import Kernel

/// The composer's text and cursor at one moment: an undo step, or the
/// draft kept while walking the history.
public struct ComposerSnapshot: Equatable, Hashable, Sendable {
    /// The buffer lines.
    public var lines: [String]
    /// The cursor (row, UTF-8 byte column).
    public var cursor: Position

    /// Creates a snapshot.
    public init(lines: [String], cursor: Position) {
        self.lines = lines
        self.cursor = cursor
    }
}

/// What the last composer action was, for undo coalescing and kill appending.
enum ComposerAction: Equatable {
    /// Typing printable characters (consecutive typing is one undo step).
    case typing
    /// Deleting single characters (consecutive deletes are one undo step).
    case deleting
    /// A kill towards the end of the text (Ctrl-K, Alt-D): appends to the kill buffer.
    case killForward
    /// A kill towards the start (Ctrl-U, Ctrl-W): prepends to the kill buffer.
    case killBackward
    /// Anything else.
    case other
}

/// Snapshot-based undo and redo with a bounded history.
///
/// Each edit records the state *before* it; consecutive edits of one group
/// (typing, or deleting characters) record only the state before the first,
/// so one undo removes the whole run.
/// Undoing pushes the current state on the redo stack; a new edit clears it.
struct ComposerUndo {
    /// The most undo steps kept; older ones are dropped.
    var limit = 200
    private(set) var undoStack: [ComposerSnapshot] = []
    private(set) var redoStack: [ComposerSnapshot] = []
    /// The group of the open run at the top of the undo stack, if any.
    private(set) var openGroup: ComposerAction?

    /// Records the state before an edit; skipped while a run of the same
    /// `group` continues (nil: never coalesced).
    mutating func record(_ before: ComposerSnapshot, group: ComposerAction?) {
        redoStack.removeAll()
        if let g = group, g == openGroup { return }
        undoStack.append(before)
        if undoStack.count > limit { undoStack.removeFirst(undoStack.count - limit) }
        openGroup = group
    }

    /// Ends the current run, so the next edit starts a new undo step.
    mutating func breakCoalescing() {
        openGroup = nil
    }

    /// The state to go back to, given the current one (which becomes redoable).
    mutating func undo(current: ComposerSnapshot) -> ComposerSnapshot? {
        openGroup = nil
        guard let s = undoStack.popLast() else { return nil }
        redoStack.append(current)
        return s
    }

    /// The state to go forward to, given the current one (which becomes undoable).
    mutating func redo(current: ComposerSnapshot) -> ComposerSnapshot? {
        openGroup = nil
        guard let s = redoStack.popLast() else { return nil }
        undoStack.append(current)
        return s
    }

    /// Forgets everything.
    mutating func reset() {
        undoStack.removeAll()
        redoStack.removeAll()
        openGroup = nil
    }
}
