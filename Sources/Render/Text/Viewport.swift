import Kernel

/// Viewport math over wrapped lines: pure functions from a `WindowView` to
/// a new one, and from a view to the lines on screen.
///
/// The buffer is `lineCount` lines; line `i` takes `rowCount(i)` rows
/// (values below 1 count as 1). Positions are compared as (line, row)
/// pairs, never as absolute row numbers, so no operation needs the total:
/// each one calls `rowCount` O(height + |scroll amount|) times, whatever
/// the buffer length.
///
/// Clamping: the view cannot scroll past the *tail*, the view whose bottom
/// window row shows the buffer's last row. When everything fits in the
/// window the tail is the top (0, 0). A view at the tail has `follow` set;
/// any other view produced here has it cleared.
///
/// ```swift
/// let port = Viewport(lineCount: lines.count, height: 20) { Wrapper.rowCount(lines[$0], width: 80) }
/// var view = port.tail()                 // follow = true
/// view = port.scroll(view, by: -3)       // follow = false
/// for v in port.visibleLines(view) { draw(v.line, rows: v.firstRow..<(v.firstRow + v.rowCount)) }
/// ```
public struct Viewport {
    /// Lines in the buffer.
    public let lineCount: Int
    /// Rows in the window.
    public let height: Int
    /// The first line the view may show: lines above it are out of the
    /// window (inline mode has handed them to the terminal's scrollback).
    public let firstLine: Int
    private let rows: (Int) -> Int
    private let memo = RowMemo()

    /// Creates viewport math for `lineCount` lines shown in `height` rows,
    /// where `rowCount(i)` is the wrapped height of line `i`, and lines
    /// before `firstLine` are never shown.
    public init(lineCount: Int, height: Int, firstLine: Int = 0, rowCount: @escaping (Int) -> Int) {
        self.lineCount = max(0, lineCount)
        self.height = height
        self.firstLine = min(max(0, firstLine), max(0, lineCount))
        self.rows = rowCount
    }

    /// Rows the lines from `firstLine` to the end take, counted from the
    /// end and stopping once `cap` is reached (work bounded by `cap`).
    public func tailRows(cap: Int) -> Int {
        var total = 0
        var line = self.lineCount
        while line > self.firstLine && total < cap {
            line -= 1
            total += self.rowsOf(line)
        }
        return min(total, cap)
    }

    /// The rows of `line`, measured once per viewport: a frame walks the
    /// same lines up to three times (the tail, the clamp, the visible
    /// lines), and `rowCount` is assumed not to change while the viewport
    /// lives (one is made per frame and per scroll, never kept).
    @inline(__always)
    private func rowsOf(_ line: Int) -> Int {
        if let known = memo.rows(of: line) { return known }
        let r = max(1, self.rows(line))
        memo.store(r, of: line)
        return r
    }

    /// The view with the buffer's last row on the window's bottom row (or
    /// the top when everything fits), with `follow` set.
    public func tail() -> WindowView {
        let height = max(1, self.height)
        var accumulated = 0
        var line = self.lineCount
        while line > self.firstLine {
            line -= 1
            accumulated += self.rowsOf(line)
            if accumulated >= height { return WindowView(topline: line, skip: accumulated - height, follow: true) }
        }
        return WindowView(topline: self.firstLine, skip: 0, follow: true)
    }

    /// Same as `tail()` (the name used in the design notes).
    public func toTail() -> WindowView { self.tail() }

    /// True when `view` (after clamping) is the tail.
    public func isAtTail(_ view: WindowView) -> Bool {
        self.clamp(view).follow
    }

    /// `view` made valid: a following view becomes the tail; otherwise
    /// `topline` and `skip` are clamped into the buffer and not past the
    /// tail, and `follow` is set exactly when the result is the tail.
    public func clamp(_ view: WindowView) -> WindowView {
        if view.follow { return self.tail() }
        guard self.lineCount > self.firstLine else { return WindowView(topline: self.firstLine, skip: 0, follow: true) }
        let top = min(max(self.firstLine, view.topline), self.lineCount - 1)
        let skip = min(max(0, view.skip), self.rowsOf(top) - 1)
        return self.settle(top, skip, tail: self.tail())
    }

    /// `view` scrolled by `rows` wrapped rows (positive moves the text up,
    /// showing later lines), clamped to the top and to the tail.
    public func scroll(_ view: WindowView, by rows: Int) -> WindowView {
        let start = self.clamp(view)
        if rows == 0 || self.lineCount <= self.firstLine { return start }
        let tail = self.tail()
        return rows > 0 ? self.down(from: start, by: rows, tail: tail) : self.up(from: start, by: rows, tail: tail)
    }

