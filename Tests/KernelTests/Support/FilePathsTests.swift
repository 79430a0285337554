import Foundation
import Testing
import Kernel

@Suite("File paths")
struct FilePathsTests {
    @Test func currentDirectoryIsTheProcessWorkingDirectory() {
        #expect(FilePaths.currentDirectory() == FileManager.default.currentDirectoryPath)
    }

    @Test func directoryOfDropsTheLastComponent() {
        #expect(FilePaths.directory(of: "/a/b/c.txt") == "/a/b")
        #expect(FilePaths.directory(of: "c.txt") == ".")
        #expect(FilePaths.directory(of: "/c") == "")
    }
}
