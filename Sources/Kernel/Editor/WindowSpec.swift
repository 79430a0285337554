/// What to open: a tiled split or a float, with the common window options.
/// The Lua layer builds one from the `config` table of `win.open`.
public struct WindowSpec: Sendable {
    /// Unique window name for `win.find` (optional).
    public var name = ""
    /// Tiled: which side of `relativeTo` the new window goes.
    public var split: SplitDirection = .below
    /// Tiled: the window to split (default: the current tiled window).
    public var relativeTo: WindowID?
    /// Tiled: size along the split axis (cells or weight).
    public var size: SizeSpec?
    /// Floating configuration; nil opens a tiled window.
    public var float: FloatConfig?
    public var renderer: WindowRenderer = .stock
    public var hidden = false
    /// Border for tiled windows (floats take theirs from `float`).
    public var border: BorderStyle = .none
    public var title: String?
    /// Footer in the bottom border of a tiled window with a border.
    public var footer: String?
    public var focusable = true
    /// Make the new window current.
    public var enter = false
    public var options = WindowOptions()

    public init() {}
}
