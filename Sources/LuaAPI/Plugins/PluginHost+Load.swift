import Foundation
import Kernel

extension PluginHost {
    /// Loads record `i` if it is pending: trust (project code), manifest,
    /// `enabled`, requirements, then its code as owner = its entry file.
    /// The outcome is its `state`; a failure is also reported.
    func load(at i: Int) {
        guard records[i].state == .pending else { return }
        if let item = records[i].trustItem, !isTrusted(item) {
            records[i].state = .untrusted
            return
        }
        guard FileManager.default.fileExists(atPath: records[i].spec.entry) else {
            records[i].state = .error("\(records[i].spec.entry): no such file")
            runtime.report("plugin \(records[i].spec.name): \(records[i].spec.entry): no such file")
            return
        }
        do {
            records[i].manifest = try readManifest(records[i].spec) ?? PluginManifest()
        } catch {
            let file = records[i].spec.manifestPath ?? records[i].spec.path
            let text = "\(error)"
            records[i].state = .error(text.hasPrefix(file) ? text : "\(file): \(text)")
            runtime.report("plugin \(records[i].spec.name): \(records[i].state.reason ?? "")")
            return
        }
        if let name = records[i].manifest.name { records[i].spec.name = name }
        guard records[i].manifest.enabled else {
            records[i].state = .disabled
            return
        }
        if let dir = records[i].spec.luaDir, !records[i].spec.isConfig { try? runtime.addPackageDir(dir) }
        let missing = missingRequirements(records[i].manifest)
        guard missing.isEmpty else {
            records[i].state = .missing(missing)
            return
        }
        records[i].state = run(records[i])
        records[i].loads += 1
    }

    /// Runs the record's code; returns `.loaded` or `.error(file:line: message)`.
    private func run(_ r: PluginRecord) -> PluginState {
        loading.append(r.spec.name)
        defer { loading.removeLast() }
        do {
            if r.spec.isConfig {
                try runtime.loadConfig(path: r.spec.entry)
            } else {
                try runtime.runOwned(path: r.spec.entry)
            }
            return .loaded
        } catch {
            let text = "\(error)"
            runtime.report("error in \(r.spec.isConfig ? r.spec.entry : "plugin " + r.spec.name): \(text)")
            let first = text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? text
            return .error(Self.fullChunkName(first, path: r.spec.entry))
        }
    }

    /// Lua shortens long file names in messages from the left
    /// (`...ins/foo/init.lua:3: boom`); puts the whole path back when the
    /// message is about `path`.
    static func fullChunkName(_ message: String, path: String) -> String {
        guard message.hasPrefix("..."), let colon = message.firstIndex(of: ":") else { return message }
        let tail = message[message.index(message.startIndex, offsetBy: 3)..<colon]
        guard !tail.isEmpty, path.hasSuffix(tail) else { return message }
        return path + message[colon...]
    }

    /// Whether project item `item` may run now; reports it (once per pass) when not.
    func isTrusted(_ item: ProjectItem) -> Bool {
        let hash = item.contentHash()
        if let trust, let hash, trust.decision(for: item.path, hash: hash) == .trust { return true }
        if reported.insert(item.path).inserted {
            if let onUntrusted {
                onUntrusted(item)
            } else {
                runtime.editor.notify("skipped untrusted project config \(item.path)", level: .warn)
            }
        }
        return false
    }

    /// The manifest of a folder plugin (nil when it has none). The file runs
    /// with an empty environment: it can only return data.
    /// - Throws: `ManifestError` for a file that fails or returns a bad table.
    func readManifest(_ spec: PluginSpec) throws -> PluginManifest? {
        guard let path = spec.manifestPath, FileManager.default.fileExists(atPath: path) else { return nil }
        let value: Value
        do {
            value = try runtime.state.run("""
                local path = ...
                local chunk, err = loadfile(path, "t", {})
                if not chunk then error(err, 0) end
                return chunk()
                """, chunkName: "=manifest", args: [.string(path)]).first ?? .null
        } catch {
            let first = "\(error)".split(separator: "\n", maxSplits: 1).first.map(String.init) ?? "\(error)"
            throw ManifestError(first)
        }
        return try PluginManifest(value: value)
    }

    /// Each requirement of `manifest` that is not met, as "bin NAME" or "lua NAME".
    func missingRequirements(_ manifest: PluginManifest) -> [String] {
        manifest.bins.filter { !Self.executableExists($0) }.map { "bin \($0)" }
            + manifest.luaModules.filter { !runtime.luaModuleExists($0) }.map { "lua \($0)" }
    }

    /// Whether `name` is an executable on `PATH` (or, with a `/`, at that path).
    static func executableExists(_ name: String,
                                 path: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") -> Bool {
        if name.contains("/") { return access(name, X_OK) == 0 }
        return path.split(separator: ":").contains { dir in
            var isDir: ObjCBool = false
            let full = "\(dir)/\(name)"
            return access(full, X_OK) == 0
                && FileManager.default.fileExists(atPath: full, isDirectory: &isDir) && !isDir.boolValue
        }
    }
}
