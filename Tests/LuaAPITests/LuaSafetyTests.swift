import CLua
import CLuaShim
import Foundation
import Kernel
import Testing
@testable import LuaAPI

/// Counts live instances, to prove Swift objects made inside a binding are
/// released when the binding raises.
final class Tracked {
    nonisolated(unsafe) static var live = 0
    init() { Tracked.live += 1 }
    deinit { Tracked.live -= 1 }
}

/// The error path from Lua into Swift and back: no longjmp across Swift
/// frames (defers run, objects are released), budgets, config loading.
@Suite struct LuaSafetyTests {
    @Test func badArgumentLeaksNothingAndRunsDefer() throws {
        try LuaTestLock.run {
            let boxesBefore = LuaFunction.liveBoxes
            var deferRuns = 0
            do {
                let fx = try LuaFixture()
                fx.runtime.register(table: "probe", functions: [
                    "f": { c in
                        let t = Tracked()
                        defer { deferRuns += 1; _ = t }
                        return c.push(try c.int(1) * 2)
                    },
                    "nested": { [unowned fx] c in
                        let t = Tracked()
                        defer { deferRuns += 1; _ = t }
                        // A Lua error raised inside a call back into Lua.
                        try fx.runtime.run("error('inner failure')")
                        return 0
                    },
                ])
                let r = try fx.runtime.run("""
                    local msgs = {}
                    for i = 1, 1000 do
                      local ok, err = pcall(weft.probe.f, "x")
                      if ok then error("no error") end
                      msgs[1] = err
                    end
                    local ok2, err2 = pcall(weft.probe.nested)
                    return msgs[1], weft.probe.f(21), ok2, err2
                    """)
                #expect(r[0] == .string("bad argument #1 to 'weft.probe.f' (number expected, got string)"))
                #expect(r[1] == .int(42))
                #expect(r[2] == .bool(false))
                #expect(r[3].string?.contains("inner failure") == true)
                #expect(deferRuns == 1002)
                #expect(Tracked.live == 0)
            }
            #expect(LuaFunction.liveBoxes == boxesBefore, "closing the state releases every Swift function")
        }
    }

    @Test func runtimeIsReleasedWithItsState() throws {
        try LuaTestLock.run {
            weak var weakRuntime: LuaRuntime?
            let boxes = LuaFunction.liveBoxes
            do {
                let fx = try LuaFixture()
                weakRuntime = fx.runtime
                try fx.runtime.run("weft.keymap.set('normal', 'a', function() end); weft.timer.every(1000, function() end)")
            }
            #expect(weakRuntime == nil)
            #expect(LuaFunction.liveBoxes == boxes)
        }
    }

    /// The hottest bindings reach the runtime through `RuntimeLink`, not
    /// a counted reference: once the runtime is gone (its state kept by
    /// someone else), they raise instead of touching freed memory.
    @Test func linkedBindingsRaiseOnceTheRuntimeIsGone() throws {
        try LuaTestLock.run {
            let state: LuaState
            weak var weakRuntime: LuaRuntime?
            do {
                let fx = try LuaFixture()
                weakRuntime = fx.runtime
                state = fx.runtime.state
                try fx.runtime.run("B = weft.buf.create{}; NS = weft.ns.create('gone')")
            }
            #expect(weakRuntime == nil)
            let r = try state.run("""
                local calls = {
                  function() return weft.buf.get_lines(B, 0, 1) end,
                  function() return weft.buf.set_lines(B, 0, -1, {'x'}) end,
                  function() return weft.extmark.set(B, NS, 0, 0, {hl = 'Title'}) end,
                }
                local out = {}
                for i, f in ipairs(calls) do out[i] = select(2, pcall(f)) end
                return out
                """)
            #expect(r == [.array([.string("chunk:2: weft.buf.get_lines: the weft runtime is gone"),
                                  .string("chunk:3: weft.buf.set_lines: the weft runtime is gone"),
                                  .string("chunk:4: weft.extmark.set: the weft runtime is gone")])])
        }
    }

    @Test func runawayHandlerIsAbortedWithinItsBudget() throws {
        try LuaTestLock.run {
            let fx = try LuaFixture()
            fx.runtime.budgetMs = 200
            try fx.runtime.run("""
                weft.autocmd.create('UserSpin', { desc = 'spinner', callback = function() while true do end end })
                weft.autocmd.create('UserSpin', { callback = function() ran = true end })
                """, owner: "spin.lua")
            let start = Date()
            fx.editor.emit(EventName("UserSpin"))
            let took = Date().timeIntervalSince(start)
            #expect(took < 1.5, "aborted after \(took) s")
            let last = fx.editor.messages.last?.text ?? ""
            #expect(last.contains("exceeded its time budget (200 ms)"), "\(last)")
            #expect(last.contains("spinner, spin.lua"), "\(last)")
            #expect(try fx.runtime.run("return ran") == [.bool(true)])
            #expect(fx.runtime.luaTimeMs(owner: "spin.lua") >= 150)
        }
    }

    @Test func configErrorShowsFileLineAndTraceback() throws {
        try LuaTestLock.run {
            let dir = NSTemporaryDirectory() + "weft-config-\(getpid())-\(Int.random(in: 0..<1_000_000))"
            try FileManager.default.createDirectory(atPath: dir + "/lua/my", withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try "return { answer = 42 }\n".write(toFile: dir + "/lua/my/init.lua", atomically: true, encoding: .utf8)
            try """
                local my = require("my")
                weft.keymap.set("normal", "q", function() end, { desc = "before the error" })
                weft.cmd.create("Answer", function() weft.notify(tostring(my.answer)) end)
                local x = nil
                x.field = 1
                """.write(toFile: dir + "/init.lua", atomically: true, encoding: .utf8)
            let fx = try LuaFixture()
            var message = ""
            do {
                try fx.runtime.loadConfig(path: dir + "/init.lua")
            } catch {
                message = "\(error)"
            }
            #expect(message.contains("init.lua:5:"), "\(message)")
            #expect(message.contains("stack traceback"), "\(message)")
            try fx.editor.commands.run(line: "Answer")
            #expect(fx.editor.messages.last?.text == "42")
            let mine = fx.runtime.extensionsReport().first { $0.owner == dir + "/init.lua" }
            #expect(mine?.keymaps == 1)
            #expect(mine?.commands == 1)
            #expect(fx.runtime.loadedFiles == [dir + "/init.lua"])
            try fx.editor.commands.run(line: "extensions")
            #expect(fx.editor.messages.last?.text.contains("init.lua: 1 keymap, 1 command") == true)
        }
    }

    @Test func headlessScriptGetsArgumentsAndRequire() throws {
        try LuaTestLock.run {
            let path = NSTemporaryDirectory() + "weft-script-\(getpid()).lua"
            try "local a, b = ...; return a .. b, weft ~= nil".write(toFile: path, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let fx = try LuaFixture()
            #expect(try fx.runtime.runScript(path: path, args: ["x", "y"]) == [.string("xy"), .bool(true)])
        }
    }
}
