import Kernel

// Compaction: the model summarises the conversation so far, and the chat
// continues with that summary in place of the older messages. The session
// file keeps every message; the summary is appended as a user message
// marked `compaction` in its meta, and loading a session starts from the
// last such record (so `--continue` resumes the compacted state).
extension ChatController {
    /// The first line of every summary message (how loaders recognise it).
    public static let compactionHeader = "Summary of the conversation so far (earlier messages were compacted):"

    /// The request that asks the model for the summary.
    static func compactionPrompt(_ instructions: String?) -> String {
        var p = "Summarise the conversation so far for your own later use: the user's goals, decisions made, "
            + "files and commands involved, what is done and what is left. Be complete but brief."
        if let instructions, !instructions.isEmpty { p += "\nAlso: " + instructions }
        return p
    }

    /// Asks the model for a summary of the conversation and continues with
    /// it in place of the older messages. Emits `compact` first
    /// (consumable: a handler that returns true cancels). Does nothing
    /// while a reply is in progress or with nothing to compact.
    /// - Parameter instructions: extra instructions for the summary.
    /// - Returns: false when nothing was started (busy, empty, or cancelled).
    @discardableResult
    public func compact(instructions: String? = nil) -> Bool {
        guard !isBusy, messages.contains(where: { $0.role == .assistant }) else { return false }
        var data: [String: Value] = ["messages": .int(messages.count), "tokens": .int(contextTokens)]
        if let instructions { data["instructions"] = .string(instructions) }
        if editor.emit(.compact, data: .table(data)) { return false }
        var history = Conversation.providerMessages(messages, system: effectiveSystemPrompt)
        history.append(ProviderMessage(role: .user, content: Self.compactionPrompt(instructions)))
        state = .streaming
        let token = RequestToken()
        currentRequest = token
        var summary = ""
        let replaced = messages.count
        let inbox = ProviderInbox(poster: loop.poster) { [weak self] event in
            guard let self, token === self.currentRequest else { return }
            switch event {
            case .textDelta(let t): summary += t
            case .finish: self.finishCompaction(summary, replaced: replaced)
            case .error(let message):
                self.stream = nil
                self.currentRequest = nil
                self.state = .idle
                self.editor.notify("compact: \(message)", level: .error)
            default: break
            }
        }
        stream = provider.stream(request: ProviderRequest(messages: history, tools: [])) { inbox.add($0) }
        return true
    }

    func finishCompaction(_ summary: String, replaced: Int) {
        stream = nil
        currentRequest = nil
        state = .idle
        let text = summary.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            editor.notify("compact: the model gave no summary; nothing was changed", level: .warn)
            return
        }
        let message = ChatMessage(role: .user, blocks: [.userText(Self.compactionHeader + "\n\n" + text)])
        messages = [message]
        contextTokens = 0
        onTranscript?(.reset)
        persist(message)
        editor.notify("compacted \(replaced) messages into a summary")
    }
}
