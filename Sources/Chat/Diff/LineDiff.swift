/// One step of an edit script turning old lines into new lines.
public enum DiffOp: Hashable, Sendable {
    /// Old line `old` and new line `new` are the same.
    case equal(old: Int, new: Int)
    /// Old line `old` is removed.
    case delete(old: Int)
    /// New line `new` is inserted.
    case insert(new: Int)
}

/// The line-level edit script between two texts.
///
/// Lines are compared by their UTF-8 bytes (not by Unicode canonical
/// equivalence: a change from a precomposed "é" to "e" + U+0301 is a
/// change). The algorithm, cheapest first:
/// 1. the common head and tail are cut off;
/// 2. the rest is split at anchors, lines that occur exactly once on each
///    side, kept in the longest run that is in order on both sides (the
///    patience diff's idea), so scattered edits become small segments;
/// 3. each segment is diffed with the standard library's
///    `CollectionDifference` (Myers' algorithm), unless it is larger than
///    ``maxSegmentCells`` (lines × lines): then it is shown replaced
///    wholesale, which is correct, just not minimal, and never slow.
public enum LineDiff {
    /// The largest segment (old lines × new lines) diffed exactly.
    public static let maxSegmentCells = 4_000_000

    /// The edit script from `old` to `new`, in order.
    public static func script<S: StringProtocol>(old: [S], new: [S]) -> [DiffOp] {
        var ids: [[UInt8]: Int] = [:]
        func id(_ s: S) -> Int {
            let key = Array(s.utf8)
            if let i = ids[key] { return i }
            let i = ids.count
            ids[key] = i
            return i
        }
        return script(ids: old.map(id), new.map(id))
    }

    /// The edit script between two sequences of line ids.
    static func script(ids old: [Int], _ new: [Int]) -> [DiffOp] {
        var head = 0
        while head < old.count, head < new.count, old[head] == new[head] { head += 1 }
        var tail = 0
        while tail < old.count - head, tail < new.count - head,
              old[old.count - 1 - tail] == new[new.count - 1 - tail] { tail += 1 }
        var ops = (0..<head).map { DiffOp.equal(old: $0, new: $0) }
        var i = head, j = head
        for (a, b) in anchors(old, new, from: (head, head), to: (old.count - tail, new.count - tail)) + [(old.count - tail, new.count - tail)] {
            ops += segment(old, new, old: i..<a, new: j..<b)
            if a < old.count - tail { ops.append(.equal(old: a, new: b)) }
            i = a + 1
            j = b + 1
        }
        for k in 0..<tail {
            ops.append(.equal(old: old.count - tail + k, new: new.count - tail + k))
        }
        return ops
    }

    /// Pairs of positions of lines unique on both sides within the ranges,
    /// the longest chain increasing on both sides.
    static func anchors(_ old: [Int], _ new: [Int], from: (Int, Int), to: (Int, Int)) -> [(Int, Int)] {
        guard to.0 - from.0 > 1 || to.1 - from.1 > 1 else { return [] }
        var countOld: [Int: Int] = [:], countNew: [Int: Int] = [:], whereNew: [Int: Int] = [:]
        for i in from.0..<to.0 { countOld[old[i], default: 0] += 1 }
        for j in from.1..<to.1 {
            countNew[new[j], default: 0] += 1
            whereNew[new[j]] = j
        }
        let pairs = (from.0..<to.0).compactMap { i -> (Int, Int)? in
            countOld[old[i]] == 1 && countNew[old[i]] == 1 ? (i, whereNew[old[i]]!) : nil
        }
        return longestIncreasing(pairs)
    }

    /// The longest subsequence of `pairs` (ascending in .0) that is also
    /// ascending in .1 (patience sorting, O(n log n)).
    private static func longestIncreasing(_ pairs: [(Int, Int)]) -> [(Int, Int)] {
        var tops: [Int] = []          // index into pairs of each pile's top
        var back = [Int](repeating: -1, count: pairs.count)
        for (k, p) in pairs.enumerated() {
            var lo = 0, hi = tops.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if pairs[tops[mid]].1 < p.1 { lo = mid + 1 } else { hi = mid }
            }
            if lo > 0 { back[k] = tops[lo - 1] }
            if lo == tops.count { tops.append(k) } else { tops[lo] = k }
        }
        var out: [(Int, Int)] = []
        var k = tops.last ?? -1
        while k >= 0 {
            out.append(pairs[k])
            k = back[k]
        }
        return out.reversed()
    }

    /// The script for one segment between anchors.
    private static func segment(_ old: [Int], _ new: [Int], old a: Range<Int>, new b: Range<Int>) -> [DiffOp] {
        if a.isEmpty || b.isEmpty || a.count * b.count > maxSegmentCells {
            return a.map { .delete(old: $0) } + b.map { .insert(new: $0) }
        }
        let difference = Array(new[b]).difference(from: Array(old[a]))
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        // Walk both sides: removals come before insertions at the same
        // place, and unchanged lines pair up in order.
        var ops: [DiffOp] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, removed.contains(i) {
                ops.append(.delete(old: a.lowerBound + i)); i += 1
            } else if j < b.count, inserted.contains(j) {
                ops.append(.insert(new: b.lowerBound + j)); j += 1
            } else {
                ops.append(.equal(old: a.lowerBound + i, new: b.lowerBound + j)); i += 1; j += 1
            }
        }
        return ops
    }
}
