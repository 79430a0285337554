import Kernel
import Render

/// The minimal stock UI until the chat layer lands: a scratch buffer in the
/// `main` window and a one-row `status` window below it. Every key is an
/// ordinary keymap of mode "insert" (see `weft.keymap.list()`).
enum ScratchUI {
    static func install(in app: App) throws {
        let e = app.editor
        let text = try e.createBuffer(name: "scratch", scratch: true)
        try text.setLines(0, -1, ["Welcome to weft. Type here; Ctrl-Q quits.", ""])
        var mainSpec = WindowSpec()
        mainSpec.name = "main"
        let main = try e.openWindow(buffer: text.id, mainSpec)
        main.cursor = Position(row: 1, col: 0)

        let statusBuf = try e.createBuffer(name: "status", scratch: true)
        var statusSpec = WindowSpec()
        statusSpec.name = "status"
        statusSpec.split = .below
        statusSpec.size = .cells(1)
        statusSpec.focusable = false
        statusSpec.options.wrap = false
        statusSpec.options.normalHl = "StatusLine"
        _ = try e.openWindow(buffer: statusBuf.id, statusSpec)
        try e.setMode("insert")

        e.unmappedKeyHandlers["insert"] = { key in
            guard let w = e.currentWindow, let s = printable(key) else { return }
            try? e.insertText(s, in: w)
        }
        e.unmappedKeyHandlers["paste:insert"] = { text in
            guard let w = e.currentWindow else { return }
            try? e.insertText(text, in: w)
        }
        try installKeymaps(app)
        _ = try e.events.create(events: ["render"], options: AutocmdOptions(desc: "scratch status line")) { _ in
            updateStatus(app, statusBuf)
            return false
        }
    }

    /// The text a key inserts, or nil for keys that insert nothing.
    static func printable(_ key: String) -> String? {
        switch key {
        case "<Space>": return " "
        case "<lt>": return "<"
        case "<Tab>": return "\t"
        default: return key.hasPrefix("<") ? nil : key
        }
    }

    static func installKeymaps(_ app: App) throws {
        let e = app.editor
        func map(_ lhs: String, _ desc: String, _ body: @escaping (Window) throws -> Void) throws {
            try e.keymaps.set(mode: "insert", lhs: lhs, rhs: .handler(owner: "weft", call: {
                guard let w = e.currentWindow else { return }
                try body(w)
            }), options: KeymapOptions(desc: desc, owner: "weft"))
        }
        try map("<CR>", "new line") { try e.insertText("\n", in: $0) }
        try map("<BS>", "delete before cursor") { try e.deleteBackward(in: $0) }
        try map("<Del>", "delete under cursor") { try e.deleteForward(in: $0) }
        try map("<Left>", "cursor left") { try e.moveCursor($0, dx: -1) }
        try map("<Right>", "cursor right") { try e.moveCursor($0, dx: 1) }
        try map("<Up>", "cursor up") { try e.moveCursor($0, dy: -1) }
        try map("<Down>", "cursor down") { try e.moveCursor($0, dy: 1) }
        try map("<PageUp>", "scroll up a page") { app.compositor.scroll($0, in: e, rows: -max(1, app.editor.screenSize.height - 3)) }
        try map("<PageDown>", "scroll down a page") { app.compositor.scroll($0, in: e, rows: max(1, app.editor.screenSize.height - 3)) }
        try map("<ScrollWheelUp>", "scroll up") { app.compositor.scroll($0, in: e, rows: -3) }
        try map("<ScrollWheelDown>", "scroll down") { app.compositor.scroll($0, in: e, rows: 3) }
        try map("<C-q>", "quit") { _ in app.quit() }
        try e.commands.create(name: "quit", options: CommandOptions(desc: "quit weft", owner: "weft")) { _ in
            app.quit()
        }
    }

    static func updateStatus(_ app: App, _ buf: Buffer) {
        let e = app.editor
        let cur = e.currentWindow?.cursor ?? Position(row: 0, col: 0)
        let lines = e.currentWindow.flatMap { e.buffers[$0.buffer]?.lineCount } ?? 0
        let msg = e.messages.last.map { " | \($0.text)" } ?? ""
        let text = " weft  \(e.mode)  \(cur.row + 1):\(cur.col + 1)  \(lines) lines  \(e.screenSize)\(msg)"
        if buf.line(0) != text { try? buf.setLines(0, -1, [text]) }
    }
}
