import Kernel
import Testing
@testable import Render

/// Scroll detection's two ways of voting for a shift (see
/// FrameEncoder+Scroll.swift): direct row comparison for frames where a few
/// rows changed, a hash table of rows for the rest. They must agree.
@Suite struct ScrollVoteTests {
    private let encoder = FrameEncoder(terminfo: .xterm, colorMode: .truecolor, highlights: HighlightTable())

    /// A grid whose row `r` shows `rows[r]` ("" leaves it blank).
    private func grid(_ rows: [String], width: Int = 12) -> Grid {
        var g = Grid(width: width, height: rows.count)
        for (r, text) in rows.enumerated() where !text.isEmpty { g.put(text: text, row: r, col: 0, style: .default) }
        return g
    }

    /// A reply's last lines moving up one row under a blank screen: four
    /// rows change, so the votes come from direct comparison.
    @Test func aFewChangedRowsFindTheScrollByDirectComparison() {
        let blank = Array(repeating: "", count: 26)
        let base = grid(blank + ["", "x", "y", "z"])
        let next = grid(blank + ["x", "y", "z", "w"])
        let changed = (0..<30).filter { !base.rowEquals($0, next, $0) }
        #expect(changed.count <= FrameEncoder.directVoteRows)
        #expect(encoder.directVotes(base: base, next: next, changedRows: changed) == [1: 3])
        #expect(encoder.scrollCandidate(base: base, next: next) == ScrollMove(top: 0, bottom: 29, count: 1))
    }

    /// Random frames from a small set of lines (so rows repeat and match
    /// at several shifts): both ways cast the same votes.
    @Test func directAndHashedVotesAgree() {
        let seed = SplitMix64.seed()
        var rng = SplitMix64(seed: seed)
        let lines = ["", "alpha", "beta", "gamma", "delta", "alpha beta"]
        for _ in 0..<300 {
            let h = Int(rng.next() % 12) + 3
            let base = grid((0..<h).map { _ in lines[Int(rng.next() % UInt64(lines.count))] })
            let next = grid((0..<h).map { _ in lines[Int(rng.next() % UInt64(lines.count))] })
            let changed = (0..<h).filter { !base.rowEquals($0, next, $0) }
            let direct = encoder.directVotes(base: base, next: next, changedRows: changed)
            let hashed = encoder.hashedVotes(base: base, next: next, changedRows: changed)
            #expect(direct == hashed, "seed \(seed): \(base) -> \(next)")
        }
    }

    /// Random frames where a scroll may or may not pay: the frame keeps a
    /// scroll only when it is shorter, so its bytes never exceed the plain
    /// encoding's, and a frame without a scroll is the plain encoding byte
    /// for byte (the plain encoding stops early once it is the longer one,
    /// and must not be cut short when it is not).
    @Test func aScrollIsKeptOnlyWhenShorter() {
        let seed = SplitMix64.seed()
        var rng = SplitMix64(seed: seed)
        let lines = ["", "alpha", "beta gamma delta", "epsilon zeta eta theta iota", "kappa", "lambda mu nu xi"]
        var scrolls = 0, plains = 0
        for _ in 0..<300 {
            let h = Int(rng.next() % 14) + 3
            let width = Int(rng.next() % 30) + 8
            let rows = (0..<(h + 4)).map { _ in lines[Int(rng.next() % UInt64(lines.count))] }
            let k = Int(rng.next() % 4)
            var nextRows = Array(rows[k..<(k + h)])
            for _ in 0..<Int(rng.next() % 3) { nextRows[Int(rng.next() % UInt64(h))] = lines[Int(rng.next() % 6)] }
            let base = grid(Array(rows[0..<h]), width: width), next = grid(nextRows, width: width)
            var scrolling = FrameEncoder(terminfo: .xterm, colorMode: .truecolor, highlights: HighlightTable())
            scrolling.synchronizedOutput = false  // its bracket is added after the choice
            var plain = scrolling
            plain.useScrollRegions = false
            _ = scrolling.encode(next: base, cursor: nil, cursorVisible: false)
            _ = plain.encode(next: base, cursor: nil, cursorVisible: false)
            let a = scrolling.encode(next: next, cursor: nil, cursorVisible: false)
            let b = plain.encode(next: next, cursor: nil, cursorVisible: false)
            if scrolling.lastFrame.scrolledRows == 0 {
                plains += 1
                #expect(a == b, "seed \(seed): \(base) -> \(next)")
            } else {
                scrolls += 1
                #expect(a.count < b.count, "seed \(seed): \(base) -> \(next)")
            }
        }
        #expect(scrolls > 20 && plains > 20, "seed \(seed): \(scrolls) scrolls, \(plains) plain")
    }
}
