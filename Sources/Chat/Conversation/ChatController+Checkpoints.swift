import Kernel
import Render

/// A prompt the user typed, as `/rewind` lists them.
public struct PromptEntry: Hashable, Sendable {
    /// Its index in `ChatController.messages`.
    public var index: Int
    /// Its turn (1 for the first prompt); checkpoints are grouped by it.
    public var turn: Int
    /// What the user typed.
    public var text: String
}

/// What `/rewind` did.
public struct RewindOutcome: Hashable, Sendable {
    /// The files put back, kept or failed.
    public var result: RestoreResult
    /// The prompt rewound to (the UI puts it back in the composer).
    public var prompt: String
    /// The session left (its file stays as it was).
    public var previousSession: String?
}

// Undoing the file changes of turns: `/undo` (the last turn, then the one
// before, ...) and `/rewind` (back to before a prompt, continuing in a new
// session). Files changed since weft wrote them are restored only when
// the caller says so (the UI asks).
extension ChatController {
    /// The prompts the user typed, oldest first (those a compaction
    /// summary replaced are not listed, but count in the turn numbers).
    public var prompts: [PromptEntry] {
        var out: [PromptEntry] = []
        var turn = 0
        for (i, m) in messages.enumerated() {
            turn += Conversation.turns(m)
            guard Conversation.isPrompt(m) else { continue }
            let text = m.blocks.compactMap { if case .userText(let t) = $0 { return t } else { return nil } }.joined(separator: "\n")
            out.append(PromptEntry(index: i, turn: turn, text: text))
        }
        return out
    }

    /// Which prompts `rewind` takes, for its error.
    static func rewindable(_ all: [PromptEntry]) -> String {
        guard let first = all.first, let last = all.last else { return "there are none" }
        var s = first.turn == last.turn ? "only prompt \(first.turn) can be rewound to"
                                        : "prompts \(first.turn) to \(last.turn) can be rewound to"
        if first.turn > 1 { s += "; earlier ones were compacted" }
        return s
    }

    /// What `/undo` would restore now: the newest turn whose changes are
    /// not undone (nil when there is none).
    public func undoPlan() -> RestorePlan? {
        guard let plan = checkpoints?.planUndo(), !plan.isEmpty else { return nil }
        return plan
    }

    /// What rewinding to before prompt `turn` would restore.
    public func rewindPlan(toTurn turn: Int) -> RestorePlan {
        checkpoints?.planRewind(to: turn) ?? RestorePlan(turns: [], items: [])
    }

    /// Undoes `plan` (from ``undoPlan()``): puts its files back, makes the
    /// model read them again before changing them, and records a notice in
    /// the conversation (the model is told with the next request).
    public func undo(_ plan: RestorePlan, overwriteChanged: Bool) -> RestoreResult {
        let result = restore(plan, overwriteChanged: overwriteChanged)
        let prompts = self.prompts
        let named = plan.turns.map { t in
            prompts.first { $0.turn == t }.map { "prompt \(t) (“\(TextMeasure.truncate($0.text.flattenedForPrompt(), width: 40))”)" }
                ?? "prompt \(t)"
        }.joined(separator: ", ")
        append(ChatMessage(role: .user, blocks: [.notice("↺ /undo: " + describe(result, turns: named))]))
        if let last = messages.last { persist(last) }
        editor.emit(.undo, data: restoreValue(result, turns: plan.turns))
        return result
    }

    /// Rewinds to before prompt `turn`: restores the files every later turn
    /// changed, then continues the conversation before that prompt in a new
    /// session (the old session's file stays intact; its earlier
    /// checkpoints come along).
    /// - Throws: `ChatValueError` when there is no such prompt.
    public func rewind(toTurn turn: Int, overwriteChanged: Bool) throws -> RewindOutcome {
        let all = prompts
        guard let entry = all.first(where: { $0.turn == turn }) else {
            throw ChatValueError("rewind: there is no prompt \(turn) (\(Self.rewindable(all)))")
        }
        if isBusy { interrupt() }
        let plan = rewindPlan(toTurn: turn)
        let result = restore(plan, overwriteChanged: overwriteChanged)
        let previous = sessionID, previousStore = checkpoints
        let kept = Array(messages[..<entry.index])
        reset(to: kept)
        agent.ledger.removeAll()
        for m in kept { persist(m) }
        if let id = sessionID, let old = previousStore, let writer {
            try? old.copy(turnsBefore: turn, to: agent.checkpoints(session: id))
            try? writer.append(SessionRecord(kind: .meta, meta: ["forked_from": .string(previous ?? ""),
                                                                 "rewound_to_turn": .int(turn)]))
        }
        var data = restoreValue(result, turns: plan.turns)
        if case .table(var t) = data {
            t["previous_session"] = previous.map { .string($0) } ?? .null
            t["session"] = sessionID.map { .string($0) } ?? .null
            data = .table(t)
        }
        editor.emit(.rewind, data: data)
        return RewindOutcome(result: result, prompt: entry.text, previousSession: previous)
    }

    /// Restores and makes the model re-read what changed.
    private func restore(_ plan: RestorePlan, overwriteChanged: Bool) -> RestoreResult {
        guard !plan.isEmpty, let store = checkpoints else { return RestoreResult() }
        let result = store.restore(plan, overwriteChanged: overwriteChanged)
        for path in plan.items.map(\.path) { agent.ledger.forget(path) }
        return result
    }

    /// "restored a.swift, b.txt; kept c.txt (changed since)" with paths
    /// relative to the working directory.
    public func describe(_ r: RestoreResult, turns: String) -> String {
        var parts: [String] = []
        if !r.restored.isEmpty { parts.append("restored " + r.restored.map(shortPath).joined(separator: ", ")) }
        if !r.kept.isEmpty { parts.append("kept " + r.kept.map(shortPath).joined(separator: ", ") + " (changed since)") }
        for (path, why) in r.failed.sorted(by: { $0.key < $1.key }) { parts.append("could not restore \(shortPath(path)): \(why)") }
        return "the file changes of \(turns): " + (parts.isEmpty ? "nothing to restore" : parts.joined(separator: "; "))
    }

    /// `path` relative to the working directory when inside it.
    public func shortPath(_ path: String) -> String {
        let base = FileAccess.canonical(cwd, cwd: "/")
        return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
    }

    /// `{restored=, kept=, failed=, turns=}` for events and Lua.
    public func restoreValue(_ r: RestoreResult, turns: [Int]) -> Value {
        .table(["restored": .array(r.restored.map { .string($0) }), "kept": .array(r.kept.map { .string($0) }),
                "failed": .table(r.failed.mapValues { .string($0) }), "turns": .array(turns.map { .int($0) })])
    }
}
