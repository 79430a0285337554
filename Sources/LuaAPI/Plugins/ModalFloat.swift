import Kernel
import Render

/// A centred, bordered scratch float that takes the focus and a key mode
/// while it is open and gives both back when it closes: the frame shared by
/// the trust prompt and the `:extensions` report. Its keys are ordinary
/// keymaps (owner "weft") of `mode`, mapped on open and deleted on close.
final class ModalFloat {
    /// A key of the float: left-hand side, description, action.
    typealias Key = (lhs: String, desc: String, action: () -> Void)

    let editor: Editor
    let window: Window
    let buffer: Buffer
    private let mode: String
    private let keys: [String]
    private let previousMode: String
    private let previousWindow: WindowID?
    private let title: String
    private let minWidth: Int
    private let padding: Int
    private let zindex: Int

    /// Opens the float named `name` showing `lines` and enters `mode`.
    /// The width fits the widest line plus `padding`, at least `minWidth`.
    init(editor: Editor, name: String, mode: String, title: String, lines: [String],
         minWidth: Int, padding: Int, zindex: Int, keys: [Key]) throws {
        self.editor = editor
        self.mode = mode
        self.title = title
        self.minWidth = minWidth
        self.padding = padding
        self.zindex = zindex
        previousMode = editor.mode
        previousWindow = editor.currentWindowID
        let lines = Self.framed(lines)
        buffer = try editor.createBuffer(scratch: true)
        try buffer.setLines(0, -1, lines)
        var spec = WindowSpec()
        spec.name = name
        spec.enter = true
        spec.options.cursorVisible = false
        spec.options.wrap = true
        spec.float = Self.centred(lines, screen: editor.screenSize, title: title, minWidth: minWidth,
                                  padding: padding, zindex: zindex)
        do {
            window = try editor.openWindow(buffer: buffer.id, spec)
        } catch {
            try? editor.deleteBuffer(buffer.id)
            throw error
        }
        self.keys = keys.map(\.lhs)
        for k in keys {
            try? editor.keymaps.set(mode: mode, lhs: k.lhs, rhs: .handler(owner: "weft", call: k.action),
                                    options: KeymapOptions(desc: k.desc, nowait: true, owner: "weft"))
        }
        try editor.setMode(mode)
        editor.requestRedraw()
    }

    /// Shows `lines` instead, from the top, re-centred to fit them.
    func show(_ lines: [String]) {
        let lines = Self.framed(lines)
        try? buffer.setLines(0, -1, lines)
        window.view = WindowView()
        try? editor.setPlacement(window.id, float: Self.centred(lines, screen: editor.screenSize, title: title,
                                                                 minWidth: minWidth, padding: padding, zindex: zindex))
        editor.requestRedraw()
    }

    /// Scrolls the view by `rows` (positive: down), within the buffer.
    func scroll(_ rows: Int) {
        window.view = WindowView(topline: max(0, min(buffer.lineCount - 1, window.view.topline + rows)))
        editor.requestRedraw()
    }

    /// Deletes the keys and the buffer (closing the window), and gives the
    /// mode and the focus back.
    func close() {
        for lhs in keys { try? editor.keymaps.del(mode: mode, lhs: lhs) }
        try? editor.deleteBuffer(buffer.id)
        try? editor.setMode(previousMode)
        if let w = previousWindow, editor.windows[w] != nil { try? editor.focus(w) }
        editor.requestRedraw()
    }

    /// `lines` with a blank line above and below and a one-cell left
    /// margin, so text never touches the border (the width adds the right
    /// margin).
    static func framed(_ lines: [String]) -> [String] {
        [""] + lines.map { $0.isEmpty ? "" : " " + $0 } + [""]
    }

    /// A float centred on `screen` that fits `lines` (within a 2-cell margin).
    static func centred(_ lines: [String], screen: Size, title: String, minWidth: Int, padding: Int,
                        zindex: Int) -> FloatConfig {
        let widest = lines.map { TextMeasure.measure($0) }.max() ?? 0
        let width = max(1, min(screen.width - 4, max(minWidth, widest + 1 + padding)))
        let height = max(1, min(screen.height - 4, lines.count))
        return FloatConfig(relative: .editor, row: max(0, (screen.height - height) / 2 - 1),
                           col: max(0, (screen.width - width - 2) / 2), width: width, height: height,
                           zindex: zindex, border: .rounded, title: title, titlePos: .center)
    }
}
