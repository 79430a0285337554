import Render

/// The highlight group names used by the chat transcript, and their default
/// definitions.
///
/// Groups are referenced by name in extmarks; the UI installs
/// `ChatHighlights.defaults` into its `HighlightTable` once, and a Lua
/// reskin may redefine any of them. Colours are palette indices so they
/// follow the user's terminal theme.
public enum ChatHighlights {
    /// "You" header of a user message.
    public static let user = "ChatUser"
    /// Background tint of user message rows.
    public static let userBg = "ChatUserBg"
    /// Assistant text (plain).
    public static let assistant = "ChatAssistant"
    /// Thinking text and its summary line (dim).
    public static let thinking = "ChatThinking"
    /// Tool name in a tool block header.
    public static let toolName = "ChatToolName"
    /// Argument summary in a tool block header.
    public static let toolArgs = "ChatToolArgs"
    /// Tool output preview lines.
    public static let toolOutput = "ChatToolOutput"
    /// Status glyph of a running tool (spinner).
    public static let toolRunning = "ChatToolRunning"
    /// Status glyph of a successful tool.
    public static let toolOk = "ChatToolOk"
    /// Status glyph of a failed or denied tool.
    public static let toolError = "ChatToolError"
    /// Error blocks.
    public static let error = "ChatError"
    /// Notices, durations, "N more lines" hints (dim).
    public static let notice = "ChatNotice"
    /// Level 1 heading.
    public static let h1 = "MdH1"
    /// Level 2 heading.
    public static let h2 = "MdH2"
    /// Level 3 and deeper headings.
    public static let h3 = "MdH3"
    /// Strong emphasis.
    public static let bold = "MdBold"
    /// Emphasis.
    public static let italic = "MdItalic"
    /// Strikethrough.
    public static let strike = "MdStrike"
    /// Inline code.
    public static let code = "MdCode"
    /// Row background of fenced code blocks.
    public static let codeBlock = "MdCodeBlock"
    /// Language label of a fenced code block.
    public static let codeLang = "MdCodeLang"
    /// Block quote text and bar.
    public static let quote = "MdQuote"
    /// Link text (the span carries the URL).
    public static let link = "MdLink"
    /// Thematic break.
    public static let rule = "MdRule"
    /// Table borders.
    public static let tableBorder = "MdTableBorder"
    /// Table header cells.
    public static let tableHeader = "MdTableHeader"
    /// List bullets, numbers and task boxes.
    public static let listMarker = "MdListMarker"
    /// Raw HTML kept as text.
    public static let html = "MdHtml"
    /// Syntax: keywords.
    public static let synKeyword = "SynKeyword"
    /// Syntax: string literals.
    public static let synString = "SynString"
    /// Syntax: comments.
    public static let synComment = "SynComment"
    /// Syntax: number literals.
    public static let synNumber = "SynNumber"

    /// Every chat group with its default look, in install order (a group
    /// that links to another comes after it).
    public static let defaults: [(String, HighlightDef)] = [
        (user, HighlightDef(fg: .indexed(12), attrs: [.bold])),
        (userBg, HighlightDef(bg: .indexed(236))),
        (assistant, HighlightDef()),
        (thinking, HighlightDef(fg: .indexed(8), attrs: [.italic])),
        (toolName, HighlightDef(fg: .indexed(14), attrs: [.bold])),
        (toolArgs, HighlightDef(fg: .indexed(8))),
        (toolOutput, HighlightDef(fg: .indexed(8))),
        (toolRunning, HighlightDef(fg: .indexed(11))),
        (toolOk, HighlightDef(fg: .indexed(10))),
        (toolError, HighlightDef(fg: .indexed(9), attrs: [.bold])),
        (error, HighlightDef(fg: .indexed(9))),
        (notice, HighlightDef(fg: .indexed(8))),
        (h1, HighlightDef(fg: .indexed(13), attrs: [.bold, .underline])),
        (h2, HighlightDef(fg: .indexed(13), attrs: [.bold])),
        (h3, HighlightDef(fg: .indexed(5), attrs: [.bold])),
        (bold, HighlightDef(attrs: [.bold])),
        (italic, HighlightDef(attrs: [.italic])),
        (strike, HighlightDef(attrs: [.strikethrough])),
        (code, HighlightDef(fg: .indexed(11))),
        (codeBlock, HighlightDef(bg: .indexed(235))),
        (codeLang, HighlightDef(fg: .indexed(8), attrs: [.italic])),
        (quote, HighlightDef(fg: .indexed(7), attrs: [.italic])),
        (link, HighlightDef(fg: .indexed(12), attrs: [.underline])),
        (rule, HighlightDef(fg: .indexed(8))),
        (tableBorder, HighlightDef(fg: .indexed(8))),
        (tableHeader, HighlightDef(attrs: [.bold])),
        (listMarker, HighlightDef(fg: .indexed(6))),
        (html, HighlightDef(fg: .indexed(8))),
        (synKeyword, HighlightDef(fg: .indexed(5), attrs: [.bold])),
        (synString, HighlightDef(fg: .indexed(2))),
        (synComment, HighlightDef(fg: .indexed(8), attrs: [.italic])),
        (synNumber, HighlightDef(fg: .indexed(3))),
    ]
}
