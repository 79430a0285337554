import CLua
import CLuaShim
import Kernel

/// The Lua side of weft: one `LuaState` wired to the `Editor` and the
/// `MainLoop`, with the `weft` module installed (also `require("weft")`).
///
/// Every Lua function registered through the API (keymap, command, autocmd,
/// timer, job callback) is tagged with its *owner*: the file being loaded
/// when it was registered, or the owner of the handler running at the time.
/// Each call into Lua runs under pcall with a traceback and the time budget
/// (`budgetMs`); its wall time is charged to its owner. A failing handler is
/// reported (`editor.notify` at error level, plus the log) and never stops
/// other handlers.
///
/// ```swift
/// let rt = LuaRuntime(editor: editor, loop: loop, runtimeDir: "/usr/share/weft/runtime")
/// try rt.loadConfig(path: "\(home)/.config/weft/init.lua")
/// ```
public final class LuaRuntime {
    /// The Lua state (one per runtime).
    public let state: LuaState
    /// The kernel model the bindings act on.
    public let editor: Editor
    /// The loop timers, jobs and `weft.wait` run on.
    public let loop: MainLoop
    /// Starts the processes of `weft.job.start`.
    public let jobManager: JobManager
    /// The frontend, for `weft.ui.screen`, `redraw`, `size`, `get_rect` and `quit`.
    public var ui: UIHost?
    /// Where `weft.hl.set` stores definitions (Render's highlight table in
    /// the real UI; an in-memory table until one is attached).
    public var highlights: HighlightSink = MemoryHighlights()
    /// Shows a multi-line report (title, text) in full, e.g. `:extensions`
    /// in the terminal UI (the message line shows only its first line).
    public var showReport: ((String, String) -> Void)?
    /// Called by `weft.quit(code)` when no `ui` is attached.
    public var onQuit: ((Int) -> Void)?
    /// The directory holding weft's shipped Lua (`runtime/`); `stdpath("runtime")`.
    public var runtimeDir: String
    /// The log behind `weft.log` (file path settable).
    public let log: LuaLog
    /// Files loaded with `loadConfig`/`runScript`, in order.
    public internal(set) var loadedFiles: [String] = []

    /// A handler running longer than this many milliseconds is aborted
    /// (default 2000; 0 disables the budget). Lua: `weft.set_budget(ms)`.
    public var budgetMs: Int {
        get { state.budgetMs }
        set { state.budgetMs = max(0, newValue) }
    }

    /// The owner registrations are charged to right now.
    public var currentOwner: String { frames.last(where: { $0.owner != nil })?.owner ?? defaultOwner }
    /// The owner used outside any file or handler (e.g. code run with `run`).
    public var defaultOwner = "lua"

    struct Frame {
        let owner: String?
        let start: Int64
        var child: Int64 = 0
    }
    var frames: [Frame] = []
    /// Lua time per owner, nanoseconds (nested calls are charged to the inner owner).
    var luaNanos: [String: Int64] = [:]
    /// Live timers by id.
    var timers: [Int: TimerRecord] = [:]
    /// Live jobs by id.
    var jobs: [Int: JobRecord] = [:]
    /// Registry reference of the `weft` table.
    var weftRef: Int32 = 0
    /// Registry reference of the job objects' metatable.
    var jobMetaRef: Int32 = 0
    /// Windows, buffers and highlight groups each owner created (for teardown).
    var created = CreatedObjects()
    /// Registration kinds other layers keep per owner (the chat layer's tools).
    var ownerHooks: [OwnerHook] = []
    /// The runtime without reference counting, for the hottest bindings
    /// (see `RuntimeLink`).
    let link = RuntimeLink()
    /// The highlight name `extmark.set` read last (see `LuaStringCache`).
    let highlightNames = LuaStringCache()
    /// The plugins: discovery, load, reload, state (`weft.plugin`).
    public private(set) lazy var plugins = PluginHost(runtime: self)

