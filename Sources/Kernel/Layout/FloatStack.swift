/// The floating windows in drawing order: by `zindex`, then by creation
/// order (a float added later is drawn above an earlier one with the same
/// zindex). Floats are not part of the `LayoutTree`.
///
/// ```swift
/// var stack = FloatStack()
/// stack.add(WindowID(1003), zindex: 50)
/// stack.add(WindowID(1004), zindex: 10)
/// stack.ordered // [1004, 1003]: bottom first
/// ```
public struct FloatStack: Hashable, Sendable {
    private struct Entry: Hashable, Sendable {
        var zindex: Int
        var sequence: Int
    }

    private var entries: [WindowID: Entry] = [:]
    private var nextSequence = 0

    /// An empty stack.
    public init() {}

    /// Adds a float on top of those with the same zindex. Adding a window
    /// that is already present only updates its zindex (it keeps its place
    /// in creation order).
    public mutating func add(_ win: WindowID, zindex: Int) {
        if entries[win] != nil {
            entries[win]?.zindex = zindex
            return
        }
        entries[win] = Entry(zindex: zindex, sequence: nextSequence)
        nextSequence += 1
    }

    /// Removes a float; returns whether it was present.
    @discardableResult
    public mutating func remove(_ win: WindowID) -> Bool {
        entries.removeValue(forKey: win) != nil
    }

    /// Changes a float's zindex; returns false if it is not in the stack.
    @discardableResult
    public mutating func setZIndex(_ win: WindowID, _ zindex: Int) -> Bool {
        guard entries[win] != nil else { return false }
        entries[win]?.zindex = zindex
        return true
    }

    /// Whether `win` is in the stack.
    public func contains(_ win: WindowID) -> Bool { entries[win] != nil }

    /// The zindex of `win`, or nil if it is not in the stack.
    public func zindex(of win: WindowID) -> Int? { entries[win]?.zindex }

    /// The number of floats.
    public var count: Int { entries.count }

    /// All floats, bottom first (draw them in this order).
    public var ordered: [WindowID] {
        entries.sorted { a, b in
            a.value.zindex != b.value.zindex ? a.value.zindex < b.value.zindex
                : a.value.sequence < b.value.sequence
        }.map(\.key)
    }

    /// The topmost float whose rect in `rects` contains the screen cell, if
    /// any (for mouse clicks). Floats missing from `rects` are skipped.
    public func topmost(at cell: Position, rects: [WindowID: Rect]) -> WindowID? {
        ordered.last { rects[$0]?.contains(row: cell.row, col: cell.col) == true }
    }
}
