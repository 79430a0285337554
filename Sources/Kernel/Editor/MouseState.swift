/// Where the mouse event being handled happened (`Editor.mouse`): mouse
/// keys (`<LeftMouse>`, `<LeftDrag>`, ...) carry no position themselves,
/// so their handlers read it here, like Vim's `getmousepos()`.
public struct MouseState: Hashable, Sendable {
    /// 0-based screen row.
    public var row: Int
    /// 0-based screen column.
    public var col: Int
    /// For a press: 1 for a single click, 2 for a double click, 3 for a
    /// triple click (presses of the same button on the same cell within
    /// 500 ms); 0 for other events.
    public var clicks: Int

    /// A position, with its click count.
    public init(row: Int, col: Int, clicks: Int = 0) {
        self.row = row
        self.col = col
        self.clicks = clicks
    }

    /// The screen cell.
    public var position: Position { Position(row: row, col: col) }
}
