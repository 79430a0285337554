/// The identity of one composed frame, so a later frame can say what it
/// changed relative to it (``FrameDamage``). Compared by identity only;
/// holding it keeps the identity from being reused.
public final class FrameToken: Sendable {
    /// A new identity.
    public init() {}
}

/// What a frame changed relative to an earlier one of the same compositor:
/// every row outside `rows` is, cell for cell, the same as in the frame
/// `since`. ``FrameEncoder/encode(_:)`` compares only `rows` when the
/// terminal shows the frame `since` (the last one it encoded), and every
/// row otherwise.
public struct FrameDamage: Sendable {
    /// The frame the other rows are unchanged from.
    public let since: FrameToken
    /// The rows that may differ from that frame, ascending.
    public let rows: [Int]

    /// Damage of `rows` (ascending) relative to the frame `since`.
    public init(since: FrameToken, rows: [Int]) {
        self.since = since
        self.rows = rows
    }
}
