import Foundation
import Testing
@testable import Chat

@Suite struct ProjectInstructionsTests {
    @Test func loadsFromRootDownToCwdThenTheUsersFirst() throws {
        let f = FileFixture()
        defer { f.cleanup() }
        try FileManager.default.createDirectory(atPath: f.dir + "/repo/.git", withIntermediateDirectories: true)
        f.write("repo/AGENTS.md", "root rules\n")
        f.write("repo/pkg/AGENTS.md", "pkg rules\n")
        f.write("repo/pkg/deep/x.txt", "x")
        f.write("config/weft/AGENTS.md", "my rules\n")
        let cwd = f.dir + "/repo/pkg/deep"
        let root = ProjectRoot.find(from: cwd)
        #expect(root.path == f.dir + "/repo")
        let env = ["XDG_CONFIG_HOME": f.dir + "/config", "HOME": "/nonexistent"]
        let all = ProjectInstructions.load(cwd: cwd, root: root, environment: env, includeUser: true)
        #expect(all.files.map(\.text) == ["my rules\n", "root rules\n", "pkg rules\n"])
        #expect(all.files.map(\.isUser) == [true, false, false])
        let clean = ProjectInstructions.load(cwd: cwd, root: root, environment: env, includeUser: false)
        #expect(clean.files.map(\.text) == ["root rules\n", "pkg rules\n"])
        let prompt = SystemPrompt.make(cwd: cwd, root: root, mode: .readOnly, instructions: all)
        #expect(prompt.contains("Permission mode: read-only"))
        #expect(prompt.contains("## Project instructions (\(f.dir)/repo/pkg/AGENTS.md)\n\npkg rules\n"))
        #expect(prompt.range(of: "my rules")!.lowerBound < prompt.range(of: "root rules")!.lowerBound)
    }

    @Test func capsFilesAndTotal() {
        let f = FileFixture()
        defer { f.cleanup() }
        f.write("AGENTS.md", String(repeating: "é", count: ProjectInstructions.fileCap))  // 2 bytes each
        let i = ProjectInstructions.load(cwd: f.dir, root: ProjectRoot(path: f.dir), environment: [:], includeUser: false)
        #expect(i.files.count == 1 && i.files[0].truncated)
        #expect(i.files[0].text.utf8.count == ProjectInstructions.fileCap)
        #expect(i.promptSection.contains("[cut: only the first 32768 of 65536 bytes are shown]"))
        #expect(i.summaryLines == ["\(f.dir)/AGENTS.md  64 KB (cut to 32 KB)"])
    }

    @Test func noGitMeansTheWorkingDirectory() {
        let f = FileFixture()
        defer { f.cleanup() }
        f.write("sub/AGENTS.md", "sub\n")
        f.write("AGENTS.md", "above cwd, not loaded\n")
        let cwd = f.dir + "/sub"
        let root = ProjectRoot.find(from: cwd)
        // A temp directory is normally not in a repository.
        if root.path == cwd {
            let i = ProjectInstructions.load(cwd: cwd, root: root, environment: [:], includeUser: false)
            #expect(i.files.map(\.text) == ["sub\n"])
        }
    }
}
