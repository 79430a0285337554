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

    /// Creates the Lua runtime wired to this app (highlights, UI, quit).
    func makeLua() -> LuaRuntime {
        let lua = LuaRuntime(editor: editor, loop: loop, runtimeDir: RuntimePaths.runtimeDir)
        lua.ui = self
        lua.highlights = highlights
        lua.onQuit = { [unowned self] code in self.quit(code: Int32(truncatingIfNeeded: code)) }
        return lua
    }

    /// Loads init.lua as the options say. A broken config is reported with
    /// file, line and traceback, and weft starts anyway.
    func loadConfig(_ lua: LuaRuntime, options: Options) {
        guard !options.clean else { return }
        let path = options.configFile ?? RuntimePaths.defaultConfig
        guard let path else { return }
        if options.configFile == nil && access(path, R_OK) != 0 { return }
        do {
            try lua.setPackagePath(configDir: RuntimePaths.directory(of: path))
            try lua.loadConfig(path: path)
        } catch {
            editor.notify("error in \(path): \(error)", level: .error)
        }
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
        let binDir = directory(of: exe)
        let candidates = [binDir + "/../../runtime", binDir + "/../../../runtime", binDir + "/../share/weft/runtime"]
        return candidates.first { access($0 + "/lua", R_OK) == 0 } ?? candidates[0]
    }

    /// `$XDG_CONFIG_HOME/weft/init.lua` (default `~/.config/weft/init.lua`).
    static var defaultConfig: String? {
        let env = ProcessInfoLite.env
        if let x = env["XDG_CONFIG_HOME"], !x.isEmpty { return x + "/weft/init.lua" }
        if let h = env["HOME"], !h.isEmpty { return h + "/.config/weft/init.lua" }
        return nil
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }
}
