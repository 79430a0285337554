/// A layout tree as plain data: what `layout.get()` returns and
/// `layout.set(tree)` takes.
///
/// A node's `size` (cells) or `weight` is its share of its container along
/// the container's axis; when both are given, `size` wins; when neither is,
/// the weight is 1. The root's size is ignored.
///
/// ```swift
/// // +------+------+
/// // |      | 1001 |
/// // | 1000 +------+
/// // |      | 1002 |
/// // +------+------+
/// let spec = LayoutSpec.container(kind: .row, children: [
///     .leaf(win: WindowID(1000), size: 30),
///     .container(kind: .col, children: [.leaf(win: WindowID(1001)), .leaf(win: WindowID(1002))]),
/// ])
/// ```
public indirect enum LayoutSpec: Hashable, Sendable {
    /// A container laying `children` out along `kind` (`.row`: left to right,
    /// `.col`: top to bottom).
    case container(kind: LayoutAxis, children: [LayoutSpec], size: Int? = nil, weight: Double? = nil)
    /// A window.
    case leaf(win: WindowID, size: Int? = nil, weight: Double? = nil)

    /// The fixed size in cells, if any.
    public var size: Int? {
        switch self {
        case .container(_, _, let size, _), .leaf(_, let size, _): return size
        }
    }

    /// The weight, if any.
    public var weight: Double? {
        switch self {
        case .container(_, _, _, let weight), .leaf(_, _, let weight): return weight
        }
    }

    /// The size this node asks for: `size` cells if given, else `weight`,
    /// else weight 1. Not validated (see `LayoutTree.validated`).
    public var sizeSpec: SizeSpec {
        if let size { return .cells(size) }
        return .weight(weight ?? 1)
    }

    /// The windows named in this spec, in layout order (duplicates kept).
    public var windows: [WindowID] {
        switch self {
        case .leaf(let win, _, _): return [win]
        case .container(_, let children, _, _): return children.flatMap(\.windows)
        }
    }
}

// MARK: - Minimum size

extension LayoutSpec {
    /// The smallest area in which every fixed `size` can be honoured: along a
    /// container's axis the children's needs add up (a child needs at least
    /// its own `size`); across it the largest need wins. Weights need nothing.
    public var minimumSize: Size {
        minimumSize(depth: 0)
    }

    private func minimumSize(depth: Int) -> Size {
        guard case .container(let kind, let children, _, _) = self, depth <= LayoutTree.maxDepth else {
            return Size(width: 0, height: 0)
        }
        var along = 0, across = 0
        for child in children {
            let need = child.minimumSize(depth: depth + 1)
            let own = max(0, child.size ?? 0)
            let childAlong = max(own, kind == .row ? need.width : need.height)
            along = Self.saturatingAdd(along, childAlong)
            across = max(across, kind == .row ? need.height : need.width)
        }
        return kind == .row ? Size(width: along, height: across) : Size(width: across, height: along)
    }

    private static func saturatingAdd(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }
}

// MARK: - CustomStringConvertible

extension LayoutSpec: CustomStringConvertible {
    /// A compact one-line form for test failures, e.g.
    /// `row[1000 30c, col[1001 w1, 1002 w1] w1]`.
    public var description: String {
        var suffix = ""
        if let size { suffix = " \(size)c" } else if let weight { suffix = " w\(Self.format(weight))" }
        switch self {
        case .leaf(let win, _, _):
            return "\(win.raw)\(suffix)"
        case .container(let kind, let children, _, _):
            return "\(kind.rawValue)[\(children.map(\.description).joined(separator: ", "))]\(suffix)"
        }
    }

    private static func format(_ w: Double) -> String {
        w == w.rounded() && abs(w) < 1e15 ? String(Int(w)) : String(w)
    }
}
