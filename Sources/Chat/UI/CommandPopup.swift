import Kernel
import Render

/// The `/` popup: while the composer's text starts with "/", a float above
/// the composer lists matching commands from the command registry (and `@`
/// shows matching paths). Tab completes the first candidate.
struct CommandPopup {
    let window: Window
    let buffer: Buffer
    var candidates: [String]
    var replacesPrefix: String
    /// The placement last set here; a different one was set from Lua and is kept.
    var placed: FloatConfig
}

extension ChatUI {
    /// Shows, updates or closes the popup for the composer's current text.
    func updatePopup() {
        let text = composer.text
        var items: [(String, String)] = []
        var prefix = ""
        if text.hasPrefix("/"), !text.contains(" "), !text.contains("\n") {
            prefix = text
            let name = String(text.dropFirst())
            let infos = Dictionary(editor.commands.list().map { ($0.name, $0.desc ?? "") }, uniquingKeysWith: { a, _ in a })
            items = editor.commands.complete(prefix: name).map { ("/" + $0, infos[$0] ?? "") }
        } else if let token = composer.currentToken(prefix: "@") {
            prefix = "@" + token.typed
            items = composer.pathCompletions(for: token.typed, cwd: controller.cwd).map { ("@" + $0, "") }
        }
        guard !items.isEmpty else { closePopup(); return }
        let shown = Array(items.prefix(8))
        let lines = shown.map { item, desc in desc.isEmpty ? item : "\(item)  \(desc)" }
        let width = min(max(20, lines.map { TextMeasure.measure($0) }.max() ?? 20), max(1, editor.screenSize.width - 4))
        let rects = editor.layout?.compute(in: Rect(size: editor.screenSize)) ?? [:]
        let anchor = rects[windows.composer.id] ?? Rect(row: editor.screenSize.height - 1, col: 0, width: 1, height: 1)
        let config = FloatConfig(relative: .editor, row: anchor.row, col: anchor.col + 1, width: width,
                                 height: shown.count, anchor: .SW, zindex: 60, border: .single)
        do {
            if var p = popup {
                try p.buffer.setLines(0, -1, lines)
                if p.window.floatConfig == p.placed {
                    try editor.setPlacement(p.window.id, float: config)
                    p.placed = config
                }
                p.candidates = shown.map(\.0)
                p.replacesPrefix = prefix
                popup = p
            } else {
                let buf = try editor.createBuffer(scratch: true)
                try buf.setLines(0, -1, lines)
                var spec = WindowSpec()
                spec.name = "popup"
                spec.float = config
                spec.focusable = false
                spec.options.wrap = false
                spec.options.cursorVisible = false
                let win = try editor.openWindow(buffer: buf.id, spec)
                popup = CommandPopup(window: win, buffer: buf, candidates: shown.map(\.0), replacesPrefix: prefix,
                                     placed: config)
            }
        } catch {
            closePopup()
        }
    }

    func closePopup() {
        guard let p = popup else { return }
        popup = nil
        try? editor.deleteBuffer(p.buffer.id)
    }

    /// Completes the composer's token with the first candidate; false when no popup is open.
    func completePopup() -> Bool {
        guard let p = popup, let first = p.candidates.first else { return false }
        if p.replacesPrefix.hasPrefix("/") {
            try? composer.setText(first + " ")
        } else {
            try? composer.replaceCurrentToken(with: first)
        }
        return true
    }
}
