import Kernel

/// A composed frame: the screen grid and where the terminal cursor goes.
public struct Frame: Sendable {
    public var grid: Grid
    /// Terminal cursor position, or nil to hide the cursor.
    public var cursor: Position?
}

/// Composes the editor's windows onto a screen grid: tiled windows from the
/// layout, then floats by zindex (ties by creation order). Wide characters
/// cut at a float's edge are repaired by the grid (`Grid.put` never leaves
/// half a wide character).
public final class Compositor {
    public let highlights: HighlightTable
    var drawer: WindowDrawer
    /// Screen rectangles of the windows drawn in the last frame.
    public private(set) var rects: [WindowID: Rect] = [:]

    public init(highlights: HighlightTable) {
        self.highlights = highlights
        drawer = WindowDrawer(highlights: highlights, wrapCache: WrapCacheBox(), lineCache: LineDrawCache())
    }

    /// Screen rectangles of every visible window for the editor's current
    /// size (tiled from the layout, floats from their configs).
    public func windowRects(_ editor: Editor) -> [WindowID: Rect] {
        let screen = Rect(size: editor.screenSize)
        var out = editor.layout?.compute(in: screen) ?? [:]
        for w in editor.floatsByZ {
            guard let f = w.floatConfig else { continue }
            var anchorRect: Rect?
            if case .win(let id) = f.relative { anchorRect = out[id] }
            let layout = FloatLayout(config: f, editor: screen, window: anchorRect, cursor: cursorSpot)
            out[w.id] = layout.outer
        }
        return out
    }

    /// The cursor's screen position in the last frame (for cursor-relative floats).
    public private(set) var cursorSpot: Position?

    /// Draws every visible window and returns the frame.
    public func compose(_ editor: Editor) -> Frame {
        let size = editor.screenSize
        let normal = highlights.resolve("Normal")
        var grid = Grid(width: size.width, height: size.height, style: normal)
        let all = windowRects(editor)
        rects = all
        var cursor: Position?
        let current = editor.currentWindowID
        var ordered = (editor.layout?.windows ?? []).compactMap { editor.windows[$0] }
        ordered += editor.floatsByZ
        var drawn: Set<WindowID> = []
        for win in ordered where !win.hidden {
            guard let outer = all[win.id] else { continue }
            let spot = draw(win, outer: outer, editor: editor, normal: normal, grid: &grid)
            if win.id == current { cursor = spot }
            drawn.insert(win.id)
        }
        drawer.lineCache.keep(only: drawn)
        cursorSpot = cursor
        if let cw = editor.currentWindow, !cw.options.cursorVisible { cursor = nil }
        return Frame(grid: grid, cursor: cursor)
    }

    func draw(_ win: Window, outer: Rect, editor: Editor, normal: StyleID, grid: inout Grid) -> Position? {
        let normalName = win.options.normalHl == "Normal" && win.isFloating ? "NormalFloat" : win.options.normalHl
        let base = highlights.resolve(normalName)
        // Tiled windows never overlap and are drawn first, on a grid filled
        // with Normal: only a float or another background needs the fill.
        if win.isFloating || base != normal { grid.fill(outer, style: base) }
        let inner = drawer.drawBorder(win, outer: outer, grid: &grid)
        guard !inner.isEmpty else { return nil }
        switch win.renderer {
        case .extension:
            return drawer.drawExtension(win, area: inner, normal: base, grid: &grid)
        case .stock:
            guard let buf = editor.buffers[win.buffer] else { return nil }
            let vp = settleView(win, buf, area: inner, base: base)
            return drawer.drawStock(win, buf, viewport: vp, area: inner, base: base, grid: &grid)
        }
    }

    /// The viewport step of a stock window: builds its viewport for the
    /// content `area` and stores the settled view (followed to the tail or
    /// clamped) in `win.view`, the one place a frame changes window state.
    /// The drawer then only reads it.
    func settleView(_ win: Window, _ buf: Buffer, area: Rect, base: StyleID) -> Viewport {
        let vp = drawer.viewport(win, buf, size: area.size, base: base)
        guard !area.isEmpty else { return vp }
        let view = WindowDrawer.settledView(win.view, in: vp)
        if view != win.view { win.view = view }
        return vp
    }

    /// Scrolls a stock window by `rows` (positive: down), keeping the work
    /// bounded by the rows moved. Drops `follow` when scrolling up; sets it
    /// again when the view reaches the tail.
    public func scroll(_ win: Window, in editor: Editor, rows: Int) {
        guard let buf = editor.buffers[win.buffer], let rect = rects[win.id] ?? windowRects(editor)[win.id] else { return }
        let inner = win.border.thickness > 0 ? rect.inset(by: 1) : rect
        let base = highlights.resolve(win.options.normalHl)
        let vp = drawer.viewport(win, buf, size: inner.size, base: base)
        var view = win.view
        if view.follow { view = vp.tail() }
        view = vp.scroll(view, by: rows)
        view.follow = vp.isAtTail(view)
        win.view = view
        editor.requestRedraw()
    }
}
