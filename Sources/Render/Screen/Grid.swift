#if canImport(Glibc)
import Glibc
#endif
/// A rectangle of cells: what a window draws into and what the screen
/// shows. A value type; copies are cheap until written (copy-on-write
/// arrays).
///
/// Cells are stored row-major with no per-cell allocation (see `Cell`).
/// Clusters longer than 8 UTF-8 bytes are interned in a per-grid side
/// table. Drawing goes through `put`/`fill`, which keep the wide-character
/// invariant: a cell of width 2 is always followed by its continuation
/// cell, and a continuation cell always follows a width-2 cell.
///
///     var g = Grid(width: 6, height: 1)
///     g.put(text: "a中b", row: 0, col: 0, style: .default)
///     g.rowText(0)  // "a中b  "
public struct Grid: Sendable {
    /// Number of columns.
    public internal(set) var width: Int
    /// Number of rows.
    public internal(set) var height: Int
    /// Row-major cells, `width * height` of them.
    var cells: [Cell]
    /// Clusters too long to pack into a cell.
    var clusters = ClusterTable()

    /// A grid of blanks in `style`. Negative sizes count as 0.
    public init(width: Int, height: Int, style: StyleID = .default) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank(style), count: self.width * self.height)
    }

    /// A grid showing `lines`, one per row, as wide as the widest line;
    /// for tests (like ratatui's `Buffer::with_lines`).
    public init(lines: [String], style: StyleID = .default) {
        let widths = lines.map { line in line.reduce(0) { $0 + max(1, ClusterWidth.of(String($1))) } }
        self.init(width: widths.max() ?? 0, height: lines.count, style: style)
        for (row, line) in lines.enumerated() { put(text: line, row: row, col: 0, style: style) }
    }

    /// The grid's size.
    public var size: Size { Size(width: width, height: height) }

    /// The cell at (row, col); a default blank outside the grid.
    public subscript(row: Int, col: Int) -> Cell {
        guard contains(row: row, col: col) else { return .blank() }
        return cells[row * width + col]
    }

    /// The cluster shown at (row, col): "" for a continuation cell or
    /// outside the grid.
    public func cluster(row: Int, col: Int) -> String {
        guard contains(row: row, col: col) else { return "" }
        return text(of: cells[row * width + col])
    }

    /// Whether (row, col) is inside the grid.
    public func contains(row: Int, col: Int) -> Bool {
        row >= 0 && row < height && col >= 0 && col < width
    }

    /// The text of one cell of this grid.
    func text(of cell: Cell) -> String {
        if cell.isExternal { return clusters.string(at: cell.externalIndex) }
        var bytes: [UInt8] = []
        Cell.appendInline(cell.glyph, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the UTF-8 bytes of a cell of this grid to `out`.
    func appendBytes(of cell: Cell, to out: inout [UInt8]) {
        if cell.isExternal {
            out.append(contentsOf: clusters.string(at: cell.externalIndex).utf8)
        } else {
            Cell.appendInline(cell.glyph, to: &out)
        }
    }

    /// The number of UTF-8 bytes of a cell of this grid.
    func byteCount(of cell: Cell) -> Int {
        cell.isExternal ? clusters.string(at: cell.externalIndex).utf8.count : Cell.inlineCount(cell.glyph)
    }

    /// Whether cell `i` of this grid and cell `j` of `other` show the same
    /// cluster in the same style and width.
    public func sameCell(_ i: Int, in other: Grid, _ j: Int) -> Bool {
        let a = cells[i], b = other.cells[j]
        guard a.style.raw == b.style.raw, a.width == b.width else { return false }
        if a.glyph == b.glyph, a.glyph >> 56 != 0xFF { return true }
        guard a.isExternal, b.isExternal else { return false }
        return clusters.string(at: a.externalIndex) == other.clusters.string(at: b.externalIndex)
    }

    /// Whether row `r` of this grid and row `s` of `other` (of the same
    /// width) are the same, cell for cell as `sameCell` decides. A tight
    /// loop over the cell storage: the encoder asks this of every row of
    /// every frame, and most rows have not changed.
    public func rowEquals(_ r: Int, _ other: Grid, _ s: Int) -> Bool {
        let w = width
        guard w == other.width, r >= 0, s >= 0, r < height, s < other.height else { return false }
        guard w > 0 else { return true }
        if clusters.strings.isEmpty || other.clusters.strings.isEmpty {
            // No side-table clusters on one side: equal cells are equal
            // bytes (Cell has no padding), so one memcmp decides.
            return cells.withUnsafeBytes { a in
                other.cells.withUnsafeBytes { b in
                    let stride = MemoryLayout<Cell>.stride
                    return memcmp(a.baseAddress! + r * w * stride, b.baseAddress! + s * w * stride, w * stride) == 0
                }
            }
        }
        return cells.withUnsafeBufferPointer { a in
            other.cells.withUnsafeBufferPointer { b in
                var i = r * w, j = s * w
                let end = i + w
                while i < end {
                    let x = a[i], y = b[j]
                    if x.glyph != y.glyph || x.style.raw != y.style.raw || x.width != y.width || x.isExternal {
                        if !sameCell(i, in: other, j) { return false }
                    }
                    i += 1
                    j += 1
                }
                return true
            }
        }
    }
}

// MARK: - Equatable, Hashable

extension Grid: Equatable, Hashable {
    public static func == (a: Grid, b: Grid) -> Bool {
        guard a.width == b.width, a.height == b.height else { return false }
        for i in a.cells.indices where !a.sameCell(i, in: b, i) { return false }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(width)
        hasher.combine(height)
        for cell in cells { hashCell(cell, into: &hasher) }
    }

    /// Hashes a cell by content, so equal cells of different grids agree.
    /// A cheap 64-bit hash of a cell's content (the same for equal cells of
    /// different grids): scroll detection hashes every row of two frames,
    /// where `Hasher` cost more than the rest of the row diff.
    @inline(__always)
    func cellHash(_ cell: Cell) -> UInt64 {
        let glyph = cell.isExternal ? UInt64(bitPattern: Int64(clusters.string(at: cell.externalIndex).hashValue)) : cell.glyph
        return glyph ^ (UInt64(cell.style.raw) << 8 | UInt64(cell.width)) &* 0x9E37_79B9_7F4A_7C15
    }

    func hashCell(_ cell: Cell, into hasher: inout Hasher) {
        hasher.combine(cell.style)
        hasher.combine(cell.width)
        if cell.isExternal {
            hasher.combine(clusters.string(at: cell.externalIndex))
        } else {
            hasher.combine(cell.glyph)
        }
    }
}

/// Interned long clusters of one grid.
struct ClusterTable: Sendable {
    private(set) var strings: [String] = []
    private var index: [String: UInt32] = [:]

    /// The glyph value referring to `s`, interning it if new.
    mutating func glyph(for s: String) -> UInt64 {
        if let i = index[s] { return 0xFF << 56 | UInt64(i) }
        let i = UInt32(strings.count)
        strings.append(s)
        index[s] = i
        return 0xFF << 56 | UInt64(i)
    }

    /// The string at `i`; "" when out of range (never for a valid cell).
    func string(at i: Int) -> String { i < strings.count ? strings[i] : "" }

    /// Forgets all clusters (only when no cell refers to them).
    mutating func removeAll() {
        strings.removeAll()
        index.removeAll()
    }
}
