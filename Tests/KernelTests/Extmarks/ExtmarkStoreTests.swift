import Testing
@testable import Kernel

/// Shorthand for a position.
func mp(_ row: Int, _ col: Int) -> Position { Position(row: row, col: col) }

private let ns1 = NamespaceID(1)
private let ns2 = NamespaceID(2)

/// A store with point marks in ns1 at `positions` (ids 1, 2, ...).
private func store(_ positions: [Position], right: Bool = true) throws -> ExtmarkStore {
    let s = ExtmarkStore()
    for p in positions { try s.set(ns: ns1, start: p, rightGravity: right) }
    return s
}

/// Start positions of ns1 marks 1...n.
private func starts(_ s: ExtmarkStore, _ n: Int) -> [Position?] {
    (1...n).map { s.get(ns: ns1, id: $0)?.start }
}

@Suite struct ExtmarkGravityTests {
    @Test func insertAtMarkRespectsGravity() throws {
        let s = ExtmarkStore()
        let r = try s.set(ns: ns1, start: mp(0, 3))
        let l = try s.set(ns: ns1, start: mp(0, 3), rightGravity: false)
        s.splice(start: mp(0, 3), oldEnd: mp(0, 3), newEnd: mp(0, 5))
        #expect(s.get(ns: ns1, id: r)?.start == mp(0, 5))
        #expect(s.get(ns: ns1, id: l)?.start == mp(0, 3))
        #expect(s.checkInvariants() == [])
    }

    @Test func insertBeforeAndAfterOnSameLine() throws {
        let s = try store([mp(0, 2), mp(0, 6), mp(1, 0)])
        s.splice(start: mp(0, 4), oldEnd: mp(0, 4), newEnd: mp(0, 7))
        #expect(starts(s, 3) == [mp(0, 2), mp(0, 9), mp(1, 0)])
    }

    @Test func rangedMarkDefaultGravities() throws {
        let s = ExtmarkStore()
        let id = try s.set(ns: ns1, start: mp(0, 2), end: mp(0, 6))
        s.splice(start: mp(0, 2), oldEnd: mp(0, 2), newEnd: mp(0, 4))  // at start: start moves
        #expect(s.get(ns: ns1, id: id)?.start == mp(0, 4))
        #expect(s.get(ns: ns1, id: id)?.end == mp(0, 8))
        s.splice(start: mp(0, 8), oldEnd: mp(0, 8), newEnd: mp(0, 9))  // at end: end stays
        #expect(s.get(ns: ns1, id: id)?.end == mp(0, 8))
    }

    @Test func endBeforeStartIsReportedAsStart() throws {
        let s = ExtmarkStore()
        let id = try s.set(ns: ns1, start: mp(1, 0), end: mp(1, 0))
        s.splice(start: mp(1, 0), oldEnd: mp(1, 0), newEnd: mp(1, 3))
        #expect(s.get(ns: ns1, id: id)?.start == mp(1, 3))
        #expect(s.get(ns: ns1, id: id)?.end == mp(1, 3))
        #expect(s.checkInvariants() == [])
    }
}

@Suite struct ExtmarkEditTests {
    @Test func deleteCollapsesMarks() throws {
        let s = try store([mp(0, 2), mp(0, 4), mp(0, 6)])
        s.splice(start: mp(0, 1), oldEnd: mp(0, 5), newEnd: mp(0, 1))
        #expect(starts(s, 3) == [mp(0, 1), mp(0, 1), mp(0, 2)])
        #expect(s.count == 3)
    }

    @Test func markAtOldEndOfReplacement() throws {
        let s = ExtmarkStore()
        let r = try s.set(ns: ns1, start: mp(0, 5))
        let l = try s.set(ns: ns1, start: mp(0, 5), rightGravity: false)
        s.splice(start: mp(0, 1), oldEnd: mp(0, 5), newEnd: mp(0, 3))  // "abcd" -> "xy"
        #expect(s.get(ns: ns1, id: r)?.start == mp(0, 3))
        #expect(s.get(ns: ns1, id: l)?.start == mp(0, 1))
    }

