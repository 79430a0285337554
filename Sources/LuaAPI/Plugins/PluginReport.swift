import Kernel

// What each plugin registered: `weft.plugin.list()`, `:extensions` and
// `weft --health`.

extension LuaRuntime {
    /// Counts of what `owner` has registered now, by kind: keymaps,
    /// commands, autocmds, timers, jobs, highlights, windows, buffers, plus
    /// the hook kinds (tools).
    public func registrations(owner: String) -> [String: Int] {
        var n: [String: Int] = [
            "keymaps": editor.keymaps.list().filter { $0.owner == owner }.count,
            "commands": editor.commands.list().filter { $0.owner == owner }.count,
            "autocmds": Set(editor.events.list().filter { $0.owner == owner }.map(\.id)).count,
            "timers": timers.values.filter { $0.handler.owner == owner }.count,
            "jobs": jobs.values.filter { $0.owner == owner }.count,
            "highlights": created.highlightCount(owner),
            "windows": (created.windows[owner] ?? []).filter { editor.windows[$0] != nil }.count,
            "buffers": (created.buffers[owner] ?? []).filter { editor.buffers[$0] != nil }.count,
        ]
        for hook in ownerHooks { n[hook.kind + "s"] = hook.count(owner) }
        return n
    }

    /// One plugin or config file as `weft.plugin.list()` returns it.
    public func pluginValue(_ r: PluginRecord) -> Value {
        var t: [String: Value] = [
            "name": .string(r.spec.name), "state": .string(r.state.name), "path": .string(r.spec.path),
            "entry": .string(r.spec.entry), "source": .string(r.spec.source.rawValue),
            "kind": .string(r.spec.isConfig ? "config" : "plugin"), "loads": .int(r.loads),
            "lua_ms": .double(luaTimeMs(owner: r.owner)),
            "registered": .table(registrations(owner: r.owner).mapValues { .int($0) }),
        ]
        if let reason = r.state.reason { t["reason"] = .string(reason) }
        if let d = r.manifest.description { t["description"] = .string(d) }
        if case .missing(let m) = r.state { t["missing"] = .array(m.map { .string($0) }) }
        return .table(t)
    }

    /// One line per plugin and config file:
    /// `git-status  loaded  (user) 2 keymaps, 1 command  0.4 ms`, or the
    /// state and its reason.
    public func pluginLines() -> [String] {
        plugins.records.map { r in
            let head = "\(r.spec.name)  \(r.state.name)  (\(r.spec.source.rawValue))"
            guard r.state == .loaded else { return head + ": " + (r.state.reason ?? r.spec.path) }
            let counts = registrations(owner: r.owner).filter { $0.value > 0 }.sorted { $0.key < $1.key }
            let what = counts.isEmpty ? "nothing registered"
                : counts.map { "\($0.value) \($0.value == 1 ? String($0.key.dropLast()) : $0.key)" }.joined(separator: ", ")
            let ms = (luaTimeMs(owner: r.owner) * 10).rounded() / 10
            return "\(head) \(what), \(ms) ms"
        }
    }
}
