import Kernel

extension PluginHost {
    /// Every record `setup` names, in load order: runtime plugins, the
    /// config file, user plugins, project config (root first: its
    /// `.weft/init.lua`, then its `.weft/plugins/`), `--plugin` paths.
    /// When two plugins share a name the later one wins and the earlier is
    /// `overridden`, except that project plugins never replace others.
    func discover(_ setup: PluginSetup) -> [PluginRecord] {
        var out: [PluginRecord] = []
        func add(_ f: PluginDiscovery.Found, trust: ProjectItem? = nil) {
            var r = PluginRecord(spec: f.spec)
            r.trustItem = trust
            if let p = f.problem { r.state = .error(p) }
            if trust == nil, r.state == .pending, let m = try? readManifest(r.spec), let name = m.name {
                r.spec.name = name
            }
            out.append(r)
        }
        if let dir = setup.runtimePlugins { PluginDiscovery.scan(dir, source: .runtime).forEach { add($0) } }
        if let config = setup.config {
            add(.init(spec: .config(name: "init.lua", path: config, source: .config)))
        }
        if let dir = setup.userPlugins { PluginDiscovery.scan(dir, source: .user).forEach { add($0) } }
        for item in setup.project {
            switch item.kind {
            case .initFile: add(.init(spec: .config(name: item.path, path: item.path, source: .project)), trust: item)
            case .plugins: PluginDiscovery.scan(item.path, source: .project).forEach { add($0, trust: item) }
            case .mcpServers: break
            }
        }
        for path in setup.flagPlugins { add(PluginDiscovery.single(path, source: .flag)) }
        return Self.resolveDuplicates(out)
    }

    /// Marks every plugin that a later one with the same name replaces.
    static func resolveDuplicates(_ records: [PluginRecord]) -> [PluginRecord] {
        var out = records
        var winner: [String: Int] = [:]
        for i in out.indices where !out[i].spec.isConfig {
            let name = out[i].spec.name
            guard let j = winner[name] else { winner[name] = i; continue }
            if out[i].spec.source == .project && out[j].spec.source != .project {
                out[i].state = .error("a plugin named '\(name)' is already loaded from \(out[j].spec.path)")
            } else {
                out[j].state = .overridden(by: out[i].spec.path)
                winner[name] = i
            }
        }
        return out
    }
}
