// MARK: - Bridging to provider messages

extension SessionRecord {
    /// A record for a finished provider message (tool results get
    /// `toolCallID`; `toolName` and `isError` are for the caller to set).
    public init(message: ProviderMessage, time: Double) {
        self.init(kind: .message, role: message.role, text: message.content, toolCalls: message.toolCalls,
                  toolCallID: message.toolCallID, time: time)
    }

    /// The message to send to a provider when resuming, or nil for meta
    /// records and unfolded partials. Thinking is not sent back.
    public var providerMessage: ProviderMessage? {
        guard kind == .message, let role else { return nil }
        return ProviderMessage(role: role, content: text, toolCalls: toolCalls, toolCallID: toolCallID)
    }
}

extension SessionLoad {
    /// The conversation to send to a provider after loading (messages only,
    /// in order, interrupted replies included as they were cut off).
    public var providerMessages: [ProviderMessage] { records.compactMap(\.providerMessage) }
}
