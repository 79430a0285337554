import Kernel

/// Draws one window into the screen grid: border and title, then the
/// content (stock: buffer lines + extmarks through wrap and viewport;
/// extension: the window's retained draw list), clipped to the window.
///
/// Work is bounded by the window's visible rows: only lines the viewport
/// shows are measured, decorated and drawn.
struct WindowDrawer {
    let highlights: HighlightTable
    /// Row counts of wrapped lines, kept across frames. A reference so the
    /// viewport's row-count closure (called after `viewport` returns) fills
    /// the same cache the next frame reads.
    let wrapCache: WrapCacheBox
    /// The cells of the lines drawn in the last frame, per window.
    let lineCache: LineDrawCache
    /// The heights of the lines measured in earlier frames, per window.
    let lineHeights = LineHeightCache()

    /// Where the cursor of a window ended up on screen, if visible.
    typealias CursorSpot = Position

    // MARK: - Border

    /// Draws the border of `outer` and returns the content rectangle.
    func drawBorder(_ win: Window, outer: Rect, grid: inout Grid) -> Rect {
        let border = win.border
        guard border.thickness > 0, outer.width >= 2, outer.height >= 2 else { return outer }
        let chars = border.chars
        let defaultHl = highlights.resolve(win.isFloating ? "FloatBorder" : "WinSeparator")
        func style(_ i: Int) -> StyleID {
            chars.indices.contains(i) ? (chars[i].hl.map { highlights.resolve($0) } ?? defaultHl) : defaultHl
        }
        func ch(_ i: Int) -> String { chars.indices.contains(i) ? chars[i].char : " " }
        let top = outer.row, bottom = outer.bottom - 1, left = outer.col, right = outer.right - 1
        grid.put(ch(0), row: top, col: left, style: style(0))
        grid.put(ch(2), row: top, col: right, style: style(2))
        grid.put(ch(4), row: bottom, col: right, style: style(4))
        grid.put(ch(6), row: bottom, col: left, style: style(6))
        if outer.width > 2 {
            grid.fill(Rect(row: top, col: left + 1, width: outer.width - 2, height: 1), cluster: ch(1), style: style(1))
            grid.fill(Rect(row: bottom, col: left + 1, width: outer.width - 2, height: 1), cluster: ch(5), style: style(5))
        }
        if outer.height > 2 {
            grid.fill(Rect(row: top + 1, col: left, width: 1, height: outer.height - 2), cluster: ch(7), style: style(7))
            grid.fill(Rect(row: top + 1, col: right, width: 1, height: outer.height - 2), cluster: ch(3), style: style(3))
        }
        if let title = win.title {
            drawBorderText(title, at: win.titlePos, row: top, outer: outer, group: win.isFloating ? "FloatTitle" : "Title",
                           grid: &grid)
        }
        if let footer = win.footer, outer.height > 1 {
            drawBorderText(footer, at: win.footerPos, row: bottom, outer: outer,
                           group: win.isFloating ? "FloatFooter" : "Title", grid: &grid)
        }
        return outer.inset(by: 1)
    }

    /// A title or footer in a border row: trimmed, padded with a space each side,
    /// truncated to the border's width, placed left, centred or right.
    private func drawBorderText(_ raw: String, at pos: TitlePosition, row: Int, outer: Rect, group: String,
                                grid: inout Grid) {
        guard !raw.isEmpty, outer.width > 4 else { return }
        let left = outer.col, right = outer.right - 1
        // Spaces around the text come from here only: a title given as
        // " weft " is not shown with two on each side.
        let sanitized = TextMeasure.sanitize(raw)
        let trimmed = String(sanitized.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        guard !trimmed.isEmpty else { return }
        let text = " " + TextMeasure.truncate(trimmed, width: outer.width - 4) + " "
        let w = TextMeasure.measure(text)
        let col: Int
        switch pos {
        case .left: col = left + 1
        case .center: col = left + max(1, (outer.width - w) / 2)
        case .right: col = right - w
        }
        grid.put(text: text, row: row, col: col, style: highlights.resolve(group))
    }

    // MARK: - Extension windows

    /// Draws the retained draw list of an extension window. Returns the
    /// cursor spot the list asked for (absolute screen position).
    func drawExtension(_ win: Window, area: Rect, normal: StyleID, grid: inout Grid) -> CursorSpot? {
        var cursor: CursorSpot?
        var clip = Grid(width: area.width, height: area.height, style: normal)
        // Ops in a row mostly share a highlight: resolve a name once per run
        // (two hashed lookups otherwise, for every op).
        var lastHl: String?
        var lastStyle = normal
        func styleOf(_ hl: String?) -> StyleID {
            if hl == lastHl { return lastStyle }
            lastHl = hl
            lastStyle = style(hl, over: normal)
            return lastStyle
        }
        for op in win.drawList {
            switch op {
            case .text(let row, let col, let text, let hl):
                clip.put(unsanitized: text, row: row, col: col, style: styleOf(hl))
            case .spans(let row, let col, let spans):
                var c = col
                for s in spans {
                    c = clip.put(unsanitized: s.text, row: row, col: c, style: styleOf(s.hl))
                }
            case .fill(let row, let col, let width, let height, let char, let hl):
                let cluster = TextMeasure.sanitize(char).first.map(String.init) ?? " "
                clip.fill(Rect(row: row, col: col, width: width, height: height), cluster: cluster, style: styleOf(hl))
            case .clear(let hl):
                clip.clear(style: styleOf(hl))
            case .cursor(let row, let col):
                if row >= 0, row < area.height, col >= 0, col < area.width {
                    cursor = Position(row: area.row + row, col: area.col + col)
                }
            }
        }
        grid.blit(clip, at: Position(row: area.row, col: area.col))
        return cursor
    }

    func style(_ hl: String?, over base: StyleID) -> StyleID {
        guard let hl, !hl.isEmpty else { return base }
        return highlights.combine(base: base, over: highlights.resolve(hl))
    }
}

/// A shared, mutable `WrapCache` (see `WindowDrawer.wrapCache`).
final class WrapCacheBox {
    var cache = WrapCache()
}