    @Test func splitLine() throws {
        let s = ExtmarkStore()
        try s.set(ns: ns1, start: mp(2, 5))
        try s.set(ns: ns1, start: mp(2, 3))
        try s.set(ns: ns1, start: mp(2, 3), rightGravity: false)
        try s.set(ns: ns1, start: mp(2, 1))
        try s.set(ns: ns1, start: mp(4, 0))
        s.splice(start: mp(2, 3), oldEnd: mp(2, 3), newEnd: mp(3, 0))  // insert "\n"
        #expect(starts(s, 5) == [mp(3, 2), mp(3, 0), mp(2, 3), mp(2, 1), mp(5, 0)])
    }

    @Test func joinLines() throws {
        let s = try store([mp(1, 4), mp(2, 0), mp(2, 3), mp(3, 1), mp(0, 9)])
        s.splice(start: mp(1, 4), oldEnd: mp(2, 0), newEnd: mp(1, 4))  // delete "\n" after a 4-byte line
        #expect(starts(s, 5) == [mp(1, 4), mp(1, 4), mp(1, 7), mp(2, 1), mp(0, 9)])
        #expect(s.checkInvariants() == [])
    }

    @Test func deleteAcrossLines() throws {
        let s = try store([mp(0, 5), mp(1, 1), mp(1, 3), mp(2, 0), mp(3, 1), mp(3, 4), mp(4, 0)])
        s.splice(start: mp(1, 2), oldEnd: mp(3, 1), newEnd: mp(1, 2))
        #expect(starts(s, 7) == [mp(0, 5), mp(1, 1), mp(1, 2), mp(1, 2), mp(1, 2), mp(1, 5), mp(2, 0)])
    }

    @Test func replaceWithMultilineText() throws {
        let s = try store([mp(1, 6), mp(2, 0), mp(1, 1)])
        s.splice(start: mp(1, 2), oldEnd: mp(1, 4), newEnd: mp(3, 1))  // "cd" -> "a\nbc\nd"
        #expect(starts(s, 3) == [mp(3, 3), mp(4, 0), mp(1, 1)])
    }

    @Test func deleteWholeLines() throws {
        let s = try store([mp(1, 0), mp(2, 7), mp(3, 2), mp(5, 0), mp(0, 0)])
        s.splice(start: mp(1, 0), oldEnd: mp(3, 0), newEnd: mp(1, 0))
        #expect(starts(s, 5) == [mp(1, 0), mp(1, 0), mp(1, 2), mp(3, 0), mp(0, 0)])
    }

    @Test func badSpliceInputDoesNotTrap() throws {
        let s = try store([mp(1, 1), mp(2, 2)])
        s.splice(start: mp(2, 0), oldEnd: mp(1, 0), newEnd: mp(0, 0))  // clamped to an empty edit
        s.splice(start: mp(-5, -1), oldEnd: mp(-1, -1), newEnd: mp(-2, 0))
        #expect(starts(s, 2) == [mp(1, 1), mp(2, 2)])
        #expect(s.checkInvariants() == [])
    }
}

@Suite struct ExtmarkStoreAPITests {
    @Test func extremePositionsDoNotTrap() throws {
        let s = ExtmarkStore()
        for row in 0..<300 { try s.set(ns: ns1, start: mp(row, 0)) }
        s.splice(start: mp(0, 0), oldEnd: mp(5, 0), newEnd: mp(0, 0))      // later blocks: negative delta
        s.splice(start: mp(0, 0), oldEnd: mp(0, 0), newEnd: mp(Int.max, Int.max))
        #expect(s.list(from: mp(Int.min, Int.min), to: mp(Int.max, Int.max)).count == 300)
        #expect(s.list(from: mp(Int.max, 0)).isEmpty)
        #expect(s.list(rows: Int.min..<Int.max).count == 300)
        #expect(s.clear(ns: nil, rows: Int.min..<0) == 0)
        try s.set(ns: ns1, id: Int.max, start: mp(-3, Int.max))
        #expect(s.get(ns: ns1, id: Int.max)?.start == mp(0, 1 << 40))
        #expect(s.checkInvariants() == [])
        #expect(s.clear(ns: ns1) == 301)
    }

