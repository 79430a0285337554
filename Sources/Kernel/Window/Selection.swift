/// A selection in a window: the characters between two ends, by character,
/// by line or as a block of display columns.
///
/// Both ends are positions of *characters* (row, UTF-8 byte column), and
/// both are selected, as in Visual mode: `anchor` is where the selection
/// started, `head` is the end that moves (the cursor of Visual mode, the
/// pointer of a mouse drag). Either may come first. A column at or past
/// the end of its line stands for the line break.
///
/// | mode | selects |
/// |---|---|
/// | `char` | from the first end to the second, line breaks included |
/// | `line` | every line from the first row to the last, whole |
/// | `block` | on every row from the first to the last, the display columns from the leftmost end's character to the rightmost end's character (a wide character partly inside is taken whole) |
///
/// The selection is a value the window holds (`Window.selection`); the
/// renderer draws it with the `Visual` highlight group and takes its text
/// from the buffer, never from the screen (Render's `SelectionText`), so
/// soft wraps, virtual text and borders never reach the clipboard. Ends
/// past the buffer (a transcript that changed underneath) are clamped
/// when it is drawn or read.
///
/// ```swift
/// win.selection = Selection(mode: .char, anchor: Position(row: 2, col: 0), head: Position(row: 4, col: 3))
/// ```
public struct Selection: Hashable, Sendable {
    /// How the ends are read.
    public enum Mode: String, Hashable, Sendable, CaseIterable {
        /// Characters from one end to the other (Visual `v`).
        case char
        /// Whole lines (Visual `V`).
        case line
        /// A rectangle of display columns (Visual Ctrl-V).
        case block
    }

    /// How the ends are read.
    public var mode: Mode
    /// Where the selection started (selected).
    public var anchor: Position
    /// The end that moves (selected).
    public var head: Position

    /// A selection from `anchor` to `head`, both selected.
    public init(mode: Mode, anchor: Position, head: Position) {
        self.mode = mode
        self.anchor = anchor
        self.head = head
    }

    /// The earlier end (by row, then column).
    public var start: Position { min(anchor, head) }
    /// The later end (by row, then column).
    public var end: Position { max(anchor, head) }
    /// The rows the selection touches.
    public var rows: ClosedRange<Int> { start.row...end.row }

    /// The selection with both ends moved into a buffer of `lineCount`
    /// lines (rows clamped; columns are snapped by whoever reads a line).
    public func clamped(lineCount: Int) -> Selection {
        let last = max(0, lineCount - 1)
        func clamp(_ p: Position) -> Position {
            Position(row: min(max(0, p.row), last), col: p.row > last ? Int.max / 2 : max(0, p.col))
        }
        return Selection(mode: mode, anchor: clamp(anchor), head: clamp(head))
    }
}
