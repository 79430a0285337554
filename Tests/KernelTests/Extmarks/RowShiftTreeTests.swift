import Testing
@testable import Kernel

/// RowShiftTree against a plain array of shifts: random adds, growth while
/// clean, shrinking, and drains. Replay with `WEFT_SEED=<seed>`.
@Suite struct RowShiftTreeTests {
    @Test func emptyAndCleanTreesShiftNothing() {
        var t = RowShiftTree()
        #expect(t.count == 0)
        #expect(t.isClean)
        t.add(from: 0, 5)  // out of range: ignored
        #expect(t.isClean)
        t.grow(); t.grow()
        t.add(from: 1, 0)  // zero: still clean
        #expect(t.isClean)
        #expect(t.shift(at: 0) == 0 && t.shift(at: 1) == 0)
    }

    @Test func addShiftsEveryLaterIndex() {
        var t = RowShiftTree()
        for _ in 0..<4 { t.grow() }
        t.add(from: 1, 5)
        t.add(from: 3, -2)
        #expect((0..<4).map { t.shift(at: $0) } == [0, 5, 5, 3])
        #expect(t.drain() == [0, 5, 5, 3])
        #expect(t.isClean)
        #expect((0..<4).map { t.shift(at: $0) } == [0, 0, 0, 0])
        t.shrink()
        #expect(t.count == 3)
    }

    @Test func matchesPlainArray() {
        let base = ExtmarkRNG.testSeed()
        print("RowShiftTreeTests WEFT_SEED=\(base)")
        var rng = ExtmarkRNG(seed: base)
        var t = RowShiftTree()
        var plain: [Int] = []
        for step in 0..<4000 {
            switch rng.below(10) {
            case 0...1:
                let drained = t.drain()
                if drained != plain {
                    Issue.record("WEFT_SEED=\(base) step \(step): drained \(drained) vs \(plain)")
                    return
                }
                plain = Array(repeating: 0, count: plain.count)
                if rng.chance(60) || plain.isEmpty { t.grow(); plain.append(0) } else { t.shrink(); plain.removeLast() }
            default:
                guard !plain.isEmpty else { t.grow(); plain.append(0); continue }
                let b = rng.below(plain.count), d = rng.below(21) - 10
                t.add(from: b, d)
                for k in b..<plain.count { plain[k] += d }
            }
            let got = (0..<plain.count).map { t.shift(at: $0) }
            if got != plain {
                Issue.record("WEFT_SEED=\(base) step \(step): \(got) vs \(plain)")
                return
            }
        }
    }
}
