/// Inline content: text, emphasis, code spans, links, breaks.
extension MarkdownRenderer {
    /// The inline children of a paragraph, heading or cell as styled
    /// segments: one per hard line break (at least one).
    func inlineSegments(_ children: [MarkdownNode]) -> [StyledText] {
        var builder = InlineBuilder()
        for child in children { builder.add(child) }
        builder.segments.append(builder.current)
        return builder.segments
    }

    /// The inline children as one styled text (hard breaks become spaces).
    func inlineText(_ children: [MarkdownNode]) -> StyledText {
        var joined = StyledText()
        for (i, segment) in inlineSegments(children).enumerated() {
            if i > 0 { joined.append(" ") }
            joined.append(segment)
        }
        return joined
    }
}

/// Accumulates inline nodes into styled segments. Spans of containers
/// (emphasis, links) are inserted before the spans of their content, so
/// outer styles come first and inner ones draw over them.
struct InlineBuilder {
    var segments: [StyledText] = []
    var current = StyledText()

    mutating func add(_ node: MarkdownNode) {
        switch node.kind {
        case .text:
            current.append(node.literal)
        case .softBreak, .lineBreak:
            // Chat models mean their single newlines: keep them (unlike
            // CommonMark, which joins soft breaks with a space).
            segments.append(current)
            current = StyledText()
        case .code:
            current.append(node.literal, hl: ChatHighlights.code)
        case .htmlInline:
            current.append(node.literal, hl: ChatHighlights.html)
        case .emph:
            wrapped(node, hl: ChatHighlights.italic)
        case .strong:
            wrapped(node, hl: ChatHighlights.bold)
        case .strikethrough:
            wrapped(node, hl: ChatHighlights.strike)
        case .link(let url):
            if node.children.isEmpty {
                current.append(url, hl: ChatHighlights.link, url: url)
            } else {
                wrapped(node, hl: ChatHighlights.link, url: url)
            }
        case .image(let url):
            wrapped(node, hl: ChatHighlights.link, url: url, prefix: "[image: ", suffix: "]")
        default:
            if !node.literal.isEmpty { current.append(node.literal) }
            for child in node.children { add(child) }
        }
    }

    /// Adds the children of `node` between `prefix` and `suffix` and styles
    /// all of it with `hl`. When a line break splits the content, each
    /// segment gets its own span (the one it started in is styled from
    /// where the node began, the following ones from their start).
    private mutating func wrapped(_ node: MarkdownNode, hl: String, url: String? = nil,
                                  prefix: String = "", suffix: String = "") {
        let segmentsBefore = segments.count
        let start = current.byteCount, index = current.spans.count
        current.append(prefix)
        for child in node.children { add(child) }
        current.append(suffix)
        if segments.count == segmentsBefore {
            insertSpan(from: start, at: index, hl: hl, url: url)
            return
        }
        // Split by hard breaks: style the tail of the first segment, the
        // middle segments whole, and the head of the current one.
        let first = segmentsBefore
        let end = segments[first].byteCount
        if end > start {
            segments[first].spans.insert(StyledSpan(start..<end, hl, url: url), at: min(index, segments[first].spans.count))
        }
        for i in (first + 1)..<segments.count where segments[i].byteCount > 0 {
            segments[i].spans.insert(StyledSpan(0..<segments[i].byteCount, hl, url: url), at: 0)
        }
        insertSpan(from: 0, at: 0, hl: hl, url: url)
    }

    private mutating func insertSpan(from start: Int, at index: Int, hl: String, url: String?) {
        let end = current.byteCount
        guard end > start else { return }
        current.spans.insert(StyledSpan(start..<end, hl, url: url), at: min(index, current.spans.count))
    }
}
