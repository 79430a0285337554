/// Text attributes of a cell.
public struct Attributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    /// Creates attributes from raw bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Bold (SGR 1).
    public static let bold = Attributes(rawValue: 1 << 0)
    /// Faint (SGR 2).
    public static let dim = Attributes(rawValue: 1 << 1)
    /// Italic (SGR 3).
    public static let italic = Attributes(rawValue: 1 << 2)
    /// Single underline (SGR 4).
    public static let underline = Attributes(rawValue: 1 << 3)
    /// Curly underline (SGR 4:3); wins over `underline` when both are set.
    public static let undercurl = Attributes(rawValue: 1 << 4)
    /// Strikethrough (SGR 9).
    public static let strikethrough = Attributes(rawValue: 1 << 5)
    /// Reverse video (SGR 7).
    public static let reverse = Attributes(rawValue: 1 << 6)

    /// Attributes that show on a blank cell (a space): an erase with such a
    /// pen would not look like the cell, so blank tails carrying them are
    /// written out instead of erased.
    public static let visibleOnBlank: Attributes = [.underline, .undercurl, .strikethrough, .reverse]
}

/// The look of a cell: colours, attributes and an optional hyperlink.
///
/// `.default` colours mean the terminal default. `sp` is the underline /
/// undercurl colour (`.default` = same as the text). `link` names a URL in
/// the `HighlightTable` the style is interned in (0 = no link); the encoder
/// sends it as an OSC 8 hyperlink where the terminal supports them.
public struct Style: Hashable, Sendable, CustomStringConvertible {
    /// Foreground (text) colour.
    public var fg: Color
    /// Background colour.
    public var bg: Color
    /// Underline colour.
    public var sp: Color
    /// Bold, italic, underline...
    public var attrs: Attributes
    /// Hyperlink: an id from `HighlightTable.linkID(for:)`; 0 = none.
    public var link: UInt32

    /// Creates a style; every field defaults to "terminal default" (and no
    /// link).
    public init(fg: Color = .default, bg: Color = .default, sp: Color = .default, attrs: Attributes = [],
                link: UInt32 = 0) {
        self.fg = fg
        self.bg = bg
        self.sp = sp
        self.attrs = attrs
        self.link = link
    }

    /// The terminal's default look.
    public static let plain = Style()

    /// This style with the set fields of `over` laid on top: non-default
    /// colours of `over` win and attributes are added (as Neovim combines
    /// extmark highlights); a link of `over` wins.
    public func overlaid(by over: Style) -> Style {
        Style(fg: over.fg == .default ? fg : over.fg,
              bg: over.bg == .default ? bg : over.bg,
              sp: over.sp == .default ? sp : over.sp,
              attrs: attrs.union(over.attrs),
              link: over.link == 0 ? link : over.link)
    }

    public var description: String {
        var parts: [String] = []
        if fg != .default { parts.append("fg=\(fg)") }
        if bg != .default { parts.append("bg=\(bg)") }
        if sp != .default { parts.append("sp=\(sp)") }
        if !attrs.isEmpty { parts.append("attrs=\(attrs.rawValue)") }
        if link != 0 { parts.append("link=\(link)") }
        return "Style(" + parts.joined(separator: " ") + ")"
    }
}

/// A small integer naming an interned `Style` in a `HighlightTable`.
///
/// Ids are handed out in order and never reused, so an id always means the
/// same style. Id 0 is `Style.plain`.
public struct StyleID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The id's value (an index into the table's style list).
    public let raw: UInt32

    /// Wraps a raw id.
    public init(_ raw: UInt32) { self.raw = raw }

    /// The id of `Style.plain`, valid in every table.
    public static let `default` = StyleID(0)

    public static func < (a: StyleID, b: StyleID) -> Bool { a.raw < b.raw }
    public var description: String { String(raw) }
}
