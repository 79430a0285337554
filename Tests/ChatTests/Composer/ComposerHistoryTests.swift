import Foundation
import Kernel
import Testing
@testable import Chat

@Suite struct ComposerHistoryTests {
    func fixture(_ entries: [String]) throws -> ComposerFixture {
        let history = ComposerHistory()
        for e in entries { try history.add(e) }
        return try ComposerFixture(history: history)
    }

    @Test func upAndDownWalkTheHistoryAndRestoreTheDraft() throws {
        let f = try fixture(["first", "second\nline two", "third"])
        try f.keys("dra")
        try f.keys("<Up>")
        #expect(f.composer.text == "third")
        try f.keys("<Up>")
        #expect(f.composer.text == "second\nline two")
        #expect(f.composer.cursor == Position(row: 0, col: 6))
        try f.keys("<Up>")
        #expect(f.composer.text == "first")
        try f.keys("<Up>")
        #expect(f.composer.text == "first")
        try f.keys("<Down>")
        #expect(f.composer.text == "second\nline two")
        #expect(f.composer.cursor == Position(row: 1, col: 8))
        try f.keys("<Down><Down>")
        #expect(f.composer.text == "dra")
        #expect(f.composer.cursor == Position(row: 0, col: 3))
        #expect(!f.composer.isBrowsingHistory)
        try f.keys("<Down>")
        #expect(f.composer.text == "dra")
    }

    @Test func upInsideAMultiLineTextMovesTheCursorFirst() throws {
        let f = try fixture(["old"])
        try f.keys("a<C-j>b")
        try f.keys("<Up>")
        #expect(f.composer.text == "a\nb")
        #expect(f.composer.cursor.row == 0)
        try f.keys("<Up>")
        #expect(f.composer.text == "old")
    }

    @Test func editingARecalledEntryMakesItTheDraft() throws {
        let f = try fixture(["one", "two"])
        try f.keys("<Up>!")
        #expect(f.composer.text == "two!")
        #expect(!f.composer.isBrowsingHistory)
        try f.keys("<Up>")
        #expect(f.composer.text == "two")
        try f.keys("<Down>")
        #expect(f.composer.text == "two!")
    }

    @Test func submittingAddsWithoutConsecutiveDuplicates() throws {
        let f = try fixture([])
        try f.keys("a<CR>a<CR>b<CR>a<CR>")
        #expect(f.composer.history.entries == ["a", "b", "a"])
    }

    @Test func persistenceRoundTrip() throws {
        let dir = try composerTempDir("history")
        defer { composerCleanup(dir) }
        let path = dir + "/state/weft/history.jsonl"
        let h = ComposerHistory(path: path)
        try h.add("plain")
        try h.add("multi\nline \"quoted\" \u{1}")
        try h.add("日本語 👩‍👩‍👧")
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
        let again = ComposerHistory(path: path)
        #expect(again.entries == ["plain", "multi\nline \"quoted\" \u{1}", "日本語 👩‍👩‍👧"])
        #expect(again.skippedLines == 0)
    }

    @Test func aCorruptFileIsTolerated() throws {
        let dir = try composerTempDir("corrupt")
        defer { composerCleanup(dir) }
        let path = dir + "/history.jsonl"
        let content = "\"good one\"\n{not json\n42\n\u{FF}garbage\n\"good two\"\n\"trunc"
        try content.write(toFile: path, atomically: true, encoding: .utf8)
        let h = ComposerHistory(path: path)
        #expect(h.entries == ["good one", "good two"])
        #expect(h.skippedLines == 4)
        try h.add("new")
        let reloaded = ComposerHistory(path: path)
        #expect(reloaded.entries == ["good one", "good two", "new"])
        #expect(reloaded.skippedLines == 0)
    }

    @Test func aLastLineWithoutItsLineBreakIsNotJoined() throws {
        let dir = try composerTempDir("nolf")
        defer { composerCleanup(dir) }
        let path = dir + "/history.jsonl"
        try "\"a\"\n\"b\"".write(toFile: path, atomically: true, encoding: .utf8)
        let h = ComposerHistory(path: path)
        #expect(h.entries == ["a", "b"])
        try h.add("c")
        try h.add("d")
        #expect(ComposerHistory(path: path).entries == ["a", "b", "c", "d"])
    }

    @Test func binaryGarbageFileGivesAnEmptyHistory() throws {
        let dir = try composerTempDir("binary")
        defer { composerCleanup(dir) }
        let path = dir + "/history.jsonl"
        #expect(FileManager.default.createFile(atPath: path, contents: Data([0xFF, 0xFE, 0x00, 0x80, 0x0A, 0xC3])))
        let h = ComposerHistory(path: path)
        #expect(h.entries.isEmpty)
        try h.add("ok")
        #expect(ComposerHistory(path: path).entries == ["ok"])
    }

    @Test func historyIsBoundedInMemoryAndOnDisk() throws {
        let dir = try composerTempDir("bounded")
        defer { composerCleanup(dir) }
        let path = dir + "/history.jsonl"
        let h = ComposerHistory(path: path, limit: 10)
        for i in 0..<55 { try h.add("entry \(i)") }
        #expect(h.entries.count == 10)
        #expect(h.entries.first == "entry 45")
        let fileLines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count
        #expect(fileLines <= 20)
        #expect(ComposerHistory(path: path, limit: 10).entries == h.entries)
    }

    @Test func hugeEntriesStayOutOfTheHistory() throws {
        let h = ComposerHistory()
        h.maxEntryBytes = 10
        try h.add(String(repeating: "x", count: 11))
        try h.add("small")
        #expect(h.entries == ["small"])
    }

    @Test func anUnwritableFileStillSubmits() throws {
        let dir = try composerTempDir("unwritable")
        defer { composerCleanup(dir) }
        let blocker = dir + "/file"
        #expect(FileManager.default.createFile(atPath: blocker, contents: Data()))
        let f = try ComposerFixture(history: ComposerHistory(path: blocker + "/history.jsonl"))
        let log = ComposerSubmitLog()
        log.attach(f.composer)
        try f.keys("hi<CR>")
        #expect(log.texts == ["hi"])
        #expect(f.editor.messages.last?.level == .warn)
        #expect(throws: ComposerError.self) { try f.composer.history.add("again") }
    }
}
