import Glibc
import Kernel
import LuaAPI
import Render

// The app is the Lua runtime's UI: `weft.ui.*` reads and drives it.
extension App: UIHost {
    func redraw() { drawFrame() }
    func screenSize() -> Size { editor.screenSize }
    func windowRect(_ id: WindowID) -> Rect? { compositor.windowRects(editor)[id] }
    func quit(code: Int) { quit(code: Int32(truncatingIfNeeded: code)) }

    func uiConfig() -> [String: Value] {
        ["inline": .bool(tty?.inline != nil || wantsInline)]
    }

    /// `inline` can be chosen until the terminal is entered (init.lua).
    func setUIConfig(_ key: String, _ value: Value) throws {
        guard key == "inline" else { throw KernelError.invalidArgument("unknown option (expected: inline)") }
        guard case .bool(let on) = value else { throw KernelError.invalidArgument("boolean expected") }
        guard tty?.device.isEntered != true else {
            if on == (tty?.inline != nil) { return }
            throw KernelError.invalidState("inline mode is chosen at startup: set it in init.lua or start weft with --inline")
        }
        wantsInline = on
    }

    /// Creates the Lua runtime wired to this app (highlights, UI, quit).
    func makeLua() -> LuaRuntime {
        let lua = LuaRuntime(editor: editor, loop: loop, runtimeDir: RuntimePaths.runtimeDir)
        lua.ui = self
        lua.highlights = highlights
        lua.onQuit = { [unowned self] code in self.quit(code: Int32(truncatingIfNeeded: code)) }
        return lua
    }

    /// Loads init.lua, plugins and trusted project config as the options
    /// say (see `PluginSetup` for the order). A broken config or plugin is
    /// reported with file, line and traceback, and weft starts anyway.
    /// - Parameter askTrust: the terminal UI asks about untrusted project
    ///   config in a float; otherwise (headless, health) it is skipped with
    ///   a warning on stderr.
    func loadConfig(_ lua: LuaRuntime, options: Options, askTrust: Bool = false) {
        let store = TrustStore(directory: RuntimePaths.stateDir)
        lua.plugins.trust = store
        if askTrust {
            let prompt = TrustFloat(editor: editor, plugins: lua.plugins, store: store)
            lua.plugins.onUntrusted = { prompt.ask($0) }
            let report = ReportFloat(editor: editor)
            lua.showReport = { title, text in report.show(title: title, text) }
        } else {
            lua.plugins.onUntrusted = { item in
                StandardStream.error.write("weft: skipping untrusted project config \(item.path) (start weft in a terminal to review and trust it)\n")
            }
        }
        lua.plugins.start(RuntimePaths.pluginSetup(options))
    }
}

/// Where weft finds its runtime files and the user's config.
enum RuntimePaths {
    /// `$WEFT_RUNTIME`, else `runtime/` next to the source tree of a dev
    /// build (`.build/<config>/weft`), else `<prefix>/share/weft/runtime`.
    static var runtimeDir: String {
        let env = ProcessInfoLite.env
        if let r = env["WEFT_RUNTIME"], !r.isEmpty { return r }
        var buf = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buf, buf.count - 1)
        guard n > 0 else { return "runtime" }
        let exe = String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let binDir = FilePaths.directory(of: exe)
        let candidates = [binDir + "/../../runtime", binDir + "/../../../runtime", binDir + "/../share/weft/runtime"]
        return normalized(candidates.first { access($0 + "/lua", R_OK) == 0 } ?? candidates[0])
    }

    /// `path` with `.`, `..` and symbolic links resolved (`--health` and
    /// messages show `/opt/weft/runtime`, not `.build/debug/../../runtime`);
    /// as given when it does not exist.
    static func normalized(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(decoding: UnsafeRawBufferPointer(start: resolved, count: strlen(resolved)), as: UTF8.self)
    }

    /// `$XDG_CONFIG_HOME/weft/init.lua` (default `~/.config/weft/init.lua`).
    static var defaultConfig: String? {
        let env = ProcessInfoLite.env
        if let x = env["XDG_CONFIG_HOME"], !x.isEmpty { return x + "/weft/init.lua" }
        if let h = env["HOME"], !h.isEmpty { return h + "/.config/weft/init.lua" }
        return nil
    }

    /// `$XDG_STATE_HOME/weft` (default `~/.local/state/weft`): the trust store.
    static var stateDir: String {
        LuaPaths.stdpath("state", runtime: runtimeDir, environment: ProcessInfoLite.env) ?? ".weft-state"
    }

    /// The config file to load: `-u FILE` (reported when missing), else
    /// the default one when it exists; nil with `--clean`.
    static func configFile(_ options: Options) -> String? {
        guard !options.clean else { return nil }
        if let file = options.configFile { return file }
        guard let path = defaultConfig, access(path, R_OK) == 0 else { return nil }
        return path
    }

    /// Where plugins come from, in load order: `runtime/plugins`, the
    /// config file, `$XDG_CONFIG_HOME/weft/plugins`, project config from
    /// the working directory up to the repository root, `--plugin` paths.
    /// `--clean` keeps only the runtime plugins and `--plugin` paths.
    static func pluginSetup(_ options: Options) -> PluginSetup {
        let env = ProcessInfoLite.env
        let configDir = LuaPaths.stdpath("config", runtime: runtimeDir, environment: env)
        var setup = PluginSetup(runtimePlugins: runtimeDir + "/plugins", config: configFile(options),
                                flagPlugins: options.plugins)
        if !options.clean {
            setup.userPlugins = configDir.map { $0 + "/plugins" }
            setup.project = ProjectItem.find(cwd: FilePaths.currentDirectory())
        }
        return setup
    }

}
