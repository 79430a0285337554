import Kernel

/// The command line of weft (see `weft --help`).
struct Options {
    var clean = false
    var configFile: String?
    var headless = false
    var scripts: [String] = []
    var scriptArgs: [String] = []
    var size = Size(width: 80, height: 24)
    var health = false
    var version = false
    var help = false
    var mouse = true
    /// `--inline`: no alternate screen; finished messages go to the
    /// terminal's scrollback.
    var inline = false
    var prompt: String?
    var provider: String?
    var model: String?
    var baseURL: String?
    /// `--thinking-budget N`: extended-thinking tokens (Anthropic; 0 = off).
    var thinkingBudget: Int?
    /// `--max-tokens N`: the reply-length limit sent to the server (0: none).
    var maxTokens: Int?
    var continueLast = false
    var resume: String?
    /// `--plugin PATH` (repeatable): plugins loaded last, whatever the config says.
    var plugins: [String] = []

    static let usage = """
    usage: weft [options]

      weft                      start the UI
      weft --clean | -u FILE    no init.lua, user plugins or project config | this init.lua
      weft --plugin PATH        also load this plugin (folder or .lua file; repeatable)
      weft --headless -l FILE   run a Lua script with no terminal (--size WxH, default 80x24)
      weft --health             report terminal, capabilities, Lua, config
      weft --no-mouse           do not capture the mouse
      weft --inline             no alternate screen: finished messages go to the terminal's scrollback
      weft -p PROMPT            print mode (chat layer)
      weft --provider NAME --model M --base-url URL
                                NAME: mock, openai (OPENAI_API_KEY), anthropic (ANTHROPIC_API_KEY)
      weft --thinking-budget N  extended thinking tokens (anthropic; 0 = off)
      weft --max-tokens N       longest reply in tokens (default: per model; 0: the server's default)
      weft --continue | --resume ID
      weft --version | --help
    """

    /// Parses `args` (without the program name).
    static func parse(_ args: [String]) throws -> Options {
        var o = Options()
        var i = 0
        func value(_ flag: String) throws -> String {
            i += 1
            guard i < args.count else { throw OptionError("\(flag) needs a value") }
            return args[i]
        }
        while i < args.count {
            let a = args[i]
            switch a {
            case "--clean": o.clean = true
            case "-u": o.configFile = try value(a)
            case "--headless": o.headless = true
            case "-l":
                o.scripts.append(try value(a))
                if o.headless {  // the rest are the script's arguments
                    o.scriptArgs = Array(args[(i + 1)...])
                    i = args.count
                }
            case "--size": o.size = try parseSize(try value(a))
            case "--health": o.health = true
            case "--version", "-v": o.version = true
            case "--help", "-h": o.help = true
            case "--no-mouse": o.mouse = false
            case "--inline": o.inline = true
            case "-p": o.prompt = try value(a)
            case "--provider": o.provider = try value(a)
            case "--model": o.model = try value(a)
            case "--base-url": o.baseURL = try value(a)
            case "--thinking-budget":
                let v = try value(a)
                guard let n = Int(v), n >= 0 else { throw OptionError("--thinking-budget wants a number of tokens (0 = off), got \(v)") }
                o.thinkingBudget = n
            case "--max-tokens":
                let v = try value(a)
                guard let n = Int(v), n >= 0 else { throw OptionError("--max-tokens wants a number of tokens (0 for the server's default); got \(v)") }
                o.maxTokens = n
            case "--continue": o.continueLast = true
            case "--resume": o.resume = try value(a)
            case "--plugin": o.plugins.append(try value(a))
            default: throw OptionError("unknown option: \(a) (see weft --help)")
            }
            i += 1
        }
        return o
    }

    static func parseSize(_ s: String) throws -> Size {
        let parts = s.lowercased().split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w > 0, h > 0, w <= 10_000, h <= 10_000 else {
            throw OptionError("--size wants WIDTHxHEIGHT, e.g. 80x24; got \(s)")
        }
        return Size(width: w, height: h)
    }
}

struct OptionError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
