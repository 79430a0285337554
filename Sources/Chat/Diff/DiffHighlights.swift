import Render

/// The highlight groups of diffs, and their default looks. Lua may
/// redefine any of them (`weft.hl.set("DiffAdd", {bg = "#103010"})`).
public enum DiffHighlights {
    /// Rows of added lines.
    public static let add = "DiffAdd"
    /// Rows of removed lines.
    public static let delete = "DiffDelete"
    /// Rows of unchanged (context) lines.
    public static let context = "DiffContext"
    /// The changed part of an added line.
    public static let addText = "DiffAddText"
    /// The changed part of a removed line.
    public static let deleteText = "DiffDeleteText"
    /// Line numbers.
    public static let lineNr = "DiffLineNr"
    /// Hunk separators and headers.
    public static let hunk = "DiffHunk"

    /// Every diff group with its default look: dark green and red rows
    /// with brighter emphasis, dim numbers; context lines as plain text.
    public static let defaults: [(String, HighlightDef)] = [
        (add, HighlightDef(bg: .indexed(22))),
        (delete, HighlightDef(bg: .indexed(52))),
        (context, HighlightDef()),
        (addText, HighlightDef(bg: .indexed(28), attrs: [.bold])),
        (deleteText, HighlightDef(bg: .indexed(88), attrs: [.bold])),
        (lineNr, HighlightDef(fg: .indexed(8))),
        (hunk, HighlightDef(fg: .indexed(6))),
    ]
}
