/// One piece of virtual text: a string drawn in one highlight group.
public struct VirtTextChunk: Hashable, Sendable {
    /// The text shown (not part of the buffer).
    public var text: String
    /// The highlight group name, or nil for the default style.
    public var hl: String?

    /// A chunk of `text` drawn with highlight group `hl`.
    public init(_ text: String, hl: String? = nil) {
        self.text = text
        self.hl = hl
    }
}

/// Where a mark's virtual text is placed on its line.
public enum VirtTextPos: String, Hashable, Sendable, CaseIterable {
    /// After the end of the line.
    case eol
    /// Flush with the right edge of the window.
    case rightAlign = "right_align"
    /// Drawn over the text starting at the mark's column.
    case overlay
    /// Inserted at the mark's column, pushing the text right.
    case inline
}

/// What an extmark draws. Plain data: the renderer decides how to use it.
///
/// Mirrors the decoration options of Neovim's `nvim_buf_set_extmark`
/// (`hl_group`, `virt_text`, `virt_text_pos`, `virt_lines`,
/// `virt_lines_above`, `priority`, `line_hl_group`, `url`), plus `noWrap`.
public struct Decoration: Hashable, Sendable {
    /// The default priority, as in Neovim.
    public static let defaultPriority = 4096

    /// Highlight group over the mark's range (start to end).
    public var hl: String?
    /// Virtual text chunks shown on the mark's line.
    public var virtText: [VirtTextChunk]
    /// Where `virtText` goes.
    public var virtTextPos: VirtTextPos
    /// Virtual lines, each a list of chunks, shown below the mark's line (or
    /// above when `virtLinesAbove` is true).
    public var virtLines: [[VirtTextChunk]]
    /// Put `virtLines` above the mark's line instead of below.
    public var virtLinesAbove: Bool
    /// Higher priorities draw on top of lower ones.
    public var priority: Int
    /// Highlight group for the whole screen line(s) of the mark, e.g. a code
    /// block background.
    public var lineHl: String?
    /// Hyperlink target of the mark's range (start to end): shown as an
    /// OSC 8 link where the terminal supports them.
    public var url: String?
    /// Show the mark's line on one screen row, cut at the window's edge with
    /// an overflow marker, even in a window that wraps (code blocks in the
    /// transcript). The text itself is kept whole.
    public var noWrap: Bool

    /// A decoration; every field defaults to "nothing drawn".
    public init(hl: String? = nil,
                virtText: [VirtTextChunk] = [],
                virtTextPos: VirtTextPos = .eol,
                virtLines: [[VirtTextChunk]] = [],
                virtLinesAbove: Bool = false,
                priority: Int = Decoration.defaultPriority,
                lineHl: String? = nil,
                url: String? = nil,
                noWrap: Bool = false) {
        self.hl = hl
        self.virtText = virtText
        self.virtTextPos = virtTextPos
        self.virtLines = virtLines
        self.virtLinesAbove = virtLinesAbove
        self.priority = priority
        self.lineHl = lineHl
        self.url = url
        self.noWrap = noWrap
    }

    /// True when the decoration can change how many rows its line takes or
    /// what text is wrapped (virtual text, virtual lines, `noWrap`); a
    /// renderer can take plain, cached line heights when no mark has one.
    public var affectsLayout: Bool {
        !virtText.isEmpty || !virtLines.isEmpty || noWrap
    }

    /// True when the decoration draws nothing (a plain position mark).
    public var isEmpty: Bool {
        hl == nil && virtText.isEmpty && virtLines.isEmpty && lineHl == nil && url == nil && !noWrap
    }
}
