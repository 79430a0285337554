import Kernel

/// A centred, bordered scratch float that takes the focus and a key mode
/// while it is open and gives both back when it closes: the frame of every
/// modal question and report (the tool approval, the trust prompt, the
/// `:extensions` report). Its text has a blank row above and below and a
/// one-cell margin left and right, so it never touches the border.
///
/// Keys: the `keys` given to ``init(editor:name:mode:title:lines:minWidth:padding:zindex:keys:)``
/// are ordinary keymaps (owner "weft", `nowait`) of `mode`, mapped on open
/// and deleted on close. A mode whose keys are permanent (mapped once by
/// their owner, so Lua can list and remap them) passes none.
///
/// A `footer` (e.g. the keys of a question) sits centred in the bottom
/// border, so it stays in view however tall the text is and however it
/// scrolls.
///
/// Placement: centred on the screen, as wide as the widest line (or the
/// footer) plus the
/// margins (at least `minWidth`) and as tall as the text, within 2 cells of
/// every screen edge. It is fitted again on every `resize` and every
/// ``show(_:)``, unless something else (Lua's `win.set_config`) moved it.
///
/// ```swift
/// let float = try ModalFloat(editor: editor, name: "report", mode: "report",
///                            title: "Report", lines: ["all good"], keys: [
///     ModalFloat.Binding(lhs: "q", desc: "close") { float?.close() },
/// ])
/// ```
public final class ModalFloat {
    /// A key of the float: left-hand side, description, action.
    public struct Binding {
        /// The keys in notation (`"q"`, `"<Esc>"`).
        public var lhs: String
        /// What the key does, for keymap listings.
        public var desc: String
        /// The action.
        public var action: () -> Void

        /// A binding of `lhs` to `action`.
        public init(lhs: String, desc: String, action: @escaping () -> Void) {
            self.lhs = lhs
            self.desc = desc
            self.action = action
        }
    }

    /// The editor the float lives in.
    public let editor: Editor
    /// The float's window (named as given; Lua finds it with `win.find`).
    public let window: Window
    /// The float's scratch buffer, deleted on close.
    public let buffer: Buffer
    /// The mode entered while the float is open.
    public let mode: String
    private let keys: [String]
    private let previousMode: String
    private let previousWindow: WindowID?
    private let title: String
    private let footer: String?
    private let minWidth: Int
    private let padding: Int
    private let zindex: Int
    /// The text as shown (framed).
    private var lines: [String]
    /// The placement last set by the float; a different one was set by
    /// someone else, and resizes then leave it alone.
    private var fitted: FloatConfig
    private var resizeHandler: Int?
    /// Whether ``close()`` ran.
    public private(set) var isClosed = false

    /// Opens the float named `name` showing `lines` and enters `mode`.
    /// The width fits the widest line plus the margins and `padding`, at
    /// least `minWidth`.
    /// - Throws: `KernelError` when the buffer or window cannot be made or
    ///   a key cannot be mapped (nothing is left open then).
    public init(editor: Editor, name: String, mode: String, title: String, lines: [String],
                footer: String? = nil, minWidth: Int = 1, padding: Int = 1, zindex: Int = 100,
                keys: [Binding] = []) throws {
        self.editor = editor
        self.mode = mode
        self.title = title
        self.footer = footer
        self.minWidth = minWidth
        self.padding = padding
        self.zindex = zindex
        previousMode = editor.mode
        previousWindow = editor.currentWindowID
        self.lines = Self.framed(lines)
        fitted = Self.centred(self.lines, screen: editor.screenSize, title: title, footer: footer, minWidth: minWidth,
                              padding: padding, zindex: zindex)
        buffer = try editor.createBuffer(scratch: true)
        var spec = WindowSpec()
        spec.name = name
        spec.enter = true
        spec.options = Self.options
        spec.float = fitted
        do {
            try buffer.setLines(0, -1, self.lines)
            window = try editor.openWindow(buffer: buffer.id, spec)
            for k in keys {
                try editor.keymaps.set(mode: mode, lhs: k.lhs, rhs: .handler(owner: "weft", call: k.action),
                                       options: KeymapOptions(desc: k.desc, nowait: true, owner: "weft"))
            }
        } catch {
            for k in keys { try? editor.keymaps.del(mode: mode, lhs: k.lhs) }
            try? editor.deleteBuffer(buffer.id)
            throw error
        }
        self.keys = keys.map(\.lhs)
        resizeHandler = try? editor.events.create(
            events: [.resize], options: AutocmdOptions(desc: "refit the \(name) float", owner: "weft")
        ) { [weak self] _ in
            self?.refit()
            return false
        }
        try editor.setMode(mode)
        editor.requestRedraw()
    }

