import Foundation
import Glibc
import Kernel
import Testing
@testable import Chat

/// Checkpoints through the real tools: undo restores byte for byte and
/// walks back turn by turn; files changed since are reported, not
/// overwritten; rewinds undo every later turn; stores survive reopening.
@Suite struct CheckpointStoreTests {
    private func edit(_ f: FileFixture, _ path: String, _ old: String, _ new: String, turn: Int) {
        f.modelReads(path)
        let r = f.edit(toolJSON(["path": .string(path), "old_string": .string(old), "new_string": .string(new)]), turn: turn)
        #expect(!r.isError, "\(r.output)")
    }

    @Test func undoRestoresTheLastTurnByteForByte() {
        let f = FileFixture()
        defer { f.cleanup() }
        let original: [UInt8] = Array("alpha\r\nbeta\r\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("γ".utf8)
        f.write("a.txt", original, mode: 0o751)
        edit(f, "a.txt", "beta", "BETA", turn: 1)
        _ = f.writeTool(toolJSON(["path": "new/b.txt", "content": "b\n"]), turn: 1)
        edit(f, "a.txt", "alpha", "ALPHA", turn: 2)
        #expect(f.checkpoints.turns().map(\.turn) == [1, 2])

        let plan2 = f.checkpoints.planUndo()
        #expect(plan2.turns == [2] && plan2.conflicts.isEmpty)
        #expect(f.checkpoints.restore(plan2, overwriteChanged: false).restored == [f.dir + "/a.txt"])
        #expect(f.text("a.txt") == "alpha\r\nBETA\r\n\u{FEFF}γ")

        let plan1 = f.checkpoints.planUndo()
        #expect(plan1.turns == [1])
        let result = f.checkpoints.restore(plan1, overwriteChanged: false)
        #expect(Set(result.restored) == [f.dir + "/a.txt", f.dir + "/new/b.txt"])
        #expect(f.bytes("a.txt") == original && f.mode("a.txt") == 0o751)
        #expect(FileAccess.status(f.dir + "/new") == nil)  // created for b.txt, removed with it
        #expect(f.checkpoints.planUndo().isEmpty)
    }

    @Test func filesChangedSinceAreConflicts() {
        let f = FileFixture()
        defer { f.cleanup() }
        f.write("a.txt", "one\n")
        f.write("b.txt", "two\n")
        edit(f, "a.txt", "one", "1", turn: 1)
        edit(f, "b.txt", "two", "2", turn: 1)
        f.write("b.txt", "2 and the user's line\n")
        let plan = f.checkpoints.planUndo()
        #expect(plan.conflicts == [f.dir + "/b.txt"])
        let kept = f.checkpoints.restore(plan, overwriteChanged: false)
        #expect(kept.restored == [f.dir + "/a.txt"] && kept.kept == [f.dir + "/b.txt"])
        #expect(f.text("a.txt") == "one\n" && f.text("b.txt") == "2 and the user's line\n")
    }

    @Test func overwriteChangedRestoresThemToo() {
        let f = FileFixture()
        defer { f.cleanup() }
        f.write("a.txt", "one\n")
        edit(f, "a.txt", "one", "1", turn: 1)
        unlink(f.dir + "/a.txt")  // deleted by the user: a conflict too
        let plan = f.checkpoints.planUndo()
        #expect(plan.conflicts == [f.dir + "/a.txt"])
        #expect(f.checkpoints.restore(plan, overwriteChanged: true).restored == [f.dir + "/a.txt"])
        #expect(f.text("a.txt") == "one\n")
    }

    @Test func rewindUndoesEveryLaterTurn() {
        let f = FileFixture()
        defer { f.cleanup() }
        f.write("a.txt", "v0\n")
        edit(f, "a.txt", "v0", "v1", turn: 1)
        edit(f, "a.txt", "v1", "v2", turn: 2)
        edit(f, "a.txt", "v2", "v3", turn: 4)
        let plan = f.checkpoints.planRewind(to: 2)
        #expect(plan.turns == [2, 4] && plan.items.count == 1)
        _ = f.checkpoints.restore(plan, overwriteChanged: false)
        #expect(f.text("a.txt") == "v1\n")
        #expect(f.checkpoints.turns().map(\.undone) == [false, true, true])
    }

    @Test func reopenedStoreAndCopies() throws {
        let f = FileFixture()
        defer { f.cleanup() }
        f.write("a.txt", "v0\n")
        edit(f, "a.txt", "v0", "v1", turn: 1)
        edit(f, "a.txt", "v1", "v2", turn: 2)
        let reopened = CheckpointStore(directory: f.checkpoints.directory)
        #expect(reopened.turns().map(\.turn) == [1, 2])
        let fork = CheckpointStore(directory: f.dir + "/.state/checkpoints/s2")
        try reopened.copy(turnsBefore: 2, to: fork)
        #expect(fork.turns().map(\.turn) == [1])
        // The fork's undo walks back turn 1 once the file is what it wrote.
        _ = reopened.restore(reopened.planUndo(), overwriteChanged: false)
        _ = fork.restore(fork.planUndo(), overwriteChanged: false)
        #expect(f.text("a.txt") == "v0\n")
    }

    @Test func corruptIndexLinesAreSkipped() throws {
        let f = FileFixture()
        defer { f.cleanup() }
        f.write("a.txt", "v0\n")
        edit(f, "a.txt", "v0", "v1", turn: 1)
        let index = f.checkpoints.directory + "/index.jsonl"
        let handle = try #require(FileHandle(forWritingAtPath: index))
        handle.seekToEndOfFile()
        handle.write(Data("{\"kind\":\"change\",\"id\":\n garbage\n".utf8))
        try handle.close()
        #expect(CheckpointStore(directory: f.checkpoints.directory).turns().map(\.turn) == [1])
    }

    @Test func missingBlobIsReported() {
        let f = FileFixture()
        defer { f.cleanup() }
        f.write("a.txt", "v0\n")
        edit(f, "a.txt", "v0", "v1", turn: 1)
        unlink(f.checkpoints.directory + "/blobs/1")
        let r = f.checkpoints.restore(f.checkpoints.planUndo(), overwriteChanged: false)
        #expect(r.failed[f.dir + "/a.txt"]?.contains("is missing") == true)
        #expect(f.text("a.txt") == "v1\n")
        #expect(f.checkpoints.lastUndoableTurn == 1)
    }
}
