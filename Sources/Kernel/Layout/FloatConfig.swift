/// Which corner of a float sits at its (row, col) position.
///
/// Raw values are the Lua strings (`anchor = "NE"`).
public enum Anchor: String, Hashable, Sendable, CaseIterable {
    /// Top-left corner at (row, col) (the default).
    case NW
    /// Top-right corner at (row, col): the float extends to the left.
    case NE
    /// Bottom-left corner at (row, col): the float extends upwards.
    case SW
    /// Bottom-right corner at (row, col).
    case SE

    /// Whether the float extends left of its column.
    public var isEast: Bool { self == .NE || self == .SE }
    /// Whether the float extends above its row.
    public var isSouth: Bool { self == .SW || self == .SE }
}

/// What a float's (row, col) is measured from.
public enum FloatRelative: Hashable, Sendable {
    /// The top-left cell of the editor area.
    case editor
    /// The top-left cell of the given window.
    case win(WindowID)
    /// The cursor's screen cell.
    case cursor
}

/// Where a float's title sits in its top border (and its footer in the
/// bottom one).
public enum TitlePosition: String, Hashable, Sendable, CaseIterable {
    case left
    case center
    case right
}

/// The configuration of a floating window (Neovim's `nvim_open_win` float keys).
///
/// `width` and `height` are the inner (text) size; the border is added
/// around them.
public struct FloatConfig: Hashable, Sendable {
    /// What `row` and `col` are measured from.
    public var relative: FloatRelative
    /// Row offset of the anchor corner (may be negative).
    public var row: Int
    /// Column offset of the anchor corner (may be negative).
    public var col: Int
    /// Inner width in cells (must be >= 1; see `validate()`).
    public var width: Int
    /// Inner height in cells (must be >= 1; see `validate()`).
    public var height: Int
    /// Which corner sits at (row, col).
    public var anchor: Anchor
    /// Stacking order: higher is drawn above. Default 50.
    public var zindex: Int
    /// The border around the float.
    public var border: BorderStyle
    /// Text drawn in the top border (needs a border).
    public var title: String?
    /// Where the title sits.
    public var titlePos: TitlePosition
    /// Text drawn in the bottom border (needs a border), like Neovim's
    /// `footer`: stays in view however the text scrolls.
    public var footer: String?
    /// Where the footer sits.
    public var footerPos: TitlePosition
    /// Whether the float can receive focus.
    public var focusable: Bool

    /// Creates a float configuration; everything but position and size has
    /// Neovim's default.
    public init(relative: FloatRelative = .editor, row: Int, col: Int, width: Int, height: Int,
                anchor: Anchor = .NW, zindex: Int = 50, border: BorderStyle = .none,
                title: String? = nil, titlePos: TitlePosition = .left, footer: String? = nil,
                footerPos: TitlePosition = .left, focusable: Bool = true) {
        self.relative = relative
        self.row = row
        self.col = col
        self.width = width
        self.height = height
        self.anchor = anchor
        self.zindex = zindex
        self.border = border
        self.title = title
        self.titlePos = titlePos
        self.footer = footer
        self.footerPos = footerPos
        self.focusable = focusable
    }

    /// Checks the values a user can get wrong.
    ///
    /// - Throws: `KernelError.outOfRange` for a width/height below 1 or a
    ///   negative zindex; `KernelError.invalidArgument` for a title or footer
    ///   without a border.
    public func validate() throws {
        if width < 1 { throw KernelError.outOfRange("width must be at least 1, got \(width)") }
        if height < 1 { throw KernelError.outOfRange("height must be at least 1, got \(height)") }
        if zindex < 0 { throw KernelError.outOfRange("zindex must not be negative, got \(zindex)") }
        if title != nil && border.thickness == 0 {
            throw KernelError.invalidArgument("title needs a border (set border = \"single\" or another style)")
        }
        if footer != nil && border.thickness == 0 {
            throw KernelError.invalidArgument("footer needs a border (set border = \"single\" or another style)")
        }
    }
}
