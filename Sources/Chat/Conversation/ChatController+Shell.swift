import Foundation
import Dispatch
import Kernel

// `!command` in the composer: the user's own shell command, run at once
// (no model turn, no approval: the user typed it), shown as a tool-like
// block in a user message and sent to the model with the next request.
extension ChatController {
    /// The command of a `!command` prompt, or nil for an ordinary prompt
    /// (`!` alone, or `!` followed by spaces only, is an ordinary prompt).
    public static func shellCommand(_ text: String) -> String? {
        guard text.hasPrefix("!") else { return nil }
        let command = text.dropFirst().trimmingCharacters(in: .whitespacesAndNewlines)
        return command.isEmpty ? nil : command
    }

    /// The time limit of a `!command`, in seconds (Esc stops it sooner).
    public static let shellTimeout = 600

    /// Runs `command` with `/bin/sh -c` in the working directory (output
    /// capped as for `run_command`), showing it as a "shell" block; Esc or
    /// Ctrl-C kills it. Prompts submitted meanwhile wait in the queue.
    public func runShell(_ command: String) {
        let id = "shell-\(loop.clock.nowNanos)"
        let call = ToolCall(id: id, name: Conversation.shellToolName,
                            arguments: JSON.line(.table(["command": .string(command)])), status: .running)
        append(ChatMessage(role: .user, blocks: [.toolCall(call)]))
        state = .runningTools
        let cancel = ToolCancellation()
        agent.shellCancellation = cancel
        let started = loop.clock.nowNanos
        let context = ToolContext(cwd: cwd, cancellation: cancel)
        let poster = loop.poster
        let owner = LoopRef(self)
        DispatchQueue.global().async {
            let result = RunCommandTool(timeout: Double(Self.shellTimeout))
                .execute(arguments: ["command": .string(command), "timeout": .int(Self.shellTimeout)], context: context)
            poster.post { owner.value?.shellFinished(call, result, started: started) }
        }
    }

    private func shellFinished(_ call: ToolCall, _ result: ToolResult, started: UInt64) {
        agent.shellCancellation = nil
        guard let index = messages.lastIndex(where: { m in
            m.blocks.contains { if case .toolCall(let c) = $0 { return c.id == call.id } else { return false } }
        }) else { return }
        var c = call
        c.output = result.output
        c.status = result.isError ? .error : .ok
        c.duration = Double(loop.clock.nowNanos &- started) / 1e9
        messages[index].blocks = [.toolCall(c)]
        onTranscript?(index == messages.count - 1 ? .updatedLastBlock : .reset)
        persist(messages[index])
        guard state == .runningTools, pendingCalls.isEmpty, stream == nil else { return }
        state = .idle
        if !queue.isEmpty { submit(queue.removeFirst()) }
    }
}
