import Foundation
import Kernel
import Testing
@testable import LuaAPI

/// Discovery, manifests, requirements, load order, broken plugins and
/// `weft.plugin.list()`.
@Suite struct PluginLoadTests {
    @Test func missingRequirementAndDisabledAreListedNotRun() throws {
        try LuaTestLock.run {
            let sb = try PluginSandbox()
            defer { sb.cleanup() }
            try sb.write("plugins/needs/manifest.lua",
                         #"return { requires = { bin = { "sh", "weft-no-such-binary" }, lua = { "weft_no_such_mod" } } }"#)
            try sb.write("plugins/needs/init.lua", "ran_needs = true")
            try sb.write("plugins/off/manifest.lua", #"return { description = "switched off", enabled = false }"#)
            try sb.write("plugins/off/init.lua", "ran_off = true")
            let fx = try LuaFixture()
            fx.runtime.plugins.start(PluginSetup(userPlugins: sb.root + "/plugins"))
            #expect(try fx.runtime.run("return ran_needs, ran_off") == [.null, .null])
            let needs = fx.runtime.plugins.record(named: "needs")
            #expect(needs?.state == .missing(["bin weft-no-such-binary", "lua weft_no_such_mod"]))
            #expect(needs?.state.reason == "missing requirement: bin weft-no-such-binary, lua weft_no_such_mod")
            #expect(fx.runtime.plugins.record(named: "off")?.state == .disabled)
            let list = try fx.runtime.run("return weft.plugin.list()").first?.array ?? []
            #expect(list.count == 2)
            #expect(list[0]["name"] == "needs" && list[0]["state"] == "missing")
            #expect(list[0]["missing"] == .array(["bin weft-no-such-binary", "lua weft_no_such_mod"]))
            #expect(list[1]["name"] == "off" && list[1]["state"] == "disabled")
            #expect(list[1]["description"] == "switched off")
            #expect(fx.runtime.extensionsText().contains("needs  missing  (user): missing requirement: bin weft-no-such-binary"))
        }
    }

    @Test func brokenPluginsReportFileAndLineAndOthersStillLoad() throws {
        try LuaTestLock.run {
            let sb = try PluginSandbox()
            defer { sb.cleanup() }
            try sb.write("plugins/a_syntax.lua", "local x = = 1")
            try sb.write("plugins/b_runtime/init.lua", "weft.cmd.create('Half', function() end, {})\nerror('boom')")
            try sb.write("plugins/c_good.lua", "weft.cmd.create('Good', function() end, {})")
            let fx = try LuaFixture()
            fx.runtime.plugins.start(PluginSetup(userPlugins: sb.root + "/plugins"))
            // Lua shortens long chunk names ("...s/a_syntax.lua:1:"); the state has the whole path.
            let a = fx.runtime.plugins.record(named: "a_syntax")?.state
            #expect(a == .error("\(sb.root)/plugins/a_syntax.lua:1: unexpected symbol near '='"))
            let b = fx.runtime.plugins.record(named: "b_runtime")?.state
            #expect(b == .error("\(sb.root)/plugins/b_runtime/init.lua:2: boom"))
            #expect(fx.runtime.plugins.record(named: "c_good")?.state == .loaded)
            #expect(fx.editor.commands.exists("Good"))
            #expect(fx.editor.messages.contains { $0.level == .error && $0.text.contains("b_runtime/init.lua:2: boom") })
            // A failed plugin's partial registrations go on reload.
            try sb.write("plugins/b_runtime/init.lua", "weft.cmd.create('Whole', function() end, {})")
            #expect(try fx.runtime.run("return weft.plugin.reload('b_runtime')") == [.bool(true)])
            #expect(!fx.editor.commands.exists("Half") && fx.editor.commands.exists("Whole"))
            // The editor is untouched: keys still reach their handlers.
            try fx.runtime.run("weft.keymap.set('normal', 'x', function() hit = true end)")
            try fx.editor.feedKeys("x")
            #expect(try fx.runtime.run("return hit") == [.bool(true)])
        }
    }

    @Test func runawayPluginIsAbortedAndMissingPathsAreReported() throws {
        try LuaTestLock.run {
            let sb = try PluginSandbox()
            defer { sb.cleanup() }
            try sb.write("plugins/a_loop.lua", "while true do end")
            try sb.write("plugins/b_after.lua", "after = true")
            let fx = try LuaFixture()
            fx.runtime.budgetMs = 100
            fx.runtime.plugins.start(PluginSetup(userPlugins: sb.root + "/plugins",
                                                 flagPlugins: [sb.root + "/nowhere.lua", sb.root + "/plugins/b_after.lua"]))
            let loop = fx.runtime.plugins.record(named: "a_loop")?.state
            #expect(loop?.reason?.contains("exceeded its time budget (100 ms)") == true, "\(String(describing: loop))")
            #expect(try fx.runtime.run("return after") == [.bool(true)])
            #expect(fx.runtime.plugins.record(named: "nowhere")?.state == .error("\(sb.root)/nowhere.lua: no such file or folder"))
            // The --plugin copy of b_after overrides the user one; reload goes to the winner.
            #expect(fx.runtime.plugins.records.filter { $0.spec.name == "b_after" }.map(\.state.name) == ["overridden", "loaded"])
            #expect(try fx.runtime.plugins.reload(name: "b_after").state == .loaded)
        }
    }

    @Test func badManifestsAreReportedClearly() throws {
        let cases: [(String, String)] = [
            ("return 42", "must return a table, got number"),
            (#"return { enabled = "no" }"#, "field 'enabled': boolean expected, got string"),
            (#"return { requires = { bin = "git" } }"#, "field 'requires.bin': list of strings expected, got string"),
            (#"return { requires = { bin = { 1 } } }"#, "field 'requires.bin[1]': non-empty string expected, got number"),
            (#"return { enable = false }"#, "unknown field 'enable'"),
            ("return {", "manifest.lua:1: "),
            ("return os.exit(3)", "attempt to index a nil value (global 'os')"),
        ]
        try LuaTestLock.run {
            for (text, expected) in cases {
                let sb = try PluginSandbox()
                defer { sb.cleanup() }
                try sb.write("plugins/p/manifest.lua", text)
                try sb.write("plugins/p/init.lua", "ran = true")
                let fx = try LuaFixture()
                fx.runtime.plugins.start(PluginSetup(userPlugins: sb.root + "/plugins"))
                let state = fx.runtime.plugins.record(named: "p")?.state
                #expect(state?.name == "error", "\(text)")
                #expect(state?.reason?.contains(expected) == true, "\(text): \(state?.reason ?? "nil")")
                #expect(state?.reason?.hasPrefix(sb.root + "/plugins/p/manifest.lua") == true)
                #expect(try fx.runtime.run("return ran") == [.null])
            }
        }
    }

    @Test func loadOrderAndOverrides() throws {
        try LuaTestLock.run {
            let sb = try PluginSandbox()
            defer { sb.cleanup() }
            let log = "order = order or {}; order[#order + 1] = "
            try sb.write("runtime/plugins/shared.lua", log + "'runtime shared'")
            try sb.write("runtime/plugins/first.lua", log + "'runtime first'")
            let config = try sb.write("config/init.lua", log + "'init'; zeta_setup = require('zeta.setup')")
            try sb.write("config/plugins/zeta/lua/zeta/setup.lua", "return 'setup from zeta'")
            try sb.write("config/plugins/zeta/init.lua", log + "'user zeta'")
            try sb.write("config/plugins/zeta/manifest.lua", "return { name = 'renamed' }")
            try sb.write("config/plugins/alpha.lua", log + "'user alpha'")
            try sb.write("config/plugins/shared.lua", log + "'user shared'")
            let flag = try sb.write("elsewhere/dev.lua", log + "'flag dev'")
            let fx = try LuaFixture()
            fx.runtime.plugins.start(PluginSetup(runtimePlugins: sb.root + "/runtime/plugins", config: config,
                                                 userPlugins: sb.root + "/config/plugins", flagPlugins: [flag]))
            let order = try fx.runtime.run("return order").first?.array?.compactMap(\.string)
            #expect(order == ["runtime first", "init", "user alpha", "user shared", "user zeta", "flag dev"])
            #expect(try fx.runtime.run("return zeta_setup") == ["setup from zeta"], "init.lua requires a plugin's module")
            let names = fx.runtime.plugins.records.map(\.spec.name)
            #expect(names == ["first", "shared", "init.lua", "alpha", "shared", "renamed", "dev"])
            #expect(fx.runtime.plugins.records[1].state == .overridden(by: sb.root + "/config/plugins/shared.lua"))
            #expect(fx.runtime.plugins.records.map(\.spec.source) == [.runtime, .runtime, .config, .user, .user, .user, .flag])
        }
    }

    @Test func listReportsWhatEachPluginRegisteredAndItsTime() throws {
        try LuaTestLock.run {
            let sb = try PluginSandbox()
            defer { sb.cleanup() }
            try sb.write("plugins/two/init.lua", """
                weft.keymap.set("normal", "a", function() end)
                weft.keymap.set("normal", "b", function() end)
                weft.cmd.create("Two", function() end, {})
                """)
            try sb.write("plugins/two/manifest.lua", #"return { description = "two keys" }"#)
            let fx = try LuaFixture()
            fx.runtime.plugins.start(PluginSetup(userPlugins: sb.root + "/plugins"))
            let p = try fx.runtime.run("return weft.plugin.list()[1]").first ?? .null
            #expect(p["name"] == "two" && p["state"] == "loaded" && p["kind"] == "plugin" && p["source"] == "user")
            #expect(p["path"] == .string(sb.root + "/plugins/two"))
            #expect(p["entry"] == .string(sb.root + "/plugins/two/init.lua"))
            #expect(p["description"] == "two keys" && p["loads"] == 1 && p["reason"] == nil)
            #expect(p["registered"]?["keymaps"] == 2 && p["registered"]?["commands"] == 1 && p["registered"]?["timers"] == 0)
            if case .double(let ms)? = p["lua_ms"] { #expect(ms > 0) } else { Issue.record("lua_ms missing") }
            #expect(fx.runtime.extensionsText().contains("two  loaded  (user) 1 command, 2 keymaps, "))
        }
    }

    @Test func extensionsCommandShowsTheWholeReportInAFloat() throws {
        try LuaTestLock.run {
            let sb = try PluginSandbox()
            defer { sb.cleanup() }
            try sb.write("plugins/off/manifest.lua", "return { enabled = false }")
            try sb.write("plugins/off/init.lua", "")
            let fx = try LuaFixture(width: 100, height: 30)
            let report = ReportFloat(editor: fx.editor)
            fx.runtime.showReport = { report.show(title: $0, $1) }
            fx.runtime.plugins.start(PluginSetup(userPlugins: sb.root + "/plugins"))
            try fx.editor.commands.run(line: "extensions")
            let win = try #require(fx.editor.findWindow(name: "report"))
            let lines = fx.editor.buffers[win.buffer]?.lines ?? []
            // One cell of margin inside the border, a blank row above and below.
            #expect(lines.contains("   off  disabled  (user): disabled in manifest.lua (enabled = false)"))
            #expect(lines.first == "" && lines.last == "")
            #expect(fx.editor.mode == "report")
            try fx.editor.feedKeys("q")
            #expect(fx.editor.findWindow(name: "report") == nil && fx.editor.mode == "normal")
        }
    }
}
