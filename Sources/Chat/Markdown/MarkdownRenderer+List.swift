import Render

/// Bullet and ordered lists with hanging indent, and task items.
extension MarkdownRenderer {
    /// Bullets by nesting depth.
    static let bullets = ["•", "◦", "▪"]

    func list(_ node: MarkdownNode, width: Int, depth: Int) -> [StyledLine] {
        guard case .list(let ordered, let start, let tight) = node.kind else { return [] }
        let items = node.children
        let markers = items.indices.map { i -> String in
            ordered ? "\(start + i)." : MarkdownRenderer.bullets[depth % MarkdownRenderer.bullets.count]
        }
        // Right-align numbers so item text lines up ("9." under "10.").
        let markerWidth = markers.map { TextMeasure.measure($0) }.max() ?? 1
        var lines: [StyledLine] = []
        for (i, item) in items.enumerated() {
            if i > 0 && !tight { lines.append(.blank) }
            var marker = markers[i]
            let pad = markerWidth - TextMeasure.measure(marker)
            if pad > 0 { marker = String(repeating: " ", count: pad) + marker }
            if case .item(let task?) = item.kind { marker += task ? " ☑" : " ☐" }
            lines += self.item(item, marker: marker + " ", width: width, depth: depth, tight: tight)
        }
        return lines
    }

    private func item(_ item: MarkdownNode, marker: String, width: Int, depth: Int, tight: Bool) -> [StyledLine] {
        var first = StyledText()
        first.append(marker, hl: ChatHighlights.listMarker)
        let indentWidth = TextMeasure.measure(marker)
        guard nests(width: width, prefix: indentWidth, depth: depth) else {
            // Too deep or too narrow to indent again: the marker on a line
            // of its own, the content below it at the same width.
            let body = blocks(item.children, width: width, wrap: true, depth: depth + 1, separated: !tight)
            var bare = marker
            while bare.hasSuffix(" ") { bare.removeLast() }
            var markerLine = StyledText()
            markerLine.append(bare, hl: ChatHighlights.listMarker)
            return [markerLine.line()] + body
        }
        var rest = StyledText()
        rest.append(String(repeating: " ", count: indentWidth))
        let innerWidth = max(1, width - indentWidth)
        var body: [StyledLine] = []
        for (i, child) in item.children.enumerated() {
            if i > 0 && !tight { body.append(.blank) }
            if case .list = child.kind {
                body += list(child, width: innerWidth, depth: depth + 1)
            } else {
                body += renderBlock(child, width: innerWidth, wrap: true, depth: depth + 1)
            }
        }
        return Prefixing.prefix(body.isEmpty ? [.blank] : body, first: first, rest: rest)
    }
}

/// Puts container prefixes (list markers, quote bars) in front of lines.
enum Prefixing {
    /// `lines` with `first` before the first line and `rest` before the
    /// others. Trailing spaces of the prefix are dropped on empty lines
    /// (no invisible trailing whitespace), spans are shifted.
    static func prefix(_ lines: [StyledLine], first: StyledText, rest: StyledText) -> [StyledLine] {
        lines.enumerated().map { i, line in
            var p = i == 0 ? first : rest
            if line.text.isEmpty && line.lineHl == nil {
                var trimmed = p.text
                while trimmed.hasSuffix(" ") { trimmed.removeLast() }
                p = p.slice(0..<trimmed.utf8.count)
            }
            var out = p
            out.append(StyledText(text: line.text, spans: line.spans))
            return StyledLine(out.text, spans: out.spans, lineHl: line.lineHl, eol: line.eol, noWrap: line.noWrap)
        }
    }
}
