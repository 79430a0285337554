import Foundation
@testable import Kernel

/// The seeded generator of the extmark tests.
typealias ExtmarkRNG = SplitMix64

extension SplitMix64 {
    /// The seed from `WEFT_SEED`, or one derived from the clock.
    static func testSeed() -> UInt64 { seed() }
}

/// The plain model the store is checked against: an unordered dictionary of
/// marks, where every edit maps every position by brute force.
struct ShadowExtmarks {
    struct Key: Hashable { var ns: Int; var id: Int }

    var marks: [Key: Extmark] = [:]
    /// The keys of `marks` in creation order (dictionary order is not
    /// reproducible across runs, this is).
    var keys: [Key] = []
    var nextID: [Int: Int] = [:]

    mutating func set(ns: NamespaceID, id: Int?, start: Position, end: Position?,
                      decoration: Decoration = Decoration(), rightGravity: Bool, endRightGravity: Bool) -> Int {
        let next = nextID[ns.raw, default: 1]
        let markID = id ?? next
        if markID >= next { nextID[ns.raw] = markID + 1 }
        let key = Key(ns: ns.raw, id: markID)
        if marks[key] == nil { keys.append(key) }
        marks[key] = Extmark(
            id: markID, ns: ns, start: start, end: end, decoration: decoration,
            rightGravity: rightGravity, endRightGravity: endRightGravity)
        return markID
    }

    mutating func delete(ns: NamespaceID, id: Int) -> Bool {
        let key = Key(ns: ns.raw, id: id)
        keys.removeAll { $0 == key }
        return marks.removeValue(forKey: key) != nil
    }

    mutating func clear(ns: NamespaceID?, rows: Range<Int>) -> Int {
        let doomed = marks.filter { (ns == nil || $0.value.ns == ns) && rows.contains($0.value.start.row) }
        for key in doomed.keys { marks[key] = nil }
        keys.removeAll { doomed[$0] != nil }
        return doomed.count
    }

    /// The specified edit rule, applied to one position.
    static func map(_ p: Position, right: Bool, _ s: Position, _ oe: Position, _ ne: Position) -> Position {
        if p < s { return p }
        if p > oe {
            if p.row == oe.row { return Position(row: ne.row, col: ne.col + p.col - oe.col) }
            return Position(row: p.row + ne.row - oe.row, col: p.col)
        }
        return right && ne != s ? ne : s
    }

    mutating func splice(start s: Position, oldEnd oe: Position, newEnd ne: Position) {
        for (key, var m) in marks {
            m.start = Self.map(m.start, right: m.rightGravity, s, oe, ne)
            m.end = m.end.map { Self.map($0, right: m.endRightGravity, s, oe, ne) }
            marks[key] = m
        }
    }

    /// A mark as the store reports it (end never before start).
    static func reported(_ m: Extmark) -> Extmark {
        var r = m
        r.end = m.end.map { max($0, m.start) }
        return r
    }

    func get(ns: NamespaceID, id: Int) -> Extmark? {
        marks[Key(ns: ns.raw, id: id)].map(Self.reported)
    }

    func list(ns: NamespaceID?, from: Position, to: Position, limit: Int?, overlap: Bool) -> [Extmark] {
        guard from <= to else { return [] }
        let all = marks.values.map(Self.reported).filter { ns == nil || $0.ns == ns }
        let before = overlap ? all.filter { m in
            m.start < from && (m.end.map { $0 >= from } ?? false)
        } : []
        let inside = all.filter { $0.start >= from && $0.start <= to }
        let result = Self.sorted(before) + Self.sorted(inside)
        guard let limit, limit >= 0 else { return result }
        return Array(result.prefix(limit))
    }

    /// Sorted by start, ns, id (sorting keys, not whole marks, for speed).
    static func sorted(_ marks: [Extmark]) -> [Extmark] {
        let order = marks.indices.sorted { i, j in
            let a = marks[i], b = marks[j]
            if a.start != b.start { return a.start < b.start }
            return a.ns != b.ns ? a.ns < b.ns : a.id < b.id
        }
        return order.map { marks[$0] }
    }

    var all: [Extmark] { list(ns: nil, from: Position(row: 0, col: 0),
                              to: Position(row: Int.max, col: Int.max), limit: nil, overlap: false) }
}
