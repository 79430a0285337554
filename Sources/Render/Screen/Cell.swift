/// One screen cell: a grapheme cluster, its style and its width, in 16
/// bytes with no heap allocation.
///
/// The cluster's UTF-8 bytes are packed into `glyph` (little-endian, up to
/// 8 bytes, unused bytes zero). Longer clusters live in the owning grid's
/// side table and `glyph` holds `0xFF << 56 | index` (0xFF never occurs in
/// UTF-8). The right half of a wide character is a continuation cell: width
/// 0, glyph 0, same style as its left half.
///
/// Because of the side table, the text of a cell is only meaningful with
/// its grid: read it with `Grid.cluster(row:col:)`, compare cells of two
/// grids with `Grid.sameCell`.
public struct Cell: Hashable, Sendable {
    /// Packed cluster bytes or a side-table reference (see the type doc).
    var glyph: UInt64
    /// The cell's style in the grid's `HighlightTable`.
    public var style: StyleID
    /// 1 or 2 for a cell that starts a character, 0 for the right half of
    /// a wide character.
    public internal(set) var width: UInt8
    /// Always zero: named so the 16 bytes have no padding, which lets rows
    /// of cells be compared with memcmp (``Grid/rowEquals(_:_:_:)``).
    private var reserved8: UInt8 = 0
    private var reserved16: UInt16 = 0

    init(glyph: UInt64, style: StyleID, width: UInt8) {
        self.glyph = glyph
        self.style = style
        self.width = width
    }

    /// A space in `style`.
    public static func blank(_ style: StyleID = .default) -> Cell {
        Cell(glyph: 0x20, style: style, width: 1)
    }

    /// The right half of a wide character drawn in `style`.
    static func continuation(_ style: StyleID) -> Cell {
        Cell(glyph: 0, style: style, width: 0)
    }

    /// Whether this is the right half of a wide character.
    public var isContinuation: Bool { width == 0 }

    /// Whether the cluster is a single space.
    public var isSpace: Bool { glyph == 0x20 }

    /// Whether the cluster is stored in the grid's side table.
    var isExternal: Bool { glyph >> 56 == 0xFF }

    /// The side-table index of an external cluster.
    var externalIndex: Int { Int(glyph & 0xFFFF_FFFF) }

    /// The packed form of `utf8` when it fits inline (1-8 bytes, no NUL).
    static func pack<C: Collection>(_ utf8: C) -> UInt64? where C.Element == UInt8 {
        guard !utf8.isEmpty, utf8.count <= 8 else { return nil }
        var value: UInt64 = 0
        var shift: UInt64 = 0
        for byte in utf8 {
            if byte == 0 { return nil }
            value |= UInt64(byte) << shift
            shift += 8
        }
        return value
    }

    /// Appends the inline bytes of a packed glyph to `out`.
    static func appendInline(_ glyph: UInt64, to out: inout [UInt8]) {
        var g = glyph
        while g != 0 {
            out.append(UInt8(truncatingIfNeeded: g))
            g >>= 8
        }
    }

    /// The number of UTF-8 bytes of an inline glyph.
    static func inlineCount(_ glyph: UInt64) -> Int {
        glyph == 0 ? 0 : 8 - glyph.leadingZeroBitCount / 8
    }
}
