import Foundation
import Kernel
import Testing
@testable import Chat

@Suite struct ComposerEditingTests {
    @Test func typingInsertsPrintableKeys() throws {
        let f = try ComposerFixture()
        try f.keys("hi<Space>there<lt>3<Tab>x")
        #expect(f.lines == ["hi there<3\tx"])
        #expect(f.composer.cursor == Position(row: 0, col: 12))
    }

    @Test func enterSubmitsAndClears() throws {
        let f = try ComposerFixture()
        let log = ComposerSubmitLog()
        log.attach(f.composer)
        try f.keys("hello<S-CR>world<CR>")
        #expect(log.texts == ["hello\nworld"])
        #expect(f.lines == [""])
        #expect(f.composer.cursor == Position(row: 0, col: 0))
        #expect(f.composer.history.entries == ["hello\nworld"])
    }

    @Test func enterOnBlankTextDoesNothing() throws {
        let f = try ComposerFixture()
        let log = ComposerSubmitLog()
        log.attach(f.composer)
        try f.keys("<CR>")
        try f.keys("<Space><Space><C-j><Space><CR>")
        #expect(log.texts.isEmpty)
        #expect(f.lines == ["  ", " "])
        #expect(f.composer.history.entries.isEmpty)
    }

    @Test func newlineKeys() throws {
        let f = try ComposerFixture()
        try f.keys("a<S-CR>b<M-CR>c<C-j>d")
        #expect(f.lines == ["a", "b", "c", "d"])
        #expect(f.composer.cursor == Position(row: 3, col: 1))
    }

    @Test func backspaceAndDeleteJoinLines() throws {
        let f = try ComposerFixture()
        try f.keys("ab<C-j>cd<Home><BS>")
        #expect(f.lines == ["abcd"])
        #expect(f.composer.cursor == Position(row: 0, col: 2))
        try f.keys("<Del><Del><Del>")
        #expect(f.lines == ["ab"])
        try f.keys("<Home><BS><C-h>")
        #expect(f.lines == ["ab"])
        try f.keys("<Del>")
        #expect(f.lines == ["b"])
    }

    @Test func arrowsHomeEndAndReadlineLineKeys() throws {
        let f = try ComposerFixture()
        try f.keys("one<C-j>three")
        try f.keys("<Up>")
        #expect(f.composer.cursor == Position(row: 0, col: 3))
        try f.keys("<Left><Left>")
        #expect(f.composer.cursor == Position(row: 0, col: 1))
        try f.keys("<Down>")
        #expect(f.composer.cursor == Position(row: 1, col: 1))
        try f.keys("<End>")
        #expect(f.composer.cursor == Position(row: 1, col: 5))
        try f.keys("<Right>")
        #expect(f.composer.cursor == Position(row: 1, col: 5))
        try f.keys("<C-a>")
        #expect(f.composer.cursor == Position(row: 1, col: 0))
        try f.keys("<Left>")
        #expect(f.composer.cursor == Position(row: 0, col: 3))
        try f.keys("<Right>")
        #expect(f.composer.cursor == Position(row: 1, col: 0))
        try f.keys("<C-e>")
        #expect(f.composer.cursor == Position(row: 1, col: 5))
        try f.keys("<Home>")
        #expect(f.composer.cursor == Position(row: 1, col: 0))
    }

    @Test func killsAndYank() throws {
        let f = try ComposerFixture()
        try f.keys("hello big world<M-b><C-k>")
        #expect(f.lines == ["hello big "])
        #expect(f.composer.killBuffer == "world")
        try f.keys("<C-a><C-y>")
        #expect(f.lines == ["worldhello big "])
        try f.keys("<C-e><C-w>")
        #expect(f.lines == ["worldhello "])
        #expect(f.composer.killBuffer == "big ")
        try f.keys("<C-u>")
        #expect(f.lines == [""])
        #expect(f.composer.killBuffer == "worldhello big ")
        try f.keys("<C-y><C-y>")
        #expect(f.lines == ["worldhello big worldhello big "])
    }

    @Test func consecutiveKillsAccumulate() throws {
        let f = try ComposerFixture()
        try f.keys("alpha beta gamma<C-w><C-w>")
        #expect(f.lines == ["alpha "])
        #expect(f.composer.killBuffer == "beta gamma")
        try f.keys("<C-a>")
        try f.keys("<M-d><M-d>")
        #expect(f.composer.killBuffer == "alpha ")
        #expect(f.lines == [""])
    }

    @Test func killToLineEndAtEndJoinsTheNextLine() throws {
        let f = try ComposerFixture()
        try f.keys("ab<C-j>cd<Up><End><C-k>")
        #expect(f.lines == ["abcd"])
        #expect(f.composer.killBuffer == "\n")
        try f.keys("<C-e><C-u>")
        #expect(f.lines == [""])
        try f.keys("x<C-j><C-u>")
        #expect(f.lines == ["x"])
    }

    @Test func wordMotions() throws {
        let f = try ComposerFixture()
        try f.keys("foo_bar, baz.qux")
        try f.keys("<M-b>")
        #expect(f.composer.cursor.col == 13)
        try f.keys("<C-Left>")
        #expect(f.composer.cursor.col == 9)
        try f.keys("<M-b>")
        #expect(f.composer.cursor.col == 0)
        try f.keys("<M-f>")
        #expect(f.composer.cursor.col == 7)
        try f.keys("<C-Right><C-Right>")
        #expect(f.composer.cursor.col == 16)
    }

