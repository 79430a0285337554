import Kernel

/// Where a tool runs: the working directory relative paths resolve
/// against, an optional cancel flag for long-running tools, and what the
/// file tools need: the files the model has seen, and where to save
/// checkpoints of the files they change.
public struct ToolContext: Sendable {
    /// Working directory (absolute path).
    public var cwd: String
    /// Set to stop a running tool early (``RunCommandTool`` kills its
    /// process group); nil when the call cannot be cancelled.
    public var cancellation: ToolCancellation?
    /// The files the model has read, for the stale-file check of
    /// `edit_file` and `write_file` (nil: no check).
    public var files: FileLedger?
    /// Where file tools save what they replace (nil: no checkpoints).
    public var checkpoints: CheckpointStore?
    /// The user turn the call belongs to (checkpoints are grouped by it).
    public var turn: Int

    /// Creates a context.
    public init(cwd: String, cancellation: ToolCancellation? = nil, files: FileLedger? = nil,
                checkpoints: CheckpointStore? = nil, turn: Int = 0) {
        self.cwd = cwd
        self.cancellation = cancellation
        self.files = files
        self.checkpoints = checkpoints
        self.turn = turn
    }

    /// `path` resolved against ``cwd`` (absolute paths stay as they are).
    public func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        if path.isEmpty || path == "." { return cwd }
        return cwd.hasSuffix("/") ? cwd + path : cwd + "/" + path
    }
}

/// What a tool returns to the model: text, and whether it is an error.
public struct ToolResult: Hashable, Sendable {
    /// The text the model sees (for errors, a message it can act on).
    public var output: String
    /// True when the tool failed (bad arguments, missing file, non-zero
    /// exit, timeout, denied).
    public var isError: Bool
    /// For a tool that changed a file: the change as a unified diff, which
    /// the transcript shows instead of the output.
    public var diff: String?

    /// Creates a result.
    public init(output: String, isError: Bool = false, diff: String? = nil) {
        self.output = output
        self.isError = isError
        self.diff = diff
    }

    /// An error result.
    public static func failure(_ message: String) -> ToolResult { ToolResult(output: message, isError: true) }
}

/// A tool the model can call: name, description, JSON-schema parameters
/// and a synchronous executor.
///
/// Threading: ``execute(arguments:context:)`` may block (file system,
/// processes) and must be called off the main thread; the UI runs it on a
/// worker queue and posts the result back to the main loop. Implementations
/// must be thread-safe (they are `Sendable`).
public protocol Tool: Sendable {
    /// The name the model calls it by, e.g. `read_file`.
    var name: String { get }
    /// What it does, for the model.
    var description: String { get }
    /// JSON schema of the arguments object (a ``Value`` table with
    /// `type: object`, `properties`, `required`).
    var parametersSchema: Value { get }
    /// True if every call needs the user's approval by default.
    var needsApproval: Bool { get }
    /// What the tool does, for the permission modes (default: `.read` for
    /// tools that need no approval, `.other` for the rest).
    var kind: ToolKind { get }
    /// Runs the tool with validated arguments. Never throws: failures are
    /// error results.
    func execute(arguments: [String: Value], context: ToolContext) -> ToolResult
}

extension Tool {
    /// `.read` when no approval is needed, else `.other`.
    public var kind: ToolKind { needsApproval ? .other : .read }

    /// The schema sent to the provider.
    public var schema: ToolSchema {
        ToolSchema(name: name, description: description, parameters: parametersSchema)
    }

    /// Parses `json` (an object; empty text counts as `{}`), validates it
    /// against ``parametersSchema`` and runs the tool. Bad JSON or invalid
    /// arguments give an error result naming the problem.
    public func execute(json: String, context: ToolContext) -> ToolResult {
        switch ToolArguments.parse(json, schema: parametersSchema, tool: name) {
        case .success(let arguments): return execute(arguments: arguments, context: context)
        case .failure(let error): return .failure(error.description)
        }
    }
}

/// A tool whose work is a remote call (an MCP server's tool): the chat
/// awaits ``run(arguments:context:)`` in a task instead of blocking a
/// worker thread, so a slow server holds no thread.
public protocol AsyncTool: Tool {
    /// Runs the tool with validated arguments. Never throws: failures are
    /// error results.
    func run(arguments: [String: Value], context: ToolContext) async -> ToolResult
}

extension AsyncTool {
    /// Parses and validates `json` like ``Tool/execute(json:context:)``,
    /// then awaits ``run(arguments:context:)``.
    public func run(json: String, context: ToolContext) async -> ToolResult {
        switch ToolArguments.parse(json, schema: parametersSchema, tool: name) {
        case .success(let arguments): return await run(arguments: arguments, context: context)
        case .failure(let error): return .failure(error.description)
        }
    }

    /// The blocking form, for callers on a worker thread (never the main
    /// thread): waits for ``run(arguments:context:)``.
    public func execute(arguments: [String: Value], context: ToolContext) -> ToolResult {
        let result = Handoff<ToolResult>()
        Task { result.put(await run(arguments: arguments, context: context)) }
        return result.wait()
    }
}

/// A tool made of closures (for tools registered from Lua or plugins).
public struct FunctionTool: Tool {
    /// The tool's name.
    public let name: String
    /// What it does.
    public let description: String
    /// JSON schema of the arguments.
    public let parametersSchema: Value
    /// True if calls need approval by default.
    public let needsApproval: Bool
    private let run: @Sendable ([String: Value], ToolContext) -> ToolResult

    /// Creates a tool from a closure.
    public init(name: String, description: String, parametersSchema: Value = ToolArguments.emptySchema,
                needsApproval: Bool = false, run: @escaping @Sendable ([String: Value], ToolContext) -> ToolResult) {
        self.name = name
        self.description = description
        self.parametersSchema = parametersSchema
        self.needsApproval = needsApproval
        self.run = run
    }

    /// Calls the closure.
    public func execute(arguments: [String: Value], context: ToolContext) -> ToolResult {
        run(arguments, context)
    }
}
