import Kernel

/// A composed frame: the screen grid and where the terminal cursor goes.
public struct Frame: Sendable {
    public var grid: Grid
    /// Terminal cursor position, or nil to hide the cursor.
    public var cursor: Position?
    /// This frame's identity (a later frame's ``FrameDamage/since``).
    public var token = FrameToken()
    /// The rows that may differ from an earlier frame, when the compositor
    /// drew this one over it (see ``RetainedFrame``); nil: any row may.
    public var damage: FrameDamage?
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

    /// The last frame, which the next one is drawn over when the layout
    /// is the same (see ``RetainedFrame``).
    var retained: RetainedFrame?

    /// Draws every visible window and returns the frame.
    public func compose(_ editor: Editor) -> Frame {
        let size = editor.screenSize
        let normal = highlights.resolve("Normal")
        let all = windowRects(editor)
        rects = all
        var cursor: Position?
        let current = editor.currentWindowID
        var ordered = (editor.layout?.windows ?? []).compactMap { editor.windows[$0] }
        ordered += editor.floatsByZ
        let shown = ordered.compactMap { w in !w.hidden ? all[w.id].map { (w, $0) } : nil }
        let layout = RetainedFrame.Layout(size: size, normal: normal, generation: highlights.generation,
                                          windows: shown.map { .init(id: $0.0.id, outer: $0.1) },
                                          hasFloats: shown.contains { $0.0.isFloating })
        var grid: Grid
        var touched: TouchedRows?
        var since: FrameToken?
        if retained?.canDrawOver(layout) == true {
            grid = retained!.takeCanvas()
            touched = TouchedRows(height: size.height)
            since = retained!.token
        } else {
            grid = Grid(width: size.width, height: size.height, style: normal)
        }
        var drawn: Set<WindowID> = []
        for (win, outer) in shown {
            let spot = draw(win, outer: outer, editor: editor, normal: normal, grid: &grid, touched: &touched)
            if win.id == current { cursor = spot }
            drawn.insert(win.id)
        }
        drawer.lineCache.keep(only: drawn)
        drawer.lineHeights.keep(only: drawn)
        cursorSpot = cursor
        if let cw = editor.currentWindow, !cw.options.cursorVisible { cursor = nil }
        let damage = since.map { FrameDamage(since: $0, rows: touched?.rows ?? []) }
        let frame = Frame(grid: grid, cursor: cursor, damage: damage)
        // This frame's grid becomes the last one, and the last one the
        // spare (not kept at another size).
        let last = retained?.grid
        retained = RetainedFrame(grid: grid, layout: layout, token: frame.token,
                                 spare: last?.size == grid.size ? last : nil, spareDiff: damage?.rows)
        return frame
    }

    /// Draws one window. With `touched` (a frame drawn over the last one),
    /// a tiled stock window in Normal without a border is drawn in place
    /// (``RetainedFrame``); any other window first fills its rectangle, and
    /// the rows written are added to `touched`.
    func draw(_ win: Window, outer: Rect, editor: Editor, normal: StyleID, grid: inout Grid,
              touched: inout TouchedRows?) -> Position? {
        let normalName = win.options.normalHl == "Normal" && win.isFloating ? "NormalFloat" : win.options.normalHl
        let base = highlights.resolve(normalName)
        let inPlace = touched != nil && win.renderer == .stock && !win.isFloating && base == normal
            && win.border.thickness == 0
        if touched != nil && !inPlace {
            // Over the last frame, a window drawn afresh starts from what a
            // blank grid would show under it.
            grid.fill(outer, style: base)
            touched?.insert(outer.row..<outer.bottom)
        } else if win.isFloating || base != normal {
            // Tiled windows never overlap and are drawn first, on a grid
            // filled with Normal: only a float or another background needs
            // the fill.
            grid.fill(outer, style: base)
        }
        let inner = drawer.drawBorder(win, outer: outer, grid: &grid)
        guard !inner.isEmpty else { return nil }
        switch win.renderer {
        case .extension:
            return drawer.drawExtension(win, area: inner, normal: base, grid: &grid)
        case .stock:
            guard let buf = editor.buffers[win.buffer] else {
                if inPlace {
                    grid.fill(inner, style: base)
                    touched?.insert(inner.row..<inner.bottom)
                }
                return nil
            }
            let vp = settleView(win, buf, area: inner, base: base)
            if inPlace {
                return drawer.drawStock(win, buf, viewport: vp, area: inner, base: base, grid: &grid, inPlace: &touched)
            }
            var afresh: TouchedRows?
            return drawer.drawStock(win, buf, viewport: vp, area: inner, base: base, grid: &grid, inPlace: &afresh)
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
