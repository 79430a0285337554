/// The state of a tool call.
public enum ToolStatus: String, Hashable, Sendable, CaseIterable {
    /// Running (or waiting for approval); shown with a spinner.
    case running
    /// Finished successfully; shown with "✓".
    case ok
    /// Failed; shown with "✗".
    case error
    /// Refused by the user or the policy; shown with "⊘".
    case denied
}

/// A tool call and, once finished, its result.
public struct ToolCall: Hashable, Sendable {
    /// The provider's id for the call (matches the tool result).
    public var id: String
    /// The tool's name, e.g. "read_file".
    public var name: String
    /// The arguments as a JSON string, as the model sent them (may be
    /// incomplete while streaming; never parsed strictly for display).
    public var arguments: String
    /// Where the call is.
    public var status: ToolStatus
    /// The tool's output (or error text); empty while running.
    public var output: String
    /// How long the call took, in seconds; nil while running or unknown.
    public var duration: Double?
    /// For a file change: the change as a unified diff (proposed while the
    /// call waits for approval, applied once it is done). The transcript
    /// shows it instead of the output.
    public var diff: String?

    /// A tool call; everything but `id` and `name` has a default.
    public init(id: String, name: String, arguments: String = "{}", status: ToolStatus = .running,
                output: String = "", duration: Double? = nil, diff: String? = nil) {
        self.id = id
        self.name = name
        self.arguments = arguments
        self.status = status
        self.output = output
        self.duration = duration
        self.diff = diff
    }
}

/// One piece of a message, projected into the transcript as a unit.
///
/// Blocks are value types: the transcript projector re-renders a block when
/// it is replaced (`TranscriptProjector.updateLastBlock`).
public enum ChatBlock: Hashable, Sendable {
    /// Text typed by the user (shown verbatim, not as markdown).
    case userText(String)
    /// Markdown written by the model.
    case assistantText(String)
    /// The model's reasoning; `collapsed` shows a one-line summary.
    case thinking(String, collapsed: Bool)
    /// A tool call with its status and output.
    case toolCall(ToolCall)
    /// An error (provider, network, tool), shown as "✗ message".
    case error(String)
    /// A dim informational line (e.g. "interrupted", "session resumed").
    case notice(String)
    /// The model's summary of earlier messages, which it replaces
    /// (`/compact`, or automatic). Shown as one line ("▸ conversation
    /// compacted · N messages summarized"); Ctrl-O shows the summary.
    case compaction(Compaction)

    /// Whether the block is a tool call.
    public var isToolCall: Bool {
        if case .toolCall = self { return true }
        return false
    }

    /// Whether the block is text typed by the user.
    public var isUserText: Bool {
        if case .userText = self { return true }
        return false
    }

    /// Whether the block is thinking.
    public var isThinking: Bool {
        if case .thinking = self { return true }
        return false
    }

    /// Whether the block is a compaction summary.
    public var isCompaction: Bool {
        if case .compaction = self { return true }
        return false
    }
}

// MARK: - Streaming

extension ChatBlock {
    /// Appends `more` to an assistant text (or, with `thinking`, a thinking
    /// block) in place; false, unchanged, for any other block. The case is
    /// replaced for the time of the append so that the text's storage is
    /// uniquely referenced and is not copied.
    mutating func append(_ more: String, thinking: Bool) -> Bool {
        // The text is consumed out of its binding and the case replaced,
        // so the append sees the only reference (a `switch self` would keep
        // a copy of `self` alive while the case runs).
        if !thinking, case .assistantText(let old) = self {
            var text = consume old
            self = .notice("")
            text += more
            self = .assistantText(text)
            return true
        }
        if thinking, case .thinking(let old, let collapsed) = self {
            var text = consume old
            self = .notice("")
            text += more
            self = .thinking(text, collapsed: collapsed)
            return true
        }
        return false
    }

}
