import Foundation
import Kernel
import Testing
@testable import Chat

/// A temp directory with a few files, removed by `cleanup()`.
struct CCToolFixture {
    let dir = ccTempDir()
    var context: ToolContext { ToolContext(cwd: dir) }

    func write(_ path: String, _ text: String) {
        let full = dir + "/" + path
        try? FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: full, contents: Data(text.utf8)))
    }

    func cleanup() { try? FileManager.default.removeItem(atPath: dir) }
}

@Suite struct ReadFileToolTests {
    @Test func readsWholeFileAndSlices() {
        let f = CCToolFixture()
        defer { f.cleanup() }
        f.write("notes.txt", "one\ntwo\nthree\nfour\n")
        let tool = ReadFileTool()
        #expect(tool.execute(json: #"{"path":"notes.txt"}"#, context: f.context) == ToolResult(output: "one\ntwo\nthree\nfour\n"))
        let slice = tool.execute(json: #"{"path":"notes.txt","offset":2,"limit":2}"#, context: f.context)
        #expect(slice.output == "two\nthree\n[1 more lines: read on with offset 4]")
        #expect(!slice.isError)
        let absolute = tool.execute(json: #"{"path":"\#(f.dir)/notes.txt","offset":4}"#, context: f.context)
        #expect(absolute.output == "four\n")
        #expect(tool.execute(json: #"{"path":"notes.txt","offset":9}"#, context: f.context).output.contains("past the end"))
    }

    @Test func errorsAreClear() {
        let f = CCToolFixture()
        defer { f.cleanup() }
        f.write("sub/x.txt", "x")
        #expect(FileManager.default.createFile(atPath: f.dir + "/blob.bin", contents: Data([0x41, 0x00, 0x42])))
        let tool = ReadFileTool()
        let missing = tool.execute(json: #"{"path":"nope.txt"}"#, context: f.context)
        #expect(missing == .failure("read_file: no such file: nope.txt"))
        #expect(tool.execute(json: #"{"path":"sub"}"#, context: f.context) == .failure("read_file: sub is a directory (use list_files)"))
        #expect(tool.execute(json: #"{"path":"blob.bin"}"#, context: f.context) == .failure("read_file: blob.bin looks like a binary file"))
    }

    @Test func argumentValidation() {
        let f = CCToolFixture()
        defer { f.cleanup() }
        let tool = ReadFileTool()
        #expect(tool.execute(json: "{}", context: f.context) == .failure(#"read_file: missing required argument "path""#))
        #expect(tool.execute(json: "", context: f.context) == .failure(#"read_file: missing required argument "path""#))
        #expect(tool.execute(json: #"{"path": 5}"#, context: f.context) == .failure(#"read_file: argument "path" must be a string"#))
        #expect(tool.execute(json: #"{"path":"a","offset":"x"}"#, context: f.context)
                == .failure(#"read_file: argument "offset" must be an integer"#))
        #expect(tool.execute(json: #"{"path":"a","offset":0}"#, context: f.context).output.contains("must be between 1 and"))
        #expect(tool.execute(json: "[1]", context: f.context) == .failure("read_file: arguments must be a JSON object"))
        let bad = tool.execute(json: #"{"path": "a"#, context: f.context)
        #expect(bad.isError && bad.output.hasPrefix("read_file: arguments are not valid JSON"))
    }

    @Test func largeOutputIsCapped() {
        let f = CCToolFixture()
        defer { f.cleanup() }
        let line = String(repeating: "x", count: 99) + "\n"
        f.write("big.txt", String(repeating: line, count: 5000))
        let result = ReadFileTool().execute(json: #"{"path":"big.txt"}"#, context: f.context)
        #expect(!result.isError)
        #expect(result.output.utf8.count <= ReadFileTool.outputCap + 100)
        #expect(result.output.contains("[truncated at line 2621 of 5000: read on with offset 2622]"))
    }
}

@Suite struct ListAndGrepToolTests {
    @Test func listIsSortedAndSkipsGitContents() {
        let f = CCToolFixture()
        defer { f.cleanup() }
        f.write("b.txt", "b")
        f.write("a.txt", "a")
        f.write("sub/c.txt", "c")
        f.write("sub/deeper/d.txt", "d")
        f.write(".git/HEAD", "ref")
        let tool = ListFilesTool()
        #expect(tool.execute(json: "{}", context: f.context).output == ".git/\na.txt\nb.txt\nsub/\nsub/c.txt\nsub/deeper/")
        #expect(tool.execute(json: #"{"depth":1}"#, context: f.context).output == ".git/\na.txt\nb.txt\nsub/")
        #expect(tool.execute(json: #"{"path":"sub","depth":3}"#, context: f.context).output == "c.txt\ndeeper/\ndeeper/d.txt")
        #expect(tool.execute(json: #"{"path":"zzz"}"#, context: f.context) == .failure("list_files: no such directory: zzz"))
        #expect(tool.execute(json: #"{"path":"a.txt"}"#, context: f.context).isError)
        #expect(tool.execute(json: #"{"depth":11}"#, context: f.context).output.contains("between 1 and 10"))
    }

    @Test func grepFindsMatchesWithFileAndLine() {
        let f = CCToolFixture()
        defer { f.cleanup() }
        f.write("a.txt", "alpha\nfoo bar\nbeta foo\n")
        f.write("sub/b.swift", "let foo = 1\n")
        f.write("c.txt", "nothing here\n")
        let tool = GrepTool()
        #expect(tool.execute(json: #"{"pattern":"foo"}"#, context: f.context).output
                == "a.txt:2:foo bar\na.txt:3:beta foo\nsub/b.swift:1:let foo = 1")
        #expect(tool.execute(json: #"{"pattern":"^b"}"#, context: f.context).output == "a.txt:3:beta foo")
        #expect(tool.execute(json: #"{"pattern":"foo","path":"sub"}"#, context: f.context).output == "sub/b.swift:1:let foo = 1")
        #expect(tool.execute(json: #"{"pattern":"zebra"}"#, context: f.context).output == "[no matches]")
        let invalid = tool.execute(json: #"{"pattern":"("}"#, context: f.context)
        #expect(invalid.isError && invalid.output.contains("invalid regular expression"))
        f.write("paren.txt", "call f(x)\n")
        #expect(tool.execute(json: #"{"pattern":"f(","literal":true}"#, context: f.context).output == "paren.txt:1:call f(x)")
        #expect(tool.execute(json: "{}", context: f.context) == .failure(#"grep: missing required argument "pattern""#))
    }

    @Test func grepCapsMatches() {
        let f = CCToolFixture()
        defer { f.cleanup() }
        f.write("many.txt", String(repeating: "hit\n", count: 500))
        let lines = GrepTool().execute(json: #"{"pattern":"hit"}"#, context: f.context).output.split(separator: "\n")
        #expect(lines.count == GrepTool.maxMatches + 1)
        #expect(lines.last?.hasPrefix("[stopped after") == true)
    }
}

@Suite struct RunCommandToolTests {
    @Test func capturesOutputAndExitCode() {
        let f = CCToolFixture()
        defer { f.cleanup() }
        let tool = RunCommandTool()
        let ok = tool.execute(json: #"{"command":"echo hello"}"#, context: f.context)
        #expect(ok == ToolResult(output: "hello\n[exit code: 0]"))
        let failing = tool.execute(json: #"{"command":"echo out; echo err >&2; exit 3"}"#, context: f.context)
        #expect(failing.isError)
        #expect(failing.output == "out\nerr\n[exit code: 3]")
        let pwd = tool.execute(json: #"{"command":"pwd"}"#, context: f.context)
        #expect(pwd.output.hasPrefix(f.dir) || pwd.output.contains("weft-chatcore-"))
        #expect(tool.execute(json: #"{"command":"true"}"#, context: f.context).output == "[no output]\n[exit code: 0]")
    }

    @Test func timeoutKillsTheProcessGroup() {
        let f = CCToolFixture()
        defer { f.cleanup() }
        let start = Date()
        let result = RunCommandTool().execute(json: #"{"command":"echo started; (sleep 20; echo late) & sleep 20","timeout":1}"#,
                                              context: f.context)
        let elapsed = Date().timeIntervalSince(start)
        #expect(elapsed < 5, "took \(elapsed) s")
        #expect(result.isError)
        #expect(result.output.hasPrefix("started\n"))
        #expect(result.output.contains("[timed out after 1 s: killed]"))
        #expect(result.output.hasSuffix("[exit code: 137]"))
    }

    @Test func cancellationStopsTheCommand() {
        let f = CCToolFixture()
        defer { f.cleanup() }
        let cancel = ToolCancellation()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { cancel.cancel() }
        let start = Date()
        let result = RunCommandTool().execute(json: #"{"command":"sleep 20"}"#,
                                              context: ToolContext(cwd: f.dir, cancellation: cancel))
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(result.isError && result.output.contains("[cancelled: killed]"))
    }

    @Test func hugeOutputIsCapped() {
        let f = CCToolFixture()
        defer { f.cleanup() }
        let result = RunCommandTool().execute(json: #"{"command":"i=0; while [ $i -lt 3000 ]; do echo line$i-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx; i=$((i+1)); done"}"#,
                                              context: f.context)
        #expect(result.output.utf8.count < RunCommandTool.outputCap + 200)
        #expect(result.output.hasPrefix("line0-"))
        #expect(result.output.contains("line2999-"))
        #expect(result.output.contains("bytes of output omitted in the middle]"))
        #expect(result.output.hasSuffix("[exit code: 0]"))
    }

    @Test func argumentErrors() {
        let f = CCToolFixture()
        defer { f.cleanup() }
        let tool = RunCommandTool()
        #expect(tool.execute(json: "{}", context: f.context) == .failure(#"run_command: missing required argument "command""#))
        #expect(tool.execute(json: #"{"command":"  "}"#, context: f.context).isError)
        #expect(tool.execute(json: #"{"command":"true","timeout":0}"#, context: f.context).output.contains("between 1 and 600"))
        #expect(tool.execute(json: #"{"command":"true"}"#, context: ToolContext(cwd: f.dir + "/missing")).isError)
    }
}
