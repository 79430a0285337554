/// How a line is soft-wrapped for display (the window options `linebreak`,
/// `breakindent`, `showbreak` and `tabstop`). Wrapping never changes the
/// stored text.
public struct WrapOptions: Hashable, Sendable {
    /// Break after blanks, after one of `breakat` or after a wide (CJK)
    /// char when possible; a word longer than the row is still hard-broken.
    /// Blanks that do not fit at the end of a row hang there (hidden)
    /// instead of starting the next row.
    public var linebreak: Bool
    /// Indent continuation rows by the width of the line's leading
    /// whitespace, unless that leaves less than half the width for text.
    public var breakindent: Bool
    /// Text shown at the start of every continuation row (sanitized for
    /// display); dropped when it would leave no room for text.
    public var showbreak: String
    /// Tab stop distance (values below 1 mean 8).
    public var tabstop: Int

    /// ASCII bytes after which `linebreak` may break (Vim's `breakat`).
    public static let breakat: String = " \t!@*-+;:,./?"

    /// Creates options; the defaults are plain hard wrapping.
    public init(linebreak: Bool = false, breakindent: Bool = false, showbreak: String = "", tabstop: Int = 8) {
        self.linebreak = linebreak
        self.breakindent = breakindent
        self.showbreak = showbreak
        self.tabstop = tabstop
    }
}

/// One screen row of a wrapped line.
///
/// Draw it by scanning the bytes in `byteRange` with
/// `TextMeasure.forEachCluster(..., startColumn: 0)` at screen column
/// `startColumn` of the text area: tabs expand relative to the start of
/// the row's text. When `showsBreak` is true, draw the sanitized
/// `WrapOptions.showbreak` at column 0 first.
public struct WrapSegment: Hashable, Sendable {
    /// UTF-8 byte offsets of the row's text in the original line.
    public var byteRange: Range<Int>
    /// Column where the text starts: 0 on the first row; the width of
    /// showbreak plus the break indent on continuation rows.
    public var startColumn: Int
    /// Cells the text occupies from `startColumn`. It never exceeds the
    /// room on the row, with two documented exceptions the renderer must
    /// clip: a single cluster wider than the whole room (a wide char at
    /// width 1, a long `<200b>` replacement) gets a row of its own with its
    /// full width; and with `linebreak`, blanks hanging at the end of the
    /// row are inside `byteRange` but counted only up to the row's edge.
    public var width: Int
    /// True on continuation rows that show `WrapOptions.showbreak`.
    public var showsBreak: Bool

    /// Creates a segment; normally produced by `Wrapper.wrap`.
    public init(byteRange: Range<Int>, startColumn: Int, width: Int, showsBreak: Bool) {
        self.byteRange = byteRange
        self.startColumn = startColumn
        self.width = width
        self.showsBreak = showsBreak
    }
}
