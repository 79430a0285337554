import Kernel
import Render

/// Turns one chat block into styled lines for the transcript.
///
/// | block | look |
/// |---|---|
/// | user text | "› " then the verbatim lines, on the `ChatUserBg` tint; more than `userPreviewLines` lines collapse to their first few and "… N more lines (Ctrl-O to expand)" |
/// | assistant text | "● " then markdown (`MarkdownRenderer`) two cells in |
/// | thinking | dim; collapsed: "▸ Thinking (N lines) · Ctrl-O to expand"; expanded: "▾ Thinking" and the text |
/// | tool call | "✓ name  argument summary", duration as eol virtual text, an output preview of at most `previewLines` lines (all when expanded) |
/// | file change | "✓ edit_file  path  +A -R", then the diff (`DiffRenderer`), at most `diffPreviewLines` rows (all when expanded) |
/// | error | "✗ message" in `ChatError` |
/// | notice | dim text, two cells in |
/// | compaction | collapsed: "▸ conversation compacted · N messages summarized · Ctrl-O to expand"; expanded: "▾ conversation compacted · ..." and the summary as markdown, two cells in |
///
/// Every block keeps to one left margin: its marks (›, ●, ✓, ▸, ✗) sit in
/// a two-cell gutter and its text starts after it, so turns are told apart
/// at a glance and wrapped rows line up.
public struct ChatBlockRenderer: Sendable {
    /// Markdown renderer for assistant text.
    public var markdown: MarkdownRenderer
    /// Lines of tool output shown while collapsed (the last one becomes a
    /// "… N more lines" hint when the output is longer).
    public var previewLines: Int
    /// Rows of a file change's diff shown while collapsed.
    public var diffPreviewLines: Int
    /// Lines of a user message shown while collapsed (a 5,000-line paste
    /// shows its first lines and how many more there are).
    public var userPreviewLines = 12

    /// A renderer with the standard markdown renderer, an 8-line output
    /// preview and a 16-row diff preview.
    public init(markdown: MarkdownRenderer = MarkdownRenderer(), previewLines: Int = 8, diffPreviewLines: Int = 16) {
        self.markdown = markdown
        self.previewLines = previewLines
        self.diffPreviewLines = diffPreviewLines
    }

    /// How blocks are shown right now.
    public struct Options: Hashable, Sendable {
        /// Tool outputs and thinking shown in full (Ctrl-O).
        public var expanded: Bool
        /// Glyph shown for running tools (the UI animates it).
        public var spinner: String

        /// Options with everything collapsed and a braille spinner frame.
        public init(expanded: Bool = false, spinner: String = "⠋") {
            self.expanded = expanded
            self.spinner = spinner
        }
    }

    /// The lines of `block` at `width`, and whether they depend on the
    /// width (a resize must re-render them). `cache` lets a streaming
    /// assistant text re-render only its changed markdown blocks.
    public func render(_ block: ChatBlock, width: Int, options: Options,
                       cache: MarkdownCache? = nil) -> (lines: [StyledLine], widthDependent: Bool) {
        switch block {
        case .userText(let text):
            return (user(text, options: options), false)
        case .assistantText(let text):
            let (lines, dependent) = markdown.renderDocument(text, width: Self.textWidth(width), cache: cache)
            return (Self.assistantGutter(lines[...], firstRow: 0), dependent)
        case .thinking(let text, let collapsed):
            return (thinking(text, collapsed: collapsed && !options.expanded), false)
        case .toolCall(let call):
            return (tool(call, width: width, options: options), true)
        case .error(let message):
            return (prefixed(message, first: "✗ ", hl: ChatHighlights.error), false)
        case .notice(let text):
            return (prefixed(text, first: Self.margin, hl: ChatHighlights.notice), false)
        case .compaction(let c):
            let head = Self.compactionTitle(messages: c.messages, auto: c.auto)
            guard options.expanded else { return ([styled("▸ " + head + " · \(Self.expandKey) to expand", ChatHighlights.notice)], false) }
            let (body, _) = markdown.renderDocument(c.summary, width: Self.textWidth(width))
            return ([styled("▾ " + head, ChatHighlights.notice)] + body.map { $0.text.isEmpty ? $0 : $0.shifted(by: Self.margin.count) }, true)
        }
    }

