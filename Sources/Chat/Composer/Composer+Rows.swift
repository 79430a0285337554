import Kernel
import Render

// Screen rows: Up and Down move through soft-wrapped rows the way the stock
// renderer wraps them (Render's Wrapper with the window's options), keeping
// a goal display column across vertical moves, so CJK and ASCII lines line
// up by what the user sees rather than by bytes.

extension Composer {
    /// The number of screen rows the text takes at `width` cells with the
    /// window's wrap options (for sizing the composer window).
    public func displayRows(width: Int) -> Int {
        guard let b = try? buffer() else { return 1 }
        guard window.options.wrap, width > 0 else { return b.lineCount }
        let options = wrapOptions()
        return b.lines.reduce(0) { $0 + Wrapper.rowCount($1, width: width, options: options) }
    }

    /// Moves one screen row up or down, or walks the history at the edges.
    func moveVertically(down: Bool) throws {
        let b = try buffer()
        let pos = try normalizedCursor(b, window)
        let line = b.line(pos.row) ?? ""
        let segs = segments(line)
        let i = Self.segmentIndex(segs, col: pos.col)
        let goal = goalColumn ?? visualColumn(line, segs[i], col: pos.col)
        var target: Position?
        if down {
            if i + 1 < segs.count {
                target = Position(row: pos.row, col: byteIn(line, segs[i + 1], column: goal, last: i + 2 == segs.count))
            } else if pos.row + 1 < b.lineCount {
                let next = b.line(pos.row + 1) ?? ""
                let ns = segments(next)
                target = Position(row: pos.row + 1, col: byteIn(next, ns[0], column: goal, last: ns.count == 1))
            }
        } else {
            if i > 0 {
                target = Position(row: pos.row, col: byteIn(line, segs[i - 1], column: goal, last: false))
            } else if pos.row > 0 {
                let prev = b.line(pos.row - 1) ?? ""
                let ps = segments(prev)
                target = Position(row: pos.row - 1, col: byteIn(prev, ps[ps.count - 1], column: goal, last: true))
            }
        }
        guard let target else {
            _ = down ? try historyNewer() : try historyOlder()
            return
        }
        try motion { try editor.setCursor(window, row: target.row, col: target.col) }
        goalColumn = goal
    }

    func wrapOptions() -> WrapOptions {
        WrapOptions(linebreak: window.options.linebreak, breakindent: window.options.breakindent,
                    showbreak: window.options.showbreak, tabstop: window.options.tabstop)
    }

    /// The screen rows of a line (one row without a wrap width); never empty.
    func segments(_ line: String) -> [WrapSegment] {
        let whole = [WrapSegment(byteRange: 0..<line.utf8.count, startColumn: 0, width: 0, showsBreak: false)]
        guard let width = wrapWidth, width > 0, window.options.wrap else { return whole }
        let segs = Wrapper.wrap(line, width: width, options: wrapOptions())
        return segs.isEmpty ? whole : segs
    }

    /// The row holding byte `col`: a column on a row boundary belongs to the
    /// later row (the cursor shows at its start); the line end to the last.
    static func segmentIndex(_ segs: [WrapSegment], col: Int) -> Int {
        var index = 0
        for (i, s) in segs.enumerated() where s.byteRange.lowerBound <= col { index = i }
        return index
    }

    /// The display column of byte `col` on its row.
    func visualColumn(_ line: String, _ seg: WrapSegment, col: Int) -> Int {
        let text = ComposerWords.slice(line, seg.byteRange.lowerBound, col)
        return seg.startColumn + TextMeasure.measure(text, tabstop: window.options.tabstop)
    }

    /// The byte on row `seg` nearest display column `column`. Only the last
    /// row of a line may put the cursor past its text (elsewhere that spot
    /// is the next row's start).
    func byteIn(_ line: String, _ seg: WrapSegment, column: Int, last: Bool) -> Int {
        let lo = seg.byteRange.lowerBound
        let text = ComposerWords.slice(line, lo, seg.byteRange.upperBound)
        let offset = TextMeasure.byte(forColumn: max(0, column - seg.startColumn), in: text,
                                      tabstop: window.options.tabstop)
        if !last && offset >= text.utf8.count && !text.isEmpty {
            return lo + text.utf8.count - (text.last?.utf8.count ?? 0)
        }
        return lo + offset
    }
}
