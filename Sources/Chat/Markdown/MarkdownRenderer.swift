import Render

/// Renders markdown (GitHub flavoured, through cmark-gfm) into styled lines
/// for the transcript buffer.
///
/// Layout rules:
/// * top-level paragraphs and headings are one buffer line per hard line
///   break: the window's soft wrap (linebreak) wraps them;
/// * list items and block quotes are pre-wrapped to `width` so that their
///   continuation lines get an exact hanging indent;
/// * fenced code keeps its lines as they are (never wrapped), with the
///   `MdCodeBlock` row background, a language label line and syntax colours
///   from `syntax`;
/// * tables are fitted to `width` (see `TableLayout`), rules span `width`.
///
/// Any input renders without trapping, including an unfinished prefix of a
/// streaming reply (an unclosed fence is shown as code so far, half a table
/// as the rows so far). Control characters in the text are kept; the window
/// shows them inert.
///
/// ```swift
/// let lines = MarkdownRenderer.render("# Title\n\n- one\n- two", width: 40)
/// lines.map(\.text)   // ["Title", "", "• one", "• two"]
/// ```
public struct MarkdownRenderer: Sendable {
    /// Syntax highlighters for fenced code, by language.
    public var syntax: SyntaxRegistry

    /// A renderer using `syntax` for code blocks.
    public init(syntax: SyntaxRegistry = .standard) {
        self.syntax = syntax
    }

    /// Renders `markdown` for a window `width` cells wide, with the standard
    /// syntax highlighters.
    public static func render(_ markdown: String, width: Int) -> [StyledLine] {
        MarkdownRenderer().render(markdown, width: width)
    }

    /// Renders `markdown` for a window `width` cells wide (values below 8
    /// are treated as 8). Always returns at least one line.
    public func render(_ markdown: String, width: Int) -> [StyledLine] {
        renderDocument(markdown, width: width).lines
    }

    /// Renders `markdown` and tells whether the result depends on the width
    /// (lists, quotes, tables, rules): blocks without them need no
    /// re-rendering when the window is resized.
    ///
    /// With a `cache`, a text that extends the previous one (a streaming
    /// reply) is parsed again only from the start of its last top-level
    /// block: the finished blocks before it keep their lines (see
    /// `MarkdownCache` for when it falls back to a full parse).
    public func renderDocument(_ markdown: String, width: Int,
                               cache: MarkdownCache? = nil) -> (lines: [StyledLine], widthDependent: Bool) {
        let w = max(8, width)
        guard let cache else {
            let blocks = renderBlocks(MarkdownNode.parse(markdown).children, width: w)
            return assemble(blocks.map { ($0.lines, $0.dependent) })
        }
        return cache.render(markdown, width: w, with: self)
    }

    /// Renders `markdown`, which extends the text last rendered with
    /// `cache`, and returns only what changed: the rendering is the first
    /// `kept` lines of the previous one followed by `tail`. A streaming
    /// reply costs its last top-level block per delta, or only the last
    /// line of an open code fence.
    public func renderTail(_ markdown: String, width: Int,
                           cache: MarkdownCache) -> (kept: Int, tail: [StyledLine], widthDependent: Bool) {
        cache.renderTail(markdown, width: max(8, width), with: self)
    }

    /// Renders top-level `blocks` one by one.
    func renderBlocks(_ blocks: [MarkdownNode], width: Int) -> [(lines: [StyledLine], dependent: Bool)] {
        blocks.map { block in
            let dependent: Bool
            switch block.kind {
            case .paragraph, .heading, .codeBlock, .htmlBlock: dependent = false
            default: dependent = true
            }
            return (renderBlock(block, width: width, wrap: false, depth: 0), dependent)
        }
    }

    /// Joins rendered top-level blocks with a blank line between them.
    func assemble(_ blocks: [(lines: [StyledLine], dependent: Bool)]) -> (lines: [StyledLine], widthDependent: Bool) {
        var lines: [StyledLine] = []
        lines.reserveCapacity(blocks.reduce(blocks.count) { $0 + $1.lines.count })
        var dependent = false
        for (i, block) in blocks.enumerated() {
            if i > 0 { lines.append(.blank) }
            lines += block.lines
            dependent = dependent || block.dependent
        }
        return (lines.isEmpty ? [.blank] : lines, dependent)
    }

    // MARK: - Blocks

    /// Lines for one block at `width` (without any container prefix).
    /// `wrap` pre-wraps paragraphs (inside containers).
    func renderBlock(_ node: MarkdownNode, width: Int, wrap: Bool, depth: Int) -> [StyledLine] {
        switch node.kind {
        case .paragraph, .other:
            return paragraph(inlineSegments(node.children), width: width, wrap: wrap)
        case .heading(let level):
            let hl = level <= 1 ? ChatHighlights.h1 : level == 2 ? ChatHighlights.h2 : ChatHighlights.h3
            var segments = inlineSegments(node.children)
            for i in segments.indices where segments[i].byteCount > 0 {
                segments[i].spans.insert(StyledSpan(0..<segments[i].byteCount, hl), at: 0)
            }
            return paragraph(segments, width: width, wrap: wrap)
        case .thematicBreak:
            let rule = String(repeating: "─", count: width)
            return [StyledLine(rule, spans: [StyledSpan(0..<rule.utf8.count, ChatHighlights.rule)])]
        case .codeBlock(let info):
            return codeBlock(node.literal, info: info)
        case .htmlBlock:
            return trimmedLines(node.literal).map { line in
                StyledLine(line, spans: line.isEmpty ? [] : [StyledSpan(0..<line.utf8.count, ChatHighlights.html)])
            }
        case .blockQuote:
            return quote(node, width: width, depth: depth)
        case .list:
            return list(node, width: width, depth: depth)
        case .table:
            return TableLayout(renderer: self, table: node, width: width).lines()
        default:
            // Stray items, rows or inlines at block level: render their
            // children as blocks, or their text as a paragraph.
            if node.children.contains(where: { $0.isBlock }) {
                return blocks(node.children, width: width, wrap: wrap, depth: depth, separated: false)
            }
            return paragraph(inlineSegments(node.children.isEmpty ? [node] : node.children), width: width, wrap: wrap)
        }
    }

