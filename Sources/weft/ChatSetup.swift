import AnthropicProvider
import Chat
import Glibc
import Kernel
import OpenAIProvider
import Render

/// Builds the stock chat UI for an app: provider (mock unless configured),
/// built-in tools, the session store and the composer history.
enum ChatSetup {
    /// The provider the options and environment ask for: `--provider`
    /// (`mock`, `openai` or `anthropic`), else `$WEFT_PROVIDER`; without
    /// either, `openai` when `--base-url` or `OPENAI_BASE_URL` is set, else
    /// `mock`. OpenAI reads `OPENAI_API_KEY`, `OPENAI_BASE_URL`; Anthropic
    /// `ANTHROPIC_API_KEY`, `ANTHROPIC_BASE_URL`; both `WEFT_MODEL`. Flags win.
    static func provider(options: Options, env: [String: String]) throws -> Provider {
        let wantsOpenAI = !(options.baseURL ?? "").isEmpty || !(env["OPENAI_BASE_URL"] ?? "").isEmpty
        let name = options.provider ?? env["WEFT_PROVIDER"].flatMap { $0.isEmpty ? nil : $0 } ?? (wantsOpenAI ? "openai" : "mock")
        switch name {
        case "openai":
            return OpenAIProvider(configuration: .from(environment: env, baseURL: options.baseURL, model: options.model,
                                                       maxTokens: options.maxTokens))
        case "anthropic":
            return AnthropicProvider(configuration: .from(environment: env, baseURL: options.baseURL, model: options.model,
                                                          thinkingBudget: options.thinkingBudget,
                                                          maxTokens: options.maxTokens))
        case "mock":
            let tps = Double(env["WEFT_MOCK_TPS"] ?? "") ?? 60
            return MockProvider(model: options.model ?? env["WEFT_MODEL"] ?? "mock-1", tokensPerSecond: max(0, tps))
        default:
            throw OptionError("unknown provider '\(name)'; use --provider mock (the default), openai or anthropic")
        }
    }

    /// `provider` with retry notices ("HTTP 429, retrying in 1 s") sent to
    /// the status line.
    static func withNotices(_ provider: Provider, app: App) -> Provider {
        let poster = app.loop.poster
        let editor = LoopRef(app.editor)
        let notify: @Sendable (String) -> Void = { message in
            poster.post { editor.value?.notify(message, level: .warn) }
        }
        if let openai = provider as? OpenAIProvider { return openai.with(onStatus: notify) }
        if let anthropic = provider as? AnthropicProvider { return anthropic.with(onStatus: notify) }
        return provider
    }

    static func controller(app: App, options: Options) throws -> ChatController {
        let env = ProcessInfoLite.env
        let root = SessionStore.defaultRoot(environment: env)
        let chosen = withNotices(try provider(options: options, env: env), app: app)
        let cwd = FilePaths.currentDirectory()
        let agent = AgentState(cwd: cwd, mode: options.permissionMode, sessionsRoot: root, environment: env,
                               includeUserInstructions: !options.clean)
        return ChatController(editor: app.editor, loop: app.loop, provider: chosen,
                              tools: ToolRegistry.withBuiltins(), store: SessionStore(root: root), cwd: cwd, agent: agent)
    }

    /// The full UI, with `--continue`/`--resume` applied.
    static func install(in app: App, options: Options) throws -> ChatUI {
        let controller = try controller(app: app, options: options)
        // `<state>/weft/sessions` -> `<state>/weft`: the history lives beside the sessions.
        let stateRoot = FilePaths.directory(of: controller.store.root)
        let chat = try ChatUI(editor: app.editor, loop: app.loop, highlights: app.highlights, controller: controller,
                              historyPath: stateRoot + "/history.jsonl")
        chat.onQuit = { [unowned app] in app.quit() }
        chat.scrollHook = { [unowned app] win, rows in app.compositor.scroll(win, in: app.editor, rows: rows) }
        chat.composer.editorRunner = { [unowned app] path in
            guard app.tty?.runExternalEditor(path) == true else { throw ComposerError.editorFailed }
        }
        chat.compositor = app.compositor
        chat.configuredContextWindow = options.contextWindow
        if let share = options.autoCompact { controller.autoCompactThreshold = share }
        chat.resolveContextWindow()
        let editor = app.editor
        let mcp = MCPSetup.install(controller: controller, loop: app.loop, options: options) { [unowned editor] message in
            editor.notify(message, level: .warn)
        }
        try MCPSetup.installCommand(mcp, chat: chat, editor: app.editor)
        if let id = options.resume {
            try controller.load(sessionID: id)
        } else if options.continueLast {
            // The last session of this project; the terminal skips print mode's.
            let root = controller.agent.root.path
            if let last = controller.store.latest(project: root, includePrint: options.print) {
                try controller.load(sessionID: last.id)
            } else {
                app.editor.notify("no saved session to continue in \(root)", level: .warn)
            }
        }
        return chat
    }

}
