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
