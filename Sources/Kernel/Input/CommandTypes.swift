/// How many arguments a command takes (Neovim's `nargs`).
public enum CommandNargs: String, Hashable, Sendable, CaseIterable {
    /// `"0"`: no arguments (the default).
    case zero = "0"
    /// `"1"`: exactly one argument; the whole argument text, spaces
    /// included, is that argument.
    case one = "1"
    /// `"?"`: zero or one argument (the whole text, as for `"1"`).
    case optional = "?"
    /// `"*"`: any number of whitespace-separated arguments.
    case any = "*"
    /// `"+"`: at least one whitespace-separated argument.
    case atLeastOne = "+"

    /// Parses `"0"`, `"1"`, `"?"`, `"*"` or `"+"`.
    /// - Throws: `KernelError.invalidArgument` for anything else.
    public init(parsing s: String) throws {
        guard let n = CommandNargs(rawValue: s) else {
            throw KernelError.invalidArgument("invalid nargs '\(s)' (expected \"0\", \"1\", \"?\", \"*\" or \"+\")")
        }
        self = n
    }
}

/// Options for ``CommandRegistry/create(name:options:handler:)``.
public struct CommandOptions {
    /// A description shown in listings and completion menus.
    public var desc: String?
    /// How many arguments the command takes (checked on every run).
    public var nargs: CommandNargs
    /// Argument completion: called with the argument being typed (the text
    /// after the last unescaped space), returns candidates as they should
    /// appear (not filtered by the registry).
    public var complete: ((String) -> [String])?
    /// Who registered the command (file or plugin name).
    public var owner: String?

    /// Creates options; every field is optional (`nargs` defaults to `"0"`).
    public init(desc: String? = nil, nargs: CommandNargs = .zero,
                complete: ((String) -> [String])? = nil, owner: String? = nil) {
        self.desc = desc
        self.nargs = nargs
        self.complete = complete
        self.owner = owner
    }
}

/// What a command handler receives (the shape Lua handlers get as
/// `{name=, args=, fargs=, bang=}`).
public struct CommandInvocation: Hashable, Sendable {
    /// The command name.
    public var name: String
    /// The argument text, leading and trailing whitespace removed.
    public var args: String
    /// The arguments split per `nargs`: on unescaped whitespace for `"*"` and
    /// `"+"` (`\ ` is a literal space), the whole text for `"1"` and `"?"`,
    /// none for `"0"`.
    public var fargs: [String]
    /// Whether the name was followed by `!`.
    public var bang: Bool

    /// Creates an invocation.
    public init(name: String, args: String = "", fargs: [String] = [], bang: Bool = false) {
        self.name = name
        self.args = args
        self.fargs = fargs
        self.bang = bang
    }
}

/// One command as listed by ``CommandRegistry/list()``.
public struct CommandInfo: Hashable, Sendable {
    /// The command name.
    public var name: String
    /// The description, if any.
    public var desc: String?
    /// The `nargs` setting.
    public var nargs: CommandNargs
    /// Who registered it.
    public var owner: String?
    /// Whether it has an argument completion function.
    public var completes: Bool

    /// Creates a listing entry.
    public init(name: String, desc: String? = nil, nargs: CommandNargs = .zero,
                owner: String? = nil, completes: Bool = false) {
        self.name = name
        self.desc = desc
        self.nargs = nargs
        self.owner = owner
        self.completes = completes
    }
}

/// Completion candidates for a partly typed command line.
public struct CommandCompletion: Hashable, Sendable {
    /// UTF-8 byte offset in the line where the text being completed starts;
    /// a chosen item replaces the line from here to the end.
    public var start: Int
    /// The candidates, in order.
    public var items: [String]
    /// Whether the items are command names (else arguments).
    public var isName: Bool

    /// Creates a completion result.
    public init(start: Int, items: [String], isName: Bool) {
        self.start = start
        self.items = items
        self.isName = isName
    }
}
