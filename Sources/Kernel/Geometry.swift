/// A position on a grid or in a buffer: 0-based row and column.
public struct Position: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var row: Int
    public var col: Int

    public init(row: Int, col: Int) {
        self.row = row
        self.col = col
    }

    public static func < (a: Position, b: Position) -> Bool {
        a.row != b.row ? a.row < b.row : a.col < b.col
    }

    public var description: String { "(\(row),\(col))" }
}

/// A size in terminal cells.
public struct Size: Hashable, Sendable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    public var description: String { "\(width)x\(height)" }
}

/// A rectangle of terminal cells: top-left corner plus size. Width and height
/// are never negative.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var row: Int
    public var col: Int
    public var width: Int
    public var height: Int

    public init(row: Int, col: Int, width: Int, height: Int) {
        self.row = row
        self.col = col
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public init(size: Size) {
        self.init(row: 0, col: 0, width: size.width, height: size.height)
    }

    public var size: Size { Size(width: width, height: height) }
    public var bottom: Int { row + height }
    public var right: Int { col + width }
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// Whether the cell at (row, col) lies inside this rectangle.
    public func contains(row r: Int, col c: Int) -> Bool {
        r >= row && r < bottom && c >= col && c < right
    }

    /// The overlap of two rectangles (empty when they do not meet).
    public func intersection(_ other: Rect) -> Rect {
        let top = max(row, other.row), left = max(col, other.col)
        let b = min(bottom, other.bottom), r = min(right, other.right)
        return Rect(row: top, col: left, width: r - left, height: b - top)
    }

    /// This rectangle shrunk by `n` cells on every side (never negative).
    public func inset(by n: Int) -> Rect {
        Rect(row: row + n, col: col + n, width: width - 2 * n, height: height - 2 * n)
    }

    public var description: String { "\(width)x\(height)@\(row),\(col)" }
}
