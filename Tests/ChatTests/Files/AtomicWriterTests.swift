import Foundation
import Glibc
import Testing
@testable import Chat

/// Atomic writes: a failure at any step (disk full mid-write, a read-only
/// file system at the rename, a failed sync) leaves the original file
/// byte for byte, removes the temporary file, and says what happened.
@Suite struct AtomicWriterTests {
    private func leftovers(_ f: FileFixture) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: f.dir)) ?? []).filter { $0.contains(".weft-") }
    }

    /// A writer whose `write` stores `limit` bytes, then fails with `code`.
    private func failingWrites(after limit: Int, code: Int32) -> AtomicWriter {
        var sys = AtomicWriter.System.live
        sys.write = { fd, buf, count in
            let room = max(0, limit - Int(lseek(fd, 0, SEEK_CUR)))
            if room == 0 { errno = code; return -1 }
            return Glibc.write(fd, buf, min(count, room))
        }
        return AtomicWriter(system: sys)
    }

    @Test func writesAndKeepsMode() throws {
        let f = FileFixture()
        defer { f.cleanup() }
        f.write("a.txt", Array("old".utf8), mode: 0o640)
        try AtomicWriter().write(Array("new\n".utf8), to: f.dir + "/a.txt", mode: 0o640)
        #expect(f.text("a.txt") == "new\n" && f.mode("a.txt") == 0o640)
        #expect(leftovers(f).isEmpty)
    }

    @Test func diskFullMidWriteLeavesTheOriginal() {
        let f = FileFixture()
        defer { f.cleanup() }
        let original = Array(String(repeating: "original line\n", count: 500).utf8)
        f.write("big.txt", original)
        do {
            try failingWrites(after: 1000, code: ENOSPC).write(Array(repeating: 0x41, count: 5000), to: f.dir + "/big.txt", mode: nil)
            Issue.record("expected a failure")
        } catch {
            #expect(error.description == "could not write \(f.dir)/big.txt: disk full; the file is unchanged")
        }
        #expect(f.bytes("big.txt") == original)
        #expect(leftovers(f).isEmpty)
    }

    @Test func readOnlyFileSystemAtRename() {
        let f = FileFixture()
        defer { f.cleanup() }
        f.write("a.txt", "keep\n")
        var sys = AtomicWriter.System.live
        sys.rename = { _, _ in errno = EROFS; return -1 }
        #expect(throws: WriteFailure(path: f.dir + "/a.txt", step: "replace \(f.dir)/a.txt", code: EROFS)) {
            try AtomicWriter(system: sys).write(Array("x".utf8), to: f.dir + "/a.txt", mode: nil)
        }
        #expect(f.text("a.txt") == "keep\n" && leftovers(f).isEmpty)
    }

    @Test func failedSyncLeavesTheOriginal() {
        let f = FileFixture()
        defer { f.cleanup() }
        f.write("a.txt", "keep\n")
        var sys = AtomicWriter.System.live
        sys.fsync = { _ in errno = EIO; return -1 }
        #expect(throws: WriteFailure.self) { try AtomicWriter(system: sys).write([1], to: f.dir + "/a.txt", mode: nil) }
        #expect(f.text("a.txt") == "keep\n" && leftovers(f).isEmpty)
    }

    @Test func missingDirectoryIsAClearError() {
        #expect(throws: WriteFailure(path: "/nonexistent-weft/x", step: "create a temporary file in /nonexistent-weft",
                                     code: ENOENT)) {
            try AtomicWriter().write([1], to: "/nonexistent-weft/x", mode: nil)
        }
    }

    /// The tool says so and the checkpoint of the failed write is dropped.
    @Test func editFileReportsDiskFull() throws {
        let f = FileFixture()
        defer { f.cleanup() }
        f.write("a.txt", "one\ntwo\n")
        f.modelReads("a.txt")
        let json = toolJSON(["path": "a.txt", "old_string": "two", "new_string": "2"])
        guard case .change(let change) = EditFileTool().prepare(json: json, context: f.context()) else {
            Issue.record("expected a change")
            return
        }
        let r = change.apply(context: f.context(), writer: failingWrites(after: 2, code: ENOSPC))
        #expect(r == .failure("edit_file: could not write a.txt: disk full; the file is unchanged"))
        #expect(f.text("a.txt") == "one\ntwo\n")
        #expect(f.checkpoints.turns().isEmpty)
        #expect(leftovers(f).isEmpty)
    }

    @Test func changeWhileWaitingForApprovalIsRefused() throws {
        let f = FileFixture()
        defer { f.cleanup() }
        f.write("a.txt", "one\n")
        f.age("a.txt", seconds: 60)
        f.modelReads("a.txt")
        guard case .change(let change) = EditFileTool().prepare(json: toolJSON(["path": "a.txt", "old_string": "one",
                                                                                  "new_string": "1"]), context: f.context())
        else { Issue.record("expected a change"); return }
        f.write("a.txt", "uno\n")
        let r = change.apply(context: f.context())
        #expect(r == .failure("edit_file: a.txt changed on disk while the change waited for approval; nothing was written"))
        #expect(f.text("a.txt") == "uno\n")
    }
}
