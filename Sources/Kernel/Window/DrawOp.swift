/// One operation of an extension window's retained draw list (`ui.draw`).
/// Coordinates are relative to the window's content area; the renderer
/// clips to it and sanitizes text.
public enum DrawOp: Hashable, Sendable {
    /// Text at (row, col) in one highlight.
    case text(row: Int, col: Int, text: String, hl: String?)
    /// Consecutive chunks of text, each with its own highlight.
    case spans(row: Int, col: Int, spans: [VirtTextChunk])
    /// A rectangle filled with one character.
    case fill(row: Int, col: Int, width: Int, height: Int, char: String, hl: String?)
    /// Clears the whole window to blanks in `hl` (default: the window's normal).
    case clear(hl: String?)
    /// Where the terminal cursor goes when the window has focus.
    case cursor(row: Int, col: Int)
}
