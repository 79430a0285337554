import Render

/// Pre-wraps styled text to a display width, for blocks whose continuation
/// lines need an exact hanging indent (list items, quotes, table cells).
///
/// Greedy: break at the last space that fits; a word longer than the width
/// is cut between grapheme clusters. Widths are display cells
/// (`TextMeasure`: CJK and emoji are 2, controls count as their visible
/// replacement). A cluster wider than the whole width goes on a line of its
/// own, so the loop always makes progress.
enum LineWrapper {
    /// Byte ranges of the lines of `text` wrapped to `width` cells (at least
    /// one range, possibly empty). Spaces at a break are dropped.
    static func ranges(_ text: String, width: Int) -> [Range<Int>] {
        let limit = max(1, width)
        var result: [Range<Int>] = []
        var lineStart = 0
        var lineStartColumn = 0
        // The last space seen on the current line: where it starts, where
        // the next line would start and at which column.
        var breakAt: (spaceStart: Int, next: Int, nextColumn: Int)?
        let bytes = Array(text.utf8)
        TextMeasure.forEachCluster(text) { c in
            let isSpace = c.kind == .text && c.byteRange.count == 1
                && c.byteRange.lowerBound < bytes.count && bytes[c.byteRange.lowerBound] == 32
            let column = c.column - lineStartColumn
            if isSpace {
                if column + c.width > limit {
                    result.append(lineStart..<c.byteRange.lowerBound)
                    lineStart = c.byteRange.upperBound
                    lineStartColumn = c.endColumn
                    breakAt = nil
                } else {
                    breakAt = (c.byteRange.lowerBound, c.byteRange.upperBound, c.endColumn)
                }
                return true
            }
            guard column + c.width > limit, c.byteRange.lowerBound > lineStart else { return true }
            if let b = breakAt, b.spaceStart > lineStart {
                result.append(lineStart..<b.spaceStart)
                lineStart = b.next
                lineStartColumn = b.nextColumn
                breakAt = nil
                if c.column - lineStartColumn + c.width <= limit || c.byteRange.lowerBound == lineStart { return true }
            }
            result.append(lineStart..<c.byteRange.lowerBound)
            lineStart = c.byteRange.lowerBound
            lineStartColumn = c.column
            breakAt = nil
            return true
        }
        result.append(lineStart..<text.utf8.count)
        return result
    }

    /// `text` wrapped to `width`, each piece with its spans.
    static func wrap(_ text: StyledText, width: Int) -> [StyledText] {
        let pieces = ranges(text.text, width: width)
        if pieces.count == 1 && pieces[0].count == text.byteCount { return [text] }
        let bytes = Array(text.text.utf8)
        return pieces.map { text.slice($0, bytes: bytes) }
    }
}
