import Kernel

// The coding agent's settings on the controller: the system prompt with
// the AGENTS.md files and the permission mode, and changing the mode.
extension ChatController {
    /// The system prompt sent: weft's own (working directory, permission
    /// mode), the `AGENTS.md` instructions, then ``systemPrompt``.
    public var effectiveSystemPrompt: String {
        SystemPrompt.make(cwd: cwd, root: agent.root, mode: agent.mode, instructions: agent.instructions,
                          extra: systemPrompt)
    }

    /// The permission mode.
    public var permissionMode: PermissionMode { agent.mode }

    /// Sets the permission mode and emits `permission_mode` with
    /// `{mode=, previous=}` (only when it changes). Choosing `yolo` puts it
    /// in the Shift-Tab cycle.
    public func setPermissionMode(_ mode: PermissionMode) {
        if mode == .yolo { agent.yoloInCycle = true }
        let previous = agent.mode
        guard mode != previous else { return }
        agent.mode = mode
        onChange?()
        editor.emit(.permissionMode, data: .table(["mode": .string(mode.rawValue), "previous": .string(previous.rawValue)]))
    }

    /// Shift-Tab: the next mode of the cycle (see `PermissionMode.next`).
    public func cyclePermissionMode() {
        setPermissionMode(agent.mode.next(includeYolo: agent.yoloInCycle))
    }

    /// The user turn a tool call now belongs to: the number of prompts the
    /// user typed so far (1 for the first), those a compaction summary
    /// replaced included.
    var currentTurn: Int { messages.reduce(0) { $0 + Conversation.turns($1) } }

    /// The checkpoint store of the current session (nil before the first
    /// message is saved).
    public var checkpoints: CheckpointStore? { sessionID.map { agent.checkpoints(session: $0) } }

    /// The context tools run in.
    func toolContext() -> ToolContext {
        ToolContext(cwd: cwd, files: agent.ledger, checkpoints: checkpoints, turn: currentTurn)
    }
}
