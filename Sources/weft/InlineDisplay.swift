import Kernel
import Render

/// Inline mode (`weft --inline`, or `weft.ui.set_config{inline = true}` in
/// init.lua): no alternate screen. The transcript's finished lines are
/// written once into the terminal's own scrollback (styled, wrapped at the
/// terminal's width); only the live part (the streaming reply, composer,
/// status line, popups) is drawn, at the bottom, by the ordinary diffing
/// encoder (`InlineScreen`). The editor's screen is the live area: its
/// height follows what the live part needs, up to the terminal's height.
final class InlineDisplay {
    /// What the live part is made of: the window whose buffer's finished
    /// lines leave for the scrollback, how many lines are finished, and a
    /// generation that changes when the buffer is replaced (a new chat).
    struct Source {
        var window: Window
        var finished: Int
        var generation: Int
    }

    var screen: InlineScreen
    /// The terminal's size.
    private(set) var terminalSize: Size
    /// Supplied by the chat layer.
    var source: (() -> Source?)?
    /// Rows to write into the scrollback with the next frame.
    private var pending: Grid?
    private var generation = 0

    init(encoder: FrameEncoder, terminalSize: Size, top: Int) {
        screen = InlineScreen(encoder: encoder, size: terminalSize, top: top)
        self.terminalSize = terminalSize
    }

    /// Before a frame is composed: moves finished lines out of the live
    /// part (drawn now, written with the frame) and sizes the editor's
    /// screen to the live area.
    func prepare(_ app: App) {
        guard let src = source?() else {
            app.editor.screenSize = terminalSize
            return
        }
        let win = src.window
        if src.generation != generation {
            generation = src.generation
            win.firstShownLine = 0
        }
        let finished = min(src.finished, app.editor.buffers[win.buffer]?.lineCount ?? 0)
        if finished < win.firstShownLine { win.firstShownLine = finished }
        if finished > win.firstShownLine {
            let rows = app.compositor.renderLines(win, win.firstShownLine..<finished, width: terminalSize.width,
                                                  in: app.editor)
            pending = pending.map { $0.stacked(above: rows) } ?? rows
            win.firstShownLine = finished
            win.view.follow = true
        }
        app.editor.screenSize = liveSize(app, window: win)
    }

    /// The live area: the other tiled windows' rows plus the rows the live
    /// lines need (or the tallest float, so a popup has room), at most the
    /// terminal's height.
    func liveSize(_ app: App, window win: Window) -> Size {
        let term = terminalSize
        let rects = app.editor.layout?.compute(in: Rect(size: term)) ?? [:]
        guard let rect = rects[win.id], !win.hidden else { return term }
        let border = 2 * win.border.thickness
        let others = term.height - rect.height
        let needed = app.compositor.liveRows(win, width: max(1, rect.width - border), cap: term.height, in: app.editor)
        let floats = app.editor.floatsByZ.map { ($0.floatConfig?.height ?? 0) + 2 * $0.border.thickness }.max() ?? 0
        let height = min(term.height, others + max(needed + (needed > 0 ? border : 0), floats))
        return Size(width: term.width, height: max(1, height))
    }

    /// The bytes of a frame.
    func present(_ frame: Frame) -> [UInt8] {
        defer { pending = nil }
        return screen.frame(committed: pending, live: frame)
    }

    /// The terminal changed size; `cursorRow` is where it says its cursor is.
    func resize(_ size: Size, cursorRow: Int?) -> [UInt8] {
        terminalSize = size
        return screen.resize(size, cursorRow: cursorRow)
    }

    /// On exit: everything not yet in the scrollback goes there (a reply
    /// still streaming as it stands), the live area is erased.
    func end(_ app: App) -> [UInt8] {
        if let src = source?(), let buf = app.editor.buffers[src.window.buffer] {
            let win = src.window
            let last = buf.lineCount
            if last > win.firstShownLine && !(last == 1 && buf.line(0) == "") {
                let rows = app.compositor.renderLines(win, win.firstShownLine..<last, width: terminalSize.width, in: app.editor)
                pending = pending.map { $0.stacked(above: rows) } ?? rows
                win.firstShownLine = last
            }
        }
        defer { pending = nil }
        return screen.end(committed: pending)
    }
}
