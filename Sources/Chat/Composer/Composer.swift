import Kernel

/// The chat composer: the editing behaviour of the `composer` window.
///
/// The text lives in an ordinary kernel buffer shown in an ordinary window;
/// the composer adds what a chat prompt needs on top of the kernel's editing
/// primitives: submit, readline keys and a kill buffer, snapshot undo with
/// typing coalesced, a persisted history with Up/Down walking and Ctrl-R
/// search, large pastes kept aside behind a placeholder, an external editor
/// and completion hooks. Every action is a plain method (so tests and the UI
/// need no keys) and ``installKeymaps(editor:)`` binds each to an ordinary
/// keymap in mode ``mode`` that users can list and override.
///
/// ```swift
/// let composer = try Composer(editor: editor, history: ComposerHistory(path: historyPath))
/// composer.onSubmit = { text in chat.send(text) }
/// try composer.installKeymaps(editor: editor)
/// try editor.setMode(Composer.mode)
/// ```
public final class Composer {
    /// The mode whose keymaps edit the composer.
    public static let mode = "composer"
    /// The mode active during a Ctrl-R history search.
    public static let searchMode = "composer_search"
    /// The keymap owner of every stock composer key.
    public static let owner = "weft"

    /// The editor holding the buffer and window.
    public let editor: Editor
    /// The window showing the composer buffer.
    public let window: Window
    /// Submitted messages, persisted when it has a path.
    public let history: ComposerHistory
    /// Called with the full text (pastes substituted) of every submission.
    /// The composer is already cleared when it runs.
    public var onSubmit: ((String) -> Void)?
    /// Called whenever ``searchState`` changes (start, query, match, end).
    public var onSearchChange: ((ComposerSearch?) -> Void)?
    /// Runs the external editor on a file path (Ctrl-G); the UI suspends the
    /// terminal and runs `$VISUAL`/`$EDITOR`. Ctrl-G reports an error when nil.
    public var editorRunner: ((String) throws -> Void)?
    /// When a paste is kept aside behind a placeholder.
    public var pasteLimits = PasteLimits()
    /// The width in cells of the composer window's text area, set by the UI
    /// on layout. With it (and the window's `wrap` option on) Up and Down
    /// move by screen rows of wrapped lines; without it, by buffer lines.
    public var wrapWidth: Int?
    /// The Ctrl-R search in progress, nil when none.
    public internal(set) var searchState: ComposerSearch? {
        didSet { if searchState != oldValue { onSearchChange?(searchState) } }
    }
    /// The text of the last kill (Ctrl-K/U/W), yanked by Ctrl-Y.
    public internal(set) var killBuffer = ""

    /// A completion popup over the composer takes Up, Down and Enter
    /// while it is open: called first, it returns true when it handled the
    /// key (the UI sets it).
    public var popupKeys: ((ComposerPopupKey) -> Bool)?
    var undo = ComposerUndo()
    var pastes = PasteStore()
    var lastAction = ComposerAction.other
    /// Index into `history.entries` while walking it, nil while on the draft.
    var historyIndex: Int?
    /// The text being edited before history walking started.
    var draft: ComposerSnapshot?
    /// The mode to return to when a search ends.
    var modeBeforeSearch: String?
    /// The display column Up/Down aim for, kept across vertical moves.
    var goalColumn: Int?

    /// Uses an existing window (and its buffer) as the composer.
    public init(editor: Editor, window: Window, history: ComposerHistory = ComposerHistory()) {
        self.editor = editor
        self.window = window
        self.history = history
    }

    /// Creates a scratch buffer named `composer` and opens a window for it
    /// with `spec` (its name defaults to `composer`).
    /// - Throws: `KernelError` when a buffer or window of that name exists
    ///   or the spec is invalid.
    public convenience init(editor: Editor, spec: WindowSpec = WindowSpec(),
                            history: ComposerHistory = ComposerHistory()) throws {
        let buf = try editor.createBuffer(name: "composer", scratch: true)
        var spec = spec
        if spec.name.isEmpty { spec.name = "composer" }
        let win = try editor.openWindow(buffer: buf.id, spec)
        self.init(editor: editor, window: win, history: history)
    }

    // MARK: - Text

    /// The composer buffer.
    /// - Throws: `KernelError.notFound` when the window's buffer is gone.
    public func buffer() throws -> Buffer {
        try editor.buffer(window.buffer.raw)
    }

    /// The text as shown (placeholders of large pastes not substituted).
    public var text: String {
        ((try? buffer())?.lines ?? [""]).joined(separator: "\n")
    }

    /// The text as it would be submitted (placeholders substituted).
    public var expandedText: String { pastes.expand(text) }

    /// The cursor (row, UTF-8 byte column).
    public var cursor: Position { window.cursor }

