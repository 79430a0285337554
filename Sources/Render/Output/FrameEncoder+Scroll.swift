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
    /// `changedRows` are the rows where the two differ, when the caller
    /// already knows them (``changedRows(base:next:)``).
    func scrollCandidate(base: Grid, next: Grid, changedRows known: [Int]? = nil) -> ScrollMove? {
        let h = next.height, w = next.width
        guard h >= 3, w > 0 else { return nil }
        let changedRows = known ?? Self.changedRows(base: base, next: next)
        let changed = changedRows.count
        guard changed >= 2 else { return nil }
        let votes = changed <= Self.directVoteRows ? directVotes(base: base, next: next, changedRows: changedRows)
                                                   : hashedVotes(base: base, next: next, changedRows: changedRows)
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

    /// Up to this many changed rows, votes compare rows directly instead
    /// of hashing every row of the frame: a streamed token changes a row or
    /// two, and hashing a 200x50 frame costs ~30 instructions a cell.
    static let directVoteRows = 8

    /// Votes for shifts: each changed, non-uniform row `r` of `next` votes
    /// `s - r` for the first four other rows `s` of `base` equal to it.
    /// Compares rows (memcmp, most stop at the first cells).
    func directVotes(base: Grid, next: Grid, changedRows: [Int]) -> [Int: Int] {
        var votes: [Int: Int] = [:]
        for r in changedRows where !Self.isUniform(next, r) {
            var matches = 0
            for s in 0..<base.height where s != r && Self.rowsEqual(next, r, base, s) {
                votes[s - r, default: 0] += 1
                matches += 1
                if matches == 4 { break }
            }
        }
        return votes
    }

    /// The same votes through a table of the rows of `base` by hash, for
    /// frames where many rows changed.
    func hashedVotes(base: Grid, next: Grid, changedRows: [Int]) -> [Int: Int] {
        var rowsByHash: [Int: [Int]] = [:]
        for r in 0..<base.height where !Self.isUniform(base, r) { rowsByHash[Self.rowHash(base, r), default: []].append(r) }
        var votes: [Int: Int] = [:]
        for r in changedRows where !Self.isUniform(next, r) {
            for s in (rowsByHash[Self.rowHash(next, r)] ?? []).prefix(4) where s != r { votes[s - r, default: 0] += 1 }
        }
        return votes
    }

    /// Emits the scroll of a screen of `h` rows; false when the terminal
    /// cannot do it (nothing emitted then).
    mutating func emitScroll(_ scroll: ScrollMove, height h: Int, into out: inout [UInt8]) -> Bool {
        let whole = scroll.top == 0 && scroll.bottom == h - 1
        guard whole || caps.ti.csr != nil else { return false }
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
            return false
        }
        if !whole, let csr = caps.ti.csr {
            csr.append(to: &out, 0, h - 1)
            cursor = nil
        }
        return true
    }

    /// Where row `r` of the screen was before `scroll` (nil: a row the
    /// scroll exposed, blank in the default style), as `Grid.scroll`
    /// moves rows.
    static func rowBefore(_ r: Int, _ scroll: ScrollMove?) -> Int? {
        guard let scroll, r >= scroll.top, r <= scroll.bottom else { return r }
        let from = r + scroll.count
        return from >= scroll.top && from <= scroll.bottom ? from : nil
    }

    /// Paints the rows of `next` that differ from `base` after `scroll`
    /// (when the terminal did it) without making the scrolled copy of
    /// `base`: each row is compared with, and painted over, the row of
    /// `base` it shows after the scroll (a 200x50 screen is 160 KB to copy
    /// on every frame that may be a scroll).
    mutating func paintRows(base: Grid, scrolled scroll: ScrollMove?, next: Grid, into out: inout [UInt8],
                            stats: inout FrameStats) {
        let blank = Grid(width: next.width, height: 1)
        for r in 0..<next.height {
            let from = Self.rowBefore(r, scroll)
            let (grid, row) = from.map { (base, $0) } ?? (blank, 0)
            if !next.rowEquals(r, grid, row) { paintRow(r, base: grid, baseRow: row, next: next, into: &out, stats: &stats) }
        }
    }

    /// The rows where `next` differs from `base` (grids of one size).
    static func changedRows(base: Grid, next: Grid) -> [Int] {
        (0..<next.height).filter { !rowsEqual(next, $0, base, $0) }
    }

    /// Whether row `r` of `a` equals row `s` of `b`.
    static func rowsEqual(_ a: Grid, _ r: Int, _ b: Grid, _ s: Int) -> Bool {
        a.rowEquals(r, b, s)
    }

    /// A hash of the content of row `r` (equal rows of different grids hash
    /// alike). It reads the first 64 cells and every fourth after them:
    /// a page scroll hashes 100 rows, and rows that differ only elsewhere
    /// merely cast a vote that the exact band check (`rowsEqual`) discards.
    static func rowHash(_ g: Grid, _ r: Int) -> Int {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        let start = r * g.width, end = start + g.width
        g.cells.withUnsafeBufferPointer { cells in
            @inline(__always) func mix(_ c: Int) {
                let cell = cells[c]
                let glyph = cell.isExternal ? g.cellHash(cell) : cell.glyph
                h = (h ^ glyph) &* 0x9E37_79B9_7F4A_7C15 ^ (UInt64(cell.style.raw) << 8 | UInt64(cell.width))
            }
            var c = start
            while c < min(end, start + 64) { mix(c); c += 1 }
            while c < end { mix(c); c += 4 }
        }
        h ^= h >> 29
        return Int(truncatingIfNeeded: h &* 0x0000_0100_0000_01B3)
    }

    /// Whether every cell of row `r` is the same (blank lines match
    /// everywhere and would cast meaningless votes).
    static func isUniform(_ g: Grid, _ r: Int) -> Bool {
        guard g.width > 1 else { return true }
        return g.cells.withUnsafeBufferPointer { cells in
            let start = r * g.width
            let first = cells[start]
            for c in (start + 1)..<(start + g.width) {
                let cell = cells[c]
                if cell.glyph != first.glyph || cell.style.raw != first.style.raw || cell.width != first.width {
                    return false
                }
            }
            return true
        }
    }
}
