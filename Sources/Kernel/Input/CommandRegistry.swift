/// User commands: name -> handler, run from command lines such as
/// `":name! arg1 arg2"` or the composer's `"/name args"`.
///
/// ```swift
/// let cmds = CommandRegistry()
/// try cmds.create(name: "greet", options: CommandOptions(nargs: .any)) { inv in
///     print("hello", inv.fargs)
/// }
/// try cmds.run(line: "/greet world")
/// ```
public final class CommandRegistry {
    /// A registered command.
    struct Command {
        let name: String
        let handler: (CommandInvocation) throws -> Void
        let options: CommandOptions
    }

    private var commands: [String: Command] = [:]

    /// Creates an empty registry.
    public init() {}

    /// The number of commands.
    public var count: Int { commands.count }

    /// Registers (or replaces) the command `name`.
    /// - Throws: `KernelError.invalidArgument` when the name does not start
    ///   with an ASCII letter or holds characters other than letters, digits,
    ///   `_` and `-`.
    public func create(name: String, options: CommandOptions = CommandOptions(),
                       handler: @escaping (CommandInvocation) throws -> Void) throws {
        guard CommandLineSyntax.isValidName(name) else {
            throw KernelError.invalidArgument(
                "invalid command name '\(name)': it must start with a letter and hold only letters, digits, '_' and '-'")
        }
        commands[name] = Command(name: name, handler: handler, options: options)
    }

    /// Deletes the command `name`.
    /// - Throws: `KernelError.notFound` ("unknown command: name").
    public func del(name: String) throws {
        guard commands.removeValue(forKey: name) != nil else {
            throw KernelError.notFound("unknown command: \(name)")
        }
    }

    /// Whether a command named `name` exists.
    public func exists(_ name: String) -> Bool { commands[name] != nil }

    /// Every command, sorted by name.
    public func list() -> [CommandInfo] {
        commands.keys.sorted().compactMap { name in
            commands[name].map {
                CommandInfo(name: name, desc: $0.options.desc, nargs: $0.options.nargs,
                            owner: $0.options.owner, completes: $0.options.complete != nil)
            }
        }
    }

    /// Parses `line` and checks it against the command's `nargs`, without
    /// running it.
    /// - Throws: `KernelError.invalidArgument` for an empty line or wrong
    ///   argument count ("command 'foo' takes no arguments");
    ///   `KernelError.notFound` ("unknown command: foo").
    public func parse(line: String) throws -> CommandInvocation {
        let parts = CommandLineSyntax.split(line)
        guard !parts.name.isEmpty else {
            throw KernelError.invalidArgument("no command name in '\(line)'")
        }
        guard let cmd = commands[parts.name] else {
            throw KernelError.notFound("unknown command: \(parts.name)")
        }
        let fargs = try Self.fargs(parts.args, nargs: cmd.options.nargs, name: cmd.name)
        return CommandInvocation(name: cmd.name, args: parts.args, fargs: fargs, bang: parts.bang)
    }

    /// Runs a command line: `"name"`, `"name! a b"`, `":name a"`, `"/name a"`.
    /// - Throws: what ``parse(line:)`` throws, and whatever the handler throws.
    public func run(line: String) throws {
        let inv = try parse(line: line)
        guard let cmd = commands[inv.name] else {
            throw KernelError.notFound("unknown command: \(inv.name)")
        }
        try cmd.handler(inv)
    }

    // MARK: - Completion

    /// Command names starting with `prefix`, sorted.
    public func complete(prefix: String) -> [String] {
        commands.keys.filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// Completion for a partly typed line (cursor at the end): command names
    /// while the name is typed, else the command's own completion function
    /// called with the argument being typed (no candidates when it has none
    /// or the command is unknown).
    public func complete(line: String) -> CommandCompletion {
        let parts = CommandLineSyntax.split(line)
        guard parts.pastName else {
            return CommandCompletion(start: parts.nameStart, items: complete(prefix: parts.name), isName: true)
        }
        let argsFrom = parts.nameStart + parts.name.utf8.count + (parts.bang ? 1 : 0)
        let tail = String(decoding: line.utf8.dropFirst(argsFrom), as: UTF8.self)
        let (offset, lead) = CommandLineSyntax.lastArgument(tail)
        let items = commands[parts.name]?.options.complete?(lead) ?? []
        return CommandCompletion(start: argsFrom + offset, items: items, isName: false)
    }

    // MARK: - Arguments

    /// Splits `args` per `nargs`, or throws a message naming the command.
    static func fargs(_ args: String, nargs: CommandNargs, name: String) throws -> [String] {
        switch nargs {
        case .zero:
            guard args.isEmpty else {
                throw KernelError.invalidArgument("command '\(name)' takes no arguments")
            }
            return []
        case .one:
            guard !args.isEmpty else {
                throw KernelError.invalidArgument("command '\(name)' requires an argument")
            }
            return [args]
        case .optional:
            return args.isEmpty ? [] : [args]
        case .any:
            return CommandLineSyntax.splitArgs(args)
        case .atLeastOne:
            let split = CommandLineSyntax.splitArgs(args)
            guard !split.isEmpty else {
                throw KernelError.invalidArgument("command '\(name)' requires at least one argument")
            }
            return split
        }
    }
}
