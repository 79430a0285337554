import Kernel

/// Where a tool runs: the working directory relative paths resolve
/// against, and an optional cancel flag for long-running tools.
public struct ToolContext: Sendable {
    /// Working directory (absolute path).
    public var cwd: String
    /// Set to stop a running tool early (``RunCommandTool`` kills its
    /// process group); nil when the call cannot be cancelled.
    public var cancellation: ToolCancellation?

    /// Creates a context.
    public init(cwd: String, cancellation: ToolCancellation? = nil) {
        self.cwd = cwd
        self.cancellation = cancellation
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

    /// Creates a result.
    public init(output: String, isError: Bool = false) {
        self.output = output
        self.isError = isError
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
    /// Runs the tool with validated arguments. Never throws: failures are
    /// error results.
    func execute(arguments: [String: Value], context: ToolContext) -> ToolResult
}

extension Tool {
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
