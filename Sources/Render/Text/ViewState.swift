/// Where a window's view of its buffer starts, in wrapped rows.
///
/// `topline` is the first buffer line shown (0-based) and `skip` the number
/// of its wrapped rows hidden above the window. `follow` keeps the view at
/// the tail while lines are appended; it is dropped when the user scrolls
/// up and set again when the view reaches the tail. See `Viewport`.
public struct ViewState: Hashable, Sendable {
    /// First buffer line shown.
    public var topline: Int
    /// Wrapped rows of `topline` hidden above the window.
    public var skip: Int
    /// Keep the last row at the bottom as content grows.
    public var follow: Bool

    /// Creates a view; the default is the top of the buffer, not following.
    public init(topline: Int = 0, skip: Int = 0, follow: Bool = false) {
        self.topline = topline
        self.skip = skip
        self.follow = follow
    }
}

/// One buffer line (or the visible part of it) in a window.
public struct VisibleLine: Hashable, Sendable {
    /// Buffer line index.
    public var line: Int
    /// First wrapped row of the line that is shown (non-zero only for the
    /// top line when the view skips some of its rows).
    public var firstRow: Int
    /// Rows of the line that are shown.
    public var rowCount: Int
    /// Window row where the line's first shown row is drawn.
    public var screenRow: Int

    /// Creates a visible-line record; normally made by `Viewport`.
    public init(line: Int, firstRow: Int, rowCount: Int, screenRow: Int) {
        self.line = line
        self.firstRow = firstRow
        self.rowCount = rowCount
        self.screenRow = screenRow
    }
}
