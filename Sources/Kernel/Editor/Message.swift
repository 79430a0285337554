/// Severity of a message shown to the user.
public enum MessageLevel: String, Hashable, Sendable, CaseIterable {
    case debug, info, warn, error
}

/// A message for the user (`weft.notify`, a failing handler, a bad config).
public struct Message: Hashable, Sendable {
    public var text: String
    public var level: MessageLevel
    /// A sequence number, increasing.
    public var seq: Int

    public init(text: String, level: MessageLevel, seq: Int) {
        self.text = text
        self.level = level
        self.seq = seq
    }
}

extension Editor {
    /// Keeps at most this many messages.
    static let messageLimit = 500

    /// Records a message and shows it (through `onMessage` and a redraw).
    public func notify(_ text: String, level: MessageLevel = .info) {
        let m = Message(text: text, level: level, seq: (messages.last?.seq ?? 0) + 1)
        messages.append(m)
        if messages.count > Self.messageLimit { messages.removeFirst(messages.count - Self.messageLimit) }
        onMessage?(m)
        requestRedraw()
    }
}
