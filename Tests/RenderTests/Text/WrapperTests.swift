import Testing
@testable import Render

/// The rows of a wrapped line as text, for readable expectations.
private func rows(_ line: String, _ width: Int, _ options: WrapOptions = WrapOptions()) -> [String] {
    let bytes = Array(line.utf8)
    return Wrapper.wrap(line, width: width, options: options).map {
        String(decoding: bytes[$0.byteRange], as: UTF8.self)
    }
}

@Suite struct WrapperTests {
    @Test func hardWrap() {
        #expect(rows("hello world", 5) == ["hello", " worl", "d"])
        #expect(rows("abc", 3) == ["abc"])
        #expect(rows("abcd", 3) == ["abc", "d"])
        let segments = Wrapper.wrap("hello world", width: 5)
        #expect(segments.map(\.byteRange) == [0..<5, 5..<10, 10..<11])
        #expect(segments.map(\.width) == [5, 5, 1])
        #expect(segments.allSatisfy { $0.startColumn == 0 && !$0.showsBreak })
    }

    @Test func emptyLineIsOneRow() {
        #expect(Wrapper.wrap("", width: 10) == [WrapSegment(byteRange: 0..<0, startColumn: 0, width: 0, showsBreak: false)])
        #expect(Wrapper.rowCount("", width: 10) == 1)
        #expect(Wrapper.rowCount("", width: 0) == 1)
    }

    @Test func linebreakBreaksAtBlanks() {
        let lb = WrapOptions(linebreak: true)
        #expect(rows("hello world", 8, lb) == ["hello ", "world"])
        // The blank that overflows hangs at the end of the row.
        #expect(rows("hello world", 5, lb) == ["hello ", "world"])
        #expect(Wrapper.wrap("hello world", width: 5, options: lb).map(\.width) == [5, 5])
        #expect(rows("one two three four", 9, lb) == ["one two ", "three ", "four"])
        #expect(rows("word    next", 6, lb) == ["word    ", "next"])
        #expect(rows("a-b-c-defgh", 5, lb) == ["a-b-", "c-", "defgh"])
        #expect(rows("path/to/file", 9, lb) == ["path/to/", "file"])
    }

    @Test func linebreakHardBreaksLongWords() {
        let lb = WrapOptions(linebreak: true)
        #expect(rows("a verylongword", 5, lb) == ["a ", "veryl", "ongwo", "rd"])
        let long = String(repeating: "x", count: 23)
        #expect(rows(long, 10, lb) == ["xxxxxxxxxx", "xxxxxxxxxx", "xxx"])
        #expect(rows(long, 10) == rows(long, 10, lb))
    }

    @Test func linebreakBreaksBetweenWideChars() {
        let lb = WrapOptions(linebreak: true)
        #expect(rows("世界你好", 5, lb) == ["世界", "你好"])
        #expect(rows("ab 世界你好", 7, lb) == ["ab 世界", "你好"])
    }

    @Test func wideCharDoesNotStraddle() {
        let segments = Wrapper.wrap("abc世d", width: 4)
        #expect(rows("abc世d", 4) == ["abc", "世d"])
        #expect(segments.map(\.width) == [3, 3])
        #expect(rows("👩\u{200D}👩\u{200D}👧👍🏽", 3) == ["👩\u{200D}👩\u{200D}👧", "👍🏽"])
    }

    @Test func widthOneAndZero() {
        // Width 1: a wide char still takes its own row (width 2; clipped by the renderer).
        let one = Wrapper.wrap("a世b", width: 1)
        #expect(rows("a世b", 1) == ["a", "世", "b"])
        #expect(one.map(\.width) == [1, 2, 1])
        #expect(rows("\u{1b}x", 1) == ["\u{1b}", "x"])
        #expect(Wrapper.wrap("\u{1b}", width: 1).map(\.width) == [2])
        #expect(rows("ab\tc", 1) == ["a", "b", "\t", "c"])
        // Width <= 0: nothing can be shown; the line is one segment.
        #expect(Wrapper.wrap("hello", width: 0).map(\.byteRange) == [0..<5])
        #expect(Wrapper.rowCount("hello", width: -4) == 1)
        let lb = WrapOptions(linebreak: true, breakindent: true, showbreak: ">>")
        #expect(rows("  a b 世", 1, lb) == ["  ", "a ", "b ", "世"])
    }

    @Test func tabsExpandPerRowAndClipAtTheEdge() {
        // Tab at column 3 reaches column 8 but the row has 5 cells: clipped.
        let segments = Wrapper.wrap("abc\tdef", width: 5)
        #expect(rows("abc\tdef", 5) == ["abc\t", "def"])
        #expect(segments.map(\.width) == [5, 3])
        #expect(Wrapper.wrap("\tx", width: 20).map(\.width) == [9])
        #expect(rows("abcde\tx", 5) == ["abcde", "\t", "x"])
    }

    @Test func breakindentIndentsContinuationRows() {
        let bi = WrapOptions(breakindent: true)
        let segments = Wrapper.wrap("    abcdefghij", width: 10, options: bi)
        #expect(rows("    abcdefghij", 10, bi) == ["    abcdef", "ghij"])
        #expect(segments.map(\.startColumn) == [0, 4])
        #expect(rows("    abcdefghijklmn", 10, bi) == ["    abcdef", "ghijkl", "mn"])
        // An indent that leaves less than half the width is not applied.
        let deep = Wrapper.wrap("        abcdefghijkl", width: 10, options: bi)
        #expect(deep.map(\.startColumn) == [0, 0])
        // Tabs count by display width.
        #expect(Wrapper.wrap("\tabcdefghijklmnopqrstuvwxyz", width: 20, options: bi).map(\.startColumn) == [0, 8, 8])
    }

    @Test func showbreakPrefixesContinuationRows() {
        let sb = WrapOptions(showbreak: "> ")
        let segments = Wrapper.wrap("abcdefghij", width: 6, options: sb)
        #expect(rows("abcdefghij", 6, sb) == ["abcdef", "ghij"])
        #expect(segments.map(\.startColumn) == [0, 2])
        #expect(segments.map(\.showsBreak) == [false, true])
        let both = WrapOptions(breakindent: true, showbreak: "+")
        #expect(Wrapper.wrap("  abcdefghijklm", width: 8, options: both).map(\.startColumn) == [0, 3, 3])
        // A showbreak as wide as the row is dropped.
        let wide = Wrapper.wrap("abcdefghij", width: 4, options: WrapOptions(showbreak: "<<<<"))
        #expect(wide.map(\.startColumn) == [0, 0, 0])
        #expect(wide.allSatisfy { !$0.showsBreak })
    }

    @Test func veryLongLine() {
        let line = String(repeating: "lorem ipsum dolor sit amet ", count: 2000)
        for options in [WrapOptions(), WrapOptions(linebreak: true)] {
            let segments = Wrapper.wrap(line, width: 80, options: options)
            #expect(segments.count == Wrapper.rowCount(line, width: 80, options: options))
            #expect(segments.first?.byteRange.lowerBound == 0)
            #expect(segments.last?.byteRange.upperBound == line.utf8.count)
        }
        #expect(Wrapper.rowCount(line, width: 80) == (line.utf8.count + 79) / 80)
    }
}
