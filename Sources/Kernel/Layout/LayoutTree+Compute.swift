// MARK: - Computing rectangles
//
// Algorithm. Each container splits its extent along its axis among its
// children (the cross extent is passed down unchanged):
//   1. Children with a fixed size (`.cells(n)`) are served first, in order:
//      each gets min(n, what is left), so fixed sizes that do not fit are
//      shrunk from the last one backwards (later ones get less, or zero).
//   2. What is left is shared by the weighted children in proportion to
//      their weights. Child i ends at floor(left * cumulativeWeight_i / total),
//      so rounding is spread evenly and the last weighted child ends exactly
//      at `left`: it takes the rounding remainder.
//   3. If no child is weighted, the last child takes whatever the fixed
//      sizes left unused, so the children always tile the container exactly.
// Sizes are never negative; an area of 0x0 gives every window a 0x0 rect.

extension LayoutTree {
    /// The screen rectangle of every window when the tree fills `area`.
    ///
    /// Every window in the tree gets an entry; the rects tile `area` exactly
    /// (no overlaps, no gaps). Windows may get zero width or height when the
    /// area is too small. Never traps, for any area.
    public func compute(in area: Rect) -> [WindowID: Rect] {
        var out: [WindowID: Rect] = [:]
        out.reserveCapacity(leaves.count)
        place(root, in: area, depth: 0, into: &out)
        return out
    }

    /// Lays node `id` out in `area`, recursing into containers.
    private func place(_ id: LayoutNodeID, in area: Rect, depth: Int, into out: inout [WindowID: Rect]) {
        guard let node = nodes[id], depth <= nodes.count else { return }
        switch node.content {
        case .leaf(let w):
            out[w] = area
        case .container(let axis, let kids):
            let sizes = kids.map { nodes[$0]?.size ?? .defaultWeight }
            let extent = axis == .row ? area.width : area.height
            var offset = 0
            for (kid, length) in zip(kids, Self.distribute(extent, among: sizes)) {
                let sub = axis == .row
                    ? Rect(row: area.row, col: area.col + offset, width: length, height: area.height)
                    : Rect(row: area.row + offset, col: area.col, width: area.width, height: length)
                place(kid, in: sub, depth: depth + 1, into: &out)
                offset += length
            }
        }
    }

    /// Splits `extent` cells among children of the given sizes (see the
    /// algorithm above). The result has one non-negative entry per size and
    /// sums to `max(0, extent)` whenever `sizes` is not empty.
    static func distribute(_ extent: Int, among sizes: [SizeSpec]) -> [Int] {
        var result = Array(repeating: 0, count: sizes.count)
        guard !sizes.isEmpty else { return result }
        var left = max(0, extent)
        var weighted: [(index: Int, weight: Double)] = []
        for (i, size) in sizes.enumerated() {
            switch size {
            case .cells(let n):
                let give = min(max(0, n), left)
                result[i] = give
                left -= give
            case .weight(let w):
                weighted.append((i, w.isFinite && w > 0 ? w : 1))
            }
        }
        guard !weighted.isEmpty else {
            result[sizes.count - 1] += left
            return result
        }
        let total = weighted.reduce(0) { $0 + $1.weight }
        var cumulative = 0.0
        var previousEnd = 0
        for (k, entry) in weighted.enumerated() {
            cumulative += entry.weight
            var end = left
            if k < weighted.count - 1 {
                let exact = Double(left) * (cumulative / total)
                end = exact.isNaN ? previousEnd
                    : exact >= Double(left) ? left
                    : max(previousEnd, Int(exact.rounded(.down)))
            }
            result[entry.index] = end - previousEnd
            previousEnd = end
        }
        return result
    }
}
