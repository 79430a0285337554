import Testing
@testable import Render

/// Compares a grid with an expected screen written like Neovim's screen
/// tests: one row per line ending in `|`, `{N:text}` for runs in style N.
/// On failure prints both screens and the first differing row.
func expectScreen(_ grid: Grid, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let want = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let got = (0..<grid.height).map(grid.styledRow)
    guard got != want else { return }
    let first = (0..<min(got.count, want.count)).first { got[$0] != want[$0] } ?? min(got.count, want.count)
    Issue.record("""
        screen differs at row \(first)
        expected:
        \(want.joined(separator: "\n"))
        actual (paste-ready):
        \(got.joined(separator: "\n"))
        """, sourceLocation: sourceLocation)
}

@Suite struct GridTests {
    /// `rowEquals` compares rows with memcmp when a side has no long
    /// clusters; that is only right while a cell has no padding bytes.
    @Test func cellIsSixteenBytesWithoutPadding() {
        #expect(MemoryLayout<Cell>.size == 16)
        #expect(MemoryLayout<Cell>.stride == 16)
    }

    @Test func rowEqualsSeesStyleWidthAndLongClusters() {
        let family = "👨‍👩‍👧"  // 18 UTF-8 bytes: stored in the grid's side table
        var a = Grid(width: 6, height: 2), b = Grid(width: 6, height: 2)
        _ = a.put(text: "ab", row: 0, col: 0, style: StyleID(1))
        _ = b.put(text: "ab", row: 1, col: 0, style: StyleID(1))
        #expect(a.rowEquals(0, b, 1))
        #expect(!a.rowEquals(0, b, 0))
        _ = b.put(text: "ab", row: 0, col: 0, style: StyleID(2))
        #expect(!a.rowEquals(0, b, 0))  // same text, other style
        // Long clusters interned at different side-table indices compare by text.
        _ = a.put("x\u{301}\u{302}\u{303}\u{304}", row: 1, col: 0, style: .default)
        _ = a.put(family, row: 1, col: 2, style: .default)
        _ = b.put(family, row: 1, col: 2, style: .default)
        #expect(!a.rowEquals(1, b, 1))
        var c = Grid(width: 6, height: 2)
        _ = c.put(family, row: 0, col: 2, style: .default)
        _ = c.put("x\u{301}\u{302}\u{303}\u{304}", row: 0, col: 0, style: .default)
        #expect(a.rowEquals(1, c, 0))
        #expect(!a.rowEquals(1, c, 1))
    }

    @Test func linesInitializerAndRowText() {
        let g = Grid(lines: ["ab", "中x", "é"])
        #expect(g.width == 3)
        #expect(g.height == 3)
        #expect(g.rowText(1) == "中x")
        #expect(g[1, 0].width == 2)
        #expect(g[1, 1].isContinuation)
        #expect(g.cluster(row: 2, col: 0) == "é")
        expectScreen(g, """
            ab |
            中x|
            é  |
            """)
    }

    @Test func wideCharAtLastColumnBecomesSpace() {
        var g = Grid(width: 3, height: 1)
        #expect(g.put("中", row: 0, col: 2, style: StyleID(1)) == 1)
        #expect(g.cluster(row: 0, col: 2) == " ")
        #expect(g.put(text: "ab中", row: 0, col: 0, style: .default) == 3)
        #expect(g.rowText(0) == "ab ")
    }

    @Test func overwritingHalfOfWideCharRepairsOtherHalf() {
        var g = Grid(lines: ["中文ab"])
        g.put("x", row: 0, col: 1, style: StyleID(2))  // right half of 中
        expectScreen(g, " {2:x}文ab|")
        g.put("y", row: 0, col: 2, style: .default)    // left half of 文
        expectScreen(g, " {2:x}y ab|")
        g.put("字", row: 0, col: 3, style: .default)   // over the space and 'a'
        #expect(g.rowText(0) == " xy字b")
        g.put("字", row: 0, col: 2, style: .default)   // straddles the previous 字
        #expect(g.rowText(0) == " x字 b")
    }

    @Test func controlCharactersNeverReachTheGrid() {
        var g = Grid(width: 4, height: 1)
        g.put(text: "a\u{1B}[b", row: 0, col: 0, style: .default)
        #expect(g.rowText(0) == "a\u{FFFD}[b")
        g.put("\u{85}", row: 0, col: 3, style: .default)
        #expect(g.cluster(row: 0, col: 3) == "\u{FFFD}")
    }

    @Test func zeroWidthClusterIsDrawnOnASpace() {
        var g = Grid(width: 2, height: 1)
        #expect(g.put("\u{301}", row: 0, col: 0, style: .default) == 1)
        #expect(g.cluster(row: 0, col: 0) == " \u{301}")
    }

    @Test func longClustersUseTheSideTableAndCompareByText() {
        let long = "a\u{301}\u{302}\u{303}\u{304}"  // 9 UTF-8 bytes
        var a = Grid(width: 3, height: 1)
        var b = Grid(width: 3, height: 1)
        b.put("e\u{301}\u{302}\u{303}\u{304}", row: 0, col: 2, style: .default)  // different index order
        a.put(long, row: 0, col: 0, style: .default)
        b.put(long, row: 0, col: 0, style: .default)
        b.put(" ", row: 0, col: 2, style: .default)
        #expect(a[0, 0].isExternal)
        #expect(a.cluster(row: 0, col: 0) == long)
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        b.put("x", row: 0, col: 0, style: .default)
        #expect(a != b)
    }

    @Test func fillClipsAndRepairs() {
        var g = Grid(lines: ["中中中"])
        g.fill(Rect(row: 0, col: 1, width: 3, height: 5), cluster: "-", style: StyleID(1))
        expectScreen(g, " {1:---}中|")
        g.fill(Rect(row: 0, col: 0, width: 5, height: 1), cluster: "文", style: .default)
        #expect(g.rowText(0) == "文文  ")
    }

    @Test func resizeKeepsTopLeftAndCutsWideChars() {
        var g = Grid(lines: ["ab中", "cdef"])
        g.resize(width: 3, height: 3)
        expectScreen(g, "ab |\ncde|\n   |")
        g.resize(width: 5, height: 1)
        #expect(g.rowText(0) == "ab   ")
    }

    @Test func scrollMovesABand() {
        var g = Grid(lines: ["0", "1", "2", "3", "4"])
        g.scroll(top: 1, bottom: 3, by: 1)
        #expect(g.lines == ["0", "2", "3", " ", "4"])
        g.scroll(top: 0, bottom: 4, by: -2)
        #expect(g.lines == [" ", " ", "0", "2", "3"])
    }

    @Test func outOfRangeAccessIsHarmless() {
        var g = Grid(width: 2, height: 2)
        #expect(g.put("x", row: 5, col: 0, style: .default) == 0)
        #expect(g.put("x", row: 0, col: -1, style: .default) == 0)
        #expect(g[9, 9] == Cell.blank())
        #expect(g.rowText(7) == "")
        g.fill(Rect(row: -3, col: -3, width: 2, height: 2), style: StyleID(1))
        #expect(g == Grid(width: 2, height: 2))
        let empty = Grid(width: -1, height: 3)
        #expect(empty.width == 0)
    }
}
