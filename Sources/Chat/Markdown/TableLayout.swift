import Render

/// A GFM table fitted to a width, drawn with box-drawing borders.
///
/// Algorithm: each column's natural width is its widest cell (display
/// cells). Borders and padding take `3 * columns + 1` cells ("│ a │ b │").
/// When the natural widths fit, they are used. Otherwise each column first
/// gets its minimum: its longest word when all those fit, else its widest
/// grapheme cluster (2 for CJK/emoji); the room left is shared in
/// proportion to how much each column is short of its natural width, and
/// rounding leftovers go to the columns cut most.
/// Cells then wrap inside their column (`LineWrapper`) and a row is as tall
/// as its tallest cell. Every line is exactly as wide as the border line,
/// which is at most `width` unless even one-cluster columns cannot fit.
struct TableLayout {
    let renderer: MarkdownRenderer
    let table: MarkdownNode
    let width: Int

    /// Header flag and cells of each row.
    private var rows: [(header: Bool, cells: [StyledText])] {
        table.children.map { row in
            var header = false
            if case .tableRow(let h) = row.kind { header = h }
            let cells = row.children.map { cell -> StyledText in
                var text = renderer.inlineText(cell.children)
                // Tabs would widen differently once placed in the row; a
                // space has the same byte length, so spans stay valid.
                if text.text.utf8.contains(9) { text.text = String(String.UnicodeScalarView(text.text.unicodeScalars.map { $0 == "\t" ? " " : $0 })) }
                if header { text.spans.insert(StyledSpan(0..<text.byteCount, ChatHighlights.tableHeader), at: 0) }
                return text
            }
            return (header, cells)
        }
    }

    func lines() -> [StyledLine] {
        let rows = self.rows
        var alignments: [UInt8] = []
        if case .table(let a) = table.kind { alignments = a }
        let columns = max(alignments.count, rows.map(\.cells.count).max() ?? 0)
        guard columns > 0, !rows.isEmpty else { return [.blank] }
        let widths = columnWidths(rows.map(\.cells), columns: columns)
        var out: [StyledLine] = [border("┌", "┬", "┐", widths)]
        for (r, row) in rows.enumerated() {
            out += rowLines(row.cells, widths: widths, alignments: alignments)
            if row.header && r + 1 < rows.count {
                out.append(border("├", "┼", "┤", widths))
            }
        }
        out.append(border("└", "┴", "┘", widths))
        return out
    }

    // MARK: - Widths

    func columnWidths(_ rows: [[StyledText]], columns: Int) -> [Int] {
        var natural = Array(repeating: 1, count: columns)
        var clusterMin = Array(repeating: 1, count: columns)
        var wordMin = Array(repeating: 1, count: columns)
        for cells in rows {
            for (c, cell) in cells.enumerated() where c < columns {
                natural[c] = max(natural[c], TextMeasure.measure(cell.text))
                var word = 0
                let bytes = Array(cell.text.utf8)
                TextMeasure.forEachCluster(cell.text) { cluster in
                    clusterMin[c] = max(clusterMin[c], cluster.width)
                    let space = cluster.byteRange.lowerBound < bytes.count && bytes[cluster.byteRange.lowerBound] == 32
                    word = space ? 0 : word + cluster.width
                    wordMin[c] = max(wordMin[c], word)
                    return true
                }
            }
        }
        let room = width - (3 * columns + 1)
        if natural.reduce(0, +) <= room { return natural }
        // Keep whole words when that fits, else whole clusters.
        let words = zip(wordMin, natural).map { min($0, $1) }
        let minimum = words.reduce(0, +) <= room ? words : zip(clusterMin, natural).map { min($0, $1) }
        let deficit = zip(natural, minimum).map { $0 - $1 }
        let extra = max(0, room - minimum.reduce(0, +))
        let totalDeficit = max(1, deficit.reduce(0, +))
        var widths = minimum.indices.map { minimum[$0] + deficit[$0] * extra / totalDeficit }
        // Rounding leftovers go to the columns cut the most.
        var spare = room - widths.reduce(0, +)
        while spare > 0 {
            guard let c = widths.indices.filter({ widths[$0] < natural[$0] })
                .max(by: { natural[$0] - widths[$0] < natural[$1] - widths[$1] }) else { break }
            widths[c] += 1
            spare -= 1
        }
        return widths
    }

    // MARK: - Drawing

    private func border(_ left: String, _ mid: String, _ right: String, _ widths: [Int]) -> StyledLine {
        let text = left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: mid) + right
        return StyledLine(text, spans: [StyledSpan(0..<text.utf8.count, ChatHighlights.tableBorder)])
    }

    private func rowLines(_ cells: [StyledText], widths: [Int], alignments: [UInt8]) -> [StyledLine] {
        let wrapped = widths.indices.map { c -> [StyledText] in
            c < cells.count ? LineWrapper.wrap(cells[c], width: widths[c]) : [StyledText()]
        }
        let height = max(1, wrapped.map(\.count).max() ?? 1)
        return (0..<height).map { k in
            var line = StyledText()
            line.append("│", hl: ChatHighlights.tableBorder)
            for (c, w) in widths.enumerated() {
                let piece = k < wrapped[c].count ? wrapped[c][k] : StyledText()
                let gap = max(0, w - TextMeasure.measure(piece.text))
                let align = c < alignments.count ? alignments[c] : 0
                let left = align == UInt8(ascii: "r") ? gap : align == UInt8(ascii: "c") ? gap / 2 : 0
                line.append(String(repeating: " ", count: left + 1))
                line.append(piece)
                line.append(String(repeating: " ", count: gap - left + 1))
                line.append("│", hl: ChatHighlights.tableBorder)
            }
            return line.line()
        }
    }
}