    @Test func wordMotionsCrossLines() throws {
        let f = try ComposerFixture()
        try f.keys("ab cd<C-j>ef")
        try f.keys("<C-a><M-b>")
        #expect(f.composer.cursor == Position(row: 0, col: 3))
        try f.keys("<M-f><M-f>")
        #expect(f.composer.cursor == Position(row: 1, col: 2))
    }

    @Test func multiByteTextMovesAndKillsByCharacter() throws {
        let f = try ComposerFixture()
        try f.keys("日本語 テキスト 👩‍👩‍👧 é")
        #expect(f.lines == ["日本語 テキスト 👩‍👩‍👧 é"])
        try f.keys("<Left><Left>")
        let line = f.lines[0]
        let family = "👩‍👩‍👧"
        #expect(f.composer.cursor.col == line.utf8.count - "é".utf8.count - 1)
        try f.keys("<BS>")
        #expect(f.lines == ["日本語 テキスト  é"])
        try f.keys("<C-z>")
        #expect(f.lines == [line])
        try f.keys("<M-b>")
        #expect(f.composer.cursor.col == "日本語 ".utf8.count)
        try f.keys("<M-b>")
        #expect(f.composer.cursor.col == 0)
        try f.keys("<M-f>")
        #expect(f.composer.cursor.col == "日本語".utf8.count)
        try f.keys("<Right><M-d>")
        #expect(f.lines == ["日本語  \(family) é"])
        try f.keys("<End><Left><Left><C-w>")
        #expect(f.lines == ["日本語   é"])
        #expect(f.composer.killBuffer == family)
        try f.keys("<End><C-w><C-w>")
        #expect(f.lines == [""])
        #expect(f.composer.killBuffer == "日本語   é")
    }

    @Test func upAndDownKeepTheDisplayColumn() throws {
        let f = try ComposerFixture()
        try f.keys("中文字<C-j>abcdefg")
        try f.keys("<C-a><Right><Right><Right><Up>")
        #expect(f.composer.cursor == Position(row: 0, col: 3))
        try f.keys("<Right><Down>")
        #expect(f.composer.cursor == Position(row: 1, col: 4))
    }

    @Test func theGoalColumnSurvivesShortLines() throws {
        let f = try ComposerFixture()
        try f.keys("abcdef<C-j>x<C-j>abcdef")
        try f.keys("<Up>")
        #expect(f.composer.cursor == Position(row: 1, col: 1))
        try f.keys("<Up>")
        #expect(f.composer.cursor == Position(row: 0, col: 6))
        try f.keys("<Down><Left><Down>")
        #expect(f.composer.cursor == Position(row: 2, col: 0))
    }

    @Test func upAndDownMoveThroughWrappedRows() throws {
        let f = try ComposerFixture()
        try f.composer.history.add("older")
        f.composer.wrapWidth = 10
        try f.keys("aaaa bbbb cccc dddd")
        #expect(f.composer.displayRows(width: 10) == 2)
        try f.keys("<Up>")
        #expect(f.composer.cursor == Position(row: 0, col: 9))
        #expect(f.composer.text == "aaaa bbbb cccc dddd")
        try f.keys("<Down>")
        #expect(f.composer.cursor == Position(row: 0, col: 19))
        try f.keys("<Up><Up>")
        #expect(f.composer.text == "older")
        try f.keys("<Down>")
        #expect(f.composer.text == "aaaa bbbb cccc dddd")
    }

    @Test func wrappedWideCharactersKeepTheDisplayColumn() throws {
        let f = try ComposerFixture()
        f.composer.wrapWidth = 10
        try f.keys("中文字中文字中文字")
        #expect(f.composer.displayRows(width: 10) == 2)
        #expect(f.composer.displayRows(width: 100) == 1)
        try f.keys("<Up>")
        #expect(f.composer.cursor == Position(row: 0, col: 12))
        try f.keys("<C-a><Right><Down>")
        #expect(f.composer.cursor == Position(row: 0, col: 18))
        try f.keys("<Up><End><Up>")
        #expect(f.composer.cursor == Position(row: 0, col: 12))
    }

    @Test func everyKeyIsAKeymapWithDescriptionAndOwner() throws {
        let f = try ComposerFixture()
        let listed = f.editor.keymaps.list(mode: Composer.mode)
        let lhs = Set(listed.map(\.lhs))
        for key in ["<CR>", "<S-CR>", "<M-CR>", "<C-j>", "<BS>", "<Del>", "<Left>", "<Right>", "<Up>",
                    "<Down>", "<Home>", "<End>", "<C-a>", "<C-e>", "<C-k>", "<C-u>", "<C-w>", "<M-b>",
                    "<M-f>", "<C-Left>", "<C-Right>", "<C-y>", "<C-z>", "<C-_>", "<C-S-z>", "<C-r>", "<C-g>"] {
            #expect(lhs.contains(key), "missing \(key)")
        }
        for info in listed + f.editor.keymaps.list(mode: Composer.searchMode) {
            #expect(info.owner == "weft")
            #expect(!(info.desc ?? "").isEmpty, "no description for \(info.lhs)")
        }
    }

    @Test func aUserMappingOverridesAStockKey() throws {
        let f = try ComposerFixture()
        try f.editor.keymaps.set(mode: Composer.mode, lhs: "<C-k>", rhs: .keys("XY"))
        try f.keys("ab<C-a><C-k>")
        #expect(f.lines == ["XYab"])
    }
}