    /// "conversation compacted[ automatically] · N messages summarized".
    static func compactionTitle(messages: Int, auto: Bool) -> String {
        var title = auto ? "conversation compacted automatically" : "conversation compacted"
        if messages > 0 { title += " · \(messages) message\(messages == 1 ? "" : "s") summarized" }
        return title
    }

    /// The gutter's width: marks in it, text after it.
    static let margin = "  "

    /// The width markdown is laid out at inside the gutter.
    static func textWidth(_ width: Int) -> Int { max(1, width - margin.count) }

    /// Assistant markdown rows moved past the gutter; the block's first
    /// row (`firstRow` is the index of `rows.first` in the block) gets "●".
    static func assistantGutter(_ rows: ArraySlice<StyledLine>, firstRow: Int) -> [StyledLine] {
        rows.enumerated().map { i, line in
            guard firstRow + i == 0 else { return line.text.isEmpty ? line : line.shifted(by: margin.count) }
            let bullet = "● "
            var out = line
            out.text = bullet + line.text
            out.spans = [StyledSpan(0..<"●".utf8.count, ChatHighlights.assistant)] + line.spans.map {
                StyledSpan(($0.range.lowerBound + bullet.utf8.count)..<($0.range.upperBound + bullet.utf8.count), $0.hl, url: $0.url)
            }
            return out
        }
    }

    /// The key that expands collapsed blocks, as hints name it.
    static let expandKey = "Ctrl-O"

    // MARK: - Blocks

    /// A user message: "› " on its first line, the rest two cells in, all
    /// on the tint; long ones collapsed unless expanded.
    private func user(_ text: String, options: Options) -> [StyledLine] {
        var body = text.splitLines()
        while body.count > 1, body.last?.isEmpty == true { body.removeLast() }
        var hidden = 0
        let limit = max(2, userPreviewLines)
        if !options.expanded, body.count > limit {
            hidden = body.count - (limit - 1)
            body.removeLast(hidden)
        }
        var lines = body.enumerated().map { i, line -> StyledLine in
            i == 0 ? StyledLine("› " + line, spans: [StyledSpan(0..<"›".utf8.count, ChatHighlights.user)],
                                lineHl: ChatHighlights.userBg)
                : StyledLine(Self.margin + line, lineHl: ChatHighlights.userBg)
        }
        if hidden > 0 {
            let hint = Self.margin + "… \(hidden) more lines (\(Self.expandKey) to expand)"
            lines.append(StyledLine(hint, spans: [StyledSpan(0..<hint.utf8.count, ChatHighlights.notice)],
                                    lineHl: ChatHighlights.userBg))
        }
        return lines
    }

    private func thinking(_ text: String, collapsed: Bool) -> [StyledLine] {
        var body = text.splitLines()
        while body.count > 1, body.last?.isEmpty == true { body.removeLast() }
        let count = text.isEmpty ? 0 : body.count
        if collapsed {
            let summary = count == 0 ? "▸ Thinking…"
                : "▸ Thinking (\(count) line\(count == 1 ? "" : "s")) · \(Self.expandKey) to expand"
            return [styled(summary, ChatHighlights.thinking)]
        }
        return [styled("▾ Thinking", ChatHighlights.thinking)]
            + (count == 0 ? [] : body.map { styled(Self.margin + $0, ChatHighlights.thinking) })
    }

