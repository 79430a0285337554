import Chat
import Kernel

/// The conversation as the Messages API's alternating `user` and
/// `assistant` turns of content blocks (see ``AnthropicRequest``).
enum AnthropicTurns {
    /// One turn being built.
    struct Turn {
        var role: String
        var blocks: [Value]
    }

    /// The `messages` array for `messages` (system messages are skipped:
    /// they go to the top-level `system`).
    static func build(_ messages: [ProviderMessage], thinking: Bool, caching: Bool) -> [Value] {
        var turns: [Turn] = []
        for m in messages {
            switch m.role {
            case .system: continue
            case .user: add(&turns, "user", m.content.isEmpty ? [] : [text(m.content)])
            case .tool: add(&turns, "user", [toolResult(m)])
            case .assistant: add(&turns, "assistant", assistantBlocks(m, thinking: thinking))
            }
        }
        turns = pairToolResults(turns)
        if turns.first?.role == "assistant" { turns.insert(Turn(role: "user", blocks: [text("(continued)")]), at: 0) }
        if caching { markCacheBreakpoints(&turns) }
        return turns.map { .table(["role": .string($0.role), "content": .array($0.blocks)]) }
    }

    /// Appends `blocks` to the last turn when it has the same role, else
    /// starts a turn; tool results always lead their user turn.
    static func add(_ turns: inout [Turn], _ role: String, _ blocks: [Value]) {
        guard !blocks.isEmpty else { return }
        if turns.last?.role == role {
            let results = blocks.filter(isToolResult)
            let others = blocks.filter { !isToolResult($0) }
            var last = turns[turns.count - 1].blocks
            let lead = last.prefix { isToolResult($0) }
            last = Array(lead) + results + last.dropFirst(lead.count) + others
            turns[turns.count - 1].blocks = last
        } else {
            turns.append(Turn(role: role, blocks: blocks))
        }
    }

    static func assistantBlocks(_ m: ProviderMessage, thinking: Bool) -> [Value] {
        var out: [Value] = []
        if thinking {
            for t in m.thinking {
                if let data = t.redactedData {
                    out.append(.table(["type": "redacted_thinking", "data": .string(data)]))
                } else if !t.signature.isEmpty {
                    out.append(.table(["type": "thinking", "thinking": .string(t.text), "signature": .string(t.signature)]))
                }
            }
        }
        if !m.content.isEmpty { out.append(text(m.content)) }
        for c in m.toolCalls {
            out.append(.table(["type": "tool_use", "id": .string(AnthropicRequest.toolID(c.id)),
                               "name": .string(c.name), "input": toolInput(c.arguments)]))
        }
        return out
    }

    /// The arguments as a JSON object; `{}` when they are not one (the
    /// tool's result tells the model what was wrong).
    static func toolInput(_ arguments: String) -> Value {
        if let v = try? JSON.decode(arguments, surrogates: .replace), v.table != nil { return v }
        return .table([:])
    }

    static func text(_ s: String) -> Value { .table(["type": "text", "text": .string(s)]) }

    static func toolResult(_ m: ProviderMessage) -> Value {
        var t: [String: Value] = ["type": "tool_result", "tool_use_id": .string(AnthropicRequest.toolID(m.toolCallID ?? "")),
                                  "content": .string(m.content.isEmpty ? "(no output)" : m.content)]
        if m.isError { t["is_error"] = .bool(true) }
        return .table(t)
    }

    static func isToolResult(_ b: Value) -> Bool { b["type"]?.string == "tool_result" }

    /// Every `tool_use` gets a `tool_result` in the next user turn (an
    /// error result when none was recorded), and a result that answers no
    /// call of the turn before becomes plain text.
    static func pairToolResults(_ turns: [Turn]) -> [Turn] {
        var out = turns
        var i = 0
        while i < out.count {
            let asked = out[i].role == "assistant"
                ? out[i].blocks.compactMap { $0["type"]?.string == "tool_use" ? $0["id"]?.string : nil } : []
            if out[i].role == "user" {
                let previous = i > 0 ? out[i - 1].blocks.compactMap { $0["type"]?.string == "tool_use" ? $0["id"]?.string : nil } : []
                out[i].blocks = out[i].blocks.map { b in
                    guard isToolResult(b), let id = b["tool_use_id"]?.string, !previous.contains(id) else { return b }
                    return text("Result of tool call \(id): \(b["content"]?.string ?? "")")
                }
            }
            if !asked.isEmpty {
                if i + 1 >= out.count || out[i + 1].role != "user" { out.insert(Turn(role: "user", blocks: []), at: i + 1) }
                let answered = Set(out[i + 1].blocks.compactMap { isToolResult($0) ? $0["tool_use_id"]?.string : nil })
                let missing = asked.filter { !answered.contains($0) }.map { id -> Value in
                    .table(["type": "tool_result", "tool_use_id": .string(id), "is_error": .bool(true),
                            "content": "(no result: the call was interrupted)"])
                }
                let lead = out[i + 1].blocks.prefix { isToolResult($0) }
                out[i + 1].blocks = Array(lead) + missing + out[i + 1].blocks.dropFirst(lead.count)
            }
            i += 1
        }
        return out.filter { !$0.blocks.isEmpty }
    }

    /// `cache_control` on the last block of the last two user turns.
    static func markCacheBreakpoints(_ turns: inout [Turn]) {
        var marked = 0
        for i in turns.indices.reversed() where turns[i].role == "user" && marked < 2 {
            guard case .table(var last)? = turns[i].blocks.last else { continue }
            last["cache_control"] = AnthropicRequest.cacheControl
            turns[i].blocks[turns[i].blocks.count - 1] = .table(last)
            marked += 1
        }
    }
}
