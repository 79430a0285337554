import Foundation
import Glibc
import Kernel
import Testing
@testable import Chat

@Suite struct WriteFileToolTests {
    private func write(_ f: FileFixture, _ path: String, _ content: String) -> ToolResult {
        f.writeTool(toolJSON(["path": .string(path), "content": .string(content)]))
    }

    @Test func createsAFileAndItsParents() {
        let f = FileFixture()
        defer { f.cleanup() }
        let r = write(f, "src/deep/new.txt", "hello\nworld\n")
        #expect(r == ToolResult(output: "Created src/deep/new.txt (2 lines).",
                                diff: "--- /dev/null\n+++ b/src/deep/new.txt\n@@ -0,0 +1,2 @@\n+hello\n+world\n"))
        #expect(f.text("src/deep/new.txt") == "hello\nworld\n")
        #expect(f.mode("src/deep/new.txt") == 0o666 & ~AtomicWriter.umask)
        // The model knows the content it wrote: it may overwrite without a read.
        #expect(!write(f, "src/deep/new.txt", "bye\n").isError)
    }

    @Test func overwritingNeedsARead() {
        let f = FileFixture()
        defer { f.cleanup() }
        f.write("a.txt", "mine\n")
        #expect(write(f, "a.txt", "theirs\n").output == "write_file: read a.txt with read_file before overwriting it")
        f.modelReads("a.txt")
        #expect(!write(f, "a.txt", "theirs\n").isError)
        #expect(f.text("a.txt") == "theirs\n")
    }

    @Test func keepsConventionsOfTheReplacedFile() {
        let f = FileFixture()
        defer { f.cleanup() }
        f.write("w.txt", Array("a\r\nb".utf8), mode: 0o600)
        f.modelReads("w.txt")
        #expect(!write(f, "w.txt", "x\ny\nz\n").isError)
        #expect(f.bytes("w.txt") == Array("x\r\ny\r\nz".utf8))
        #expect(f.mode("w.txt") == 0o600)
    }

    @Test func sameContentWritesNothing() {
        let f = FileFixture()
        defer { f.cleanup() }
        f.write("a.txt", "same\n")
        f.modelReads("a.txt")
        #expect(write(f, "a.txt", "same") == ToolResult(output: "a.txt already has this content; nothing was written."))
        #expect(f.checkpoints.turns().isEmpty)
    }

    @Test func refusesDirectoriesAndBinaries() {
        let f = FileFixture()
        defer { f.cleanup() }
        f.write("sub/x", "x")
        f.write("img.png", [0x89, 0x50, 0x4E, 0x47, 0x00])
        #expect(write(f, "sub", "x").output == "write_file: sub is a directory")
        #expect(write(f, "img.png", "x").output.contains("binary file or not UTF-8 text"))
        #expect(f.writeTool(#"{"path":"a.txt"}"#) == .failure(#"write_file: missing required argument "content""#))
        #expect(f.writeTool(#"{"path":"a.txt","content":42}"#) == .failure(#"write_file: argument "content" must be a string"#))
    }

    @Test func parentThatIsAFileFailsCleanly() {
        let f = FileFixture()
        defer { f.cleanup() }
        f.write("plain", "x")
        let r = write(f, "plain/child.txt", "y")
        #expect(r.isError && r.output.contains("nothing was written") || r.output.contains("unchanged"), "\(r.output)")
        #expect(f.text("plain") == "x")
    }
}
