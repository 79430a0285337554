extension HighlightTable {
    /// The groups every table starts with. Colours are palette indices 0-15
    /// so the defaults follow the user's terminal theme and work in
    /// 16-colour mode; a Lua reskin redefines them.
    ///
    /// | group | look | drawn for |
    /// |---|---|---|
    /// | `Normal` | terminal default | text of tiled windows |
    /// | `NormalFloat` | -> `Normal` | text of floating windows |
    /// | `FloatBorder` | -> `NormalFloat` | float borders |
    /// | `FloatTitle` | -> `Title` | float titles |
    /// | `FloatFooter` | -> `FloatTitle` | float footers |
    /// | `StatusLine` | reverse, bold | status line of the current window |
    /// | `StatusLineNC` | reverse | status lines of other windows |
    /// | `WinSeparator` | default | vertical split separators |
    /// | `Visual` | reverse | selected text |
    /// | `Search` | black on yellow | search matches |
    /// | `Comment` | fg 8 (dark gray) | comments, secondary text |
    /// | `Special` | fg 5 (magenta) | special characters |
    /// | `NonText` | fg 12 (bright blue) | replacements for control characters (`^[`, `<80>`), fillers |
    /// | `ErrorMsg` | fg 9 (bright red), bold | error messages |
    /// | `WarningMsg` | fg 11 (bright yellow) | warnings |
    /// | `Title` | bold | titles and headings |
    /// | `Directory` | fg 12 (bright blue) | paths |
    /// | `Cursor` | reverse | a drawn (non-terminal) cursor |
    public static let defaultGroups: [(String, HighlightDef)] = [
        ("Normal", HighlightDef()),
        ("NormalFloat", .linked(to: "Normal")),
        ("FloatBorder", .linked(to: "NormalFloat")),
        ("FloatTitle", .linked(to: "Title")),
        ("FloatFooter", .linked(to: "FloatTitle")),
        ("StatusLine", HighlightDef(attrs: [.reverse, .bold])),
        ("StatusLineNC", HighlightDef(attrs: [.reverse])),
        ("WinSeparator", HighlightDef()),
        ("Visual", HighlightDef(attrs: [.reverse])),
        ("Search", HighlightDef(fg: .indexed(0), bg: .indexed(3))),
        ("Comment", HighlightDef(fg: .indexed(8))),
        ("Special", HighlightDef(fg: .indexed(5))),
        ("NonText", HighlightDef(fg: .indexed(12))),
        ("ErrorMsg", HighlightDef(fg: .indexed(9), attrs: [.bold])),
        ("WarningMsg", HighlightDef(fg: .indexed(11))),
        ("Title", HighlightDef(attrs: [.bold])),
        ("Directory", HighlightDef(fg: .indexed(12))),
        ("Cursor", HighlightDef(attrs: [.reverse])),
    ]
}
