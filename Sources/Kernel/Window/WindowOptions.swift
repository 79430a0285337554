/// Per-window display options (`win.set_config{options = ...}` from Lua).
public struct WindowOptions: Hashable, Sendable {
    /// Soft-wrap long lines at display time (never changes the text).
    public var wrap = true
    /// Wrap at word boundaries instead of at the last cell.
    public var linebreak = true
    /// Indent continuation rows by the line's leading whitespace.
    public var breakindent = true
    /// Prefix drawn at the start of continuation rows.
    public var showbreak = ""
    /// Width of a tab stop in cells.
    public var tabstop = 8
    /// Highlight group used for the window's background and text.
    public var normalHl = "Normal"
    /// Show the cursor when this window has focus.
    public var cursorVisible = true

    public init() {}
}

/// Who draws a window: the stock renderer (buffer lines + extmarks) or Lua,
/// from the window's retained `ui.draw` list.
public enum WindowRenderer: String, Hashable, Sendable {
    case stock
    case `extension`
}

/// Where a window lives: a leaf of the split tree, or a float.
public enum WindowPlacement: Hashable, Sendable {
    /// A tiled window; its place is the layout tree's business.
    case tiled
    /// A floating window positioned by its config.
    case floating(FloatConfig)
}

