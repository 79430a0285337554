import Kernel
import Render

/// A read-only float showing a multi-line report (`:extensions` in the
/// terminal UI, where the message line shows only a first line). j/k and
/// the arrows scroll; q or Esc closes. Keys live in mode "report"; the
/// window is named "report".
public final class ReportFloat {
    let editor: Editor
    var open: (window: Window, buffer: Buffer, previousMode: String, previousWindow: WindowID?)?

    /// A float for `editor` (nothing is shown until `show`).
    public init(editor: Editor) {
        self.editor = editor
    }

    /// Shows `text` under `title`, replacing a report already open.
    public func show(title: String, _ text: String) {
        close()
        do {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                + ["", "q close · j/k scroll"]
            let buf = try editor.createBuffer(scratch: true)
            try buf.setLines(0, -1, lines)
            let screen = editor.screenSize
            let width = max(1, min(screen.width - 4, (lines.map { TextMeasure.measure($0) }.max() ?? 20) + 1))
            let height = max(1, min(screen.height - 4, lines.count))
            var spec = WindowSpec()
            spec.name = "report"
            spec.float = FloatConfig(relative: .editor, row: max(0, (screen.height - height) / 2 - 1),
                                     col: max(0, (screen.width - width - 2) / 2), width: width, height: height,
                                     zindex: 120, border: .rounded, title: title, titlePos: .center)
            spec.enter = true
            spec.options.cursorVisible = false
            spec.options.wrap = true
            let previousWindow = editor.currentWindowID
            let previousMode = editor.mode
            let win = try editor.openWindow(buffer: buf.id, spec)
            open = (win, buf, previousMode, previousWindow)
            mapKeys()
            try editor.setMode("report")
        } catch {
            editor.notify("report: \(error)", level: .error)
        }
    }

    private func mapKeys() {
        let keys: [(String, () -> Void)] = [
            ("q", { [unowned self] in close() }), ("<Esc>", { [unowned self] in close() }),
            ("j", { [unowned self] in scroll(1) }), ("<Down>", { [unowned self] in scroll(1) }),
            ("k", { [unowned self] in scroll(-1) }), ("<Up>", { [unowned self] in scroll(-1) }),
        ]
        for (lhs, action) in keys {
            try? editor.keymaps.set(mode: "report", lhs: lhs, rhs: .handler(owner: "weft", call: action),
                                    options: KeymapOptions(desc: "report float", nowait: true, owner: "weft"))
        }
    }

    private func scroll(_ rows: Int) {
        guard let o = open else { return }
        o.window.view = WindowView(topline: max(0, min(o.buffer.lineCount - 1, o.window.view.topline + rows)))
        editor.requestRedraw()
    }

    /// Closes the report, if open, and gives focus and mode back.
    public func close() {
        guard let o = open else { return }
        open = nil
        for lhs in ["q", "<Esc>", "j", "<Down>", "k", "<Up>"] { try? editor.keymaps.del(mode: "report", lhs: lhs) }
        try? editor.deleteBuffer(o.buffer.id)
        try? editor.setMode(o.previousMode)
        if let w = o.previousWindow, editor.windows[w] != nil { try? editor.focus(w) }
        editor.requestRedraw()
    }
}
