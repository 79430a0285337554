import Kernel
import Render

/// A modal float of the chat: a centred, bordered scratch float in its
/// own key mode, with its keys mapped while it is open.
final class ChatModal {
    let editor: Editor
    let window: Window
    let buffer: Buffer
    let mode: String
    private let keys: [String]
    private let previousMode: String
    private let previousWindow: WindowID?
    private(set) var isClosed = false

    init(editor: Editor, name: String, mode: String, title: String, lines: [String], width: Int? = nil,
         keys: [(lhs: String, desc: String, action: () -> Void)]) throws {
        self.editor = editor
        self.mode = mode
        previousMode = editor.mode
        previousWindow = editor.currentWindowID
        buffer = try editor.createBuffer(scratch: true)
        try buffer.setLines(0, -1, lines)
        let screen = editor.screenSize
        let widest = lines.map { TextMeasure.measure($0) }.max() ?? 1
        let w = max(1, min(screen.width - 4, max(width ?? 0, widest + 1, TextMeasure.measure(title) + 4)))
        let h = max(1, min(screen.height - 4, lines.count))
        var spec = WindowSpec()
        spec.name = name
        spec.enter = true
        spec.options.cursorVisible = false
        spec.options.wrap = true
        spec.float = FloatConfig(relative: .editor, row: max(0, (screen.height - h) / 2 - 1), col: max(0, (screen.width - w - 2) / 2),
                                 width: w, height: h, zindex: 100, border: .rounded, title: title, titlePos: .center)
        window = try editor.openWindow(buffer: buffer.id, spec)
        self.keys = keys.map(\.lhs)
        for k in keys {
            try? editor.keymaps.set(mode: mode, lhs: k.lhs, rhs: .handler(owner: "weft", call: k.action),
                                    options: KeymapOptions(desc: k.desc, nowait: true, owner: "weft"))
        }
        try editor.setMode(mode)
        editor.requestRedraw()
    }

    /// Scrolls the view by `rows` within the buffer.
    func scroll(_ rows: Int) {
        let inner = window.floatConfig?.height ?? 1
        let top = max(0, min(buffer.lineCount - inner, window.view.topline + rows))
        window.view = WindowView(topline: top)
        editor.requestRedraw()
    }

    /// Closes the float, deletes its keys and gives the mode and focus back.
    func close() {
        guard !isClosed else { return }
        isClosed = true
        for lhs in keys { try? editor.keymaps.del(mode: mode, lhs: lhs) }
        try? editor.deleteBuffer(buffer.id)
        try? editor.setMode(previousMode)
        if let w = previousWindow, editor.windows[w] != nil { try? editor.focus(w) }
        editor.requestRedraw()
    }
}

extension ChatUI {
    /// Asks a question in a float: each choice is a key, a description and
    /// an action run after the float closes.
    func askChoice(title: String, lines: [String], choices: [(String, String, () -> Void)]) {
        var modal: ChatModal?
        let keys = choices.map { choice in
            (lhs: choice.0, desc: choice.1, action: { modal?.close(); modal = nil; choice.2() })
        }
        do {
            modal = try ChatModal(editor: editor, name: "question", mode: "question", title: title,
                                  lines: [""] + lines.map { $0.isEmpty ? "" : " " + $0 } + [""], keys: keys)
        } catch {
            editor.notify("\(title): \(error)", level: .error)
        }
    }
}
