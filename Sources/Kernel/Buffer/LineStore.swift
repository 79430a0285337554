/*
 LineStore: the lines of a buffer in a B-tree of leaf chunks with counted
 nodes (in the spirit of Neovim's memline block tree and of ropes).

 Representation
 --------------
 Leaves hold up to `leafMax` lines as a plain `[String]`; internal nodes hold
 up to `innerMax` children, all at the same depth, with the line count of
 each child next to it (`counts`), so a line index is found by subtracting
 counts on the way down. Every node except the root holds at least
 `leafMin` lines / `innerMin` children, so the height is O(log n) and at
 least a quarter of each leaf is used.

 Costs (n lines, k lines inserted or removed)
 --------------------------------------------
 - `line(i)`: O(log n) (a descent; scans of at most 32 counts per level).
 - insert / remove / replace of k lines anywhere: O(log n + k). A whole
   subtree inside a removed range is dropped without visiting it.
 - iteration over a range: O(log n) to start, then O(1) per line.
 - building from an array: O(n), leaves filled completely.

 Memory per line is the 16-byte `String` (short lines are stored inline in
 it) plus about 2 bytes of node overhead when leaves are full. Splits of a
 leaf that grows at its end keep the left leaf full (appending line by line
 fills leaves to three quarters or more), and split leaves get arrays of
 exactly their size.

 Value semantics
 ---------------
 `LineStore` is a struct; nodes are shared between copies and copied on
 write along the path an edit walks (`isKnownUniquelyReferenced`), so a copy
 of the store is O(1) and stays unchanged (a snapshot for undo).
*/

/// The lines of a buffer: a balanced tree of leaf chunks with O(log n)
/// access, insertion and removal by line index, and O(1) copies (see the
/// comment at the top of LineStore.swift).
///
/// ```swift
/// var s = LineStore(["a", "b", "c"])
/// s.replaceSubrange(1..<2, with: ["x", "y"])   // a x y c
/// s[2]                                          // "y"
/// let snapshot = s; s.removeSubrange(0..<4)     // snapshot still holds 4 lines
/// ```
public struct LineStore {
    static let leafMax = 64
    static let leafMin = 16
    static let innerMax = 32
    static let innerMin = 8

    var root: LineNode

    /// An empty store (no lines).
    public init() { root = LineNode(lines: []) }

    /// A store holding `lines`, built bottom-up with full leaves.
    public init<C: Collection<String>>(_ lines: C) {
        root = Self.build(Array(lines))
    }

    /// The number of lines.
    public var count: Int { root.count }

    /// True when the store holds no line.
    public var isEmpty: Bool { root.count == 0 }

    /// The line at `index` (0 ..< count; traps outside, like an array).
    public subscript(index: Int) -> String {
        let (leaf, start) = leaf(containing: index)
        return leaf.lines[index - start]
    }

    /// The leaf holding line `index` and the index of its first line.
    /// O(log n). `index` must be in range.
    func leaf(containing index: Int) -> (leaf: LineNode, start: Int) {
        precondition(index >= 0 && index < root.count, "line index \(index) out of range (\(root.count) lines)")
        var node = root
        var i = index
        while node.height > 0 {
            var k = 0
            while i >= node.counts[k] { i -= node.counts[k]; k += 1 }
            node = node.children[k]
        }
        return (node, index - i)
    }

    /// All lines as an array (O(n)).
    public var lines: [String] { lines(in: 0..<count) }

    /// The lines in `range` as an array (O(log n + range.count)).
    public func lines(in range: Range<Int>) -> [String] {
        var out: [String] = []
        out.reserveCapacity(range.count)
        forEach(in: range) { out.append($0) }
        return out
    }

