/// Where a new tiled window goes relative to the window it splits.
///
/// `.left`/`.right` split along a row (side by side); `.above`/`.below` split
/// along a column (stacked). The raw values are the strings Lua uses
/// (`split = "left"`).
public enum SplitDirection: String, Hashable, Sendable, CaseIterable {
    case left
    case right
    case above
    case below

    /// The container axis this split lays windows out on.
    public var axis: LayoutAxis {
        switch self {
        case .left, .right: return .row
        case .above, .below: return .col
        }
    }

    /// Whether the new window goes before the target (left of or above it).
    public var insertsBefore: Bool { self == .left || self == .above }
}

/// The axis of a layout container.
///
/// `.row` lays its children out left to right (they share the width);
/// `.col` lays them out top to bottom (they share the height). The raw values
/// are the `kind` strings of `layout.get()`.
public enum LayoutAxis: String, Hashable, Sendable, CaseIterable {
    case row
    case col
}

/// How much of its container's extent a child takes along the container's axis.
///
/// Fixed cells are handed out first; weights share what is left in proportion.
public enum SizeSpec: Hashable, Sendable {
    /// Exactly this many cells (shrunk when they do not fit). Must be > 0.
    case cells(Int)
    /// A share of the space left after fixed children. Must be finite and > 0.
    case weight(Double)

    /// The default share: weight 1.
    public static let defaultWeight = SizeSpec.weight(1)

    /// Checks that the size is positive (and finite for weights).
    ///
    /// - Parameter context: prefix for the error message, e.g. `"layout.children[2]"`.
    /// - Throws: `KernelError.outOfRange` naming the bad value.
    public func validate(context: String) throws {
        switch self {
        case .cells(let n) where n <= 0:
            throw KernelError.outOfRange("\(context): size must be a positive number of cells, got \(n)")
        case .weight(let w) where !(w.isFinite && w > 0):
            throw KernelError.outOfRange("\(context): weight must be a positive finite number, got \(w)")
        default:
            return
        }
    }
}
