/// A compaction summary (`/compact`, or automatic): the model's summary of
/// earlier messages, which it replaces in the conversation.
///
/// ```swift
/// let block = ChatBlock.compaction(Compaction(summary: "Goals: ...", messages: 12, turns: 3, auto: true))
/// ```
public struct Compaction: Hashable, Sendable {
    /// The summary, as the model wrote it (markdown).
    public var summary: String
    /// How many messages it replaces (0 when unknown: an older session file).
    public var messages: Int
    /// How many prompts the user typed in those messages, earlier summaries'
    /// included, so the turns after it keep their numbers (checkpoints,
    /// `/undo` and `/rewind` count turns).
    public var turns: Int
    /// Whether weft compacted on its own, before a request that would have
    /// taken too much of the context window.
    public var auto: Bool

    /// A summary of `messages` messages holding `turns` prompts.
    public init(summary: String, messages: Int = 0, turns: Int = 0, auto: Bool = false) {
        self.summary = summary
        self.messages = messages
        self.turns = turns
        self.auto = auto
    }
}
