import Foundation
import Kernel
import Testing
@testable import LuaAPI

/// Keeps `runtime/lua/weft/_meta/*.lua` (LuaLS annotations) in step with
/// the live `weft` table: every binding has an annotated function, and
/// every annotated function is a binding.
@Suite struct LuaMetaTests {
    /// `weft.x.y` names of every function in the live table, plus
    /// `job:method` for the job object's methods.
    static func liveNames(_ fx: LuaFixture) throws -> Set<String> {
        let r = try fx.runtime.run("""
            local names = {}
            for k, v in pairs(weft) do
              if type(v) == "function" then names[#names + 1] = "weft." .. k
              elseif type(v) == "table" then
                for k2, v2 in pairs(v) do
                  if type(v2) == "function" then names[#names + 1] = "weft." .. k .. "." .. k2 end
                end
              end
            end
            local job = weft.job.start{ cmd = { "true" } }
            for k, v in pairs(getmetatable(job).__index) do
              if type(v) == "function" then names[#names + 1] = "job:" .. k end
            end
            return names
            """)
        return Set(r.first?.array?.compactMap(\.string) ?? [])
    }

    /// Function names declared in the meta files, with the file of each.
    static func annotatedNames() throws -> [String: String] {
        let dir = RepoPaths.runtime + "/lua/weft/_meta"
        var out: [String: String] = [:]
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".lua") }
        for file in files {
            let text = try String(contentsOfFile: dir + "/" + file, encoding: .utf8)
            #expect(text.hasPrefix("---@meta"), "\(file) must start with ---@meta")
            var previous = ""
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                defer { previous = line }
                guard line.hasPrefix("function "), let paren = line.firstIndex(of: "(") else { continue }
                let name = String(line[line.index(line.startIndex, offsetBy: 9)..<paren])
                let key = name.hasPrefix("Job:") ? "job:" + name.dropFirst(4) : name
                #expect(previous.hasPrefix("---"), "\(file): \(name) has no annotation comment")
                out[key] = file
            }
        }
        return out
    }

    @Test func everyBindingIsAnnotatedAndViceVersa() throws {
        try LuaTestLock.run {
            let fx = try LuaFixture()
            let live = try Self.liveNames(fx)
            let annotated = try Self.annotatedNames()
            #expect(live.count > 80, "walked \(live.count) bindings")
            for name in live.sorted() where annotated[name] == nil {
                Issue.record("binding \(name) has no annotation in runtime/lua/weft/_meta")
            }
            // weft.chat is added by the executable's chat layer, not by this
            // bare runtime; Tests/EndToEnd/chat_lua_test.sh checks it both ways.
            for name in annotated.keys.sorted() where !live.contains(name) && !name.hasPrefix("weft.chat.") {
                Issue.record("annotation \(name) (\(annotated[name] ?? "")) names no binding")
            }
        }
    }
}