    /// Whether the composer holds no text at all.
    public var isEmpty: Bool {
        guard let b = try? buffer() else { return true }
        return b.lineCount == 1 && (b.line(0) ?? "").isEmpty
    }

    /// Replaces the whole text (one undo step); the cursor goes to the end
    /// unless given (it is clamped to a character boundary).
    /// - Throws: `KernelError` when the buffer is gone or not modifiable.
    public func setText(_ newText: String, cursor: Position? = nil) throws {
        try edit(.other) { b, w in
            try self.replaceAll(b, w, lines: Self.lines(of: newText), cursor: cursor)
        }
    }

    /// Empties the composer, forgetting undo history, kept pastes, any
    /// history walk and any search (what happens after a submission).
    /// - Throws: `KernelError` when the buffer is gone or not modifiable.
    public func clear() throws {
        if searchState != nil { endSearch() }
        let b = try buffer()
        try b.setLines(0, -1, [])
        window.cursor = Position(row: 0, col: 0)
        undo.reset()
        pastes = PasteStore()
        historyIndex = nil
        draft = nil
        lastAction = .other
        editor.requestRedraw()
    }

    /// Empties the composer as an edit that undo (Ctrl-Z) brings back,
    /// and records the discarded text in the history (Up finds it), so a
    /// draft cleared by Ctrl-C is never lost. Returns whether there was
    /// text to discard.
    /// - Throws: `KernelError` when the buffer is gone or not modifiable.
    @discardableResult
    public func discardDraft() throws -> Bool {
        if searchState != nil { endSearch() }
        guard !isEmpty else { return false }
        let full = expandedText
        if full.contains(where: { !$0.isWhitespace }) {
            do { try history.add(full) } catch { editor.notify("composer history: \(error)", level: .warn) }
        }
        try edit(.other) { b, w in try self.replaceAll(b, w, lines: [""], cursor: nil) }
        undo.breakCoalescing()
        return true
    }

    // MARK: - Submit

    /// Submits the text: unless it is empty or only whitespace, records it
    /// in the history, clears the composer and calls ``onSubmit`` with the
    /// full text (large pastes substituted back exactly). Returns the
    /// submitted text, or nil when nothing was submitted.
    /// - Throws: `KernelError` when the buffer is gone or not modifiable.
    ///   A history file that cannot be written is reported with
    ///   `Editor.notify` and does not stop the submission.
    @discardableResult
    public func submit() throws -> String? {
        if searchState != nil { acceptSearch() }
        let full = expandedText
        guard full.contains(where: { !$0.isWhitespace }) else { return nil }
        do {
            try history.add(full)
        } catch {
            editor.notify("composer history: \(error)", level: .warn)
        }
        try clear()
        onSubmit?(full)
        return full
    }

    // MARK: - Internals

    /// The state for undo and the history draft.
    func snapshot() -> ComposerSnapshot {
        ComposerSnapshot(lines: (try? buffer())?.lines ?? [""], cursor: window.cursor)
    }

    /// Runs one edit: records an undo step when the text changed (typing
    /// coalesced), ends any history walk, and asks for a redraw.
    func edit(_ action: ComposerAction, _ body: (Buffer, Window) throws -> Void) throws {
        let b = try buffer()
        let before = snapshot()
        try body(b, window)
        editor.requestRedraw()
        goalColumn = nil
        guard b.lines != before.lines else {
            if action != lastAction { undo.breakCoalescing() }
            lastAction = action
            return
        }
        undo.record(before, group: action == .typing || action == .deleting ? action : nil)
        historyIndex = nil
        draft = nil
        lastAction = action
    }

    /// Records a non-editing action (a motion): breaks typing coalescing
    /// and kill appending.
    func motion(_ body: () throws -> Void) rethrows {
        try body()
        undo.breakCoalescing()
        goalColumn = nil
        lastAction = .other
        editor.requestRedraw()
    }

    /// Replaces every line and places the cursor (default: end of text).
    func replaceAll(_ b: Buffer, _ w: Window, lines: [String], cursor: Position?) throws {
        try b.setLines(0, -1, lines)
        let last = max(0, b.lineCount - 1)
        let target = cursor ?? Position(row: last, col: b.line(last)?.utf8.count ?? 0)
        let row = min(max(0, target.row), last)
        try editor.setCursor(w, row: row, col: max(0, target.col))
    }

    /// Splits text into buffer lines.
    static func lines(of text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}

/// The composer keys a completion popup can take (see `Composer.popupKeys`).
public enum ComposerPopupKey: Sendable {
    /// Up: the previous item.
    case up
    /// Down: the next item.
    case down
    /// Enter: accept the selection.
    case accept
}
