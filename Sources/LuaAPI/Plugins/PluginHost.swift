import Kernel

/// One plugin or config file as the host knows it.
public struct PluginRecord: Equatable, Sendable {
    /// Where it is and what runs.
    public var spec: PluginSpec
    /// Its manifest (defaults when it has none).
    public var manifest = PluginManifest()
    /// Where it stands.
    public var state: PluginState = .pending
    /// How many times its code has run.
    public var loads = 0
    /// For project code: the trust unit it belongs to.
    public var trustItem: ProjectItem?

    /// The owner tag of everything it registers (its entry file).
    public var owner: String { spec.entry }
}

/// Where the host looks, in load order (see `PluginSource`).
public struct PluginSetup: Equatable, Sendable {
    /// `runtime/plugins`, first-party plugins.
    public var runtimePlugins: String?
    /// The config file (`init.lua`); nil for none (`--clean`).
    public var config: String?
    /// `$XDG_CONFIG_HOME/weft/plugins`; nil with `--clean`.
    public var userPlugins: String?
    /// Project config found from the working directory (root first).
    public var project: [ProjectItem] = []
    /// `--plugin PATH`, in command-line order.
    public var flagPlugins: [String] = []

    /// Creates a setup; every place is optional.
    public init(runtimePlugins: String? = nil, config: String? = nil, userPlugins: String? = nil,
                project: [ProjectItem] = [], flagPlugins: [String] = []) {
        self.runtimePlugins = runtimePlugins
        self.config = config
        self.userPlugins = userPlugins
        self.project = project
        self.flagPlugins = flagPlugins
    }
}

/// Discovers, loads, unloads and reloads plugins and config files for one
/// `LuaRuntime` (`weft.plugin`, `:reload`, `:extensions`).
///
/// ```swift
/// lua.plugins.trust = TrustStore(directory: stateDir)
/// lua.plugins.start(PluginSetup(config: initLua, userPlugins: configDir + "/plugins"))
/// try lua.plugins.reload(name: "git-status")
/// ```
public final class PluginHost {
    unowned let runtime: LuaRuntime
    /// Every plugin and config file, in load order.
    public internal(set) var records: [PluginRecord] = []
    /// What `start` was given (`reloadAll` discovers again from it).
    public internal(set) var setup = PluginSetup()
    /// Decides whether project code may run; nil: project code never runs.
    public var trust: TrustStore?
    /// Called once per load pass for each project item that is not trusted
    /// (the terminal UI asks; headless runs warn on stderr). Default:
    /// a warning in the message area.
    public var onUntrusted: ((ProjectItem) -> Void)?
    /// Hears that an item which is not Lua code (``ProjectItem/Kind/mcpServers``)
    /// was trusted, so its owner can start it.
    public var onTrustedItem: ((ProjectItem) -> Void)?
    /// Names being loaded right now (reload from inside a load is refused).
    var loading: [String] = []
    /// Untrusted items already reported in this pass.
    var reported: Set<String> = []
    /// Registry reference of the table behind `weft.plugin.state`.
    var stateRef: Int32 = 0

    init(runtime: LuaRuntime) {
        self.runtime = runtime
    }

    /// The record named `name`, if any (of two with one name, the later:
    /// the one that is not overridden).
    public func record(named name: String) -> PluginRecord? {
        records.last { $0.spec.name == name }
    }

    /// Discovers everything `setup` names and loads it in order. A failing
    /// plugin is reported (message area and log) and the next one loads.
    public func start(_ setup: PluginSetup) {
        self.setup = setup
        try? runtime.setPackagePath(configDir: nil)  // runtime/lua, for every plugin
        let loads = Dictionary(records.map { ($0.owner, $0.loads) }, uniquingKeysWith: +)
        records = discover(setup).map { r in
            var r = r
            r.loads = loads[r.owner] ?? 0
            return r
        }
        reported = []
        for r in records {
            if case .error(let why) = r.state { runtime.report("plugin \(r.spec.name): \(why)") }
            // init.lua may require a plugin's modules (a setup() call) before the plugin runs.
            if r.trustItem == nil, !r.spec.isConfig, let dir = r.spec.luaDir { try? runtime.addPackageDir(dir) }
        }
        for i in records.indices where records[i].state == .pending { load(at: i) }
    }

    /// Loads (again) the project code of `item` after it was trusted.
    public func loadTrusted(_ item: ProjectItem) {
        if item.kind == .mcpServers {
            onTrustedItem?(item)
            return
        }
        reported.remove(item.path)
        for i in records.indices where records[i].trustItem == item {
            unload(at: i)
            records[i].state = .pending
            load(at: i)
        }
    }

    /// Unloads plugin `name` (everything it registered goes, its module
    /// cache is dropped) and runs it again, reading its manifest again.
    /// - Returns: its new record.
    /// - Throws: `PluginError` for an unknown name or a reload from
    ///   inside a plugin that is still loading.
    @discardableResult
    public func reload(name: String) throws -> PluginRecord {
        guard let i = records.lastIndex(where: { $0.spec.name == name }) else {
            throw PluginError("no plugin named '\(name)' (see :extensions)")
        }
        try checkNotLoading()
        reported = []
        unload(at: i)
        if case .overridden = records[i].state { return records[i] }
        records[i].state = .pending
        load(at: i)
        return records[i]
    }

    /// Unloads every plugin and config file (last loaded first), discovers
    /// again (new plugins appear, removed ones go) and loads everything.
    public func reloadAll() throws {
        try checkNotLoading()
        for i in records.indices.reversed() { unload(at: i) }
        start(setup)
    }

    func checkNotLoading() throws {
        if let busy = loading.last {
            throw PluginError("cannot reload while '\(busy)' is loading")
        }
    }

    /// Removes what record `i` registered and forgets its modules.
    func unload(at i: Int) {
        let r = records[i]
        guard r.loads > 0 else { return }
        runtime.teardown(owner: r.owner)
        if let dir = r.spec.luaDir { runtime.unloadModules(under: dir) }
        if r.state == .loaded { records[i].state = .pending }
    }
}

/// A plugin operation that cannot be done (unknown name, reload while loading).
public struct PluginError: Error, Equatable, CustomStringConvertible {
    /// What went wrong.
    public let description: String
    init(_ d: String) { description = d }
}
