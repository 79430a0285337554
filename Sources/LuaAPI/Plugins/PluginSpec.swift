/// Where a plugin (or config file) was found; also the load order:
/// runtime plugins, then init.lua, then user plugins, then trusted project
/// config, then `--plugin` paths.
public enum PluginSource: String, Sendable, CaseIterable {
    /// First-party, under `runtime/plugins/`.
    case runtime
    /// The user's config file (`init.lua`, or `-u FILE`).
    case config
    /// Under `$XDG_CONFIG_HOME/weft/plugins/`.
    case user
    /// A project's `.weft/init.lua` or `.weft/plugins/` (needs trust).
    case project
    /// Given with `--plugin PATH` (always loaded).
    case flag
}

/// A plugin as found on disk: a folder with `init.lua` (and an optional
/// `manifest.lua`), or a single `name.lua` file; config files are
/// described the same way so they can be listed and reloaded.
public struct PluginSpec: Equatable, Sendable {
    /// The name `:reload NAME` and `weft.plugin.*` use: the manifest's
    /// `name`, else the folder's name, else the file's name without `.lua`.
    public var name: String
    /// The folder, or the file for a single-file plugin.
    public var path: String
    /// The file that runs: `<folder>/init.lua`, or the file itself. It is
    /// also the plugin's owner tag: what it registers is charged to it.
    public var entry: String
    /// Where it was found.
    public var source: PluginSource
    /// True for a folder plugin (its `lua/` joins `package.path`).
    public var isFolder: Bool
    /// True for a config file (init.lua) rather than a plugin.
    public var isConfig: Bool

    /// `<folder>/manifest.lua` for a folder plugin.
    public var manifestPath: String? { isFolder ? path + "/manifest.lua" : nil }
    /// `<folder>/lua` (for a config file: `lua/` next to it), where its own
    /// modules live; they are dropped from `package.loaded` on reload.
    public var luaDir: String? {
        if isFolder { return path + "/lua" }
        guard isConfig else { return nil }
        guard let slash = path.lastIndex(of: "/") else { return "lua" }
        return String(path[..<slash]) + "/lua"
    }

    /// Creates a spec.
    public init(name: String, path: String, entry: String, source: PluginSource,
                isFolder: Bool, isConfig: Bool = false) {
        self.name = name
        self.path = path
        self.entry = entry
        self.source = source
        self.isFolder = isFolder
        self.isConfig = isConfig
    }

    /// A config file (`init.lua`) listed under `name`.
    public static func config(name: String, path: String, source: PluginSource) -> PluginSpec {
        PluginSpec(name: name, path: path, entry: path, source: source, isFolder: false, isConfig: true)
    }
}

/// Where a plugin stands.
public enum PluginState: Equatable, Sendable {
    /// Found, not loaded yet.
    case pending
    /// Ran without error.
    case loaded
    /// `enabled = false` in its manifest.
    case disabled
    /// A required executable or Lua module is missing (each as "bin git",
    /// "lua lpeg").
    case missing([String])
    /// Its manifest or code failed; the message starts with file:line.
    case error(String)
    /// Project code whose exact content has not been trusted.
    case untrusted
    /// Another plugin with the same name, found later, replaces it.
    case overridden(by: String)

    /// The state's name in `weft.plugin.list()`: "pending", "loaded",
    /// "disabled", "missing", "error", "untrusted", "overridden".
    public var name: String {
        switch self {
        case .pending: return "pending"
        case .loaded: return "loaded"
        case .disabled: return "disabled"
        case .missing: return "missing"
        case .error: return "error"
        case .untrusted: return "untrusted"
        case .overridden: return "overridden"
        }
    }

    /// Why it is not loaded (nil when loaded or pending).
    public var reason: String? {
        switch self {
        case .pending, .loaded: return nil
        case .disabled: return "disabled in manifest.lua (enabled = false)"
        case .missing(let m): return "missing requirement: " + m.joined(separator: ", ")
        case .error(let e): return e
        case .untrusted: return "untrusted project config (not run until trusted)"
        case .overridden(let by): return "overridden by \(by)"
        }
    }
}
