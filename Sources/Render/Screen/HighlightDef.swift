/// The definition of one highlight group, as set by `HighlightTable.set`.
///
/// Either a link to another group (`link`, which then wins over every other
/// field, as in Neovim) or a set of colours and attributes; unset colours
/// (`nil`) are the terminal default.
///
///     HighlightDef(fg: .rgb(255, 0, 0), attrs: [.bold])
///     HighlightDef(link: "Comment")
public struct HighlightDef: Hashable, Sendable {
    /// Foreground colour, nil = default.
    public var fg: Color?
    /// Background colour, nil = default.
    public var bg: Color?
    /// Underline colour, nil = default.
    public var sp: Color?
    /// Attributes (bold, italic, ...).
    public var attrs: Attributes
    /// Name of the group this one follows; when set, the other fields are
    /// ignored.
    public var link: String?

    /// Creates a definition; everything defaults to unset.
    public init(fg: Color? = nil, bg: Color? = nil, sp: Color? = nil,
                attrs: Attributes = [], link: String? = nil) {
        self.fg = fg
        self.bg = bg
        self.sp = sp
        self.attrs = attrs
        self.link = link
    }

    /// A definition that only links to `group`.
    public static func linked(to group: String) -> HighlightDef { HighlightDef(link: group) }

    /// Whether the group is bold.
    public var bold: Bool { attrs.contains(.bold) }
    /// Whether the group is italic.
    public var italic: Bool { attrs.contains(.italic) }
    /// Whether the group is underlined.
    public var underline: Bool { attrs.contains(.underline) }
    /// Whether the group is reversed.
    public var reverse: Bool { attrs.contains(.reverse) }

    /// The style this definition draws with (ignoring `link`).
    public var ownStyle: Style {
        Style(fg: fg ?? .default, bg: bg ?? .default, sp: sp ?? .default, attrs: attrs)
    }
}
