import Kernel

// The chat layer's events: names and data as docs/lua-api.md lists them.

extension EventName {
    /// A prompt is about to be sent (consumable: the chat skips it): `{text}`.
    public static let promptSubmit = EventName("prompt_submit")
    /// Before every request to the model: `{messages, count}`; a handler may
    /// replace the messages with `weft.chat.set_request`.
    public static let modelRequest = EventName("model_request")
    /// Reply text arrived: `{text}`.
    public static let modelDelta = EventName("model_delta")
    /// Thinking text arrived: `{text}`.
    public static let thinkingDelta = EventName("thinking_delta")
    /// A tool is about to run: `{id, name, arguments}`.
    public static let toolStart = EventName("tool_start")
    /// A tool needs approval (consumable: a handler decides): `{id, name,
    /// arguments}`, plus `{diff, path}` for a file change.
    public static let toolApproval = EventName("tool_approval")
    /// A tool finished: `{id, name, status}`, plus `{diff}` for a file change.
    public static let toolEnd = EventName("tool_end")
    /// The reply ended: `{reason}`, `{error}` or `{interrupted}`.
    public static let promptDone = EventName("prompt_done")
    /// The provider failed: `{message}`.
    public static let providerError = EventName("provider_error")
    /// A saved session was opened: `{id, messages}`.
    public static let sessionLoad = EventName("session_load")
    /// The permission mode changed: `{mode, previous}`.
    public static let permissionMode = EventName("permission_mode")
    /// `/undo` put files back: `{restored, kept, failed, turns}`.
    public static let undo = EventName("undo")
    /// `/rewind` put files back and continued in a new session:
    /// `{restored, kept, failed, turns, session, previous_session}`.
    public static let rewind = EventName("rewind")

    /// Before the conversation is compacted (consumable: a handler that
    /// returns true cancels): `{messages, tokens, auto, instructions?}`,
    /// plus `{window, threshold}` when automatic.
    public static let compact = EventName("compact")

    /// Every event the chat layer emits, in the order the docs list them.
    public static let chat: [EventName] = [
        .promptSubmit, .modelRequest, .modelDelta, .thinkingDelta, .toolStart, .toolApproval,
        .toolEnd, .promptDone, .providerError, .sessionLoad, .permissionMode, .undo, .rewind, .compact,
    ]
}
