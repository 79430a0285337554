import Kernel

/// Who wrote a ``ProviderMessage`` (the OpenAI chat roles).
public enum ProviderRole: String, Hashable, Sendable, CaseIterable {
    /// Instructions for the model.
    case system
    /// The person at the keyboard.
    case user
    /// The model.
    case assistant
    /// A tool's result, answering an assistant tool call.
    case tool
}

/// A tool call the model asked for: an id the result must echo, the tool
/// name, and the arguments as a JSON object text (as the model sent it,
/// possibly invalid: tools validate it).
public struct ToolCallRequest: Hashable, Sendable {
    /// The provider's id for this call (a tool message answers it).
    public var id: String
    /// The tool's name, e.g. `read_file`.
    public var name: String
    /// The arguments as JSON text, e.g. `{"path":"README.md"}`.
    public var arguments: String

    /// Creates a tool call request.
    public init(id: String, name: String, arguments: String) {
        self.id = id
        self.name = name
        self.arguments = arguments
    }
}

/// One message of the conversation as sent to a provider (wire form; the
/// chat model is bridged into these by the chat controller).
public struct ProviderMessage: Hashable, Sendable {
    /// Who wrote it.
    public var role: ProviderRole
    /// The text (for `.tool`, the tool's output).
    public var content: String
    /// The tool calls an assistant message made (empty otherwise).
    public var toolCalls: [ToolCallRequest]
    /// For `.tool` messages: the id of the call this answers.
    public var toolCallID: String?
    /// For `.tool` messages: true when the tool failed or was denied.
    public var isError: Bool
    /// For `.assistant` messages: the provider's signed (or redacted)
    /// reasoning, to be sent back unchanged by providers that need it.
    public var thinking: [SignedThinking]

    /// Creates a message.
    public init(role: ProviderRole, content: String, toolCalls: [ToolCallRequest] = [], toolCallID: String? = nil,
                isError: Bool = false, thinking: [SignedThinking] = []) {
        self.role = role
        self.content = content
        self.toolCalls = toolCalls
        self.toolCallID = toolCallID
        self.isError = isError
        self.thinking = thinking
    }
}

/// A tool as the model sees it: name, description and JSON-schema
/// parameters (an object schema as a ``Value`` table).
public struct ToolSchema: Hashable, Sendable {
    /// The tool's name.
    public var name: String
    /// What the tool does, for the model.
    public var description: String
    /// JSON schema of the arguments object.
    public var parameters: Value

    /// Creates a tool schema.
    public init(name: String, description: String, parameters: Value) {
        self.name = name
        self.description = description
        self.parameters = parameters
    }
}

/// Everything a provider needs for one reply.
public struct ProviderRequest: Hashable, Sendable {
    /// The conversation so far, oldest first.
    public var messages: [ProviderMessage]
    /// Tools the model may call.
    public var tools: [ToolSchema]

    /// Creates a request.
    public init(messages: [ProviderMessage], tools: [ToolSchema] = []) {
        self.messages = messages
        self.tools = tools
    }
}

/// One event of a streamed reply.
///
/// A stream that is not cancelled ends with exactly one terminal event:
/// `.finish` (preceded by `.usage`) or `.error`.
public enum ProviderEvent: Hashable, Sendable {
    /// A piece of answer text (never splits a UTF-8 character).
    case textDelta(String)
    /// A piece of the model's reasoning.
    case thinkingDelta(String)
    /// A finished reasoning block as the provider will want it back
    /// (text and signature, or redacted data); comes after its deltas.
    case signedThinking(SignedThinking)
    /// A complete tool call: id, tool name, arguments as JSON text.
    case toolCall(id: String, name: String, arguments: String)
    /// Token counts for the request (input) and the reply (output).
    case usage(input: Int, output: Int)
    /// Prompt-cache tokens of the request (providers that report them send
    /// this just before `.usage`): `read` came from the cache, `write`
    /// were stored in it. Neither is counted in `.usage`'s `input`.
    case cacheUsage(read: Int, write: Int)
    /// The reply ended: `stop`, `tool_calls`, `length`, ...
    case finish(reason: String)
    /// The provider failed; the message is for the user.
    case error(message: String)

    /// True for `.finish` and `.error`, the events that end a stream.
    public var isTerminal: Bool {
        switch self {
        case .finish, .error: return true
        default: return false
        }
    }
}
