import Foundation
import Glibc
import Kernel
import Testing
@testable import LuaAPI

/// Owner teardown and reload: `:reload`, `weft.plugin.reload`,
/// `weft.plugin.state`, module cache.
@Suite struct PluginReloadTests {
    /// A plugin that registers one of every kind and remembers its timer
    /// ids and job pids in its state.
    static let everything = """
        local st = weft.plugin.state()
        st.loads = (st.loads or 0) + 1
        st.timers = st.timers or {}
        st.pids = st.pids or {}
        weft.keymap.set("normal", "<C-g>", function() end, { desc = "grab" })
        weft.keymap.set("insert", "jj", "<Esc>")
        weft.cmd.create("Grab", function() end, {})
        weft.autocmd.create({ "user_grab", "buf_new" }, { callback = function() end })
        st.timers[#st.timers + 1] = weft.timer.every(1000, function() end)
        st.timers[#st.timers + 1] = weft.timer.defer(60000, function() end)
        weft.hl.set("GrabHl", { fg = "#ff0000" })
        weft.hl.set("Normal", { fg = "#00ff00" })
        local b = weft.buf.create{ name = "grab-" .. st.loads }
        weft.win.open(b, { relative = "editor", row = 1, col = 1, width = 10, height = 2 })
        weft.test_tool.register("grab_tool")
        st.pids[#st.pids + 1] = weft.job.start{ cmd = { "sleep", "100" } }.pid
        """

    @Test func reloadedAHundredTimesLeavesOneCopyOfEachRegistration() throws {
        try LuaTestLock.run {
            let sb = try PluginSandbox()
            defer { sb.cleanup() }
            try sb.write("plugins/grab/init.lua", Self.everything)
            let fx = try LuaFixture()
            let tools = fx.installFakeTools()
            let normalBefore = fx.runtime.highlights.highlight("Normal")
            fx.runtime.plugins.start(PluginSetup(userPlugins: sb.root + "/plugins"))
            for _ in 0..<99 { try fx.runtime.plugins.reload(name: "grab") }
            try fx.runtime.run("assert(weft.plugin.reload('grab'))")
            let owner = sb.root + "/plugins/grab/init.lua"
            let reg = fx.runtime.registrations(owner: owner)
            #expect(reg == ["keymaps": 2, "commands": 1, "autocmds": 1, "timers": 2, "jobs": 1, "highlights": 2,
                            "windows": 1, "buffers": 1, "tools": 1])
            #expect(fx.editor.keymaps.list().filter { $0.lhs == "<C-g>" }.count == 1)
            #expect(fx.editor.events.list(event: "user_grab").count == 1)
            #expect(fx.editor.buffers.values.filter { $0.name.hasPrefix("grab-") }.map(\.name) == ["grab-101"])
            #expect(tools.tools == ["grab_tool": owner])
            #expect(fx.runtime.highlights.highlight("GrabHl") != nil)
            let st = try fx.runtime.run("return weft.plugin.state('grab')").first ?? .null
            #expect(st["loads"]?.int == 101)
            let timerIDs = st["timers"]?.array?.compactMap(\.int) ?? []
            #expect(timerIDs.count == 202)
            let live = timerIDs.filter { fx.loop.isScheduled(TimerID($0)) }
            #expect(live == Array(timerIDs.suffix(2)), "only the last load's timers run")
            let pids = st["pids"]?.array?.compactMap(\.int) ?? []
            #expect(pids.count == 101)
            for pid in pids.dropLast() { #expect(kill(pid_t(pid), 0) != 0, "job \(pid) of an earlier load still runs") }
            #expect(kill(pid_t(pids.last ?? 0), 0) == 0)
            #expect(fx.runtime.jobManager.jobs.count == 1)
            // Unloading restores the group the plugin redefined and drops its own.
            fx.runtime.teardown(owner: owner)
            #expect(fx.runtime.highlights.highlight("Normal") == normalBefore)
            #expect(fx.runtime.highlights.highlight("GrabHl") == nil)
            #expect(fx.runtime.registrations(owner: owner).values.allSatisfy { $0 == 0 })
            #expect(fx.runtime.jobManager.jobs.isEmpty)
        }
    }

    @Test func stateSurvivesReloadAndModulesAreReadAgain() throws {
        try LuaTestLock.run {
            let sb = try PluginSandbox()
            defer { sb.cleanup() }
            try sb.write("plugins/mod/lua/mod/util.lua", "return { version = 1 }")
            try sb.write("plugins/mod/init.lua", """
                local st = weft.plugin.state("mod")
                st.count = (st.count or 0) + 1
                _G.mod_version = require("mod.util").version
                """)
            let fx = try LuaFixture()
            fx.runtime.plugins.start(PluginSetup(userPlugins: sb.root + "/plugins"))
            #expect(try fx.runtime.run("return mod_version, weft.plugin.state('mod').count") == [.int(1), .int(1)])
            try sb.write("plugins/mod/lua/mod/util.lua", "return { version = 2 }")
            try fx.runtime.run("weft.cmd.run('reload mod')")
            #expect(try fx.runtime.run("return mod_version, weft.plugin.state('mod').count") == [.int(2), .int(2)])
            // Reload everything: same state table, module read again.
            try sb.write("plugins/mod/lua/mod/util.lua", "return { version = 3 }")
            try fx.runtime.run("weft.cmd.run('reload')")
            #expect(try fx.runtime.run("return mod_version, weft.plugin.state('mod').count") == [.int(3), .int(3)])
        }
    }

    @Test func reloadErrorsNameTheFunctionAndArgument() throws {
        try LuaTestLock.run {
            let fx = try LuaFixture()
            #expect(throws: LuaError.self) { try fx.runtime.run("weft.plugin.reload(12)") }
            do {
                try fx.runtime.run("weft.plugin.reload(12)")
            } catch {
                #expect("\(error)".contains("bad argument #1 to 'weft.plugin.reload' (string expected, got number)"))
            }
            do {
                try fx.runtime.run("weft.plugin.reload('nope')")
            } catch {
                #expect("\(error)".contains("weft.plugin.reload: no plugin named 'nope'"))
            }
            do {
                try fx.runtime.run("weft.plugin.state()")
                Issue.record("state() outside a plugin must fail")
            } catch {
                #expect("\(error)".contains("bad argument #1 to 'weft.plugin.state' (string expected, got no value"))
            }
        }
    }

    @Test func reloadingTheConfigRunsInitLuaOnce() throws {
        try LuaTestLock.run {
            let sb = try PluginSandbox()
            defer { sb.cleanup() }
            let config = try sb.write("config/init.lua", """
                weft.keymap.set("normal", "<C-k>", function() end)
                weft.cmd.create("FromInit", function() end, {})
                """)
            let fx = try LuaFixture()
            fx.runtime.plugins.start(PluginSetup(config: config))
            for _ in 0..<5 { try fx.runtime.plugins.reloadAll() }
            #expect(fx.editor.keymaps.list().filter { $0.owner == config }.count == 1)
            #expect(fx.editor.commands.list().filter { $0.owner == config }.count == 1)
            #expect(fx.runtime.plugins.record(named: "init.lua")?.loads == 6)
        }
    }
}
