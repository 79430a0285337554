import CLua
import Foundation
import CLuaShim
import Kernel

// weft.plugin: list, reload, state; and the :reload command.

extension LuaRuntime {
    func pluginFunctions() -> [String: LuaFunction.Body] {
        [
            "list": { [unowned self] c in
                c.push(.array(plugins.records.map(pluginValue)))
            },
            "reload": { [unowned self] c in
                guard c.isNil(1) || c.type(1) == LUA_TSTRING else {
                    throw c.bad(1, "string expected, got \(c.typeName(1))")
                }
                do {
                    guard let name = try c.optString(1) else {
                        try plugins.reloadAll()
                        return c.push(plugins.records.allSatisfy { $0.state != .pending && Self.isFine($0.state) })
                    }
                    let r = try plugins.reload(name: name)
                    guard r.state == .loaded else {
                        _ = c.push(false)
                        return c.push(r.state.reason ?? r.state.name) + 1
                    }
                    return c.push(true)
                } catch let e as PluginError {
                    throw c.fail(e.description)
                }
            },
            "state": { [unowned self] c in
                let name = try c.optString(1) ?? currentPluginName()
                guard let name, !name.isEmpty else {
                    throw c.bad(1, "string expected, got \(c.typeName(1)) (outside a plugin, name the plugin)")
                }
                pushPluginState(c, name)
                return 1
            },
        ]
    }

    /// Loaded, or not loaded for a reason that is not a failure.
    static func isFine(_ s: PluginState) -> Bool {
        switch s {
        case .error: return false
        default: return true
        }
    }

    /// The plugin whose code is running (by owner), if any.
    func currentPluginName() -> String? {
        let owner = currentOwner
        return plugins.records.first { $0.owner == owner }?.spec.name
    }

    /// Pushes the state table of plugin `name`, creating it on first use.
    /// The tables live in one registry table, so they outlive reloads.
    /// Everything happens on the call's own stack (a coroutine's, when
    /// called from one).
    func pushPluginState(_ c: LuaCall, _ name: String) {
        let L = c.L
        if plugins.stateRef == 0 {
            weft_newtable(L)
            plugins.stateRef = c.ref(at: -1)
        }
        lua_rawgeti(L, weft_registryindex(), lua_Integer(plugins.stateRef))
        LuaState.enterSubtable(L, name)
    }

    /// Registers `:reload [NAME]`: one plugin, or (no name) init.lua and
    /// every plugin.
    func registerReloadCommand() {
        let options = CommandOptions(desc: "Reload a plugin (or, with no name, init.lua and every plugin)",
                                     nargs: .optional,
                                     complete: { [weak self] lead in
                                         (self?.plugins.records.map(\.spec.name) ?? []).filter { $0.hasPrefix(lead) }
                                     },
                                     owner: Self.kernelOwner)
        try? editor.commands.create(name: "reload", options: options) { [weak self] inv in
            guard let self else { return }
            let name = inv.args.trimmingCharacters(in: .whitespaces)
            if name.isEmpty {
                try self.plugins.reloadAll()
                let bad = self.plugins.records.filter { !Self.isFine($0.state) }.count
                self.editor.notify("reloaded \(self.plugins.records.count) plugins and config files"
                                   + (bad > 0 ? " (\(bad) failed: see :extensions)" : ""), level: bad > 0 ? .warn : .info)
            } else {
                let r = try self.plugins.reload(name: name)
                self.editor.notify("reload \(name): \(r.state.name)" + (r.state.reason.map { " (\($0))" } ?? ""),
                                   level: r.state == .loaded ? .info : .warn)
            }
        }
    }
}
