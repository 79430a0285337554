import Foundation
import Kernel
import Testing
@testable import Chat

@Suite struct ComposerExternalEditorTests {
    @Test func theRunnerEditsTheFileAndTheTextComesBack() throws {
        let f = try ComposerFixture()
        try f.keys("draft 日本")
        var seenPath = ""
        try f.composer.openEditor { path in
            seenPath = path
            let before = try String(contentsOfFile: path, encoding: .utf8)
            #expect(before == "draft 日本\n")
            try "edited\r\nin the editor 👍\n".write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(f.lines == ["edited", "in the editor 👍"])
        #expect(f.composer.cursor == Position(row: 1, col: "in the editor 👍".utf8.count))
        #expect(!FileManager.default.fileExists(atPath: seenPath))
        try f.keys("<C-z>")
        #expect(f.lines == ["draft 日本"])
    }

    @Test func anEditorAppendingALineGetsItsOwnLine() throws {
        let f = try ComposerFixture()
        try f.keys("alpha<C-j>beta")
        try f.composer.openEditor { path in
            let handle = try #require(FileHandle(forWritingAtPath: path))
            handle.seekToEndOfFile()
            handle.write(Data("appended by editor\n".utf8))
            try handle.close()
        }
        #expect(f.lines == ["alpha", "beta", "appended by editor"])
    }

    @Test func ctrlGUsesTheEditorRunner() throws {
        let f = try ComposerFixture()
        try f.keys("<C-g>")
        #expect(f.editor.messages.last?.level == .warn)
        f.composer.editorRunner = { path in
            try "from ctrl-g".write(toFile: path, atomically: true, encoding: .utf8)
        }
        try f.keys("<C-g>")
        #expect(f.lines == ["from ctrl-g"])
    }

    struct Refused: Error {}

    @Test func aFailingRunnerLeavesTheTextAlone() throws {
        let f = try ComposerFixture()
        try f.keys("keep me")
        #expect(throws: Refused.self) {
            try f.composer.openEditor { _ in throw Refused() }
        }
        #expect(f.lines == ["keep me"])
        f.composer.editorRunner = { path in
            try FileManager.default.removeItem(atPath: path)
        }
        try f.keys("<C-g>")
        #expect(f.lines == ["keep me"])
        #expect(f.editor.messages.last?.level == .error)
    }

    @Test func placeholdersSurviveTheEditor() throws {
        let f = try ComposerFixture()
        let big = String(repeating: "p\n", count: 30)
        try f.composer.paste(big)
        try f.composer.openEditor { path in
            let t = try String(contentsOfFile: path, encoding: .utf8)
            try ("intro " + t).write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(f.composer.expandedText == "intro " + big)
    }
}

@Suite struct ComposerCompletionTests {
    @Test func currentTokenAndReplace() throws {
        let f = try ComposerFixture()
        try f.keys("look at @Sour please")
        #expect(f.composer.currentToken(prefix: "@") == nil)
        try f.keys("<M-b><M-b><Right><Right>")
        let t = f.composer.currentToken(prefix: "@")
        #expect(t == ComposerToken(text: "@Sour", typed: "@So", row: 0, startCol: 8, endCol: 13))
        try f.composer.replaceCurrentToken(with: "@Sources/")
        #expect(f.lines == ["look at @Sources/ please"])
        #expect(f.composer.cursor == Position(row: 0, col: 17))
        try f.keys("<C-z>")
        #expect(f.lines == ["look at @Sour please"])
    }

    @Test func slashCommandToken() throws {
        let f = try ComposerFixture()
        try f.keys("/mo")
        #expect(f.composer.currentToken(prefix: "/")?.typed == "/mo")
        try f.composer.replaceCurrentToken(with: "/model ")
        #expect(f.composer.text == "/model ")
        #expect(f.composer.currentToken(prefix: "/") == nil)
        #expect(f.composer.currentToken()?.text == "")
        #expect(throws: KernelError.self) { try f.composer.replaceCurrentToken(with: "a\nb") }
    }

    @Test func tokenWithMultiByteText() throws {
        let f = try ComposerFixture()
        try f.keys("中文 @日本/語<C-j>x")
        try f.keys("<Up><End>")
        let t = f.composer.currentToken(prefix: "@")
        #expect(t?.text == "@日本/語")
        #expect(t?.startCol == "中文 ".utf8.count)
    }

    @Test func pathCompletionsListTheDirectory() throws {
        let dir = try composerTempDir("paths")
        defer { composerCleanup(dir) }
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/src/kernel", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: dir + "/.git", withIntermediateDirectories: true)
        for name in ["README.md", "src/main.swift", "src/model.swift", ".env", "src/.hidden"] {
            #expect(fm.createFile(atPath: dir + "/" + name, contents: Data("x".utf8)))
        }
        let f = try ComposerFixture()
        #expect(f.composer.pathCompletions(for: "", cwd: dir) == ["README.md", "src/"])
        #expect(f.composer.pathCompletions(for: "@", cwd: dir) == ["README.md", "src/"])
        #expect(f.composer.pathCompletions(for: ".", cwd: dir) == [".env", ".git/"])
        #expect(f.composer.pathCompletions(for: "@src/m", cwd: dir) == ["src/main.swift", "src/model.swift"])
        #expect(f.composer.pathCompletions(for: "src/", cwd: dir) == ["src/kernel/", "src/main.swift", "src/model.swift"])
        #expect(f.composer.pathCompletions(for: "src/.", cwd: dir) == ["src/.hidden"])
        #expect(f.composer.pathCompletions(for: dir + "/src/k", cwd: "/") == [dir + "/src/kernel/"])
        #expect(f.composer.pathCompletions(for: "nope/x", cwd: dir).isEmpty)
    }

    @Test func pathCompletionsAreCapped() throws {
        let dir = try composerTempDir("cap")
        defer { composerCleanup(dir) }
        for i in 0..<120 {
            #expect(FileManager.default.createFile(atPath: dir + "/f\(1000 + i)", contents: nil))
        }
        let all = PathCompletion.candidates(for: "f", cwd: dir)
        #expect(all.count == 50)
        #expect(all.first == "f1000")
        #expect(all == all.sorted())
    }
}