    /// Creates the state, installs `weft` and registers the `extensions` command.
    ///
    /// Also sets `editor.now` to the loop clock (milliseconds), which key
    /// timeouts need.
    /// - Parameters:
    ///   - jobs: the job manager to use (default: a new one on `loop`).
    ///   - logPath: the log file (default: `stdpath("state")/log`; nil
    ///     there keeps the log in memory only when no home is known).
    public init(editor: Editor, loop: MainLoop, jobs: JobManager? = nil,
                runtimeDir: String = "", logPath: String? = nil) {
        self.state = LuaState()
        self.editor = editor
        self.loop = loop
        self.jobManager = jobs ?? JobManager(loop: loop)
        self.runtimeDir = runtimeDir
        self.log = LuaLog(path: logPath ?? LuaPaths.stdpath("state", runtime: runtimeDir).map { $0 + "/log" })
        let clock = loop.clock
        editor.now = { Int(clock.nowNanos / 1_000_000) }
        link.target = Unmanaged.passUnretained(self)
        installModule()
        registerExtensionsCommand()
        registerReloadCommand()
    }

    deinit {
        link.target = nil
        for t in timers.keys { loop.cancel(TimerID(t)) }
        timers.removeAll()
        stopAllJobs()
    }

    /// Runs a chunk of Lua as `owner` (default: `defaultOwner`).
    /// - Returns: the values it returned.
    /// - Throws: `LuaError` with "chunk:line: message" and a traceback.
    @discardableResult
    public func run(_ code: String, chunkName: String = "=lua", owner: String? = nil) throws -> [Value] {
        try measure(owner: owner ?? defaultOwner) {
            try state.run(code, chunkName: chunkName)
        }
    }

    // MARK: - Registration hook

    /// Adds functions to the table `weft.<name>` (created if needed), each
    /// named `weft.<name>.<function>` in error messages. The chat layer adds
    /// `weft.chat` through this.
    /// A dotted name (`"chat.tool"`) creates nested tables.
    public func register(table name: String, functions: [String: LuaFunction.Body]) {
        let L = state.L
        lua_rawgeti(L, weft_registryindex(), lua_Integer(weftRef))
        let parts = name.split(separator: ".").map(String.init)
        for part in parts { LuaState.enterSubtable(L, part) }
        for (fn, body) in functions {
            LuaFunction.push(L, name: "weft.\(name).\(fn)", body)
            weft_rawsetfield(L, -2, fn)
        }
        weft_pop(L, 1)
    }

    /// Adds top-level functions `weft.<name>`.
    public func register(functions: [String: LuaFunction.Body]) {
        let L = state.L
        lua_rawgeti(L, weft_registryindex(), lua_Integer(weftRef))
        for (fn, body) in functions {
            LuaFunction.push(L, name: "weft.\(fn)", body)
            weft_rawsetfield(L, -2, fn)
        }
        weft_pop(L, 1)
    }

    private func installModule() {
        let L = state.L
        weft_newtable(L)
        weftRef = state.ref(at: -1)
        weft_setglobal(L, "weft")
        // package.loaded.weft = weft
        if weft_rawgetfield(L, weft_registryindex(), "_LOADED") == LUA_TTABLE {
            lua_rawgeti(L, weft_registryindex(), lua_Integer(weftRef))
            weft_rawsetfield(L, -2, "weft")
        }
        weft_pop(L, 1)
        installBindings()
    }

    /// Every binding table of the `weft` API (docs/lua-api.md).
    func installBindings() {
        register(table: "buf", functions: bufFunctions())
        register(table: "ns", functions: nsFunctions())
        register(table: "extmark", functions: extmarkFunctions())
        register(table: "hl", functions: hlFunctions())
        register(table: "win", functions: winFunctions())
        register(table: "win", functions: winSelectionFunctions())
        register(table: "clipboard", functions: clipboardFunctions())
        register(table: "layout", functions: layoutFunctions())
        register(table: "ui", functions: uiFunctions())
        register(table: "ui", functions: uiConfigFunctions())
        register(table: "keymap", functions: keymapFunctions())
        register(table: "mode", functions: modeFunctions())
        register(table: "input", functions: inputFunctions())
        register(table: "input", functions: inputMouseFunctions())
        register(table: "autocmd", functions: autocmdFunctions())
        register(table: "cmd", functions: cmdFunctions())
        register(table: "timer", functions: timerFunctions())
        register(table: "job", functions: jobFunctions())
        register(table: "log", functions: logFunctions())
        register(table: "json", functions: jsonFunctions())
        register(table: "plugin", functions: pluginFunctions())
        register(functions: topLevelFunctions())
        installHotBindings()
        installJobMetatable()
    }
}
