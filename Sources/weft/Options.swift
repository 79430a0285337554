import ArgumentParser
import Chat
import Kernel

/// The command line of weft, parsed by swift-argument-parser: `weft --help`
/// is generated from the properties below (their order is the order in the
/// help), and `weft --generate-completion-script bash|zsh|fish` prints the
/// shell completions that `make install` installs.
///
/// Adding a flag is one property here (with its `help:`), plus its use in
/// `Launcher`. Values that need checking get a `transform:` that throws a
/// `ValidationError` a user can act on; rules between options go in
/// ``validate()``.
struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weft",
        abstract: "A Neovim-style terminal kernel hosting Lua, with a chat UI for language models.",
        discussion: """
        With no options weft starts the chat UI (the offline mock model unless a provider \
        is configured); init.lua can bind keys, add commands and reskin every part of it.

        Examples:
          weft --provider openai --model M
              chat with an OpenAI-compatible server
          weft -p "explain this error"
              print one reply to stdout and exit
          weft --continue
              resume the last session of this project
          weft --headless -l test.lua a b
              run a Lua script with arguments a b
        """,
        helpNames: [.short, .long])

    // MARK: Configuration

    @Flag(help: "Load no init.lua, user plugins or project config.")
    var clean = false

    @Option(name: .customShort("u"), help: ArgumentHelp("Load this init.lua instead of the user's.", valueName: "file"),
            completion: .file(extensions: ["lua"]))
    var configFile: String?

    @Option(name: .customLong("plugin"),
            help: ArgumentHelp("Also load this plugin (a folder or a .lua file), last; repeatable.", valueName: "path"),
            completion: .file())
    var plugins: [String] = []

    @Option(name: .customLong("mcp-config"),
            help: ArgumentHelp("Also start the MCP servers of this file ({\"mcpServers\": ...}); repeatable, "
                               + "loaded even with --clean.", valueName: "file"),
            completion: .file(extensions: ["json"]))
    var mcpConfigs: [String] = []

    @Flag(name: .customLong("no-mouse"), help: "Do not capture the mouse.")
    var noMouse = false

    @Flag(help: "No alternate screen: finished messages go to the terminal's scrollback.")
    var inline = false

    // MARK: Scripts

    @Flag(help: "Run with no terminal, on a virtual screen (with -l: run a script and exit).")
    var headless = false

    @Option(name: .customShort("l"),
            help: ArgumentHelp("Run this Lua script. After --headless, the arguments after the script are its own.",
                               valueName: "file"),
            completion: .file(extensions: ["lua"]))
    var scripts: [String] = []

    @Option(help: ArgumentHelp("The virtual screen's size with --headless.", valueName: "WxH"),
            transform: Options.parseSize)
    var size = Size(width: 80, height: 24)

    // MARK: Chat

    @Flag(name: [.customShort("p"), .customLong("print")],
          help: "Print mode: send the prompt (or stdin's text), print the reply to stdout, exit.")
    var print = false

    @Option(name: .customLong("output-format"),
            help: ArgumentHelp("Print mode's output: text, json (one result object) or stream-json (one object "
                               + "per event, then the result).", valueName: "format"),
            completion: .list(PrintFormat.allCases.map(\.rawValue)), transform: Options.parseFormat)
    var outputFormat: PrintFormat = .text

    @Option(name: .customLong("max-turns"), parsing: .unconditional,
            help: ArgumentHelp("Print mode: at most this many model requests per prompt (tool rounds + 1; "
                               + "default \(PrintMode.defaultMaxTurns), 0 = no limit).", valueName: "n"),
            transform: Options.parseCount)
    var maxTurns: Int?

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Print mode: give up after this many seconds (0 = no deadline).", valueName: "seconds"),
            transform: Options.parseSeconds)
    var timeout: Double = 0

    @Option(help: ArgumentHelp("The provider: mock, openai (OPENAI_API_KEY) or anthropic (ANTHROPIC_API_KEY).",
                               valueName: "name"),
            completion: .list(["mock", "openai", "anthropic"]))
    var provider: String?

    @Option(help: ArgumentHelp("The model to ask.", valueName: "name"))
    var model: String?

    @Option(name: .customLong("base-url"), help: ArgumentHelp("The provider's server.", valueName: "url"))
    var baseURL: String?

    @Option(name: .customLong("thinking-budget"), parsing: .unconditional,
            help: ArgumentHelp("Extended thinking tokens (anthropic; 0 = off).", valueName: "tokens"),
            transform: Options.parseTokens)
    var thinkingBudget: Int?

    @Option(name: .customLong("max-tokens"), parsing: .unconditional,
            help: ArgumentHelp("The longest reply in tokens (default: per model; 0: the server's default, for anthropic the model's).",
                               valueName: "tokens"),
            transform: Options.parseTokens)
    var maxTokens: Int?

    @Option(name: .customLong("context-window"), parsing: .unconditional,
            help: ArgumentHelp("The model's context window in tokens, when neither its server nor weft's table "
                               + "of known models says.", valueName: "tokens"),
            transform: Options.parseTokens)
    var contextWindow: Int?

    @Option(name: .customLong("auto-compact"), parsing: .unconditional,
            help: ArgumentHelp("Compact the conversation before a request would take more than this share of the "
                               + "context window: 0.85 (the default) or 85%; 0 or off: never.", valueName: "share"),
            transform: Options.parseShare)
    var autoCompact: Double?

    @Flag(name: .customLong("continue"), help: "Resume the last session of this project.")
    var continueLast = false

    @Option(help: ArgumentHelp("Resume the session with this id (see /sessions).", valueName: "id"))
    var resume: String?

    @Option(name: .customLong("permission-mode"),
            help: ArgumentHelp("What the model may do without asking: ask (edits and commands ask), edits (edits "
                               + "in the project run), read-only (no edits, no commands) or yolo (everything runs).",
                               valueName: "mode"),
            completion: .list(PermissionMode.allCases.map(\.rawValue)), transform: Options.parsePermissionMode)
    var permissionMode: PermissionMode = .ask

    // MARK: Reports

    @Flag(help: "Report the terminal, its capabilities, Lua, the config and the provider, then exit.")
    var health = false

    @Flag(name: [.customShort("v"), .long], help: "Print the version and exit.")
    var version = false

    @Argument(help: ArgumentHelp("The prompt, in print mode (-p).", valueName: "prompt"))
    var promptText: String?

    /// Whether to capture the mouse (`--no-mouse` turns it off).
    var mouse: Bool { !noMouse }


    /// Rules between options.
    func validate() throws {
        if !print {
            if outputFormat != .text { throw ValidationError("--output-format needs -p") }
            if timeout > 0 { throw ValidationError("--timeout needs -p") }
            if maxTurns != nil { throw ValidationError("--max-turns needs -p") }
        }
        if !print, let extra = promptText {
            throw ValidationError("unexpected argument '\(extra)' (a prompt needs -p; script arguments follow --headless -l FILE)")
        }
    }

    /// Parses a whole command line (without the program name). With
    /// `--headless`, everything after the first `-l FILE` belongs to the
    /// script, dashes included, and is returned as `scriptArgs`. (They are
    /// not a property of `Options`: the parser reflects over every stored
    /// property, and one that is not an argument costs a failed protocol
    /// lookup at start-up.)
    /// - Throws: the parser's errors (help and version requests included);
    ///   print them with `Options.exit(withError:)` or ``message(for:)``.
    static func parse(commandLine args: [String]) throws -> (options: Options, scriptArgs: [String]) {
        var own = args
        var rest: [String] = []
        if let headless = args.firstIndex(of: "--headless"),
           let l = args[headless...].firstIndex(of: "-l"), l + 1 < args.count {
            own = Array(args[...(l + 1)])
            rest = Array(args[(l + 2)...])
        }
        return (try parse(own), rest)
    }

    /// `--permission-mode ask|edits|read-only|yolo`.
    static func parsePermissionMode(_ s: String) throws -> PermissionMode {
        guard let mode = PermissionMode(name: s) else {
            throw ValidationError("want \(PermissionMode.names), got '\(s)'")
        }
        return mode
    }

    /// `--size WxH`: 1 to 10,000 cells each way.
    static func parseSize(_ s: String) throws -> Size {
        let parts = s.lowercased().split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w > 0, h > 0, w <= 10_000, h <= 10_000 else {
            throw ValidationError("want WIDTHxHEIGHT, 1 to 10000 each, e.g. 80x24")
        }
        return Size(width: w, height: h)
    }

    /// `--output-format text|json|stream-json`.
    static func parseFormat(_ s: String) throws -> PrintFormat {
        guard let f = PrintFormat(rawValue: s) else {
            throw ValidationError("want text, json or stream-json, got '\(s)'")
        }
        return f
    }

    /// `--max-turns N`: 0 or more.
    static func parseCount(_ s: String) throws -> Int {
        guard let n = Int(s), n >= 0 else { throw ValidationError("want a number, 0 or more") }
        return n
    }

    /// `--timeout SECONDS`: 0 or more, fractions allowed.
    static func parseSeconds(_ s: String) throws -> Double {
        guard let d = Double(s), d.isFinite, d >= 0 else { throw ValidationError("want a number of seconds, 0 or more") }
        return d
    }

    /// `--auto-compact SHARE`: a share of the context window from 0 to 1
    /// (`0.85`), a percentage (`85%`), or `off` (0).
    static func parseShare(_ s: String) throws -> Double {
        let text = s.trimmingCharacters(in: .whitespaces).lowercased()
        if text == "off" { return 0 }
        let percent = text.hasSuffix("%")
        if let v = Double(percent ? String(text.dropLast()) : text), v.isFinite {
            let share = percent ? v / 100 : v
            if share >= 0 && share <= 1 { return share }
        }
        throw ValidationError("want a share of the context window from 0 to 1 (e.g. 0.85), a percentage (85%), "
                              + "or off, got '\(s)'")
    }

    /// `--thinking-budget N`, `--max-tokens N`: a number of tokens, 0 or more.
    static func parseTokens(_ s: String) throws -> Int {
        guard let n = Int(s), n >= 0 else {
            throw ValidationError("want a number of tokens, 0 or more")
        }
        return n
    }
}

/// A problem with the command line found after parsing (an unknown
/// provider name, say), reported as `weft: <description>`.
struct OptionError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
