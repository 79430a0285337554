import Kernel
import Render

// The composer shows at most ten rows; when its text is longer, its top
// border says how many rows are scrolled out above ("↑ 12 more lines"),
// and the view follows the cursor (Up past the top row scrolls).
extension ChatUI {
    /// Before each frame: keeps the composer's cursor in view and sets the
    /// hint in its top border. A title set from Lua is left alone.
    func refreshComposerHint() {
        let win = windows.composer
        guard let compositor, win.border != .none, !win.hidden, let buf = editor.buffers[win.buffer],
              win.title == nil || win.title == composerHint else { return }
        compositor.reveal(win, line: win.cursor.row, col: win.cursor.col, in: editor)
        let view = win.view
        var above = view.topline > 0 || view.skip > 0 ? view.skip : 0
        for line in 0..<min(max(0, view.topline), buf.lineCount) {
            above += compositor.segments(win, line: line, in: editor).count
        }
        let hint = above > 0 ? "↑ \(above) more line\(above == 1 ? "" : "s")" : nil
        guard win.title != hint else { return }
        win.title = hint
        composerHint = hint
        editor.requestRedraw()
    }
}