    /// Renders `children` one after another, with a blank line between them
    /// when `separated`.
    func blocks(_ children: [MarkdownNode], width: Int, wrap: Bool, depth: Int, separated: Bool) -> [StyledLine] {
        var lines: [StyledLine] = []
        for (i, child) in children.enumerated() {
            if i > 0 && separated { lines.append(.blank) }
            lines += renderBlock(child, width: width, wrap: wrap, depth: depth)
        }
        return lines
    }

    private func paragraph(_ segments: [StyledText], width: Int, wrap: Bool) -> [StyledLine] {
        var lines: [StyledLine] = []
        for segment in segments {
            if wrap {
                lines += LineWrapper.wrap(segment, width: width).map { $0.line() }
            } else {
                lines.append(segment.line())
            }
        }
        return lines.isEmpty ? [.blank] : lines
    }

    private func codeBlock(_ literal: String, info: String) -> [StyledLine] {
        let language = Self.language(info)
        var lines: [StyledLine] = []
        if let label = Self.codeLabel(language) { lines.append(label) }
        let code = trimmedLines(literal)
        let spans = syntax.highlighter(for: language)?.highlight(code) ?? []
        for (i, text) in code.enumerated() {
            lines.append(Self.codeLine(text, spans: i < spans.count ? spans[i] : []))
        }
        return lines
    }

    /// The language of a fence's info string (its first word).
    static func language(_ info: String) -> String {
        info.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "{" }).first.map(String.init) ?? ""
    }

    /// The label line of a code block in `language`, nil without one.
    static func codeLabel(_ language: String) -> StyledLine? {
        guard !language.isEmpty else { return nil }
        return StyledLine(language, spans: [StyledSpan(0..<language.utf8.count, ChatHighlights.codeLang)],
                          lineHl: ChatHighlights.codeBlock)
    }

    /// One line of code with its syntax spans (those outside it dropped).
    static func codeLine(_ text: String, spans: [StyledSpan]) -> StyledLine {
        let valid = spans.filter { $0.range.upperBound <= text.utf8.count && !$0.range.isEmpty }
        return StyledLine(text, spans: valid, lineHl: ChatHighlights.codeBlock, noWrap: true)
    }

    /// The lines of a literal without the final newline (at least one line).
    private func trimmedLines(_ literal: String) -> [String] {
        var lines = literal.splitLines()
        if lines.count > 1, lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    /// The most containers (quotes, list items) drawn inside one another;
    /// deeper ones are drawn flat (see ``nests(width:prefix:depth:)``).
    static let maxNesting = 12
    /// The fewest columns a container leaves its content.
    static let minContentWidth = 8

    /// Whether a container at `depth` draws its `prefix` columns (bar,
    /// marker indent) in front of its content at `width`. Past
    /// ``maxNesting`` levels, or when the content would get fewer than
    /// ``minContentWidth`` columns, it does not: the content keeps the
    /// width it has. Without this limit each level narrowed the content
    /// (down to a column a line) and re-prefixed every line below it, so
    /// a 200-byte reply of 40 nested quotes took seconds to draw and its
    /// lines were wider than the window.
    func nests(width: Int, prefix: Int, depth: Int) -> Bool {
        depth < Self.maxNesting && width - prefix >= Self.minContentWidth
    }

    private func quote(_ node: MarkdownNode, width: Int, depth: Int) -> [StyledLine] {
        guard nests(width: width, prefix: 2, depth: depth) else {
            return blocks(node.children, width: width, wrap: true, depth: depth + 1, separated: true)
        }
        var bar = StyledText()
        bar.append("│ ", hl: ChatHighlights.quote)
        let inner = blocks(node.children, width: max(1, width - 2), wrap: true, depth: depth + 1, separated: true)
        let body = inner.isEmpty ? [StyledLine.blank] : inner.map { line -> StyledLine in
            var l = line
            l.spans.insert(contentsOf: l.text.isEmpty ? [] : [StyledSpan(0..<l.text.utf8.count, ChatHighlights.quote)], at: 0)
            return l
        }
        return Prefixing.prefix(body, first: bar, rest: bar)
    }
}

extension MarkdownNode {
    /// Whether the node is a block (not inline content).
    var isBlock: Bool {
        switch kind {
        case .paragraph, .blockQuote, .thematicBreak, .htmlBlock, .heading, .list, .item, .codeBlock, .table, .document:
            return true
        default:
            return false
        }
    }
}

