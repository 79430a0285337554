import Kernel
import Render

/// The completion popup over the composer: `/` lists commands (fuzzy
/// matched, with their descriptions), `/name ` the command's own argument
/// completions (`weft.cmd.create{complete=...}`), `@` matching paths. It
/// scrolls with a selection (Up/Down, Ctrl-N/Ctrl-P), Tab accepts, Enter
/// accepts (and runs a command), Esc closes; a border title says how many
/// candidates are hidden. Colours: `ChatPopup`, `ChatPopupSel`,
/// `ChatPopupDesc`.
struct CommandPopup {
    let window: Window
    let buffer: Buffer
    var menu: CompletionMenu
    var target: PopupTarget
    /// The placement last set here; a different one was set from Lua and is kept.
    var placed: FloatConfig
}

/// What accepting a popup candidate replaces.
enum PopupTarget: Equatable {
    /// The composer's one-line text from this UTF-8 offset to its end: a
    /// command name (`command`) or the argument being typed.
    case lineTail(from: Int, command: Bool)
    /// The `@` word around the cursor.
    case token(startCol: Int)
}

/// The composer state a popup was computed for: the same state needs no
/// new candidates (the popup is refreshed before every frame).
struct PopupSource: Equatable {
    var tick: Int
    var cursor: Position
}

extension ChatUI {
    /// The most candidate rows a popup shows.
    static let popupRows = 10

    /// Before every frame and before a popup key: recomputes the popup when
    /// the composer's text or cursor moved since the last time (so it is
    /// never a keystroke behind: the cursor moves after the text changes).
    func refreshPopup() {
        guard let b = try? composer.buffer() else { return }
        let source = PopupSource(tick: b.tick, cursor: composer.cursor)
        guard source != popupSource else { return }
        popupSource = source
        if popup != nil || composer.mayComplete { updatePopup() }
    }

    /// Shows, updates or closes the popup for the composer's current text.
    func updatePopup() {
        guard let (items, target) = popupCandidates(), !items.isEmpty else { closePopup(); return }
        let menu = CompletionMenu(items: items, rows: Self.popupRows)
        show(menu, target: target)
    }

    /// The candidates for the composer's text and what they replace.
    func popupCandidates() -> ([CompletionItem], PopupTarget)? {
        let text = composer.text
        if text.hasPrefix("/"), !text.hasPrefix("//"), !text.contains("\n") {
            let line = String(text.dropFirst())
            let completion = editor.commands.complete(line: line)
            if completion.isName {
                let name = String(decoding: line.utf8.dropFirst(completion.start), as: UTF8.self)
                let ranked = FuzzyMatch.rank(editor.commands.list(), query: name) { $0.name }
                return (ranked.map { CompletionItem(text: "/" + $0.name, desc: $0.desc ?? "") },
                        .lineTail(from: 0, command: true))
            }
            return (completion.items.map { CompletionItem(text: $0) }, .lineTail(from: 1 + completion.start, command: false))
        }
        guard let token = composer.currentToken(prefix: "@") else { return nil }
        let paths = composer.pathCompletions(for: token.typed, cwd: controller.cwd)
        return (paths.map { CompletionItem(text: "@" + $0) }, .token(startCol: token.startCol))
    }

    /// Draws `menu` into the popup (opening it when needed).
    func show(_ menu: CompletionMenu, target: PopupTarget) {
        let config = popupPlacement(menu, target: target)
        let rows = menu.rows(width: config.width)
        do {
            var p: CommandPopup
            if let open = popup {
                p = open
                if p.window.floatConfig == p.placed {
                    try editor.setPlacement(p.window.id, float: config)
                    p.placed = config
                }
            } else {
                let buf = try editor.createBuffer(scratch: true)
                var spec = WindowSpec()
                spec.name = "popup"
                spec.float = config
                spec.focusable = false
                spec.options.wrap = false
                spec.options.cursorVisible = false
                spec.options.normalHl = "ChatPopup"
                let win = try editor.openWindow(buffer: buf.id, spec)
                p = CommandPopup(window: win, buffer: buf, menu: menu, target: target, placed: config)
            }
            p.menu = menu
            p.target = target
            try p.buffer.setLines(0, -1, rows.map(\.line))
            // The window's cursor on the selection: a window made smaller
            // from Lua still shows it.
            try? editor.setCursor(p.window, row: menu.selected - menu.top, col: 0)
            p.window.view = WindowView(topline: 0)
            decorate(p, rows: rows)
            popup = p
            editor.requestRedraw()
        } catch {
            closePopup()
        }
    }

