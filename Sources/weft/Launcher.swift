import AnthropicProvider
import Chat
import Glibc
import Kernel
import LuaAPI
import OpenAIProvider
import Render

/// Chooses and runs one face of weft for the parsed options.
struct Launcher {
    let options: Options
    /// The arguments after `--headless ... -l FILE` (the script's own).
    var scriptArgs: [String] = []

    func run() throws -> Int32 {
        if options.health { return Health.report(options: options) }
        if options.print { return try PrintMode.run(options: options) }
        if options.headless { return try runHeadless() }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            StandardStream.error.write("weft: stdin and stdout must be a terminal (use --headless -l FILE for scripts)\n")
            return 2
        }
        return try runTerminal()
    }

    /// The terminal UI. The config is loaded before the terminal is
    /// entered, so init.lua can choose inline mode (`weft.ui.set_config`).
    func runTerminal() throws -> Int32 {
        let app = try App(size: Size(width: 80, height: 24))
        let session = try TerminalSession(app: app, mouse: options.mouse)
        app.tty = session
        app.wantsInline = options.inline
        app.editor.screenSize = session.device.size()
        ClipboardSetup.install(app, terminal: session)
        let chat = try ChatSetup.install(in: app, options: options)
        let lua = app.makeLua()
        ChatLuaBindings.install(lua, chat: chat, loop: app.loop)
        app.loadConfig(lua, options: options, askTrust: true)
        MCPSetup.askTrust(lua)
        try session.start(inline: app.wantsInline)
        defer {
            session.stop()
            if let line = chat.resumeHint { print(line) }
        }
        session.inline?.source = { [unowned chat] in
            InlineDisplay.Source(window: chat.windows.transcript, finished: chat.finishedTranscriptLines,
                                 generation: chat.transcriptGeneration)
        }
        app.editor.emit(.startup)
        app.editor.requestRedraw()
        app.loop.run()
        MCPSetup.current?.shutdown()
        lua.jobManager.stopAll()
        return app.exitCode
    }

    /// `--headless`: the full API and stock UI on a virtual screen. Scripts
    /// run in order; the exit code is `weft.quit(code)`'s, or 1 with the
    /// error on stderr when a script fails.
    func runHeadless() throws -> Int32 {
        let app = try App(size: options.size)
        ClipboardSetup.install(app, terminal: nil)
        let chat = try ChatSetup.install(in: app, options: options)
        let lua = app.makeLua()
        ChatLuaBindings.install(lua, chat: chat, loop: app.loop)
        let shown = app.editor.onMessage
        app.editor.onMessage = { m in
            shown?(m)
            if m.level == .error { StandardStream.error.write("weft: \(m.text)\n") }
        }
        app.loadConfig(lua, options: options)
        MCPSetup.warnUntrusted { StandardStream.error.write("weft: \($0)\n") }
        app.editor.emit(.startup)
        defer {
            MCPSetup.current?.shutdown()
            lua.jobManager.stopAll()
        }
        for script in options.scripts {
            do {
                try lua.runScript(path: script, args: scriptArgs)
            } catch {
                if app.quitting { break }
                StandardStream.error.write("weft: \(error)\n")
                return 1
            }
            if app.quitting { return app.exitCode }
        }
        _ = app.loop.runUntilIdle()
        return app.exitCode
    }
}

/// `weft --health`: what weft sees of this machine.
enum Health {
    static func report(options: Options) -> Int32 {
        let env = ProcessInfoLite.env
        let terminfo = Terminfo.load(term: env["TERM"])
        let mode = ColorMode.detect(env: env, terminfoColors: terminfo.colors)
        print("weft \(weftVersion)")
        print("terminal: TERM=\(env["TERM"] ?? "(unset)")\(terminfo.isFallback ? " (unknown to terminfo: using built-in xterm fallback)" : ""), colors \(terminfo.colors), color mode \(mode.rawValue)")
        print("unicode: \(TextMeasure.unicodeVersion) (utf8proc)")
        print("stdin is a tty: \(isatty(STDIN_FILENO) == 1), stdout is a tty: \(isatty(STDOUT_FILENO) == 1)")
        for line in ClipboardSetup.healthLines(env: env) { print(line) }
        reportLua(options: options)
        do {
            let provider = try ChatSetup.provider(options: options, env: env)
            if let openai = provider as? OpenAIProvider {
                // The check runs as a task; this thread runs a loop until it answers.
                // Model ids and error messages come from the server: inert.
                let answer = (try? MainLoop())?.result(timeoutMs: 10_000) { await openai.healthLine(timeout: 3) }
                    ?? "openai: \(Secrets.scrub(openai.configuration.modelsURL, key: openai.configuration.apiKey)): FAILED: no answer"
                let line = TextMeasure.sanitize(answer)
                print(line)
                if line.contains(": FAILED: ") { return 1 }
            } else if let anthropic = provider as? AnthropicProvider {
                let answer = (try? MainLoop())?.result(timeoutMs: 12_000) { await anthropic.healthLine(timeout: 5) }
                    ?? "anthropic: \(Secrets.scrub(anthropic.configuration.modelsURL, key: anthropic.configuration.apiKey)): FAILED: no answer"
                let line = TextMeasure.sanitize(answer)
                print(line)
                if line.contains(": FAILED: ") { return 1 }
            } else {
                print("provider: \(provider.name) (model \(provider.model), offline: nothing to check)")
            }
        } catch {
            print("provider: \(TextMeasure.sanitize("\(error)"))")
        }
        return MCPSetup.healthReport(options: options) ? 0 : 1
    }
}

extension Health {
    /// Lua, the config file and what every owner registered (the same
    /// report as `:extensions`), from a headless start with the stock UI.
    static func reportLua(options: Options) {
        print("lua: \(LuaVersion.string), runtime \(RuntimePaths.runtimeDir)")
        do {
            let app = try App(size: Size(width: 80, height: 24))
            let chat = try ChatSetup.install(in: app, options: options)
            let lua = app.makeLua()
            ChatLuaBindings.install(lua, chat: chat, loop: app.loop)
            app.editor.onMessage = { _ in }  // failures are in the plugin list below
            app.loadConfig(lua, options: options)
            let file = RuntimePaths.configFile(options)
            let config = file ?? (options.clean ? "(--clean)" : "(none: \(RuntimePaths.defaultConfig ?? "no HOME") does not exist)")
            let failed = lua.plugins.records.first { $0.spec.source == .config }?.state.reason
            print("config: \(config)\(failed.map { " — ERROR: " + $0 } ?? "")")
            print("extensions:")
            for line in lua.extensionsText().split(separator: "\n") { print("  \(line)") }
            lua.jobManager.stopAll()
        } catch {
            print("lua: could not start: \(error)")
        }
    }
}
