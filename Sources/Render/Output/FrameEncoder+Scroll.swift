/// A full-width vertical scroll the terminal can do for us.
struct ScrollMove: Hashable, Sendable {
    /// First and last row of the scrolled band (inclusive).
    var top: Int
    var bottom: Int
    /// Rows moved: positive = content moves up (like `ind`), negative =
    /// down (like `ri`).
    var count: Int
}

/// Scroll detection.
///
/// When several rows changed, each row of `next` is hashed and looked up
/// among the rows of `base`; every match votes for a shift `k` ("row r of
/// next is row r+k of base"). For the shift with most votes the longest run
/// of rows that really match after shifting gives a band; the terminal
/// scrolls that band (scroll region `csr` unless it is the whole screen,
/// then `indn`/`ind` or `rin`/`ri`) and the row diff paints the rest. The
/// caller encodes the frame with and without the scroll and keeps the
/// shorter, so a bad guess costs time, never bytes. A band shorter than an
/// eighth of the changed rows is not tried. Only full-width bands are
/// handled (side-by-side windows scroll by repainting).
extension FrameEncoder {
    /// The most promising scroll from `base` to `next`, or nil.
    func scrollCandidate(base: Grid, next: Grid) -> ScrollMove? {
        let h = next.height, w = next.width
        guard h >= 3, w > 0 else { return nil }
        var changed = 0
        for r in 0..<h where !Self.rowsEqual(next, r, base, r) { changed += 1 }
        guard changed >= 2 else { return nil }
        let baseHashes = (0..<h).map { Self.rowHash(base, $0) }
        var rowsByHash: [Int: [Int]] = [:]
        for r in 0..<h where !Self.isUniform(base, r) { rowsByHash[baseHashes[r], default: []].append(r) }
        var votes: [Int: Int] = [:]
        for r in 0..<h where !Self.isUniform(next, r) && !Self.rowsEqual(next, r, base, r) {
            for s in (rowsByHash[Self.rowHash(next, r)] ?? []).prefix(4) where s != r { votes[s - r, default: 0] += 1 }
        }
        guard let k = votes.max(by: { ($0.value, -abs($0.key)) < ($1.value, -abs($1.key)) })?.key,
              abs(k) < h else { return nil }
        var best: (start: Int, length: Int) = (0, 0)
        var runStart = -1
        let rows = k > 0 ? 0..<(h - k) : (-k)..<h
        for r in rows {
            if Self.rowsEqual(next, r, base, r + k) {
                if runStart < 0 { runStart = r }
                if r - runStart + 1 > best.length { best = (runStart, r - runStart + 1) }
            } else {
                runStart = -1
            }
        }
        // Trying a scroll costs a second encoding of the frame; when the
        // band that would match is small next to what changed (a page
        // scroll keeps 2 of 50 rows), it can save a few hundred bytes at
        // most, not worth encoding twice.
        guard best.length >= 1, best.length * 8 >= changed else { return nil }
        let a = best.start, b = best.start + best.length - 1
        return k > 0 ? ScrollMove(top: a, bottom: b + k, count: k) : ScrollMove(top: a + k, bottom: b, count: k)
    }

    /// Emits the scroll and applies it to `grid` (the terminal's content).
    mutating func emitScroll(_ scroll: ScrollMove, grid: inout Grid, into out: inout [UInt8]) {
        let h = grid.height
        let whole = scroll.top == 0 && scroll.bottom == h - 1
        guard whole || caps.ti.csr != nil else { return }
        setPen(.plain, into: &out)  // new rows get the default background
        if !whole, let csr = caps.ti.csr {
            csr.append(to: &out, scroll.top, scroll.bottom)
            cursor = nil
        }
        let n = abs(scroll.count)
        let edge = Position(row: scroll.count > 0 ? scroll.bottom : scroll.top, col: 0)
        let (multi, single) = scroll.count > 0 ? (caps.ti.indn, caps.ti.ind) : (caps.ti.rin, caps.ti.ri)
        let singleCost = single.map { moveCost(to: edge) + $0.format.count * n }
        if let multi, multi.length(n) <= (singleCost ?? Int.max) {
            multi.append(to: &out, n)
        } else if let single {
            move(to: edge, into: &out)
            for _ in 0..<n { single.append(to: &out) }
        } else {
            return
        }
        if !whole, let csr = caps.ti.csr {
            csr.append(to: &out, 0, h - 1)
            cursor = nil
        }
        grid.scroll(top: scroll.top, bottom: scroll.bottom, by: scroll.count)
    }

    /// Whether row `r` of `a` equals row `s` of `b`.
    static func rowsEqual(_ a: Grid, _ r: Int, _ b: Grid, _ s: Int) -> Bool {
        a.rowEquals(r, b, s)
    }

    /// A hash of the content of row `r` (equal rows of different grids hash
    /// alike).
    static func rowHash(_ g: Grid, _ r: Int) -> Int {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        let start = r * g.width
        for c in 0..<g.width {
            h = (h ^ g.cellHash(g.cells[start + c])) &* 0x0000_0100_0000_01B3
            h ^= h >> 29
        }
        return Int(truncatingIfNeeded: h)
    }

    /// Whether every cell of row `r` is the same (blank lines match
    /// everywhere and would cast meaningless votes).
    static func isUniform(_ g: Grid, _ r: Int) -> Bool {
        let first = g.cells[r * g.width]
        for c in 1..<max(1, g.width) where g.cells[r * g.width + c] != first { return false }
        return true
    }
}
