import Kernel

/// What one owner (a config file, a plugin, a script) has registered, for
/// `:extensions` and `weft --health`.
public struct OwnerReport: Hashable, Sendable {
    /// The owner: a file path, or "lua" for code run without a file.
    public var owner: String
    /// Keymaps it set (all modes and buffers).
    public var keymaps: Int
    /// User commands it created.
    public var commands: Int
    /// Autocmd handlers it created (one per handler, whatever its events).
    public var autocmds: Int
    /// Its live timers (including scheduled functions not run yet).
    public var timers: Int
    /// Its running jobs.
    public var jobs: Int
    /// Cumulative time spent in its Lua code, in milliseconds.
    public var luaTimeMs: Double

    /// `init.lua: 3 keymaps, 1 command, 2 autocmds, 0 timers, 0 jobs, 1.2 ms`.
    public var summary: String {
        func n(_ c: Int, _ word: String) -> String { "\(c) \(word)\(c == 1 ? "" : "s")" }
        let ms = (luaTimeMs * 10).rounded() / 10
        return "\(owner): \(n(keymaps, "keymap")), \(n(commands, "command")), \(n(autocmds, "autocmd")), "
            + "\(n(timers, "timer")), \(n(jobs, "job")), \(ms) ms"
    }
}

extension LuaRuntime {
    /// One report per owner that registered anything or ran Lua, sorted by owner.
    public func extensionsReport() -> [OwnerReport] {
        var reports: [String: OwnerReport] = [:]
        func bump(_ owner: String?, _ update: (inout OwnerReport) -> Void) {
            guard let owner else { return }
            var r = reports[owner] ?? OwnerReport(owner: owner, keymaps: 0, commands: 0, autocmds: 0,
                                                  timers: 0, jobs: 0, luaTimeMs: 0)
            update(&r)
            reports[owner] = r
        }
        for k in editor.keymaps.list() { bump(k.owner) { $0.keymaps += 1 } }
        for c in editor.commands.list() where c.owner != LuaRuntime.kernelOwner { bump(c.owner) { $0.commands += 1 } }
        var seen = Set<Int>()
        for a in editor.events.list() where seen.insert(a.id).inserted { bump(a.owner) { $0.autocmds += 1 } }
        for t in timers.values { bump(t.handler.owner) { $0.timers += 1 } }
        for j in jobs.values { bump(j.owner) { $0.jobs += 1 } }
        for (owner, ns) in luaNanos { bump(owner) { $0.luaTimeMs = Double(ns) / 1_000_000 } }
        return reports.keys.sorted().compactMap { reports[$0] }
    }

    /// The owner tag of commands weft itself registers.
    static let kernelOwner = "weft"

    /// The report as text: loaded files, then one line per owner.
    public func extensionsText() -> String {
        var lines = ["Loaded files: " + (loadedFiles.isEmpty ? "none" : loadedFiles.joined(separator: ", "))]
        let reports = extensionsReport()
        lines += reports.isEmpty ? ["No Lua extensions registered."] : reports.map(\.summary)
        if !plugins.records.isEmpty {
            lines.append("Plugins and config files (load order):")
            lines += pluginLines().map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    /// Registers `:extensions`, which shows `extensionsText()`.
    func registerExtensionsCommand() {
        try? editor.commands.create(name: "extensions",
                                    options: CommandOptions(desc: "List Lua extensions: what each file registered and its Lua time",
                                                            owner: Self.kernelOwner)) { [weak self] _ in
            guard let self else { return }
            let text = self.extensionsText()
            self.editor.notify(text, level: .info)
            self.showReport?("Extensions", text)
        }
    }
}
