import Foundation
import Testing
@testable import LuaAPI

/// Loading files that are not plain files: a FIFO as init.lua used to
/// block startup forever with no message.
@Suite struct LuaFileLoadTests {
    @Test func fifoConfigIsRefusedWithoutBlocking() throws {
        try LuaTestLock.run {
            let dir = NSTemporaryDirectory() + "weft-fifo-\(getpid())"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let path = dir + "/init.lua"
            #expect(mkfifo(path, 0o600) == 0)
            let fx = try LuaFixture()
            var message = ""
            do { try fx.runtime.loadConfig(path: path) } catch { message = "\(error)" }
            #expect(message.contains("cannot read \(path): it is a FIFO, not a regular file"), "\(message)")
        }
    }

    @Test func directoryScriptIsRefused() throws {
        try LuaTestLock.run {
            let fx = try LuaFixture()
            var message = ""
            do { try fx.runtime.runScript(path: NSTemporaryDirectory()) } catch { message = "\(error)" }
            #expect(message.contains("it is a directory, not a regular file"), "\(message)")
        }
    }

    @Test func plainFileStillLoads() throws {
        try LuaTestLock.run {
            let path = NSTemporaryDirectory() + "weft-plain-\(getpid()).lua"
            try "return 6 * 7".write(toFile: path, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let fx = try LuaFixture()
            #expect(try fx.runtime.runScript(path: path) == [.int(42)])
        }
    }
}
