import Foundation
import Testing
@testable import Kernel

/// Randomised comparison of ExtmarkStore with ShadowExtmarks. Replay a
/// failure with `WEFT_SEED=<seed> swift test --filter ExtmarkRandomTests`.
@Suite struct ExtmarkRandomTests {
    /// Small coordinates so that marks collide, collapse and tie often.
    struct Driver {
        var rng: ExtmarkRNG
        let store = ExtmarkStore()
        var shadow = ShadowExtmarks()
        let rows: Int

        mutating func pos() -> Position {
            Position(row: Int.random(in: 0..<rows, using: &rng), col: Int.random(in: 0..<6, using: &rng))
        }

        mutating func ns() -> NamespaceID { NamespaceID(Int.random(in: 1...3, using: &rng)) }

        mutating func existingKey() -> (NamespaceID, Int) {
            if let key = shadow.keys.randomElement(using: &rng), Bool.random(using: &rng) {
                return (NamespaceID(key.ns), key.id)
            }
            return (ns(), Int.random(in: 1...60, using: &rng))
        }

        /// Applies one random operation to both models; returns a mismatch
        /// description or nil.
        mutating func step() throws -> String? {
            let roll = Int.random(in: 0..<100, using: &rng)
            switch roll {
            case 0..<35: try randomSet()
            case 35..<45:
                let (n, id) = existingKey()
                if store.delete(ns: n, id: id) != shadow.delete(ns: n, id: id) { return "delete \(n):\(id)" }
            case 45..<47:
                let n: NamespaceID? = Bool.random(using: &rng) ? ns() : nil
                let lo = Int.random(in: 0..<rows, using: &rng)
                let r = lo..<(lo + Int.random(in: 0...3, using: &rng))
                if store.clear(ns: n, rows: r) != shadow.clear(ns: n, rows: r) { return "clear \(r)" }
            case 47..<88: randomSplice()
            default: return randomList()
            }
            return nil
        }

        mutating func randomSet() throws {
            let n = ns()
            let id: Int? = Int.random(in: 0..<3, using: &rng) == 0 ? existingKey().1 : nil
            let start = pos()
            var end: Position?
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: end = nil
            case 1: end = pos()
            default:
                end = Position(row: start.row + Int.random(in: 0...3, using: &rng),
                               col: Int.random(in: 0..<6, using: &rng))
            }
            let rg = Int.random(in: 0..<3, using: &rng) != 0
            let erg = Bool.random(using: &rng)
            // Some marks change line heights: the store counts them, and
            // checkInvariants recounts (the shadow ignores decorations).
            let decoration: Decoration
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: decoration = Decoration(virtLines: [[VirtTextChunk("v")]])
            case 1: decoration = Decoration(noWrap: true)
            default: decoration = Decoration(hl: "X")
            }
            let a = try store.set(ns: n, id: id, start: start, end: end, decoration: decoration,
                                  rightGravity: rg, endRightGravity: erg)
            let b = shadow.set(ns: n, id: id, start: start, end: end, decoration: decoration,
                               rightGravity: rg, endRightGravity: erg)
            _ = (a, b)  // compared through full state
        }

        mutating func randomSplice() {
            let s = pos()
            let k = Int.random(in: 0...3, using: &rng)
            let c = Int.random(in: 0..<6, using: &rng)
            var oe = s, ne = s
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: ne = Position(row: s.row, col: s.col + k)               // insert in line
            case 1: ne = Position(row: s.row + max(1, k), col: c)           // insert lines
            case 2: oe = Position(row: s.row, col: s.col + k)               // delete in line
            case 3: oe = Position(row: s.row + max(1, k), col: c)           // delete across lines
            case 4: oe = Position(row: s.row + 1, col: 0)                   // join
            default:                                                         // replace
                oe = max(s, Position(row: s.row + Int.random(in: 0...2, using: &rng), col: c))
                ne = max(s, Position(row: s.row + Int.random(in: 0...2, using: &rng),
                                     col: Int.random(in: 0..<8, using: &rng)))
            }
            store.splice(start: s, oldEnd: oe, newEnd: ne)
            shadow.splice(start: s, oldEnd: oe, newEnd: ne)
        }

        mutating func randomList() -> String? {
            let from = pos(), to = Bool.random(using: &rng) ? pos() : Position(row: rows + 50, col: 0)
            let n: NamespaceID? = Bool.random(using: &rng) ? ns() : nil
            let limit: Int? = Bool.random(using: &rng) ? Int.random(in: -1...8, using: &rng) : nil
            let overlap = Bool.random(using: &rng)
            let got = store.list(ns: n, from: from, to: to, limit: limit, overlap: overlap)
            let want = shadow.list(ns: n, from: from, to: to, limit: limit, overlap: overlap)
            return got == want ? nil : "list \(from)-\(to) limit \(String(describing: limit)) overlap \(overlap): \(got) vs \(want)"
        }

        func compareState() -> String? {
            if store.count != shadow.marks.count || shadow.keys.count != shadow.marks.count { return "count \(store.count) vs \(shadow.marks.count)" }
            let got = store.list(), want = shadow.all
            if got != want {
                let i = zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(got.count, want.count)
                let g = i < got.count ? "\(got[i])" : "-", w = i < want.count ? "\(want[i])" : "-"
                return "state differs at \(i): \(g) vs \(w)"
            }
            let problems = store.checkInvariants()
            return problems.isEmpty ? nil : "invariants: \(problems.prefix(3))"
        }
    }

    /// Few rows make marks collide and tie; 400 rows with 800 marks spread
    /// them over dozens of blocks, so edits go through the row shift tree
    /// between splits and merges.
    @Test(arguments: [(12, 250), (40, 250), (400, 800)])
    func matchesShadowModel(rows: Int, initialMarks: Int) throws {
        let base = ExtmarkRNG.testSeed()
        let seed = base &+ UInt64(rows)
        print("ExtmarkRandomTests WEFT_SEED=\(base) (rows \(rows))")
        var driver = Driver(rng: ExtmarkRNG(seed: seed), rows: rows)
        for _ in 0..<initialMarks { try driver.randomSet() }
        for step in 0..<2500 {
            var problem = try driver.step()
            if problem == nil { problem = driver.compareState() }
            if let problem {
                Issue.record("WEFT_SEED=\(base) rows \(rows) step \(step): \(problem)")
                return
            }
        }
        print("ExtmarkRandomTests end: \(driver.store.count) marks in \(driver.store.table.blocks.count) blocks")
        #expect(driver.store.count > 0, "WEFT_SEED=\(base)")
    }
}
