import Render

/// Turns a ``FileDiff`` into styled lines: one row per diff line with its
/// line number (the new number for context and added lines, the old one
/// for removed lines), the sign, and the text; rows coloured by
/// ``DiffHighlights``, the changed words of a replaced line emphasized,
/// and a `⋮` row between hunks.
///
///     12   let a = 1
///     13 - let b = 2        (DiffDelete, "2" in DiffDeleteText)
///     13 + let b = 3        (DiffAdd, "3" in DiffAddText)
///      ⋮
///
/// The transcript's tool blocks, the approval float and `DiffView` (the
/// buffer Lua can reuse) all draw diffs with it.
public enum DiffRenderer {
    /// The rows of `diff`; `indent` is put before each row (the
    /// transcript indents tool output by two spaces).
    public static func lines(_ diff: FileDiff, indent: String = "") -> [StyledLine] {
        let width = String(diff.hunks.flatMap(\.lines).map { max($0.oldLine ?? 0, $0.newLine ?? 0) }.max() ?? 0).count
        var out: [StyledLine] = []
        for (k, hunk) in diff.hunks.enumerated() {
            if k > 0 {
                let text = indent + String(repeating: " ", count: max(0, width - 1)) + "⋮"
                out.append(StyledLine(text, spans: [StyledSpan(indent.utf8.count..<text.utf8.count, DiffHighlights.hunk)]))
            }
            let emphasis = emphasisRanges(hunk.lines)
            for (i, line) in hunk.lines.enumerated() {
                out.append(row(line, width: width, indent: indent, emphasis: emphasis[i]))
            }
        }
        return out
    }

    /// One row.
    private static func row(_ line: DiffLine, width: Int, indent: String, emphasis: [Range<Int>]) -> StyledLine {
        let number = (line.kind == .removed ? line.oldLine : line.newLine).map(String.init) ?? ""
        let sign: String, rowHl: String, textHl: String
        switch line.kind {
        case .context: (sign, rowHl, textHl) = (" ", DiffHighlights.context, DiffHighlights.context)
        case .added: (sign, rowHl, textHl) = ("+", DiffHighlights.add, DiffHighlights.addText)
        case .removed: (sign, rowHl, textHl) = ("-", DiffHighlights.delete, DiffHighlights.deleteText)
        }
        let gutter = indent + String(repeating: " ", count: max(0, width - number.count)) + number
        let prefix = gutter + " " + sign + " "
        let shift = prefix.utf8.count
        var spans = number.isEmpty ? [] : [StyledSpan(indent.utf8.count..<gutter.utf8.count, DiffHighlights.lineNr)]
        spans += emphasis.map { StyledSpan(($0.lowerBound + shift)..<($0.upperBound + shift), textHl) }
        var styled = StyledLine(prefix + line.text, spans: spans, lineHl: rowHl)
        if line.noNewline && line.kind != .context {
            styled.eol = [VirtTextChunk(" no newline at end of file", hl: DiffHighlights.lineNr)]
        }
        return styled
    }

    /// For each line of a hunk, the byte ranges of its text to emphasize:
    /// in each run of removed lines followed by added lines, the i-th
    /// removed line is paired with the i-th added line.
    static func emphasisRanges(_ lines: [DiffLine]) -> [[Range<Int>]] {
        var out = Array(repeating: [Range<Int>](), count: lines.count)
        var i = 0
        while i < lines.count {
            guard lines[i].kind == .removed else { i += 1; continue }
            var r = i
            while r < lines.count, lines[r].kind == .removed { r += 1 }
            var a = r
            while a < lines.count, lines[a].kind == .added { a += 1 }
            for k in 0..<min(r - i, a - r) {
                if let ranges = IntralineDiff.ranges(old: lines[i + k].text, new: lines[r + k].text) {
                    out[i + k] = ranges.old
                    out[r + k] = ranges.new
                }
            }
            i = a
        }
        return out
    }
}
