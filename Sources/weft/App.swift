import Glibc
import Kernel
import Render

/// The running program: one editor, one loop, one compositor, and either a
/// terminal (TTY) or a virtual screen (headless). Everything runs on the
/// loop's thread.
final class App {
    let editor: Editor
    let loop: MainLoop
    let highlights = HighlightTable()
    let compositor: Compositor
    /// The last composed frame (headless `ui.screen()` reads it).
    private(set) var lastFrame: Frame?
    var tty: TerminalSession?
    var exitCode: Int32 = 0
    /// Inline mode was asked for (`--inline`, or `weft.ui.set_config` in
    /// init.lua before the terminal is entered).
    var wantsInline = false
    /// Counts double and triple clicks.
    var clicks = ClickCounter()
    private(set) var quitting = false

    init(size: Size) throws {
        editor = Editor(size: size)
        loop = try MainLoop()
        compositor = Compositor(highlights: highlights)
        editor.now = { [loop] in Int(loop.clock.nowNanos / 1_000_000) }
        editor.onRedrawRequest = { [loop] in loop.requestRedraw() }
        loop.redrawHandler = { [unowned self] in self.drawFrame() }
        loop.turnHandler = { [unowned self] in
            if self.editor.events.hasHandlers(.tick) { self.editor.emit(.tick) }
        }
        loop.reportError = { [unowned self] error in self.editor.notify("\(error)", level: .error) }
    }

    /// Composes the screen and, with a terminal, writes the diff.
    func drawFrame() {
        editor.emit(.render)
        tty?.inline?.prepare(self)
        let frame = compositor.compose(editor)
        lastFrame = frame
        editor.needsRedraw = false
        tty?.present(frame)
    }

    /// The screen as text rows (composes first if anything changed).
    func screenRows() -> [String] {
        if editor.needsRedraw || lastFrame == nil { drawFrame() }
        guard let g = lastFrame?.grid else { return [] }
        return (0..<g.height).map { g.rowText($0) }
    }

    /// Stops the loop; `run` returns `code`.
    func quit(code: Int32 = 0) {
        exitCode = code
        quitting = true
        editor.emit(.shutdown)
        loop.stop()
    }

    /// Handles one decoded input event.
    func handle(_ event: InputEvent) {
        switch event {
        case .key(let k):
            editor.handleKey(k)
        case .mouse(let m):
            let key = m.key
            editor.mouse = MouseState(row: m.row, col: m.col, clicks: clicks.count(m, nowMs: editor.now()))
            if editor.events.hasHandlers(.mouse) {
                let token = key.token
                if editor.emit(.mouse, subject: token, data: .table([
                    "row": .int(m.row), "col": .int(m.col), "key": .string(token),
                    "clicks": .int(editor.mouse?.clicks ?? 0)])) { return }
            }
            editor.handleKey(key)
        case .paste(let text):
            editor.handlePaste(text)
        case .focus(let gained):
            editor.emit(gained ? .focusGained : .focusLost)
        default:
            break
        }
    }

    /// Resizes the virtual or real screen and repaints in one frame. The
    /// terminal is repainted in full on every SIGWINCH, even when the size
    /// ends up unchanged: two quick resizes can reach us as one size while
    /// the terminal reflowed its screen in between.
    func resize(_ size: Size) {
        tty?.invalidate()
        if size != editor.screenSize {
            editor.screenSize = size
            editor.emit(.resize, data: .table(["width": .int(size.width), "height": .int(size.height)]))
        }
        editor.requestRedraw()
    }
}