    private func tool(_ call: ToolCall, width: Int, options: Options) -> [StyledLine] {
        let (glyph, glyphHl): (String, String) = {
            switch call.status {
            case .running: return (options.spinner, ChatHighlights.toolRunning)
            case .ok: return ("✓", ChatHighlights.toolOk)
            case .error: return ("✗", ChatHighlights.toolError)
            case .denied: return ("⊘", ChatHighlights.toolError)
            }
        }()
        var header = StyledText()
        header.append(glyph, hl: glyphHl)
        header.append(" ")
        if call.name == Conversation.shellToolName {
            // The user's own !command reads as a shell line.
            header.append("$ ", hl: ChatHighlights.toolName)
            let command = ToolSummary.collapseWhitespace((try? JSON.decode(call.arguments))?["command"]?.string ?? "")
            let duration = call.duration.map(ToolSummary.duration) ?? ""
            let room = width - TextMeasure.measure(header.text) - (duration.isEmpty ? 0 : TextMeasure.measure(duration) + 1)
            header.append(TextMeasure.truncate(command, width: max(1, room)), hl: ChatHighlights.toolArgs)
            var first = header.line()
            if !duration.isEmpty { first.eol = [VirtTextChunk(duration, hl: ChatHighlights.notice)] }
            return [first] + output(call, options: options)
        }
        header.append(TextMeasure.truncate(call.name, width: max(1, width / 2)), hl: ChatHighlights.toolName)
        let diff = call.status == .ok || call.status == .running ? call.diff.flatMap(FileDiff.parse) : nil
        let summary = ToolSummary.fileChange(call, diff: diff) ?? ToolSummary.arguments(call.arguments)
        let duration = call.duration.map(ToolSummary.duration) ?? ""
        let room = width - TextMeasure.measure(header.text) - 2 - (duration.isEmpty ? 0 : TextMeasure.measure(duration) + 1)
        if !summary.isEmpty && room > 1 {
            header.append("  ")
            header.append(TextMeasure.truncate(summary, width: room), hl: ChatHighlights.toolArgs)
        }
        var first = header.line()
        if !duration.isEmpty { first.eol = [VirtTextChunk(duration, hl: ChatHighlights.notice)] }
        let lines = [first]
        if let diff {
            return lines + collapsed(DiffRenderer.lines(diff, indent: "  "), limit: diffPreviewLines, options: options)
        }
        return lines + output(call, options: options)
    }

    /// A call's output rows: a preview of at most `previewLines` (all when expanded).
    private func output(_ call: ToolCall, options: Options) -> [StyledLine] {
        var lines: [StyledLine] = []
        var output = call.output.splitLines()
        while output.last?.isEmpty == true { output.removeLast() }
        if output.isEmpty {
            if call.status == .denied { lines.append(styled("  denied", ChatHighlights.notice)) }
            return lines
        }
        let hl = call.status == .error ? ChatHighlights.error : ChatHighlights.toolOutput
        let limit = max(1, previewLines)
        if options.expanded || output.count <= limit {
            lines += output.map { styled("  " + $0, hl) }
        } else {
            lines += output.prefix(limit - 1).map { styled("  " + $0, hl) }
            lines.append(styled("  … \(output.count - (limit - 1)) more lines (\(Self.expandKey) to expand)", ChatHighlights.notice))
        }
        return lines
    }

    /// `rows` cut to `limit` (the last kept row says how many more) unless expanded.
    private func collapsed(_ rows: [StyledLine], limit: Int, options: Options) -> [StyledLine] {
        let limit = max(1, limit)
        guard !options.expanded, rows.count > limit else { return rows }
        return rows.prefix(limit - 1) + [styled("  … \(rows.count - (limit - 1)) more lines (\(Self.expandKey) to expand)", ChatHighlights.notice)]
    }

    private func prefixed(_ text: String, first: String, hl: String) -> [StyledLine] {
        let indent = String(repeating: " ", count: TextMeasure.measure(first))
        return text.splitLines().enumerated().map { i, line in
            styled((i == 0 ? first : indent) + line, hl)
        }
    }

    private func styled(_ text: String, _ hl: String) -> StyledLine {
        StyledLine(text, spans: text.isEmpty ? [] : [StyledSpan(0..<text.utf8.count, hl)])
    }
}
