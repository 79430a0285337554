import Chat
import Glibc
import Kernel
import LuaAPI

/// `weft -p [PROMPT]`: sends one prompt (see ``PrintInput``), writes the
/// reply to stdout in the `--output-format` (see ``PrintOutput``) and exits
/// with one of the ``ExitCode`` values. init.lua, plugins and trusted
/// project config load as in the terminal (so their tools are there)
/// unless `--clean`; Lua's `print` goes to stderr so stdout carries only
/// the reply. Tools that need approval are denied (no one is there to ask;
/// see `--permission-mode`).
enum PrintMode {
    /// Print mode's exit codes (docs/providers.md lists them).
    enum ExitCode: Int32 {
        /// The reply arrived.
        case success = 0
        /// The model or provider failed (the message is on stderr).
        case failed = 1
        /// A bad command line or an empty prompt.
        case usage = 2
        /// `--max-turns` stopped a model that kept calling tools.
        case maxTurns = 3
        /// `--timeout` passed before the reply ended.
        case timeout = 4
        /// stdout is closed or a write to it failed.
        case output = 5
    }

    /// Model requests per prompt when `--max-turns` is not given.
    static let defaultMaxTurns = 100

    static func run(options: Options) throws -> Int32 {
        // `--timeout` bounds the whole run, MCP start-up included.
        let deadline = PrintRun.deadline(from: SystemClock().nowNanos, timeout: options.timeout)
        guard fcntl(STDOUT_FILENO, F_GETFD) != -1 else {
            StandardStream.error.write("weft: stdout is closed: nowhere to print the reply\n")
            return ExitCode.output.rawValue
        }
        let prompt: String
        do {
            prompt = try PrintInput.prompt(argument: options.promptText, stdin: PrintInput.classify(),
                                           read: { try PrintInput.readAll(deadline: deadline) })
        } catch .timedOut {
            StandardStream.error.write("weft: timed out after \(PrintRun.seconds(options.timeout)) s (--timeout) "
                                       + "reading the prompt from stdin\n")
            return ExitCode.timeout.rawValue
        } catch {
            StandardStream.error.write("weft: \(error)\n")
            return ExitCode.usage.rawValue
        }
        let app = try App(size: Size(width: 80, height: 24))
        let out = PrintOutput(format: options.outputFormat, terminal: isatty(STDOUT_FILENO) == 1)
        app.editor.onMessage = { m in
            guard m.level == .error || m.level == .warn else { return }
            StandardStream.error.write("weft: \(PrintOutput.stripControls(m.text))\n")
            out.notice(level: m.level == .error ? "error" : "warn", m.text)
        }
        let chat = try ChatSetup.install(in: app, options: options)
        let controller = chat.controller
        controller.approver = nil
        controller.sessionMeta["print"] = .bool(true)
        controller.maxTurns = options.maxTurns ?? defaultMaxTurns
        let lua = app.makeLua()
        ChatLuaBindings.install(lua, chat: chat, loop: app.loop)
        _ = try? lua.run(printToStderr, chunkName: "=print-mode")
        app.loadConfig(lua, options: options)
        defer { lua.jobManager.stopAll() }
        app.editor.emit(.startup)
        MCPSetup.warnUntrusted { StandardStream.error.write("weft: \($0)\n") }
        // The MCP servers' tools must be there before the one request goes
        // out; the wait ends at the deadline, which the run then reports.
        if let mcp = MCPSetup.current {
            let left = PrintRun.secondsLeft(until: deadline)
            mcp.waitUntilStarted(loop: app.loop, timeout: left.map { min($0, mcp.handshakeTimeout + 1) })
        }
        defer { MCPSetup.current?.shutdown() }
        let run = PrintRun(app: app, controller: controller, out: out)
        try run.observe()
        return run.finish(run.wait(prompt: prompt, deadline: deadline, timeout: options.timeout))
    }

    /// Lua's `print` writes to stderr in print mode (stdout is the reply's).
    static let printToStderr = """
        print = function(...)
          local t = table.pack(...)
          for i = 1, t.n do t[i] = tostring(t[i]) end
          io.stderr:write(table.concat(t, "\\t", 1, t.n), "\\n")
        end
        """
}
