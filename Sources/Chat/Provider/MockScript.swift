import Foundation

/// What the mock does for one request, before pacing: a list of steps.
struct MockScript: Equatable {
    /// One step of a scripted reply.
    enum Step: Equatable {
        /// Stream reasoning text.
        case thinking(String)
        /// Stream answer text.
        case text(String)
        /// Call a tool with these JSON arguments.
        case toolCall(name: String, arguments: String)
        /// Fail with this message (ends the stream).
        case error(String)
    }

    var steps: [Step]
    /// The finish reason after the last step (`stop` or `tool_calls`).
    var finishReason: String

    /// The path the "fail tool" trigger asks `read_file` for.
    static let missingPath = "does/not/exist.txt"
    /// The largest N "count to N" honours.
    static let maxCount = 100_000

    /// Chooses the script for `request` (see ``MockProvider`` for triggers).
    static func choose(for request: ProviderRequest, longLines: Int, seed: UInt64) -> MockScript {
        let prompt = lastUserText(request.messages).lowercased()
        if prompt.hasPrefix("summarise the conversation so far for your own later use") {
            return reply(summary(of: request.messages))
        }
        if let last = request.messages.last, last.role == .tool {
            return followUp(toolResult: last, messages: request.messages, prompt: prompt)
        }
        if prompt.contains("fail tool") {
            return MockScript(steps: [.toolCall(name: "read_file", arguments: #"{"path":"\#(missingPath)"}"#)],
                              finishReason: "tool_calls")
        }
        if let mcp = mcpTrigger(lastUserText(request.messages)) { return mcp }
        if let files = fileTrigger(prompt) { return files }
        if let n = countTarget(prompt) { return reply(MockTexts.counting(to: n)) }
        if prompt.contains("markdown") { return reply(MockTexts.markdownShowcase) }
        if prompt.contains("think") {
            return MockScript(steps: [.thinking(MockTexts.thinking), .text(MockTexts.thinkingAnswer)], finishReason: "stop")
        }
        if prompt.contains("escape") { return reply(MockTexts.escapeText) }
        if prompt.contains("error") {
            return MockScript(steps: [.error("mock: simulated provider error (HTTP 500)")], finishReason: "error")
        }
        if prompt.contains("long") { return reply(MockTexts.longText(lines: longLines, seed: seed)) }
        if prompt.contains("two tools") {
            return MockScript(steps: [.text("I'll use two tools at once.\n"),
                                      .toolCall(name: "read_file", arguments: #"{"path":"README.md"}"#),
                                      .toolCall(name: "list_files", arguments: #"{"path":"."}"#)],
                              finishReason: "tool_calls")
        }
        if prompt.contains("read") || prompt.contains("tool") {
            return MockScript(steps: [.text("Let me read the README first.\n"),
                                      .toolCall(name: "read_file", arguments: #"{"path":"README.md"}"#)],
                              finishReason: "tool_calls")
        }
        if prompt.contains("run") {
            return MockScript(steps: [.text("I'll run a command.\n"),
                                      .toolCall(name: "run_command", arguments: #"{"command":"echo hello"}"#)],
                              finishReason: "tool_calls")
        }
        return reply(MockTexts.help)
    }

    /// "call mcp__SERVER__TOOL {json}": a call of that MCP tool with the
    /// JSON (case kept) as its arguments (`{}` without).
    static func mcpTrigger(_ text: String) -> MockScript? {
        guard let range = text.range(of: "call mcp__") else { return nil }
        let rest = text[text.index(range.lowerBound, offsetBy: 5)...]
        let name = rest.prefix { !$0.isWhitespace }
        let args = rest.dropFirst(name.count).trimmingCharacters(in: .whitespacesAndNewlines)
        return MockScript(steps: [.text("Calling \(name).\n"),
                                  .toolCall(name: String(name), arguments: args.isEmpty ? "{}" : args)],
                          finishReason: "tool_calls")
    }

    /// The mock's compaction summary: how many messages, and the user's
    /// prompts (offline, deterministic).
    static func summary(of messages: [ProviderMessage]) -> String {
        let prompts = messages.dropLast().filter { $0.role == .user }.map { "- " + $0.content }
        return "The conversation had \(messages.count - 1) messages. The user asked:\n" + prompts.joined(separator: "\n")
    }

    static func reply(_ text: String) -> MockScript {
        MockScript(steps: [.text(text)], finishReason: "stop")
    }

    static func lastUserText(_ messages: [ProviderMessage]) -> String {
        messages.last(where: { $0.role == .user })?.content ?? ""
    }

    /// N from "count to N" (clamped to ``maxCount``), or nil.
    static func countTarget(_ prompt: String) -> Int? {
        guard let range = prompt.range(of: "count to") else { return nil }
        let digits = prompt[range.upperBound...].drop(while: { $0 == " " }).prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty else { return nil }
        guard let n = Int(digits) else { return maxCount }
        return min(n, maxCount)
    }

    // MARK: - After a tool result

    private static func followUp(toolResult: ProviderMessage, messages: [ProviderMessage], prompt: String) -> MockScript {
        let call = messages.flatMap(\.toolCalls).last(where: { $0.id == toolResult.toolCallID })
        let name = call?.name ?? "tool"
        let content = toolResult.content
        let lower = content.lowercased()
        if !prompt.contains("fail tool"), let files = fileFollowUp(tool: name, content: content, prompt: prompt) {
            return files
        }
        if prompt.contains("fail tool") || content.hasPrefix("\(name):") || lower.hasPrefix("error")
            || lower.hasPrefix("denied") {
            let firstLine = content.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            return reply("Sorry, the `\(name)` call did not work: \(firstLine.isEmpty ? "no output" : firstLine)\n\n"
                + "I can't continue with that; tell me what to try instead.")
        }
        if name.hasPrefix("mcp__") {
            return reply("The `\(name)` tool said: \(content)")
        }
        switch name {
        case "read_file":
            let lines = lineCount(content)
            return reply("I read the file: it is **\(lines) lines** long (\(content.count) characters).")
        case "run_command":
            return reply("The command finished. Its output:\n\n```\n\(content)\n```")
        default:
            return reply("The `\(name)` tool returned \(lineCount(content)) lines.")
        }
    }

    /// Lines in `text` (a final newline does not start a new line).
    static func lineCount(_ text: String) -> Int {
        guard !text.isEmpty else { return 0 }
        let newlines = text.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        return text.utf8.last == 0x0A ? newlines : newlines + 1
    }
}
