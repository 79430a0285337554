/// Pending row shifts of `ExtmarkTable`'s blocks, as a Fenwick tree (binary
/// indexed tree) over block indexes.
///
/// An edit that moves every block from index `b` on by `d` rows is one
/// `add(from: b, d)`, O(log B), instead of touching each later block. The
/// shift of block `b` is the sum of every `add` at an index at or below `b`:
/// `shift(at: b)`, O(log B). While nothing was added (`isClean`) every shift
/// is 0 and both calls return at once.
///
/// Inserting or removing a block would renumber the indexes, so the table
/// first folds the shifts into the blocks (`drain`, O(B), leaving the tree
/// clean) and then grows or shrinks the clean tree by one (`grow`,
/// `shrink`, O(1)). Blocks are only inserted or removed by splits and merges
/// (about one per `maxBlockSize / 2` mark insertions or removals), which
/// already cost O(B) for the array move.
///
/// ```swift
/// var t = RowShiftTree()
/// for _ in 0..<4 { t.grow() }
/// t.add(from: 1, 5)
/// t.shift(at: 0)   // 0
/// t.shift(at: 3)   // 5
/// t.drain()        // [0, 5, 5, 5], and the tree is clean again
/// ```
struct RowShiftTree {
    /// 1-based Fenwick array: `tree[i]` covers indexes (i - lowbit(i), i].
    /// `tree[0]` is unused.
    private var tree: [Int] = [0]
    /// True when every shift is 0.
    private(set) var isClean = true

    /// Number of blocks covered.
    var count: Int { tree.count - 1 }

    /// Adds `d` to the shift of every block at index `b` or later.
    mutating func add(from b: Int, _ d: Int) {
        guard d != 0, b >= 0, b < count else { return }
        isClean = false
        tree.withUnsafeMutableBufferPointer { t in
            var i = b + 1
            while i < t.count {
                t[i] &+= d
                i += i & -i
            }
        }
    }

    /// The shift of block `b`: the sum of every `add` at an index <= b.
    @inline(__always)
    func shift(at b: Int) -> Int {
        if isClean { return 0 }
        return tree.withUnsafeBufferPointer { t in
            var i = min(b + 1, t.count - 1), s = 0
            while i > 0 {
                s &+= t[i]
                i -= i & -i
            }
            return s
        }
    }

    /// Every block's shift in index order, then a clean tree of the same
    /// size. O(B): undoes the Fenwick sums into plain differences (from the
    /// top index down), then adds them up.
    mutating func drain() -> [Int] {
        var shifts = [Int](repeating: 0, count: count)
        guard !isClean else { return shifts }
        tree.withUnsafeMutableBufferPointer { t in
            var i = t.count - 1
            while i >= 1 {
                let j = i + (i & -i)
                if j < t.count { t[j] &-= t[i] }
                i -= 1
            }
            var sum = 0
            for k in 1..<t.count {
                sum &+= t[k]
                shifts[k - 1] = sum
                t[k] = 0
            }
        }
        isClean = true
        return shifts
    }

    /// Covers one more block. Only valid while clean (all shifts 0).
    mutating func grow() {
        precondition(isClean, "RowShiftTree.grow needs a drained tree")
        tree.append(0)
    }

    /// Covers one block fewer. Only valid while clean (all shifts 0).
    mutating func shrink() {
        precondition(isClean && count > 0, "RowShiftTree.shrink needs a drained, non-empty tree")
        tree.removeLast()
    }
}
