import Chat
import Glibc
import Kernel
import OpenAIProvider
import Render

/// Builds the stock chat UI for an app: provider (mock unless configured),
/// built-in tools, the session store and the composer history.
enum ChatSetup {
    /// The provider the options and environment ask for: `--provider`
    /// (`mock` or `openai`); without it, `openai` when `--base-url` or
    /// `OPENAI_BASE_URL` is set, else `mock`. The OpenAI provider reads
    /// `OPENAI_API_KEY`, `OPENAI_BASE_URL` and `WEFT_MODEL`; flags win.
    static func provider(options: Options, env: [String: String]) throws -> Provider {
        let wantsOpenAI = !(options.baseURL ?? "").isEmpty || !(env["OPENAI_BASE_URL"] ?? "").isEmpty
        let name = options.provider ?? (wantsOpenAI ? "openai" : "mock")
        switch name {
        case "openai":
            return OpenAIProvider(configuration: .from(environment: env, baseURL: options.baseURL, model: options.model))
        case "mock":
            let tps = Double(env["WEFT_MOCK_TPS"] ?? "") ?? 60
            return MockProvider(model: options.model ?? env["WEFT_MODEL"] ?? "mock-1", tokensPerSecond: max(0, tps))
        default:
            throw OptionError("unknown provider '\(name)'; use --provider mock (the default) or --provider openai")
        }
    }

    static func controller(app: App, options: Options) throws -> ChatController {
        let env = ProcessInfoLite.env
        let root = SessionStore.defaultRoot(environment: env)
        var chosen = try provider(options: options, env: env)
        if let openai = chosen as? OpenAIProvider {
            // Retry notices ("HTTP 429, retrying in 1 s") reach the status line.
            let poster = app.loop.poster
            let editor = LoopRef(app.editor)
            chosen = openai.with(onStatus: { message in
                poster.post { editor.value?.notify(message, level: .warn) }
            })
        }
        return ChatController(editor: app.editor, loop: app.loop, provider: chosen,
                              tools: ToolRegistry.withBuiltins(), store: SessionStore(root: root), cwd: currentDirectory())
    }

    /// The full UI, with `--continue`/`--resume` applied.
    static func install(in app: App, options: Options) throws -> ChatUI {
        let controller = try controller(app: app, options: options)
        let stateRoot = directoryOf(directoryOf(controller.store.root))
        let chat = try ChatUI(editor: app.editor, loop: app.loop, highlights: app.highlights, controller: controller,
                              historyPath: stateRoot + "/history.jsonl")
        chat.onQuit = { [unowned app] in app.quit() }
        chat.scrollHook = { [unowned app] win, rows in app.compositor.scroll(win, in: app.editor, rows: rows) }
        chat.runEditor = { [unowned app] path in app.tty?.runExternalEditor(path) ?? false }
        if let id = options.resume {
            try controller.load(sessionID: id)
        } else if options.continueLast {
            if let last = controller.store.latest() { try controller.load(sessionID: last.id) }
            else { app.editor.notify("no saved session to continue", level: .warn) }
        }
        return chat
    }

    static func currentDirectory() -> String {
        var buf = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buf, buf.count) != nil else { return "." }
        return String(cString: buf)
    }

    static func directoryOf(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }
}