    /// Shows `lines` instead, from the top, fitted to them.
    public func show(_ lines: [String]) {
        guard !isClosed else { return }
        self.lines = Self.framed(lines)
        try? buffer.setLines(0, -1, self.lines)
        window.view = WindowView()
        fit()
    }

    /// Scrolls the view by `rows` (positive: down), within the buffer.
    public func scroll(_ rows: Int) {
        guard !isClosed else { return }
        window.view = WindowView(topline: max(0, min(buffer.lineCount - 1, window.view.topline + rows)))
        editor.requestRedraw()
    }

    /// Marks buffer row `row` as the selected one (the `Visual` line
    /// highlight, in namespace `ns`, which is cleared first) and scrolls so
    /// that it and a row either side stay in view: the selection of the
    /// pickers built on the float.
    public func select(row: Int, ns: NamespaceID) {
        guard !isClosed else { return }
        buffer.extmarks.clear(ns: ns)
        _ = try? buffer.extmarks.set(ns: ns, start: Position(row: row, col: 0),
                                     decoration: Decoration(priority: 200, lineHl: "Visual"))
        let inner = window.floatConfig?.height ?? 1
        if row - 1 < window.view.topline { window.view = WindowView(topline: max(0, row - 1)) }
        if row + 1 >= window.view.topline + inner { window.view = WindowView(topline: row + 2 - inner) }
        editor.requestRedraw()
    }

    /// Deletes the keys, the resize handler and the buffer (closing the
    /// window), and gives the mode and the focus back. Closing twice does
    /// nothing.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        for lhs in keys { try? editor.keymaps.del(mode: mode, lhs: lhs) }
        if let id = resizeHandler { try? editor.events.del(id) }
        try? editor.deleteBuffer(buffer.id)
        if editor.mode == mode { try? editor.setMode(previousMode) }
        if let w = previousWindow, editor.windows[w] != nil { try? editor.focus(w) }
        editor.requestRedraw()
    }

    // MARK: - Placement

    /// The float window's options: wrapped text, no cursor.
    static let options: WindowOptions = {
        var o = WindowOptions()
        o.cursorVisible = false
        o.wrap = true
        return o
    }()

    /// Re-centres the float for the current screen, unless someone else
    /// placed it since the float last did.
    func refit() {
        guard !isClosed, window.floatConfig == fitted else { return }
        fit()
    }

    private func fit() {
        fitted = Self.centred(lines, screen: editor.screenSize, title: title, footer: footer, minWidth: minWidth,
                              padding: padding, zindex: zindex)
        if window.floatConfig != fitted { try? editor.setPlacement(window.id, float: fitted) }
        editor.requestRedraw()
    }

    /// `lines` with a blank line above and below and a one-cell left
    /// margin, so text never touches the border (the width adds the right
    /// margin).
    static func framed(_ lines: [String]) -> [String] {
        [""] + lines.map { $0.isEmpty ? "" : " " + $0 } + [""]
    }

    /// A float centred on `screen` that fits `lines` (within a 2-cell
    /// margin), as tall as they are when wrapped to its width.
    static func centred(_ lines: [String], screen: Size, title: String, footer: String? = nil, minWidth: Int,
                        padding: Int, zindex: Int) -> FloatConfig {
        // The footer, with a space each side, must fit in the border (width - 2).
        let widest = max(lines.map { TextMeasure.measure($0) }.max() ?? 0,
                         footer.map { TextMeasure.measure($0) + 1 - padding } ?? 0)
        let width = max(1, min(screen.width - 4, max(minWidth, widest + 1 + padding)))
        let wrap = WindowDrawer.wrapOptions(Self.options)
        let rows = lines.reduce(0) { $0 + Wrapper.rowCount($1, width: width, options: wrap) }
        let height = max(1, min(screen.height - 4, rows))
        return FloatConfig(relative: .editor, row: max(0, (screen.height - height) / 2 - 1),
                           col: max(0, (screen.width - width - 2) / 2), width: width, height: height,
                           zindex: zindex, border: .rounded, title: title, titlePos: .center,
                           footer: footer, footerPos: .center)
    }
}
