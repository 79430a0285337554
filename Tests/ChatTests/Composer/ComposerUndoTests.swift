import Foundation
import Kernel
import Testing
@testable import Chat

@Suite struct ComposerUndoTests {
    @Test func consecutiveTypingIsOneUndoStep() throws {
        let f = try ComposerFixture()
        try f.keys("hello<Space>world")
        try f.keys("<C-z>")
        #expect(f.lines == [""])
        try f.keys("<C-S-z>")
        #expect(f.lines == ["hello world"])
        #expect(f.composer.cursor == Position(row: 0, col: 11))
    }

    @Test func motionsAndOtherEditsSplitUndoSteps() throws {
        let f = try ComposerFixture()
        try f.keys("abc<Left>XY<C-j>zq<BS><BS>")
        #expect(f.lines == ["abXY", "c"])
        try f.keys("<C-z>")  // the two backspaces
        #expect(f.lines == ["abXY", "zqc"])
        try f.keys("<C-_>")  // typing "zq"
        #expect(f.lines == ["abXY", "c"])
        try f.keys("<C-z>")  // the line break
        #expect(f.lines == ["abXYc"])
        try f.keys("<C-z>")  // typing "XY"
        #expect(f.lines == ["abc"])
        #expect(f.composer.cursor == Position(row: 0, col: 2))
        try f.keys("<C-z>")  // typing "abc"
        #expect(f.lines == [""])
        #expect(try f.composer.undoEdit() == false)
        try f.keys("<C-S-z><C-S-z>")
        #expect(f.lines == ["abXYc"])
    }

    @Test func aNewEditClearsRedo() throws {
        let f = try ComposerFixture()
        try f.keys("ab<C-w>")
        try f.keys("<C-z>")
        #expect(f.lines == ["ab"])
        try f.keys("c")
        #expect(try f.composer.redoEdit() == false)
        #expect(f.lines == ["abc"])
    }

    @Test func killsPastesAndYanksAreStepsOfTheirOwn() throws {
        let f = try ComposerFixture()
        try f.keys("one two")
        try f.composer.paste(" three")
        try f.keys("<C-w><C-y>")
        #expect(f.lines == ["one two three"])
        try f.keys("<C-z>")
        #expect(f.lines == ["one two "])
        try f.keys("<C-z>")
        #expect(f.lines == ["one two three"])
        try f.keys("<C-z>")
        #expect(f.lines == ["one two"])
    }

    @Test func historyIsBounded() {
        var undo = ComposerUndo()
        undo.limit = 5
        for i in 0..<20 {
            undo.record(ComposerSnapshot(lines: ["\(i)"], cursor: Position(row: 0, col: 0)), group: nil)
        }
        #expect(undo.undoStack.count == 5)
        #expect(undo.undoStack.first?.lines == ["15"])
    }

    /// Random edits: undoing everything returns to the empty composer, and
    /// redoing everything returns to the final text; every state reached by
    /// undo is one the composer was in after some edit.
    @Test func randomEditsUndoAndRedoThroughSeenStates() throws {
        let seed = composerTestSeed()
        var rng = ComposerRNG(seed: seed)
        let f = try ComposerFixture()
        f.composer.undo.limit = 100_000
        let keys = ["a", "é", "中", "<Space>", "<C-j>", "<BS>", "<Del>", "<Left>", "<Right>", "<Up>",
                    "<Down>", "<C-w>", "<C-k>", "<C-u>", "<C-y>", "<M-b>", "<M-f>", "<Home>", "<End>"]
        var seen: Set<[String]> = [[""]]
        for _ in 0..<300 {
            let k = keys[Int(rng.next() % UInt64(keys.count))]
            try f.keys(k)
            seen.insert(f.lines)
        }
        let final = f.lines
        var undos = 0
        while try f.composer.undoEdit() {
            undos += 1
            #expect(seen.contains(f.lines), "seed \(seed): undo reached an unseen state \(f.lines)")
        }
        #expect(f.lines == [""], "seed \(seed)")
        for _ in 0..<undos { try f.composer.redoEdit() }
        #expect(f.lines == final, "seed \(seed)")
    }
}
