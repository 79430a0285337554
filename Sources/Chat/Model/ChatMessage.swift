/// Who wrote a chat message.
public enum ChatRole: String, Hashable, Sendable, CaseIterable {
    /// The person at the keyboard.
    case user
    /// The language model.
    case assistant
    /// A tool result sent back to the model.
    case tool
    /// The system prompt or a message from weft itself.
    case system
}

/// One message of a conversation: a role and its blocks, in order.
///
/// A reply from the model is usually one assistant message whose blocks are
/// thinking, text and tool calls as they streamed in.
///
/// ```swift
/// let question = ChatMessage(role: .user, blocks: [.userText("hello")])
/// let reply = ChatMessage(role: .assistant, blocks: [.assistantText("**Hi!**")])
/// ```
public struct ChatMessage: Hashable, Sendable {
    /// Who wrote the message.
    public var role: ChatRole
    /// The content, in display order.
    public var blocks: [ChatBlock]
    /// The provider's signed or redacted reasoning for an assistant reply,
    /// in order (never shown: the `.thinking` blocks are what the user
    /// sees), sent back unchanged by providers that need it.
    public var signedThinking: [SignedThinking]

    /// A message with `role` and `blocks`.
    public init(role: ChatRole, blocks: [ChatBlock] = [], signedThinking: [SignedThinking] = []) {
        self.role = role
        self.blocks = blocks
        self.signedThinking = signedThinking
    }

    /// A user message holding `text`.
    public static func user(_ text: String) -> ChatMessage {
        ChatMessage(role: .user, blocks: [.userText(text)])
    }

    /// An assistant message holding markdown `text`.
    public static func assistant(_ text: String) -> ChatMessage {
        ChatMessage(role: .assistant, blocks: [.assistantText(text)])
    }
}