    @Test func namespacesAreIndependent() throws {
        let s = ExtmarkStore()
        #expect(try s.set(ns: ns1, start: mp(0, 0)) == 1)
        #expect(try s.set(ns: ns2, start: mp(5, 0)) == 1)
        #expect(try s.set(ns: ns2, start: mp(6, 0)) == 2)
        #expect(s.delete(ns: ns1, id: 1))
        #expect(s.get(ns: ns1, id: 1) == nil)
        #expect(s.get(ns: ns2, id: 1)?.start == mp(5, 0))
        #expect(s.list(ns: ns2).map(\.id) == [1, 2])
        #expect(s.list(ns: ns1).isEmpty)
    }

    @Test func idReuseAndAllocation() throws {
        let s = ExtmarkStore()
        #expect(try s.set(ns: ns1, id: 7, start: mp(0, 0)) == 7)
        #expect(try s.set(ns: ns1, start: mp(0, 0)) == 8)
        #expect(try s.set(ns: ns1, id: 7, start: mp(3, 3), end: mp(4, 0)) == 7)  // moved
        #expect(s.count == 2)
        #expect(s.get(ns: ns1, id: 7)?.start == mp(3, 3))
        try s.set(ns: ns1, id: 7, start: mp(1, 1))  // ranged -> point
        #expect(s.get(ns: ns1, id: 7)?.end == nil)
        #expect(s.delete(ns: ns1, id: 8))
        #expect(!s.delete(ns: ns1, id: 8))
        #expect(try s.set(ns: ns1, start: mp(0, 0)) == 9)  // deleted ids are not reused
        #expect(throws: KernelError.self) { try s.set(ns: ns1, id: 0, start: mp(0, 0)) }
        #expect(s.checkInvariants() == [])
    }

