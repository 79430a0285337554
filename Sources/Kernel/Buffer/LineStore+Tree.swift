// The tree algorithms of LineStore: building, insertion with overflow
// splitting, and range removal with underflow merging. See the comment at
// the top of LineStore.swift for the representation and costs.

extension LineStore {
    /// Which side of a split node keeps its entries when it overflows.
    enum SplitBias {
        /// Full pieces from the left: the node grew at its end (appends).
        case left
        /// Full pieces from the right: the node grew at its start.
        case right
        /// Pieces of equal size: the node grew in the middle.
        case even
    }

    /// The sizes of the pieces `total` entries are cut into: each at most
    /// `max`, and at least `min` when there is more than one.
    static func pieceSizes(_ total: Int, max: Int, min: Int, bias: SplitBias) -> [Int] {
        guard total > max else { return [total] }
        let n = (total + max - 1) / max
        switch bias {
        case .even:
            let base = total / n, extra = total % n
            return (0..<n).map { $0 < extra ? base + 1 : base }
        case .left, .right:
            var sizes = Array(repeating: max, count: n - 1) + [total - max * (n - 1)]
            if sizes[n - 1] < min {
                sizes[n - 2] -= min - sizes[n - 1]
                sizes[n - 1] = min
            }
            return bias == .left ? sizes : sizes.reversed()
        }
    }

    /// A tree holding `lines`, leaves and internal nodes filled completely.
    static func build(_ lines: [String]) -> LineNode {
        var level: [LineNode] = []
        var start = 0
        for n in pieceSizes(lines.count, max: leafMax, min: leafMin, bias: .left) {
            level.append(LineNode(lines: Array(lines[start..<(start + n)])))
            start += n
        }
        while level.count > 1 {
            var next: [LineNode] = []
            start = 0
            for n in pieceSizes(level.count, max: innerMax, min: innerMin, bias: .left) {
                next.append(LineNode(children: Array(level[start..<(start + n)])))
                start += n
            }
            level = next
        }
        return level[0]
    }

    /// Cuts an overflowing node into pieces: `node` keeps the first, the
    /// others are returned (new nodes to place right after it). Pieces get
    /// arrays of exactly their size.
    static func splitIfNeeded(_ node: LineNode, bias: SplitBias) -> [LineNode] {
        let leaf = node.height == 0
        // Most edits leave the node within bounds: no piece list to build.
        guard node.size > (leaf ? leafMax : innerMax) else { return [] }
        let sizes = pieceSizes(node.size, max: leaf ? leafMax : innerMax,
                               min: leaf ? leafMin : innerMin, bias: bias)
        guard sizes.count > 1 else { return [] }
        var extra: [LineNode] = []
        var start = sizes[0]
        for n in sizes.dropFirst() {
            extra.append(leaf ? LineNode(lines: Array(node.lines[start..<(start + n)]))
                              : LineNode(children: Array(node.children[start..<(start + n)])))
            start += n
        }
        if leaf {
            node.lines = Array(node.lines[0..<sizes[0]])
        } else {
            node.children = Array(node.children[0..<sizes[0]])
            node.counts = Array(node.counts[0..<sizes[0]])
        }
        node.count -= extra.reduce(0) { $0 + $1.count }
        return extra
    }

    /// Inserts `new` before line `index` (0...node.count) of the uniquely
    /// owned `node`; returns the siblings an overflow split off.
    static func insert(_ new: [String], at index: Int, into node: LineNode) -> [LineNode] {
        node.count += new.count
        if node.height == 0 {
            let bias: SplitBias = index == node.lines.count ? .left : (index == 0 ? .right : .even)
            if new.count == 1 {
                node.lines.insert(new[0], at: index)
            } else {
                node.lines.insert(contentsOf: new, at: index)
            }
            return splitIfNeeded(node, bias: bias)
        }
        // A boundary index goes to the end of the earlier child (appends
        // stay in the last leaf).
        var i = index, k = 0
        while i > node.counts[k] { i -= node.counts[k]; k += 1 }
        unique(&node.children[k])
        let extra = insert(new, at: i, into: node.children[k])
        node.counts[k] = node.children[k].count
        guard !extra.isEmpty else { return [] }
        node.children.insert(contentsOf: extra, at: k + 1)
        node.counts.insert(contentsOf: extra.map(\.count), at: k + 1)
        let last = k + extra.count == node.children.count - 1
        return splitIfNeeded(node, bias: last ? .left : (k == 0 ? .right : .even))
    }

    /// Removes lines `r` (within 0..<node.count, not all of them) from the
    /// uniquely owned `node`, then merges children left too small.
    static func remove(_ r: Range<Int>, from node: LineNode) {
        node.count -= r.count
        if node.height == 0 {
            node.lines.removeSubrange(r)
            return
        }
        var start = 0, k = 0
        var dropped: Range<Int>? = nil
        var boundary = -1
        while k < node.children.count && start < r.upperBound {
            let n = node.counts[k]
            let lo = Swift.max(r.lowerBound, start), hi = Swift.min(r.upperBound, start + n)
            if lo == start && hi == start + n {
                dropped = (dropped?.lowerBound ?? k)..<(k + 1)
            } else if lo < hi {
                unique(&node.children[k])
                remove((lo - start)..<(hi - start), from: node.children[k])
                node.counts[k] = node.children[k].count
                if boundary < 0 { boundary = k }
            }
            start += n
            k += 1
        }
        if let dropped {
            node.children.removeSubrange(dropped)
            node.counts.removeSubrange(dropped)
            if boundary < 0 || boundary > dropped.lowerBound { boundary = dropped.lowerBound }
        }
        mergeSmallChildren(node, around: boundary)
    }

    /// Merges the children of `node` near `b` (at most two were cut by a
    /// removal: `b - 1 ... b + 1` after dropping whole ones) that hold
    /// fewer than the minimum, each with a neighbour; a merge that
    /// overflows is split evenly again.
    static func mergeSmallChildren(_ node: LineNode, around b: Int) {
        var i = Swift.max(0, b - 1)
        while i < Swift.min(node.children.count, b + 2) && node.children.count > 1 {
            let child = node.children[i]
            let small = child.height == 0 ? child.size < leafMin : child.size < innerMin
            guard small else { i += 1; continue }
            let a = i + 1 < node.children.count ? i : i - 1
            mergeChild(a, withNext: node)
            i = Swift.max(0, a - 1)
        }
    }

    /// Moves the entries of child `a + 1` to the end of child `a`. Internal
    /// children meet at a junction where a child too small may now have a
    /// neighbour it lacked (a removal can leave a lone small child under a
    /// parent with no other child): those are merged too.
    static func mergeChild(_ a: Int, withNext node: LineNode) {
        unique(&node.children[a])
        let left = node.children[a], right = node.children[a + 1]
        if left.height == 0 {
            left.lines.append(contentsOf: right.lines)
            left.count += right.count
        } else {
            let junction = left.children.count
            left.children.append(contentsOf: right.children)
            left.counts.append(contentsOf: right.counts)
            left.count += right.count
            mergeSmallChildren(left, around: junction)
        }
        node.children.remove(at: a + 1)
        node.counts.remove(at: a + 1)
        let extra = splitIfNeeded(left, bias: .even)
        node.counts[a] = left.count
        node.children.insert(contentsOf: extra, at: a + 1)
        node.counts.insert(contentsOf: extra.map(\.count), at: a + 1)
    }
}
