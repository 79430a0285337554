/// A colour for a cell's foreground, background or underline.
///
/// `.default` means "the terminal's own default" (and, in a highlight
/// overlay, "not set"). `.indexed` is a palette entry (0-15 are the user's
/// themeable ANSI colours, 16-255 the xterm cube and gray ramp). `.rgb` is a
/// 24-bit colour, sent as-is on truecolor terminals and matched to the
/// nearest palette entry elsewhere (see `ColorMode`).
public enum Color: Hashable, Sendable {
    /// The terminal's default colour.
    case `default`
    /// A palette index, 0-255.
    case indexed(UInt8)
    /// A 24-bit colour.
    case rgb(UInt8, UInt8, UInt8)
}

// MARK: - Parsing

extension Color {
    /// Parses a colour as written in highlight definitions.
    ///
    /// Accepts `"#rrggbb"` (hex, any case), `"NONE"` / `"default"` (the
    /// terminal default), a palette index `"0"`-`"255"`, and the names in
    /// `Color.names` (case-insensitive, spaces and `_` ignored, so
    /// `"Light Red"` works). Returns nil for anything else.
    ///
    ///     Color(parsing: "#ff8000")  // .rgb(255, 128, 0)
    ///     Color(parsing: "red")      // .indexed(1)
    ///     Color(parsing: "214")      // .indexed(214)
    public init?(parsing text: String) {
        let trimmed = text.trimmingSpaces
        if trimmed.hasPrefix("#") {
            guard let rgb = Color.parseHex(trimmed.dropFirst()) else { return nil }
            self = rgb
            return
        }
        if let n = Int(trimmed) {
            guard let c = Color(index: n) else { return nil }
            self = c
            return
        }
        let key = String(trimmed.lowercased().filter { $0 != " " && $0 != "_" })
        guard let named = Color.names[key] else { return nil }
        self = named
    }

    /// A palette colour from an integer 0-255; nil when out of range.
    public init?(index: Int) {
        guard (0...255).contains(index) else { return nil }
        self = .indexed(UInt8(index))
    }

    /// Parses like `init?(parsing:)` but throws
    /// `KernelError.invalidArgument` with a message naming the bad value.
    public static func parse(_ text: String) throws -> Color {
        guard let c = Color(parsing: text) else {
            throw KernelError.invalidArgument(
                "invalid colour '\(text)': expected #rrggbb, a name such as 'red', 'NONE', or 0-255")
        }
        return c
    }

    /// Colour names understood by `init?(parsing:)`, lower-case without
    /// spaces. `none`/`default` is the terminal default; the eight ANSI
    /// names map to palette 0-7, `bright<name>`/`light<name>` to 8-15,
    /// `dark<name>` to the plain ANSI entry, `gray`/`grey` to 7, `darkgray`
    /// to 8 and `white` to 15 (bright white, what users mean by "white").
    public static let names: [String: Color] = {
        var table: [String: Color] = ["none": .default, "default": .default, "fg": .default, "bg": .default]
        let ansi = ["black", "red", "green", "yellow", "blue", "magenta", "cyan"]
        for (i, name) in ansi.enumerated() {
            table[name] = .indexed(UInt8(i))
            table["dark" + name] = .indexed(UInt8(i))
            table["bright" + name] = .indexed(UInt8(i + 8))
            table["light" + name] = .indexed(UInt8(i + 8))
        }
        for name in ["gray", "grey", "lightgray", "lightgrey", "silver"] { table[name] = .indexed(7) }
        for name in ["darkgray", "darkgrey", "brightblack"] { table[name] = .indexed(8) }
        table["white"] = .indexed(15)
        table["brightwhite"] = .indexed(15)
        table["brown"] = .indexed(3)
        return table
    }()

    private static func parseHex(_ hex: Substring) -> Color? {
        guard hex.count == 6, let v = UInt32(hex, radix: 16) else { return nil }
        return .rgb(UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF))
    }
}

// MARK: - Palette

extension Color {
    /// The colour's red, green and blue components using the xterm default
    /// palette for indexed colours; nil for `.default`.
    public var rgbComponents: (r: UInt8, g: UInt8, b: UInt8)? {
        switch self {
        case .default: return nil
        case .rgb(let r, let g, let b): return (r, g, b)
        case .indexed(let i): return Color.xtermRGB(i)
        }
    }

    /// The xterm default palette entry for index `i`.
    static func xtermRGB(_ i: UInt8) -> (r: UInt8, g: UInt8, b: UInt8) {
        if i < 16 { return ansi16[Int(i)] }
        if i >= 232 {
            let v = UInt8(8 + 10 * (Int(i) - 232))
            return (v, v, v)
        }
        let n = Int(i) - 16
        return (cubeLevels[n / 36], cubeLevels[n / 6 % 6], cubeLevels[n % 6])
    }

    /// The six channel levels of the xterm 6x6x6 colour cube.
    static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

    /// xterm's default values for the 16 ANSI colours.
    static let ansi16: [(r: UInt8, g: UInt8, b: UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
        (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
        (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        let s = Substring(self)
        let start = s.firstIndex { $0 != " " && $0 != "\t" } ?? s.endIndex
        let end = s.lastIndex { $0 != " " && $0 != "\t" }.map { s.index(after: $0) } ?? start
        return s[start..<Swift.max(start, end)]
    }
}
