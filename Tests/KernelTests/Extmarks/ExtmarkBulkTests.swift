import Testing
@testable import Kernel

/// `ExtmarkStore.add` (the plain-mark path) and `clear` of many marks (the
/// bulk removal, which cuts the blocks anew) against ShadowExtmarks, with
/// ranged, multi-row and layout marks in several namespaces mixed in.
/// Replay a failure with `WEFT_SEED=<seed> swift test --filter ExtmarkBulkTests`.
@Suite struct ExtmarkBulkTests {
    @Test(arguments: [12, 400])
    func wideClearsMatchShadowModel(rows: Int) throws {
        let base = ExtmarkRNG.testSeed()
        var driver = ExtmarkRandomTests.Driver(rng: ExtmarkRNG(seed: base &+ 77 &+ UInt64(rows)), rows: rows)
        for round in 0..<12 {
            for _ in 0..<600 { try driver.randomSet() }
            for _ in 0..<600 { driver.randomAdd() }
            for _ in 0..<40 { driver.randomSplice() }
            if let problem = driver.compareState() {
                Issue.record("WEFT_SEED=\(base) rows \(rows) round \(round) before clear: \(problem)")
                return
            }
            let n: NamespaceID? = round % 3 == 0 ? nil : driver.ns()
            let lo = round % 4 == 0 ? 0 : Int.random(in: 0..<rows, using: &driver.rng)
            let r = lo..<(round % 2 == 0 ? Int.max : lo + rows / 2)
            let before = driver.store.count
            let cleared = driver.store.clear(ns: n, rows: r)
            #expect(cleared == driver.shadow.clear(ns: n, rows: r), "WEFT_SEED=\(base)")
            if let problem = driver.compareState() {
                Issue.record("WEFT_SEED=\(base) rows \(rows) round \(round) after clearing \(cleared) of \(before): \(problem)")
                return
            }
            // Edits after the blocks were cut anew.
            for _ in 0..<200 { _ = try driver.step() }
            if let problem = driver.compareState() {
                Issue.record("WEFT_SEED=\(base) rows \(rows) round \(round) after steps: \(problem)")
                return
            }
        }
    }

    @Test func addGivesTheNextIDAndAPlainDecoration() throws {
        let s = ExtmarkStore()
        let ns = NamespaceID(1)
        #expect(s.add(ns: ns, start: Position(row: 3, col: 1), hl: "Title") == 1)
        try s.set(ns: ns, id: 10, start: Position(row: 0, col: 0))
        #expect(s.add(ns: ns, start: Position(row: 0, col: 0)) == 11)
        #expect(s.get(ns: ns, id: 1)?.decoration == Decoration(hl: "Title"))
        #expect(s.get(ns: ns, id: 11)?.decoration == Decoration())
        // After Int.max - 1 the next id is Int.max, and stays Int.max: the
        // second add replaces the mark the first made.
        try s.set(ns: ns, id: Int.max - 1, start: Position(row: 1, col: 0))
        #expect(s.add(ns: ns, start: Position(row: 2, col: 0), hl: "X") == Int.max)
        #expect(s.add(ns: ns, start: Position(row: 4, col: 0), hl: "Y") == Int.max)
        #expect(s.get(ns: ns, id: Int.max)?.start == Position(row: 4, col: 0))
        #expect(s.get(ns: ns, id: Int.max)?.decoration == Decoration(hl: "Y"))
        #expect(s.count == 5)
        #expect(s.checkInvariants() == [])
    }
}

extension ExtmarkRandomTests.Driver {
    /// A plain mark through `add` (the shadow sets the same).
    mutating func randomAdd() {
        let n = ns()
        let start = pos()
        let rg = Int.random(in: 0..<3, using: &rng) != 0
        let hl: String? = Bool.random(using: &rng) ? "Title" : nil
        _ = store.add(ns: n, start: start, hl: hl, rightGravity: rg)
        _ = shadow.set(ns: n, id: nil, start: start, end: nil, decoration: Decoration(hl: hl),
                       rightGravity: rg, endRightGravity: false)
    }
}