    /// Colours the descriptions and the selected row.
    private func decorate(_ p: CommandPopup, rows: [(line: String, descCol: Int?)]) {
        let ns = editor.namespaces.create(name: "chat.popup")
        p.buffer.extmarks.clear(ns: ns)
        for (i, row) in rows.enumerated() {
            if let col = row.descCol {
                _ = try? p.buffer.extmarks.set(ns: ns, start: Position(row: i, col: col),
                                               end: Position(row: i, col: row.line.utf8.count),
                                               decoration: Decoration(hl: "ChatPopupDesc"))
            }
        }
        let selected = p.menu.selected - p.menu.top
        _ = try? p.buffer.extmarks.set(ns: ns, start: Position(row: selected, col: 0),
                                       decoration: Decoration(priority: 200, lineHl: "ChatPopupSel"))
    }

    /// Above the composer, its first column under the start of what it
    /// completes, inside the screen.
    func popupPlacement(_ menu: CompletionMenu, target: PopupTarget) -> FloatConfig {
        let screen = editor.screenSize
        let rects = editor.layout?.compute(in: Rect(size: screen)) ?? [:]
        let anchor = rects[windows.composer.id] ?? Rect(row: screen.height - 1, col: 0, width: screen.width, height: 1)
        let inset = windows.composer.border.thickness
        let line = composer.text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let from: Int
        switch target {
        case .lineTail(let offset, _): from = offset
        case .token(let col): from = col
        }
        let startCol = TextMeasure.measure(String(decoding: line.utf8.prefix(from), as: UTF8.self))
        let marker = menu.moreMarker.map { TextMeasure.measure($0) + 2 } ?? 0
        let width = max(1, min(max(16, menu.naturalWidth, marker), screen.width - 2))
        let height = max(1, min(menu.visible.count, anchor.row - 2))
        let col = max(0, min(anchor.col + inset + startCol - 1, screen.width - width - 2))
        return FloatConfig(relative: .editor, row: anchor.row, col: col, width: width, height: height, anchor: .SW,
                           zindex: 60, border: .single, title: menu.moreMarker, titlePos: .right, focusable: false)
    }

    func closePopup() {
        guard let p = popup else { return }
        popup = nil
        try? editor.deleteBuffer(p.buffer.id)
    }

    /// Moves the popup's selection; false when no popup is open.
    func movePopup(_ by: Int) -> Bool {
        refreshPopup()
        guard var p = popup else { return false }
        p.menu.move(by)
        popup = p
        show(p.menu, target: p.target)
        return true
    }

    /// Accepts the selected candidate (Tab; Enter with `run`, which also
    /// runs a completed command line). False when no popup is open.
    @discardableResult
    func acceptPopup(run: Bool = false) -> Bool {
        refreshPopup()
        guard let p = popup, let item = p.menu.selectedItem else { return false }
        closePopup()
        switch p.target {
        case .lineTail(let from, let command):
            let head = String(decoding: composer.text.utf8.prefix(from), as: UTF8.self)
            try? composer.setText(head + item.text + (command && !run ? " " : ""))
            if run { _ = try? composer.submit() }
        case .token:
            try? composer.replaceCurrentToken(with: item.text)
        }
        // A command name or a directory goes on to its own candidates;
        // anything else is done and the popup stays closed.
        let more = item.text.hasSuffix("/") || p.target == .lineTail(from: 0, command: true)
        if !more, let b = try? composer.buffer() { popupSource = PopupSource(tick: b.tick, cursor: composer.cursor) }
        return true
    }
}
