import Foundation
import Glibc
import Kernel
import Testing
@testable import Chat

/// Every rule of `edit_file`: what it changes, what it refuses (touching
/// nothing), and the conventions it keeps.
@Suite struct EditFileToolTests {
    private func edit(_ f: FileFixture, _ path: String, _ old: String, _ new: String, all: Bool? = nil) -> ToolResult {
        var args: [String: Value] = ["path": .string(path), "old_string": .string(old), "new_string": .string(new)]
        if let all { args["replace_all"] = .bool(all) }
        return f.edit(toolJSON(args))
    }

    @Test func editsAReadFileAndReportsTheDiff() throws {
        let f = FileFixture()
        defer { f.cleanup() }
        f.write("a.swift", "let a = 1\nlet b = 2\nlet c = 3\n")
        f.modelReads("a.swift")
        let r = edit(f, "a.swift", "let b = 2", "let b = 20")
        #expect(!r.isError, "\(r.output)")
        #expect(f.text("a.swift") == "let a = 1\nlet b = 20\nlet c = 3\n")
        #expect(r.output.hasPrefix("Changed a.swift: replaced 1 occurrence at line 2 (+1 -1 lines)."))
        #expect(r.diff == "--- a/a.swift\n+++ b/a.swift\n@@ -1,3 +1,3 @@\n let a = 1\n-let b = 2\n+let b = 20\n let c = 3\n")
        // A second edit needs no new read: the model knows what it wrote.
        #expect(!edit(f, "a.swift", "let c = 3", "let c = 30").isError)
    }

    @Test func refusesAFileTheModelHasNotRead() {
        let f = FileFixture()
        defer { f.cleanup() }
        f.write("a.txt", "x\n")
        let r = edit(f, "a.txt", "x", "y")
        #expect(r == .failure("edit_file: read a.txt with read_file before editing it"))
        #expect(f.text("a.txt") == "x\n")
    }

    @Test func refusesAStaleFile() {
        let f = FileFixture()
        defer { f.cleanup() }
        f.write("a.txt", "one\ntwo\n")
        f.age("a.txt", seconds: 60)
        f.modelReads("a.txt")
        f.write("a.txt", "one\ntwo\nthree\n")  // the user edits it
        let r = edit(f, "a.txt", "two", "2")
        #expect(r.isError && r.output.contains("a.txt changed on disk since you last read it"))
        #expect(f.text("a.txt") == "one\ntwo\nthree\n")
        // Touched but not changed: still current.
        f.modelReads("a.txt")
        f.age("a.txt", seconds: 30)
        #expect(!edit(f, "a.txt", "two", "2").isError)
    }

    @Test func refusalsTouchNothing() {
        let f = FileFixture()
        defer { f.cleanup() }
        f.write("a.txt", "same\nsame\n")
        f.modelReads("a.txt")
        #expect(edit(f, "a.txt", "absent", "x").output.contains("old_string was not found"))
        #expect(edit(f, "a.txt", "same", "other").output.contains("occurs 2 times (lines 1, 2)"))
        #expect(edit(f, "a.txt", "same", "same").output.contains("nothing to change"))
        #expect(edit(f, "a.txt", "", "x").output.contains("old_string is empty"))
        #expect(f.text("a.txt") == "same\nsame\n")
        #expect(f.checkpoints.turns().isEmpty)
        #expect(!edit(f, "a.txt", "same", "other", all: true).isError)
        #expect(f.text("a.txt") == "other\nother\n")
    }

    @Test func crlfFilesStayCRLF() {
        let f = FileFixture()
        defer { f.cleanup() }
        f.write("w.txt", "alpha\r\nbeta\r\ngamma\r\n")
        let read = f.modelReads("w.txt")
        #expect(read.output == "alpha\nbeta\ngamma\n")
        // The model may quote with LF or CRLF; both match.
        #expect(!edit(f, "w.txt", "beta\ngamma", "beta\nBETA\ngamma").isError)
        #expect(f.bytes("w.txt") == Array("alpha\r\nbeta\r\nBETA\r\ngamma\r\n".utf8))
        #expect(!edit(f, "w.txt", "alpha\r\n", "").isError)
        #expect(f.bytes("w.txt") == Array("beta\r\nBETA\r\ngamma\r\n".utf8))
    }

    @Test func noFinalNewlineStaysMissing() {
        let f = FileFixture()
        defer { f.cleanup() }
        f.write("n.txt", "a\nb")
        f.modelReads("n.txt")
        #expect(!edit(f, "n.txt", "b", "b\nc\n").isError)
        #expect(f.bytes("n.txt") == Array("a\nb\nc".utf8))
        // An edit whose only effect would be a final newline changes nothing.
        let r = edit(f, "n.txt", "c", "c\n")
        #expect(r.isError && r.output.contains("the edit changes nothing"))
    }

