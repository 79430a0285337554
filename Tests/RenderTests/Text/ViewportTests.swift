import Testing
import Kernel
@testable import Render

/// Counts calls to a row-count closure.
private final class CallCounter {
    var calls = 0
}

private func port(_ rows: [Int], height: Int) -> Viewport {
    Viewport(lineCount: rows.count, height: height) { rows[$0] }
}

private func view(_ top: Int, _ skip: Int, follow: Bool = false) -> WindowView {
    WindowView(topline: top, skip: skip, follow: follow)
}

@Suite struct ViewportTests {
    // Line rows:   0:1  1:3  2:2  3:1  4:4   (11 rows in all)
    let rows = [1, 3, 2, 1, 4]

    @Test func tailPutsTheLastRowAtTheBottom() {
        #expect(port(self.rows, height: 5).toTail() == view(3, 0, follow: true))
        #expect(port(self.rows, height: 6).toTail() == view(2, 1, follow: true))
        #expect(port(self.rows, height: 4).toTail() == view(4, 0, follow: true))
        #expect(port(self.rows, height: 2).toTail() == view(4, 2, follow: true))
        #expect(port(self.rows, height: 50).toTail() == view(0, 0, follow: true))
        #expect(port([], height: 5).toTail() == view(0, 0, follow: true))
    }

    @Test func scrollDownIsClampedAtTheTail() {
        let p = port(self.rows, height: 6)
        #expect(p.scroll(view(0, 0), by: 1) == view(1, 0))
        #expect(p.scroll(view(0, 0), by: 2) == view(1, 1))
        #expect(p.scroll(view(0, 0), by: 4) == view(2, 0))
        #expect(p.scroll(view(0, 0), by: 5) == view(2, 1, follow: true))
        #expect(p.scroll(view(0, 0), by: 100) == view(2, 1, follow: true))
        #expect(p.scroll(view(0, 0), by: Int.max) == view(2, 1, follow: true))
    }

    @Test func scrollUpDropsFollow() {
        let p = port(self.rows, height: 6)
        let tail = p.toTail()
        #expect(p.scroll(tail, by: -1) == view(2, 0))
        #expect(p.scroll(tail, by: -2) == view(1, 2))
        #expect(p.scroll(tail, by: -100) == view(0, 0))
        #expect(p.scroll(tail, by: Int.min) == view(0, 0))
        // Scrolling back down to the tail sets follow again.
        #expect(p.scroll(p.scroll(tail, by: -3), by: 3) == tail)
    }

