import Kernel

/// Conversions between the chat model (what the transcript shows), the
/// provider's wire messages and the session file's records.
///
/// One assistant `ChatMessage` is one provider reply: its thinking, text and
/// tool-call blocks. The tool results live in the tool-call blocks and
/// become `tool` messages right after the assistant message that made them.
public enum Conversation {
    /// The provider messages for a transcript (errors and notices are not sent).
    public static func providerMessages(_ messages: [ChatMessage], system: String? = nil) -> [ProviderMessage] {
        var out: [ProviderMessage] = []
        if let system, !system.isEmpty { out.append(ProviderMessage(role: .system, content: system)) }
        for m in messages {
            switch m.role {
            case .user:
                let text = userContent(m)
                if !text.isEmpty { out.append(ProviderMessage(role: .user, content: text)) }
            case .assistant:
                let (text, calls) = assistantParts(m)
                guard !text.isEmpty || !calls.isEmpty else { continue }
                out.append(ProviderMessage(role: .assistant, content: text,
                                           toolCalls: calls.map { ToolCallRequest(id: $0.id, name: $0.name, arguments: $0.arguments) },
                                           thinking: m.signedThinking))
                for c in calls where c.status != .running {
                    out.append(ProviderMessage(role: .tool, content: c.output, toolCallID: c.id,
                                               isError: c.status == .error || c.status == .denied))
                }
            case .system:
                let text = m.blocks.compactMap { if case .notice(let t) = $0 { return t } else { return nil } }.joined()
                if !text.isEmpty { out.append(ProviderMessage(role: .system, content: text)) }
            case .tool:
                continue
            }
        }
        return out
    }

    /// The text and tool calls of an assistant message.
    static func assistantParts(_ m: ChatMessage) -> (String, [ToolCall]) {
        var text = ""
        var calls: [ToolCall] = []
        for b in m.blocks {
            switch b {
            case .assistantText(let t): text += t
            case .toolCall(let c): calls.append(c)
            default: break
            }
        }
        return (text, calls)
    }

    static func thinking(_ m: ChatMessage) -> String? {
        let t = m.blocks.compactMap { if case .thinking(let s, _) = $0 { return s } else { return nil } }.joined()
        return t.isEmpty ? nil : t
    }

    /// Session records for one finished (or, with `partial`, interrupted) message.
    public static func records(for m: ChatMessage, partial: Bool = false) -> [SessionRecord] {
        switch m.role {
        case .user:
            return [userRecord(m)]
        case .assistant:
            let (text, calls) = assistantParts(m)
            let errors = m.blocks.compactMap { if case .error(let e) = $0 { return e } else { return nil } }
            var out = [SessionRecord(kind: partial ? .partial : .message, role: .assistant,
                                     text: errors.isEmpty ? text : text + (text.isEmpty ? "" : "\n") + errors.joined(separator: "\n"),
                                     thinking: thinking(m),
                                     toolCalls: calls.map { ToolCallRequest(id: $0.id, name: $0.name, arguments: $0.arguments) },
                                     isError: !errors.isEmpty, interrupted: partial, signedThinking: m.signedThinking)]
            for c in calls where c.status != .running && !partial {
                out.append(SessionRecord(kind: .message, role: .tool, text: c.output, toolCallID: c.id,
                                         toolName: c.name, isError: c.status != .ok, diff: c.diff))
            }
            return out
        case .system, .tool:
            return []
        }
    }

    /// Rebuilds the chat model from session records (tool results are folded
    /// back into the assistant message that called them).
    public static func messages(from records: [SessionRecord]) -> [ChatMessage] {
        var out: [ChatMessage] = []
        for r in records where r.kind != .meta {
            switch r.role {
            case .user?:
                // A compaction summary replaces everything before it but
                // the `kept` messages it was written after (the turn in
                // progress when it was automatic).
                if r.meta["compaction"] == .bool(true) {
                    let kept = max(0, r.meta["kept"]?.int ?? 0)
                    out = [userMessage(r)] + out.suffix(kept)
                    continue
                }
                out.append(userMessage(r))
            case .assistant?:
                var blocks: [ChatBlock] = []
                if let t = r.thinking, !t.isEmpty { blocks.append(.thinking(t, collapsed: true)) }
                if r.isError { blocks.append(.error(r.text)) } else if !r.text.isEmpty { blocks.append(.assistantText(r.text)) }
                for c in r.toolCalls {
                    blocks.append(.toolCall(ToolCall(id: c.id, name: c.name, arguments: c.arguments, status: .error,
                                                     output: "(no result recorded)")))
                }
                if r.interrupted { blocks.append(.notice("(interrupted)")) }
                out.append(ChatMessage(role: .assistant, blocks: blocks, signedThinking: r.signedThinking))
            case .tool?:
                guard let id = r.toolCallID, var last = out.last, last.role == .assistant else { continue }
                for (i, b) in last.blocks.enumerated() {
                    if case .toolCall(var c) = b, c.id == id {
                        c.output = r.text
                        c.status = r.isError ? .error : .ok
                        c.diff = r.diff
                        last.blocks[i] = .toolCall(c)
                    }
                }
                out[out.count - 1] = last
            case .system?, nil:
                continue
            }
        }
        return out
    }
}