    @Test func unicodeContent() {
        let f = FileFixture()
        defer { f.cleanup() }
        f.write("u.md", "# 見出し\n\nCafé ☕ — naïve 🙂\n")
        f.modelReads("u.md")
        #expect(!edit(f, "u.md", "naïve 🙂", "naïve 🎉").isError)
        #expect(f.text("u.md") == "# 見出し\n\nCafé ☕ — naïve 🎉\n")
    }

    @Test func keepsTheMode() {
        let f = FileFixture()
        defer { f.cleanup() }
        f.write("run.sh", Array("#!/bin/sh\necho hi\n".utf8), mode: 0o755)
        f.modelReads("run.sh")
        #expect(!edit(f, "run.sh", "hi", "hello").isError)
        #expect(f.mode("run.sh") == 0o755)
    }

    @Test func refusesBinaryDirectoriesMissingAndReadOnly() {
        let f = FileFixture()
        defer { f.cleanup() }
        f.write("blob.bin", [0x7F, 0x45, 0x00, 0x01])
        f.write("latin1.txt", [0x63, 0x61, 0x66, 0xE9, 0x0A])
        f.write("ro.txt", Array("x\n".utf8), mode: 0o444)
        f.write("sub/x.txt", "x")
        #expect(edit(f, "blob.bin", "E", "F").output == "edit_file: blob.bin is a binary file or not UTF-8 text; edit_file only changes text files")
        #expect(edit(f, "latin1.txt", "caf", "tea").output.contains("not UTF-8"))
        #expect(edit(f, "sub", "x", "y").output == "edit_file: sub is a directory")
        #expect(edit(f, "nope.txt", "x", "y").output == "edit_file: no such file: nope.txt (use write_file to create it)")
        f.modelReads("ro.txt")
        #expect(edit(f, "ro.txt", "x", "y").output == "edit_file: ro.txt is read-only (mode 444); nothing was written")
        #expect(f.bytes("blob.bin") == [0x7F, 0x45, 0x00, 0x01] && f.text("ro.txt") == "x\n")
    }

    @Test func refusesAHugeFileWithoutReadingIt() throws {
        let f = FileFixture()
        defer { f.cleanup() }
        let path = f.dir + "/huge.log"
        let fd = open(path, O_CREAT | O_WRONLY, 0o644)
        #expect(ftruncate(fd, 1 << 30) == 0)  // 1 GB, sparse
        close(fd)
        let r = edit(f, "huge.log", "a", "b")
        #expect(r == .failure("edit_file: huge.log is too large (1024 MB; the limit is 64 MB)"))
        #expect(f.modelReads("huge.log").output.contains("is larger than 64 MB"))
    }

    @Test func malformedCallsAreClearErrors() {
        let f = FileFixture()
        defer { f.cleanup() }
        let tool = EditFileTool()
        let c = f.context()
        #expect(tool.execute(json: #"{"path": "a.txt", "old_string": "x""#, context: c).output
            .hasPrefix("edit_file: arguments are not valid JSON"))
        #expect(tool.execute(json: #"{"path": "a.txt", "new_string": "x"}"#, context: c)
            == .failure(#"edit_file: missing required argument "old_string""#))
        #expect(tool.execute(json: #"{"path": 3, "old_string": "x", "new_string": "y"}"#, context: c)
            == .failure(#"edit_file: argument "path" must be a string"#))
        #expect(tool.execute(json: #"{"path": "a", "old_string": "x", "new_string": "y", "replace_all": "yes"}"#, context: c)
            == .failure(#"edit_file: argument "replace_all" must be a boolean"#))
        #expect(tool.execute(json: #"{"path": "", "old_string": "x", "new_string": "y"}"#, context: c)
            == .failure(#"edit_file: missing required argument "path""#))
        #expect(tool.execute(json: #"{"path": "dir/", "old_string": "x", "new_string": "y"}"#, context: c).output
            .contains("is a directory path"))
    }

    @Test func symlinksAreFollowed() throws {
        let f = FileFixture()
        defer { f.cleanup() }
        f.write("real.txt", "v1\n")
        #expect(symlink(f.dir + "/real.txt", f.dir + "/link.txt") == 0)
        f.modelReads("link.txt")
        #expect(!edit(f, "link.txt", "v1", "v2").isError)
        #expect(f.text("real.txt") == "v2\n")
        var st = stat()
        #expect(lstat(f.dir + "/link.txt", &st) == 0 && st.st_mode & S_IFMT == S_IFLNK)
    }
}
