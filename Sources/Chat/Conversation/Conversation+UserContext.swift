import Kernel

// User messages that are not typed prompts: a `!command` the user ran
// (a "shell" tool-call block), notices of what the user did (an
// `/undo`) and compaction summaries. They are shown as the user's, sent to the model as part of
// the conversation, and saved with enough to show them again.
extension Conversation {
    /// The name of the tool-call block of a `!command`.
    public static let shellToolName = "shell"

    /// The text the model gets for a user message: the prompt, and for a
    /// shell run or a notice, what happened.
    static func userContent(_ m: ChatMessage) -> String {
        m.blocks.compactMap { b -> String? in
            switch b {
            case .userText(let t): return t
            case .toolCall(let c) where c.name == shellToolName && c.status != .running:
                return shellContext(command: ToolSummary.arguments(c.arguments), output: c.output)
            case .notice(let t): return "[weft: \(t)]"
            case .compaction(let c): return ChatController.compactionHeader + "\n\n" + c.summary
            default: return nil
            }
        }.joined(separator: "\n")
    }

    /// How a `!command` run is told to the model.
    static func shellContext(command: String, output: String) -> String {
        "I ran this command in the shell myself (not a tool call):\n$ \(command)\n\(output)"
    }

    /// Whether `m` is a prompt the user typed (not a shell run or a notice).
    public static func isPrompt(_ m: ChatMessage) -> Bool {
        m.role == .user && m.blocks.contains { if case .userText = $0 { return true } else { return false } }
    }

    /// The user turns `m` counts for: 1 for a prompt, the prompts a
    /// compaction summary replaced, else 0.
    public static func turns(_ m: ChatMessage) -> Int {
        if isPrompt(m) { return 1 }
        guard m.role == .user else { return 0 }
        return m.blocks.reduce(0) { n, b in if case .compaction(let c) = b { return n + c.turns } else { return n } }
    }

    /// The session record of a user message: its text for the model, with
    /// a shell run or notice kept in `meta` so it can be shown again.
    static func userRecord(_ m: ChatMessage) -> SessionRecord {
        var meta: [String: Value] = [:]
        for b in m.blocks {
            switch b {
            case .toolCall(let c) where c.name == shellToolName:
                meta["shell"] = .table(["id": .string(c.id), "arguments": .string(c.arguments), "output": .string(c.output),
                                        "status": .string(c.status.rawValue), "duration": c.duration.map { .double($0) } ?? .null])
            case .notice(let t):
                meta["note"] = .string(t)
            case .compaction(let c):
                meta["compaction"] = .bool(true)
                meta["summarized"] = .int(c.messages)
                meta["turns"] = .int(c.turns)
                if c.auto { meta["auto"] = .bool(true) }
            default:
                break
            }
        }
        return SessionRecord(kind: .message, role: .user, text: userContent(m), meta: meta)
    }

    /// The user message of a session record (see `userRecord`).
    static func userMessage(_ r: SessionRecord) -> ChatMessage {
        if let shell = r.meta["shell"]?.table {
            var duration: Double?
            if case .double(let d)? = shell["duration"] { duration = d }
            let call = ToolCall(id: shell["id"]?.string ?? "shell", name: shellToolName,
                                arguments: shell["arguments"]?.string ?? "{}",
                                status: ToolStatus(rawValue: shell["status"]?.string ?? "") ?? .ok,
                                output: shell["output"]?.string ?? "", duration: duration)
            return ChatMessage(role: .user, blocks: [.toolCall(call)])
        }
        if let note = r.meta["note"]?.string { return ChatMessage(role: .user, blocks: [.notice(note)]) }
        if r.meta["compaction"] == .bool(true) {
            var summary = Substring(r.text)
            if summary.hasPrefix(ChatController.compactionHeader) {
                summary = summary.dropFirst(ChatController.compactionHeader.count).drop { $0.isNewline }
            }
            return ChatMessage(role: .user, blocks: [.compaction(Compaction(
                summary: String(summary), messages: r.meta["summarized"]?.int ?? 0, turns: r.meta["turns"]?.int ?? 0,
                auto: r.meta["auto"] == .bool(true)))])
        }
        return ChatMessage(role: .user, blocks: [.userText(r.text)])
    }
}
