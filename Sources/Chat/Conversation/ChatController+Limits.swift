import Kernel

// The limit on model requests per prompt (`--max-turns` in print mode): a
// model that keeps calling tools is stopped after `maxTurns` requests. Tool
// calls of the last allowed reply are answered "not run" (so the history
// stays a valid conversation for `--continue`), no further request goes
// out, and `prompt_done` carries `{reason = "max_turns"}`.
extension ChatController {
    /// True when the turn limit forbids another request for this prompt.
    var turnLimitReached: Bool { maxTurns > 0 && turnsThisPrompt >= maxTurns }

    /// The answer given to a tool call the limit stops.
    var turnLimitReason: String {
        "not run: the limit of \(maxTurns) model requests per prompt was reached (--max-turns)"
    }

    /// Ends the prompt at the limit instead of sending the tool results.
    func stopAtTurnLimit() {
        appendBlock(.notice("(stopped: \(maxTurns) model requests for one prompt, the limit)"))
        if let last = messages.last { persist(last) }
        state = .idle
        editor.emit(.promptDone, data: .table(["reason": .string("max_turns")]))
        queue.removeAll()
    }
}
