import Kernel
import Render

/// A `UIHost` with no terminal: a virtual screen composed by Render's
/// `Compositor` (`weft --headless`, tests). Frames are composed
/// synchronously when asked for, after emitting `render` so extension
/// windows can redraw.
///
/// ```swift
/// let ui = HeadlessUI(editor: editor)
/// runtime.ui = ui
/// runtime.highlights = ui.highlights
/// try runtime.run("weft.ui.screen()")
/// ```
public final class HeadlessUI: UIHost {
    /// The model drawn.
    public let editor: Editor
    /// The highlight groups (also a `HighlightSink` for `weft.hl`).
    public let highlights: HighlightTable
    /// The compositor drawing frames.
    public let compositor: Compositor
    /// The last composed frame, if any.
    public private(set) var lastFrame: Frame?
    /// The code passed to `quit`, once called.
    public private(set) var exitCode: Int?
    /// Called by `quit(code:)` (e.g. to stop the loop).
    public var onQuit: ((Int) -> Void)?

    /// A virtual screen of `editor.screenSize` cells.
    public init(editor: Editor, highlights: HighlightTable = HighlightTable()) {
        self.editor = editor
        self.highlights = highlights
        self.compositor = Compositor(highlights: highlights)
    }

    /// Emits `render`, composes a frame and clears `editor.needsRedraw`.
    @discardableResult
    public func render() -> Frame {
        editor.emit(.render)
        let frame = compositor.compose(editor)
        lastFrame = frame
        editor.needsRedraw = false
        return frame
    }

    /// The screen rows, composing a new frame when something changed.
    public func screenRows() -> [String] {
        if lastFrame == nil || editor.needsRedraw { render() }
        return lastFrame?.grid.lines ?? []
    }

    /// Composes a frame now.
    public func redraw() { render() }

    /// The editor's screen size.
    public func screenSize() -> Size { editor.screenSize }

    /// The window's rectangle for the current layout.
    public func windowRect(_ id: WindowID) -> Rect? { compositor.windowRects(editor)[id] }

    /// Records the code and calls `onQuit`.
    public func quit(code: Int) {
        exitCode = code
        onQuit?(code)
    }
}