    @Test func decorationRoundTrips() throws {
        let s = ExtmarkStore()
        let deco = Decoration(hl: "Search", virtText: [VirtTextChunk("hi", hl: "Comment")],
                              virtTextPos: .rightAlign, virtLines: [[VirtTextChunk("x")]],
                              virtLinesAbove: true, priority: 10, lineHl: "CodeBlock")
        let id = try s.set(ns: ns1, start: mp(0, 0), end: mp(0, 2), decoration: deco,
                           rightGravity: false, endRightGravity: true)
        let m = s.get(ns: ns1, id: id)
        #expect(m == Extmark(id: id, ns: ns1, start: mp(0, 0), end: mp(0, 2), decoration: deco,
                             rightGravity: false, endRightGravity: true))
        #expect(Decoration().priority == 4096)
        #expect(Decoration().isEmpty && !deco.isEmpty)
    }

    @Test func clearByRows() throws {
        let s = ExtmarkStore()
        for row in 0..<10 {
            try s.set(ns: ns1, start: mp(row, 1))
            try s.set(ns: ns2, start: mp(row, 0))
        }
        try s.set(ns: ns1, id: 100, start: mp(2, 5), end: mp(7, 0))
        #expect(s.clear(ns: ns1, rows: 3..<6) == 3)
        #expect(s.list(ns: ns1, rows: 3..<6).isEmpty)
        #expect(s.list(ns: ns2, rows: 3..<6).count == 3)
        #expect(s.get(ns: ns1, id: 100) != nil)  // starts at row 2
        #expect(s.clear(ns: nil, rows: 5..<5) == 0)
        #expect(s.clear(ns: nil, rows: 0..<3) == 7)
        #expect(s.get(ns: ns1, id: 100) == nil)
        #expect(s.clear(ns: ns2) == 7)
        #expect(s.count == 4)
        #expect(s.checkInvariants() == [])
    }

    @Test func listOrderingAndLimits() throws {
        let s = ExtmarkStore()
        try s.set(ns: ns2, id: 1, start: mp(0, 0))
        try s.set(ns: ns1, id: 5, start: mp(0, 0))
        try s.set(ns: ns1, id: 3, start: mp(0, 0))
        try s.set(ns: ns1, id: 4, start: mp(0, 0))
        try s.set(ns: ns1, id: 1, start: mp(2, 0))
        try s.set(ns: ns1, id: 2, start: mp(1, 9), end: mp(3, 0))
        let key = { (m: Extmark) in "\(m.ns.raw):\(m.id)" }
        #expect(s.list().map(key) == ["1:3", "1:4", "1:5", "2:1", "1:2", "1:1"])
        #expect(s.list(limit: 2).map(key) == ["1:3", "1:4"])
        #expect(s.list(limit: 0).isEmpty)
        #expect(s.list(limit: -1).count == 6)
        #expect(s.list(from: mp(0, 1), to: mp(2, 0)).map(key) == ["1:2", "1:1"])  // inclusive
        #expect(s.list(from: mp(0, 1), to: mp(1, 9)).map(key) == ["1:2"])
        #expect(s.list(from: mp(2, 0), to: mp(1, 0)).isEmpty)
        #expect(s.list(rows: 1..<2).map(key) == ["1:2"])
    }

    @Test func overlapListing() throws {
        let s = ExtmarkStore()
        let long = try s.set(ns: ns1, start: mp(0, 0), end: mp(5, 0))
        try s.set(ns: ns1, start: mp(1, 0), end: mp(2, 0))
        let touching = try s.set(ns: ns2, start: mp(2, 4), end: mp(3, 0))
        try s.set(ns: ns1, start: mp(1, 5))
        let inside = try s.set(ns: ns1, start: mp(4, 0))
        #expect(s.list(rows: 3..<10).map(\.id) == [inside])
        #expect(s.list(rows: 3..<10, overlap: true).map(\.id) == [long, touching, inside])
        #expect(s.list(ns: ns1, rows: 3..<10, overlap: true).map(\.id) == [long, inside])
        #expect(s.list(rows: 3..<10, limit: 1, overlap: true).map(\.id) == [long])
        #expect(s.list(rows: 6..<10, overlap: true).isEmpty)
    }
}

/// `layoutMarkCount`: marks that can change a line's height, kept through
/// set, replace by id, delete and clear.
@Suite struct ExtmarkLayoutCountTests {
    @Test func countsLayoutMarksThroughEveryChange() throws {
        let s = ExtmarkStore()
        let a = try s.set(ns: ns1, start: mp(0, 0), decoration: Decoration(virtLines: [[VirtTextChunk("x")]]))
        _ = try s.set(ns: ns1, start: mp(1, 0), decoration: Decoration(hl: "Search"))
        _ = try s.set(ns: ns2, start: mp(2, 0), decoration: Decoration(virtText: [VirtTextChunk(">")]))
        _ = try s.set(ns: ns2, start: mp(3, 0), decoration: Decoration(noWrap: true))
        #expect(s.layoutMarkCount == 3)
        _ = try s.set(ns: ns1, id: a, start: mp(0, 0), decoration: Decoration(hl: "Search"))  // replaced
        #expect(s.layoutMarkCount == 2)
        #expect(s.clear(ns: ns2, rows: 2..<3) == 1)
        #expect(s.layoutMarkCount == 1)
        #expect(s.delete(ns: ns2, id: 2))
        #expect(s.layoutMarkCount == 0)
        #expect(s.checkInvariants() == [])
    }
}
