import Kernel

/// One buffer line prepared for display: its text with inline virtual text
/// spliced in, the style of every byte, and what hangs off it (eol,
/// right-aligned and overlay virtual text, virtual lines).
///
/// Built per visible line per frame, so the cost is bounded by the rows on
/// screen. Lines with no extmarks take a fast path (`styles` stays empty:
/// every byte has the base style).
struct DisplayLine {
    /// The text to wrap and draw (buffer text + inline virtual text).
    var text: String
    /// Style of each byte of `text`; empty means "all `base`".
    var styles: [StyleID] = []
    var base: StyleID
    /// Style for the whole row width (from `lineHl`), if any.
    var lineStyle: StyleID?
    /// Virtual text placed after the end of the line.
    var eol: [VirtTextChunk] = []
    /// Virtual text placed against the right edge.
    var rightAlign: [VirtTextChunk] = []
    /// Virtual text drawn over the text at a source byte column.
    var overlays: [(col: Int, chunks: [VirtTextChunk])] = []
    var linesAbove: [[VirtTextChunk]] = []
    var linesBelow: [[VirtTextChunk]] = []
    /// Inline insertions: (source byte, inserted byte count), ascending.
    var insertions: [(at: Int, count: Int)] = []

    func style(at byte: Int) -> StyleID {
        styles.isEmpty || byte >= styles.count ? base : styles[byte]
    }

    /// The byte in `text` that corresponds to source byte `col`.
    func displayByte(forSource col: Int) -> Int {
        var shift = 0
        for ins in insertions where ins.at <= col { shift += ins.count }
        return col + shift
    }

    /// Shown on one row, cut at the edge (a mark with `noWrap` starts here).
    var noWrap = false
    /// The style of the selected line break, drawn as one cell after the
    /// text (nil when the break is not selected).
    var selectedBreak: StyleID?
    var virtualRows: Int { linesAbove.count + linesBelow.count }

    /// Builds the display form of `line` (row `row` of the buffer) from the
    /// marks that start on or span it.
    static func make(line: String, row: Int, marks: [Extmark], base: StyleID,
                     highlights: HighlightTable) -> DisplayLine {
        var d = DisplayLine(text: line, base: base)
        guard !marks.isEmpty else { return d }
        let ordered = marks.sorted { $0.decoration.priority < $1.decoration.priority }
        // A line highlight is the background of the whole row, text included:
        // it becomes the base the other highlights are drawn over.
        for m in ordered where m.start.row == row {
            if m.decoration.noWrap { d.noWrap = true }
            if let lh = m.decoration.lineHl {
                d.lineStyle = highlights.combine(base: d.lineStyle ?? base, over: highlights.resolve(lh))
            }
        }
        if let ls = d.lineStyle { d.base = ls }
        d.spliceInline(ordered, row: row, highlights: highlights)
        d.applyHighlights(ordered, row: row, source: line, highlights: highlights)
        for m in ordered where m.start.row == row {
            let deco = m.decoration
            if !deco.virtText.isEmpty {
                switch deco.virtTextPos {
                case .eol: d.eol += deco.virtText
                case .rightAlign: d.rightAlign += deco.virtText
                case .overlay: d.overlays.append((m.start.col, deco.virtText))
                case .inline: break
                }
            }
            if !deco.virtLines.isEmpty {
                if deco.virtLinesAbove { d.linesAbove += deco.virtLines } else { d.linesBelow += deco.virtLines }
            }
        }
        return d
    }

    /// Draws the source bytes of `span` in `visual` (over their own
    /// style). Inline virtual text inside the span is not selected: it is
    /// not part of the text a copy takes.
    mutating func select(_ span: SelectionText.Span, visual: StyleID, highlights: HighlightTable) {
        if span.lineBreak { selectedBreak = highlights.combine(base: lineStyle ?? base, over: visual) }
        guard !span.bytes.isEmpty else { return }
        if styles.isEmpty { styles = Array(repeating: base, count: text.utf8.count) }
        var source = span.bytes.lowerBound
        while source < span.bytes.upperBound {
            // The next inline insertion splits the run of source bytes.
            let next = insertions.first { $0.at > source }?.at ?? Int.max
            let runEnd = min(span.bytes.upperBound, next)
            let a = displayByte(forSource: source)
            let b = min(styles.count, a + (runEnd - source))
            for i in a..<max(a, b) { styles[i] = highlights.combine(base: styles[i], over: visual) }
            source = runEnd
        }
    }

    private mutating func spliceInline(_ marks: [Extmark], row: Int, highlights: HighlightTable) {
        let inline = marks.filter { $0.start.row == row && $0.decoration.virtTextPos == .inline && !$0.decoration.virtText.isEmpty }
        guard !inline.isEmpty else { return }
        let src = Array(text.utf8)
        var out: [UInt8] = []
        var styleRuns: [(range: Range<Int>, hl: String?)] = []
        var cursor = 0
        for m in inline.sorted(by: { $0.start.col < $1.start.col }) {
            let at = min(max(0, m.start.col), src.count)
            out += src[cursor..<at]
            cursor = at
            var added = 0
            for chunk in m.decoration.virtText {
                let bytes = Array(chunk.text.utf8)
                styleRuns.append((out.count..<(out.count + bytes.count), chunk.hl))
                out += bytes
                added += bytes.count
            }
            insertions.append((at, added))
        }
        out += src[cursor...]
        text = String(decoding: out, as: UTF8.self)
        styles = Array(repeating: base, count: out.count)
        for run in styleRuns {
            guard let hl = run.hl else { continue }
            let id = highlights.combine(base: base, over: highlights.resolve(hl))
            for b in run.range where b < styles.count { styles[b] = id }
        }
    }

    private mutating func applyHighlights(_ marks: [Extmark], row: Int, source: String, highlights: HighlightTable) {
        let lineLen = source.utf8.count
        for m in marks {
            guard m.decoration.hl != nil || m.decoration.url != nil else { continue }
            let end = m.end ?? Position(row: m.start.row, col: m.start.col)
            guard m.end != nil, m.start.row <= row, end.row >= row else { continue }
            let from = m.start.row < row ? 0 : min(m.start.col, lineLen)
            let to = end.row > row ? lineLen : min(end.col, lineLen)
            guard from < to else { continue }
            if styles.isEmpty { styles = Array(repeating: base, count: text.utf8.count) }
            var over = m.decoration.hl.map { highlights.resolve($0) } ?? .default
            if let url = m.decoration.url { over = highlights.withLink(over, url: url) }
            let a = displayByte(forSource: from), b = displayByte(forSource: to)
            for i in a..<min(b, styles.count) {
                styles[i] = highlights.combine(base: styles[i], over: over)
            }
        }
    }
}