    /// `view` scrolled by `pages` pages; a page is `max(1, height - 2)`
    /// rows (Vim's CTRL-F keeps two rows of context).
    public func page(_ view: WindowView, by pages: Int) -> WindowView {
        let pageRows = max(1, self.height - 2)
        let (product, overflow) = pages.multipliedReportingOverflow(by: pageRows)
        let rows = overflow ? (pages > 0 ? Int.max : Int.min + 1) : product
        return self.scroll(view, by: rows)
    }

    /// The lines shown by `view` (after clamping), top to bottom, covering
    /// `height` rows, or fewer when the buffer ends first. Empty when the
    /// height is below 1 or the buffer is empty.
    public func visibleLines(_ view: WindowView) -> [VisibleLine] {
        guard self.height > 0, self.lineCount > self.firstLine else { return [] }
        let start = self.clamp(view)
        var result: [VisibleLine] = []
        var screenRow = 0
        var line = start.topline
        var firstRow = start.skip
        while screenRow < self.height && line < self.lineCount {
            let shown = min(self.rowsOf(line) - firstRow, self.height - screenRow)
            result.append(VisibleLine(line: line, firstRow: firstRow, rowCount: shown, screenRow: screenRow))
            screenRow += shown
            line += 1
            firstRow = 0
        }
        return result
    }

    /// The smallest change of `view` that shows row `row` of line `line`
    /// (both clamped into the buffer): unchanged when already visible,
    /// else that row becomes the top row (when above) or the bottom row
    /// (when below).
    public func reveal(_ view: WindowView, line: Int, row: Int = 0) -> WindowView {
        let start = self.clamp(view)
        guard self.lineCount > self.firstLine, self.height > 0 else { return start }
        let target = min(max(self.firstLine, line), self.lineCount - 1)
        let targetRow = min(max(0, row), self.rowsOf(target) - 1)
        let tail = self.tail()
        if (target, targetRow) < (start.topline, start.skip) {
            return self.settle(target, targetRow, tail: tail)
        }
        // Rows from the view's top to the target row, if within the window.
        var distance = -start.skip
        var current = start.topline
        while current < target && distance < self.height {
            distance += self.rowsOf(current)
            current += 1
        }
        if distance + targetRow < self.height { return start }
        let atBottom = self.up(from: WindowView(topline: target, skip: targetRow), by: -(self.height - 1), tail: tail)
        return self.settle(atBottom.topline, atBottom.skip, tail: tail)
    }
}

// MARK: - Walking

extension Viewport {
    /// The view at (top, skip), or the tail when that is at or past it.
    private func settle(_ top: Int, _ skip: Int, tail: WindowView) -> WindowView {
        if (top, skip) >= (tail.topline, tail.skip) { return tail }
        return WindowView(topline: top, skip: skip, follow: false)
    }

    private func down(from start: WindowView, by rows: Int, tail: WindowView) -> WindowView {
        var top = start.topline
        var skip = start.skip
        var remaining = rows
        while remaining > 0 {
            if (top, skip) >= (tail.topline, tail.skip) { return tail }
            let below = self.rowsOf(top) - 1 - skip
            if remaining <= below {
                skip += remaining
                remaining = 0
            } else {
                remaining -= below + 1
                top += 1
                skip = 0
                if top >= self.lineCount { return tail }
            }
        }
        return self.settle(top, skip, tail: tail)
    }

    /// Moves up by `-rows` rows (rows is negative), stopping at the top.
    private func up(from start: WindowView, by rows: Int, tail: WindowView) -> WindowView {
        var top = start.topline
        var skip = start.skip
        var remaining = rows == Int.min ? Int.max : -rows
        if remaining <= skip {
            skip -= remaining
        } else {
            remaining -= skip
            skip = 0
            while remaining > 0 && top > self.firstLine {
                top -= 1
                let count = self.rowsOf(top)
                if remaining <= count {
                    skip = count - remaining
                    remaining = 0
                } else {
                    remaining -= count
                }
            }
        }
        return self.settle(top, skip, tail: tail)
    }
}

/// The row counts a ``Viewport`` has measured: a direct-mapped table of
/// 128 (line, rows) slots, enough for the lines of a screen and the walks
/// around them; a line whose slot holds another line is measured again.
private final class RowMemo {
    private static let slots = 128
    private let table: UnsafeMutablePointer<Int>

    init() {
        table = .allocate(capacity: 2 * Self.slots)
        table.initialize(repeating: -1, count: 2 * Self.slots)
    }

    deinit { table.deallocate() }

    @inline(__always)
    func rows(of line: Int) -> Int? {
        let slot = 2 * (line & (Self.slots - 1))
        return table[slot] == line ? table[slot + 1] : nil
    }

    @inline(__always)
    func store(_ rows: Int, of line: Int) {
        let slot = 2 * (line & (Self.slots - 1))
        table[slot] = line
        table[slot + 1] = rows
    }
}
