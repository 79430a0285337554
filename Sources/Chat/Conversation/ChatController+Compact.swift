import Kernel

// Compaction: the model summarises the conversation so far, and the chat
// continues with that summary in place of the older messages. The session
// file keeps every message; the summary is appended as a user message
// marked `compaction` in its meta (with `summarized`, the number of
// messages it replaces, and `kept`, the number of messages before it that
// stay), and loading a session starts from the last such record (so
// `--continue` resumes the compacted state). Automatic compaction is in
// `ChatController+AutoCompact.swift`.
extension ChatController {
    /// The first line of every summary message (how loaders recognise it).
    public static let compactionHeader = "Summary of the conversation so far (earlier messages were compacted):"

    /// The request that asks the model for the summary.
    static func compactionPrompt(_ instructions: String?) -> String {
        var p = "Summarise the conversation so far for your own later use: the user's goals, decisions made, "
            + "files and commands involved, what is done and what is left. Be complete but brief. "
            + "Answer with the summary as text only: call no tools."
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
        return startCompaction(upTo: messages.count, instructions: instructions, auto: nil) { _ in }
    }

    /// What an automatic compaction tells the `compact` event: the
    /// estimated tokens of the request it comes before, and the limit.
    struct AutoCompaction {
        var tokens: Int
        var window: Int
        var threshold: Double
    }

    /// Summarises `messages[..<end]` (the rest stays after the summary).
    /// Emits `compact` first; calls `done` with whether the messages were
    /// replaced (false: the model failed or gave no summary), unless the
    /// event was consumed or the request superseded (interrupted).
    /// - Returns: false when a handler cancelled (nothing started).
    func startCompaction(upTo end: Int, instructions: String?, auto: AutoCompaction?,
                         done: @escaping (Bool) -> Void) -> Bool {
        var data: [String: Value] = ["messages": .int(end), "tokens": .int(auto?.tokens ?? contextTokens),
                                     "auto": .bool(auto != nil)]
        if let instructions { data["instructions"] = .string(instructions) }
        if let auto {
            data["window"] = .int(auto.window)
            data["threshold"] = .double(auto.threshold)
        }
        if editor.emit(.compact, data: .table(data)) { return false }
        var history = Conversation.providerMessages(Array(messages[..<end]), system: effectiveSystemPrompt)
        history.append(ProviderMessage(role: .user, content: Self.compactionPrompt(instructions)))
        state = .streaming
        let token = RequestToken()
        currentRequest = token
        var summary = ""
        let inbox = ProviderInbox(poster: loop.poster) { [weak self] event in
            guard let self, token === self.currentRequest else { return }
            switch event {
            case .textDelta(let t): summary += t
            case .usage(let input, let output):
                usage.input += input
                usage.output += output
                onChange?()
            case .cacheUsage(let read, let write):
                cacheUsage.read += read
                cacheUsage.write += write
                onChange?()
            case .finish:
                done(self.finishCompaction(summary, upTo: end, auto: auto != nil))
            case .error(let message):
                self.endCompactionRequest()
                self.editor.notify("compact: \(message)", level: .error)
                done(false)
            default: break
            }
        }
        // The tools go along although none should be called: Anthropic
        // rejects a history with tool calls in a request without tools.
        stream = provider.stream(request: ProviderRequest(messages: history, tools: tools.schemas())) { inbox.add($0) }
        return true
    }

    func endCompactionRequest() {
        stream = nil
        currentRequest = nil
        state = .idle
    }

    /// Puts the summary in place of `messages[..<end]`; false (nothing
    /// changed) when the model wrote none.
    func finishCompaction(_ summary: String, upTo end: Int, auto: Bool) -> Bool {
        endCompactionRequest()
        let text = summary.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            editor.notify("compact: the model gave no summary; nothing was changed", level: .warn)
            return false
        }
        let turns = messages[..<end].reduce(0) { $0 + Conversation.turns($1) }
        let message = ChatMessage(role: .user, blocks: [.compaction(Compaction(summary: text, messages: end, turns: turns,
                                                                               auto: auto))])
        let kept = messages[end...]
        messages = [message] + kept
        contextTokens = 0
        usageMark = nil
        onTranscript?(.reset)
        // The kept messages are in the file already, before the summary.
        let keptRecords = kept.filter { $0.role == .user || $0.role == .assistant }.count
        persist(message, meta: keptRecords > 0 ? ["kept": .int(keptRecords)] : [:])
        editor.notify(auto ? "context nearly full: compacted \(end) messages into a summary"
                           : "compacted \(end) messages into a summary")
        return true
    }
}