    @Test func contentThatFitsIsAlwaysAtTheTail() {
        let p = port([1, 2], height: 5)
        #expect(p.scroll(view(0, 0), by: 3) == view(0, 0, follow: true))
        #expect(p.scroll(view(0, 0), by: -3) == view(0, 0, follow: true))
        #expect(p.visibleLines(view(1, 1)) == [
            VisibleLine(line: 0, firstRow: 0, rowCount: 1, screenRow: 0),
            VisibleLine(line: 1, firstRow: 0, rowCount: 2, screenRow: 1),
        ])
    }

    @Test func pageScrollsHeightMinusTwo() {
        let p = port(Array(repeating: 1, count: 100), height: 10)
        #expect(p.page(view(0, 0), by: 1) == view(8, 0))
        #expect(p.page(view(0, 0), by: 2) == view(16, 0))
        #expect(p.page(view(20, 0), by: -1) == view(12, 0))
        #expect(p.page(view(0, 0), by: 50) == view(90, 0, follow: true))
        #expect(p.page(view(5, 0), by: Int.min) == view(0, 0))
        #expect(port([1, 1, 1, 1, 1], height: 1).page(view(0, 0), by: 1) == view(1, 0))
    }

    @Test func visibleLinesCoverTheHeight() {
        let p = port(self.rows, height: 6)
        #expect(p.visibleLines(view(1, 1)) == [
            VisibleLine(line: 1, firstRow: 1, rowCount: 2, screenRow: 0),
            VisibleLine(line: 2, firstRow: 0, rowCount: 2, screenRow: 2),
            VisibleLine(line: 3, firstRow: 0, rowCount: 1, screenRow: 4),
            VisibleLine(line: 4, firstRow: 0, rowCount: 1, screenRow: 5),
        ])
        #expect(port(self.rows, height: 2).visibleLines(view(4, 1)) == [
            VisibleLine(line: 4, firstRow: 1, rowCount: 2, screenRow: 0),
        ])
        #expect(port(self.rows, height: 0).visibleLines(view(0, 0)).isEmpty)
        #expect(port([], height: 5).visibleLines(view(0, 0)).isEmpty)
    }

    @Test func clampRepairsOutOfRangeViews() {
        let p = port(self.rows, height: 6)
        #expect(p.clamp(view(-3, -1)) == view(0, 0))
        #expect(p.clamp(view(1, 99)) == view(1, 2))
        #expect(p.clamp(view(99, 0)) == view(2, 1, follow: true))
        #expect(p.clamp(view(0, 0, follow: true)) == p.toTail())
        #expect(p.isAtTail(view(2, 1)))
        #expect(!p.isAtTail(view(2, 0)))
    }

    @Test func followTracksAppendedLines() {
        var lines = Array(repeating: 1, count: 10)
        var state = port(lines, height: 4).toTail()
        lines += [2, 3]
        state = port(lines, height: 4).clamp(state)
        #expect(state == view(10, 1, follow: true))
        // Not following: appended lines do not move the view.
        let up = port(lines, height: 4).scroll(state, by: -2)
        lines += [1, 1]
        #expect(port(lines, height: 4).clamp(up) == up)
    }

    @Test func revealScrollsMinimally() {
        let p = port(Array(repeating: 2, count: 50), height: 6)
        #expect(p.reveal(view(10, 0), line: 11, row: 1) == view(10, 0))
        #expect(p.reveal(view(10, 0), line: 4, row: 1) == view(4, 1))
        // Below: the row becomes the bottom row.
        #expect(p.reveal(view(10, 0), line: 20, row: 0) == view(17, 1))
        #expect(p.reveal(view(10, 0), line: 99) == view(46, 1))
        #expect(p.reveal(view(10, 0), line: 99, row: 99) == p.toTail())
    }

    /// Every operation calls the row-count closure O(height + |amount|)
    /// times on a 1,000,000-line buffer.
    @Test func workIsBoundedByTheVisibleRows() {
        let counter = CallCounter()
        let height = 50
        let p = Viewport(lineCount: 1_000_000, height: height) { line in
            counter.calls += 1
            return 1 + line % 3
        }
        func calls(_ body: () -> Void) -> Int {
            counter.calls = 0
            body()
            return counter.calls
        }
        let bound = 4 * height + 10
        let middle = view(500_000, 1)
        #expect(calls { _ = p.toTail() } <= height + 1)
        #expect(calls { _ = p.clamp(middle) } <= bound)
        #expect(calls { _ = p.scroll(middle, by: 7) } <= bound + 7)
        #expect(calls { _ = p.scroll(middle, by: -7) } <= bound + 7)
        #expect(calls { _ = p.scroll(p.toTail(), by: -300) } <= bound + 300)
        #expect(calls { _ = p.page(middle, by: 1) } <= bound + height)
        #expect(calls { _ = p.page(middle, by: -1) } <= bound + height)
        #expect(calls { _ = p.visibleLines(middle) } <= bound)
        #expect(calls { _ = p.reveal(middle, line: 900_000) } <= bound + height)
        #expect(calls { _ = p.reveal(middle, line: 3) } <= bound + height)
        #expect(p.visibleLines(middle).reduce(0) { $0 + $1.rowCount } == height)
    }

    /// A frame settles a following view at the tail, then lists the
    /// visible lines (which clamps it again): each line is measured once.
    @Test func aFrameMeasuresEachLineOnce() {
        let counter = CallCounter()
        let p = Viewport(lineCount: 1_000, height: 50) { line in
            counter.calls += 1
            return 1 + line % 3
        }
        let visible = p.visibleLines(p.tail())
        #expect(visible.count > 20)
        #expect(counter.calls == visible.count)
        // A new viewport (the next frame) measures again.
        let next = Viewport(lineCount: 1_000, height: 50) { line in
            counter.calls += 1
            return 1 + line % 3
        }
        _ = next.tail()
        #expect(counter.calls == 2 * visible.count)
    }

    /// Randomised against a shadow model that numbers every row.
    @Test func matchesAbsoluteRowModel() {
        let seed = TextRNG.seed()
        var rng = TextRNG(seed: seed)
        for _ in 0..<300 {
            let rows = (0..<Int.random(in: 1...12, using: &rng)).map { _ in Int.random(in: 1...4, using: &rng) }
            let height = Int.random(in: 1...10, using: &rng)
            let p = port(rows, height: height)
            var positions: [(Int, Int)] = []
            for (line, count) in rows.enumerated() { for r in 0..<count { positions.append((line, r)) } }
            let maxTop = max(0, positions.count - height)
            let start = Int.random(in: 0...maxTop, using: &rng)
            let amount = Int.random(in: -15...15, using: &rng)
            let expected = min(max(0, start + amount), maxTop)
            let result = p.scroll(view(positions[start].0, positions[start].1), by: amount)
            let note: Comment = "seed \(seed) rows \(rows) height \(height) start \(start) by \(amount)"
            #expect(result.topline == positions[expected].0 && result.skip == positions[expected].1, note)
            #expect(result.follow == (expected == maxTop), note)
            let shown = p.visibleLines(result).reduce(0) { $0 + $1.rowCount }
            #expect(shown == min(height, positions.count - expected), note)
        }
    }
}
