import Kernel

// Automatic compaction: before a request whose estimated size exceeds
// `autoCompactThreshold` of the context window, the conversation is
// compacted first (the same path as `/compact`: the `compact` event fires
// with `auto = true` and a handler that returns true cancels, then the
// request goes out as it is).
//
// The estimate: the tokens the provider reported for the last request
// (prompt and reply) plus characters / 4 of what was added since (tool
// results, the new prompt); with no report, characters / 4 of the whole
// request.
//
// What is summarised: everything before the prompt being answered, which
// stays as it is, with the tool rounds made for it. When there is nothing
// before it to summarise (one long turn), everything is summarised and
// the model continues from the summary.
extension ChatController {
    /// The default share of the context window above which a request is
    /// compacted first.
    public static let defaultAutoCompactThreshold = 0.85

    /// Tokens the request with provider messages `request` would take, by
    /// the estimate above.
    func estimatedTokens(_ request: [ProviderMessage]) -> Int {
        if contextTokens > 0, let mark = usageMark, mark <= request.count {
            return contextTokens + Self.estimateTokens(request[mark...])
        }
        return Self.estimateTokens(request[...])
    }

    /// Characters / 4 (UTF-8 bytes, rounded up) of messages' text and tool calls.
    static func estimateTokens(_ messages: ArraySlice<ProviderMessage>) -> Int {
        var bytes = 0
        for m in messages {
            bytes += m.content.utf8.count
            for c in m.toolCalls { bytes += c.name.utf8.count + c.arguments.utf8.count }
            for t in m.thinking { bytes += t.text.utf8.count }
        }
        return (bytes + 3) / 4
    }

    /// The end of the messages to summarise before a request of `tokens`
    /// estimated tokens, or nil when no automatic compaction is due (off,
    /// under the threshold, already tried for this request, or nothing
    /// that can be summarised).
    func autoCompactionEnd(tokens: Int) -> Int? {
        guard autoCompactThreshold > 0, contextWindow > 0, !autoCompactTried,
              Double(tokens) > autoCompactThreshold * Double(contextWindow) else { return nil }
        let turn = messages.lastIndex(where: Conversation.isPrompt) ?? 0
        let hasReply: (ArraySlice<ChatMessage>) -> Bool = { $0.contains { $0.role == .assistant } }
        let end = hasReply(messages[..<turn]) ? turn : messages.count
        return hasReply(messages[..<end]) ? end : nil
    }

    /// Compacts before the request that `request()` is about to make, if
    /// one is due; returns true when it started (`request()` is called
    /// again when the summary is in, or when compaction failed).
    func compactBeforeRequest(_ request: [ProviderMessage]) -> Bool {
        let tokens = estimatedTokens(request)
        guard let end = autoCompactionEnd(tokens: tokens) else { return false }
        let auto = AutoCompaction(tokens: tokens, window: contextWindow, threshold: autoCompactThreshold)
        editor.notify("context at \(tokens * 100 / contextWindow)% of \(contextWindow) tokens: compacting \(end) messages")
        let started = startCompaction(upTo: end, instructions: nil, auto: auto) { [weak self] _ in
            guard let self else { return }
            // Once per request: a summary that is still too large (or a
            // failed one) does not start another.
            self.autoCompactTried = true
            self.request()
        }
        return started
    }
}
