/// A snapshot of one extmark as returned by `ExtmarkStore` queries.
///
/// Positions are 0-based (row, UTF-8 byte column). A mark sits between
/// characters: with right gravity it stays after text inserted at its
/// position, with left gravity before it.
public struct Extmark: Hashable, Sendable {
    /// The mark's id, unique within its namespace.
    public var id: Int
    /// The namespace the mark belongs to.
    public var ns: NamespaceID
    /// Where the mark starts.
    public var start: Position
    /// Where the mark's range ends (exclusive), or nil for a point mark.
    /// Never before `start`: an end that edits moved before the start is
    /// reported equal to the start.
    public var end: Position?
    /// What the mark draws.
    public var decoration: Decoration
    /// Gravity of the start: true keeps it after text inserted at it.
    public var rightGravity: Bool
    /// Gravity of the end: true keeps it after text inserted at it.
    public var endRightGravity: Bool

    /// A mark snapshot (normally built by `ExtmarkStore`).
    public init(id: Int, ns: NamespaceID, start: Position, end: Position? = nil,
                decoration: Decoration = Decoration(),
                rightGravity: Bool = true, endRightGravity: Bool = false) {
        self.id = id
        self.ns = ns
        self.start = start
        self.end = end
        self.decoration = decoration
        self.rightGravity = rightGravity
        self.endRightGravity = endRightGravity
    }
}
