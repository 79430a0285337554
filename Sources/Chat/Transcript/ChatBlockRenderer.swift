import Kernel
import Render

/// Turns one chat block into styled lines for the transcript.
///
/// | block | look |
/// |---|---|
/// | user text | verbatim lines on the `ChatUserBg` tint (the projector adds a "You" header) |
/// | assistant text | markdown (`MarkdownRenderer`) |
/// | thinking | dim; collapsed: "▸ Thinking (N lines)"; expanded: "▾ Thinking" and the text |
/// | tool call | "✓ name  argument summary", duration as eol virtual text, an output preview of at most `previewLines` lines (all when expanded) |
/// | file change | "✓ edit_file  path  +A -R", then the diff (`DiffRenderer`), at most `diffPreviewLines` rows (all when expanded) |
/// | error | "✗ message" in `ChatError` |
/// | notice | dim text |
/// | compaction | collapsed: "▸ conversation compacted · N messages summarized · ctrl-o to expand"; expanded: "▾ conversation compacted · ..." and the summary as markdown |
public struct ChatBlockRenderer: Sendable {
    /// Markdown renderer for assistant text.
    public var markdown: MarkdownRenderer
    /// Lines of tool output shown while collapsed (the last one becomes a
    /// "… N more lines" hint when the output is longer).
    public var previewLines: Int
    /// Rows of a file change's diff shown while collapsed.
    public var diffPreviewLines: Int

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
            return (text.splitLines().map { StyledLine($0, lineHl: ChatHighlights.userBg) }, false)
        case .assistantText(let text):
            return markdown.renderDocument(text, width: width, cache: cache)
        case .thinking(let text, let collapsed):
            return (thinking(text, collapsed: collapsed && !options.expanded), false)
        case .toolCall(let call):
            return (tool(call, width: width, options: options), true)
        case .error(let message):
            return (prefixed(message, first: "✗ ", hl: ChatHighlights.error), false)
        case .notice(let text):
            return (prefixed(text, first: "", hl: ChatHighlights.notice), false)
        case .compaction(let c):
            let head = Self.compactionTitle(messages: c.messages, auto: c.auto)
            guard options.expanded else { return ([styled("▸ " + head + " · ctrl-o to expand", ChatHighlights.notice)], false) }
            let (body, _) = markdown.renderDocument(c.summary, width: width)
            return ([styled("▾ " + head, ChatHighlights.notice)] + body, true)
        }
    }

    /// "conversation compacted[ automatically] · N messages summarized".
    static func compactionTitle(messages: Int, auto: Bool) -> String {
        var title = auto ? "conversation compacted automatically" : "conversation compacted"
        if messages > 0 { title += " · \(messages) message\(messages == 1 ? "" : "s") summarized" }
        return title
    }

    // MARK: - Blocks

    private func thinking(_ text: String, collapsed: Bool) -> [StyledLine] {
        var body = text.splitLines()
        while body.count > 1, body.last?.isEmpty == true { body.removeLast() }
        let count = text.isEmpty ? 0 : body.count
        if collapsed {
            let summary = count == 0 ? "▸ Thinking…" : "▸ Thinking (\(count) line\(count == 1 ? "" : "s"))"
            return [styled(summary, ChatHighlights.thinking)]
        }
        return [styled("▾ Thinking", ChatHighlights.thinking)] + (count == 0 ? [] : body.map { styled($0, ChatHighlights.thinking) })
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
        var lines = [first]
        if let diff {
            return lines + collapsed(DiffRenderer.lines(diff, indent: "  "), limit: diffPreviewLines, options: options)
        }
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
            lines.append(styled("  … \(output.count - (limit - 1)) more lines (ctrl-o to expand)", ChatHighlights.notice))
        }
        return lines
    }

    /// `rows` cut to `limit` (the last kept row says how many more) unless expanded.
    private func collapsed(_ rows: [StyledLine], limit: Int, options: Options) -> [StyledLine] {
        let limit = max(1, limit)
        guard !options.expanded, rows.count > limit else { return rows }
        return rows.prefix(limit - 1) + [styled("  … \(rows.count - (limit - 1)) more lines (ctrl-o to expand)", ChatHighlights.notice)]
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