    /// Calls `body` with each line in `range`, in order, without copying
    /// the lines into an array.
    public func forEach(in range: Range<Int>, _ body: (String) throws -> Void) rethrows {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "range \(range) out of bounds (\(count) lines)")
        guard !range.isEmpty else { return }
        try Self.visit(root, range, body)
    }

    private static func visit(_ node: LineNode, _ r: Range<Int>, _ body: (String) throws -> Void) rethrows {
        if node.height == 0 {
            for i in r { try body(node.lines[i]) }
            return
        }
        var start = 0
        for k in 0..<node.children.count {
            let n = node.counts[k]
            let lo = Swift.max(r.lowerBound, start), hi = Swift.min(r.upperBound, start + n)
            if lo < hi { try visit(node.children[k], (lo - start)..<(hi - start), body) }
            start += n
            if start >= r.upperBound { return }
        }
    }

    // MARK: - Editing

    /// Replaces the lines in `range` with `newLines` (O(log n + k)).
    public mutating func replaceSubrange<C: Collection<String>>(_ range: Range<Int>, with newLines: C) {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "range \(range) out of bounds (\(count) lines)")
        if range.count == newLines.count && range.count <= 8 {
            var i = range.lowerBound
            for line in newLines { set(i, line); i += 1 }
            return
        }
        if !range.isEmpty { removeSubrange(range) }
        if !newLines.isEmpty { insert(contentsOf: newLines, at: range.lowerBound) }
    }

    /// Replaces the line at `index`.
    public mutating func set(_ index: Int, _ line: String) {
        precondition(index >= 0 && index < count, "line index \(index) out of range (\(count) lines)")
        Self.unique(&root)
        Self.assign(line, at: index, in: root)
    }

    private static func assign(_ line: String, at index: Int, in node: LineNode) {
        if node.height == 0 {
            node.lines[index] = line
            return
        }
        var i = index, k = 0
        while i >= node.counts[k] { i -= node.counts[k]; k += 1 }
        unique(&node.children[k])
        assign(line, at: i, in: node.children[k])
    }

    /// Appends `newLines` after the last line.
    public mutating func append<C: Collection<String>>(contentsOf newLines: C) {
        insert(contentsOf: newLines, at: count)
    }

    /// Inserts `newLines` before line `index` (`count` appends).
    public mutating func insert<C: Collection<String>>(contentsOf newLines: C, at index: Int) {
        precondition(index >= 0 && index <= count, "insert index \(index) out of range (\(count) lines)")
        guard !newLines.isEmpty else { return }
        if root.count == 0 {
            root = Self.build(Array(newLines))
            return
        }
        Self.unique(&root)
        var extra = Self.insert(Array(newLines), at: index, into: root)
        while !extra.isEmpty {
            let children = [root] + extra
            root = LineNode(children: children)
            extra = Self.splitIfNeeded(root, bias: .even)
        }
    }

    /// Removes the lines in `range` (O(log n + range.count); whole subtrees
    /// inside the range are dropped without being visited).
    public mutating func removeSubrange(_ range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "range \(range) out of bounds (\(count) lines)")
        guard !range.isEmpty else { return }
        if range.count == count {
            root = LineNode(lines: [])
            return
        }
        Self.unique(&root)
        Self.remove(range, from: root)
        while root.height > 0 && root.children.count == 1 { root = root.children[0] }
    }

    /// Copies `node` unless this store is its only owner.
    @inline(__always)
    static func unique(_ node: inout LineNode) {
        if !isKnownUniquelyReferenced(&node) { node = node.copy() }
    }
}

// MARK: - Sequence

extension LineStore: Sequence {
    /// Iterates the lines in order, one leaf at a time.
    public struct Iterator: IteratorProtocol {
        private var path: [(node: LineNode, next: Int)] = []
        private var leaf: [String] = []
        private var index = 0

        init(root: LineNode) {
            descend(root)
        }

        private mutating func descend(_ start: LineNode) {
            var node = start
            while node.height > 0 {
                path.append((node, 1))
                node = node.children[0]
            }
            leaf = node.lines
            index = 0
        }

        public mutating func next() -> String? {
            while index >= leaf.count {
                guard var top = path.popLast() else { return nil }
                if top.next < top.node.children.count {
                    let child = top.node.children[top.next]
                    top.next += 1
                    path.append(top)
                    descend(child)
                }
            }
            index += 1
            return leaf[index - 1]
        }
    }

    public func makeIterator() -> Iterator { Iterator(root: root) }

    public var underestimatedCount: Int { count }
}

extension LineStore: Equatable {
    /// Two stores are equal when they hold the same lines (tree shapes may differ).
    public static func == (a: LineStore, b: LineStore) -> Bool {
        a.root === b.root || (a.count == b.count && a.elementsEqual(b))
    }
}
