import Kernel

/// The text of a selection, taken from the buffer (never from the screen),
/// and which bytes of each line it covers (for drawing it).
///
/// Because the text comes from the buffer, rows that soft wrap made are one
/// line again, a no-wrap line cut at the window's edge gives its whole
/// text, and virtual text, borders and wrap markers are never part of it.
/// Ends are snapped to display clusters (a wide character, an emoji
/// sequence or a letter with combining marks is taken whole), and ends
/// outside the buffer (it changed underneath) are clamped.
///
/// | mode | text |
/// |---|---|
/// | `char` | the lines' pieces joined by "\n" |
/// | `line` | the whole lines joined by "\n", plus a final "\n" (as Vim yanks lines) |
/// | `block` | each row's clusters that touch the block's columns, joined by "\n" |
///
/// ```swift
/// let sel = Selection(mode: .char, anchor: Position(row: 0, col: 6), head: Position(row: 1, col: 2))
/// SelectionText.text(sel, in: buffer)   // "world\nabc" for ["hello world", "abcdef"]
/// ```
public enum SelectionText {
    /// The part of one line a selection covers.
    public struct Span: Hashable, Sendable {
        /// Selected bytes of the line.
        public var bytes: Range<Int>
        /// Whether the line break after the line is selected too (drawn
        /// as one more selected cell after the text).
        public var lineBreak: Bool
    }

    /// The selected text of `selection` in `buffer`.
    public static func text(_ selection: Selection, in buffer: Buffer, tabstop: Int = TextMeasure.defaultTabstop) -> String {
        let sel = selection.clamped(lineCount: buffer.lineCount)
        var pieces: [String] = []
        let block = sel.mode == .block ? columns(sel, in: buffer, tabstop: tabstop) : nil
        for row in sel.rows {
            guard let line = buffer.line(row) else { continue }
            guard let span = span(sel, row: row, line: line, block: block, tabstop: tabstop) else {
                pieces.append("")
                continue
            }
            pieces.append(slice(line, span.bytes))
        }
        let joined = pieces.joined(separator: "\n")
        return sel.mode == .line ? joined + "\n" : joined
    }

    /// The part of `line` (row `row`) that `selection` covers; nil when the
    /// row is outside it. For block selections pass ``columns(_:in:tabstop:)``
    /// as `block` (it is computed once per selection, not per row).
    public static func span(_ selection: Selection, row: Int, line: String, block: Range<Int>? = nil,
                            tabstop: Int = TextMeasure.defaultTabstop) -> Span? {
        let sel = selection
        guard sel.rows.contains(row) else { return nil }
        let length = line.utf8.count
        switch sel.mode {
        case .line:
            return Span(bytes: 0..<length, lineBreak: true)
        case .char:
            let s = sel.start, e = sel.end
            let from = row == s.row ? clusterStart(line, s.col, tabstop: tabstop) : 0
            let endsHere = row == e.row
            let to = endsHere ? clusterEnd(line, e.col, tabstop: tabstop) : length
            let lineBreak = !endsHere || e.col >= length
            return Span(bytes: min(from, to)..<to, lineBreak: lineBreak)
        case .block:
            guard let cols = block, !cols.isEmpty else { return nil }
            var lo: Int?, hi = 0
            TextMeasure.forEachCluster(line, tabstop: tabstop) { c in
                if c.column >= cols.upperBound { return false }
                if c.column + c.width > cols.lowerBound {
                    if lo == nil { lo = c.byteRange.lowerBound }
                    hi = c.byteRange.upperBound
                }
                return true
            }
            guard let lo else { return nil }
            return Span(bytes: lo..<hi, lineBreak: false)
        }
    }

    /// The display columns a block selection spans: from the leftmost
    /// end's character to the right edge of the rightmost end's character
    /// (an end at or past the end of its line counts as one cell there).
    public static func columns(_ selection: Selection, in buffer: Buffer,
                               tabstop: Int = TextMeasure.defaultTabstop) -> Range<Int> {
        func cell(_ p: Position) -> Range<Int> {
            guard let line = buffer.line(min(max(0, p.row), max(0, buffer.lineCount - 1))) else { return 0..<1 }
            var found: Range<Int>?
            let target = clusterStart(line, p.col, tabstop: tabstop)
            TextMeasure.forEachCluster(line, tabstop: tabstop) { c in
                if c.byteRange.lowerBound == target { found = c.column..<(c.column + c.width); return false }
                return c.byteRange.lowerBound < target
            }
            if let found { return found }
            let width = TextMeasure.measure(line, tabstop: tabstop)
            return width..<(width + 1)
        }
        let a = cell(selection.anchor), h = cell(selection.head)
        return min(a.lowerBound, h.lowerBound)..<max(a.upperBound, h.upperBound)
    }

    /// The first byte of the cluster holding byte `col` (`col` past the
    /// end gives the line's length).
    public static func clusterStart(_ line: String, _ col: Int, tabstop: Int = TextMeasure.defaultTabstop) -> Int {
        let length = line.utf8.count
        guard col > 0 else { return 0 }
        guard col < length else { return length }
        var start = 0
        TextMeasure.forEachCluster(line, tabstop: tabstop) { c in
            if c.byteRange.lowerBound > col { return false }
            start = c.byteRange.lowerBound
            return c.byteRange.upperBound <= col
        }
        return start
    }

    /// The byte after the cluster holding byte `col` (`col` at or past the
    /// end gives the line's length).
    public static func clusterEnd(_ line: String, _ col: Int, tabstop: Int = TextMeasure.defaultTabstop) -> Int {
        let length = line.utf8.count
        guard col >= 0, col < length else { return length }
        var end = length
        TextMeasure.forEachCluster(line, tabstop: tabstop) { c in
            if c.byteRange.upperBound > col { end = c.byteRange.upperBound; return false }
            return true
        }
        return end
    }

    /// The bytes `bytes` of `line` as a string (clamped to the line).
    public static func slice(_ line: String, _ bytes: Range<Int>) -> String {
        let u = line.utf8
        let lo = max(0, min(bytes.lowerBound, u.count)), hi = max(lo, min(bytes.upperBound, u.count))
        return String(decoding: u.dropFirst(lo).prefix(hi - lo), as: UTF8.self)
    }
}
