import Foundation
import Kernel
import Testing
@testable import LuaAPI

/// Runs every `Tests/Lua/*_spec.lua` file in a fresh editor, loop and
/// runtime (see `LuaFixture`), with the assertion library in
/// `Tests/Lua/helpers.lua`, and fails with each failing `it`. Set
/// `WEFT_LUA_SPEC=name` to run only the files whose name starts with it.
@Suite struct LuaSuiteTests {
    static func specFiles() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: RepoPaths.luaTests)) ?? []
        let only = ProcessInfo.processInfo.environment["WEFT_LUA_SPEC"]
        return files.filter { $0.hasSuffix("_spec.lua") && (only == nil || $0.hasPrefix(only!)) }.sorted()
    }

    @Test(arguments: specFiles())
    func spec(_ file: String) throws {
        try LuaTestLock.run {
            let fx = try LuaFixture()
            _ = try fx.runtime.state.run("package.path = ... .. '/?.lua;' .. package.path",
                                         chunkName: "=setup", args: [.string(RepoPaths.luaTests)])
            var crashed: String?
            do {
                try fx.runtime.runScript(path: RepoPaths.luaTests + "/" + file)
            } catch {
                crashed = "\(error)"
            }
            let results = try fx.runtime.run("return require('helpers').results").first ?? .null
            let passed = results["passed"]?.int ?? 0
            let failed = results["failed"]?.int ?? 0
            let failures = results["failures"]?.array?.compactMap(\.string) ?? []
            print("Lua suite \(file): \(passed) passed, \(failed) failed")
            #expect(crashed == nil, "\(file) stopped: \(crashed ?? "")")
            #expect(passed > 0, "\(file) ran no test")
            for f in failures { Issue.record("\(file): \(f)") }
            #expect(failed == 0)
        }
    }
}
