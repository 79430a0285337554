/// The split layout of tiled windows: a tree of row/col containers whose
/// leaves are windows, stored as an arena of nodes with parent links.
///
/// Shape rules (checked by `checkInvariants()`):
/// - there is always at least one window; with one window the root is a leaf;
/// - every container has at least two children (a container left with one
///   child is replaced by that child, which takes over the container's size);
/// - every window appears exactly once.
///
/// A split on the container's own axis inserts the new window next to the
/// target; a split on the other axis wraps target and new window in a new
/// container that takes the target's place (and its size). Floats are not part
/// of the tree (see `FloatStack`).
///
/// `LayoutTree` is a value type: a failed `validated(_:known:)` leaves the
/// caller's tree untouched. Two trees are equal when they describe the same
/// layout (`toSpec()` is equal), whatever their internal node ids.
///
/// ```swift
/// var tree = LayoutTree(root: WindowID(1000))
/// try tree.split(WindowID(1000), new: WindowID(1001), direction: .right)
/// let rects = tree.compute(in: Rect(row: 0, col: 0, width: 80, height: 24))
/// ```
public struct LayoutTree: Sendable {
    /// All nodes by id (internal so tests can inspect and corrupt it).
    var nodes: [LayoutNodeID: LayoutNode]
    /// The root node.
    var root: LayoutNodeID
    /// The leaf node of each window.
    var leaves: [WindowID: LayoutNodeID]
    /// The next unused node id.
    private var nextID: Int

    /// A layout with a single window filling the whole area.
    public init(root window: WindowID) {
        let id = LayoutNodeID(raw: 0)
        nodes = [id: LayoutNode(parent: nil, size: .defaultWeight, content: .leaf(window))]
        root = id
        leaves = [window: id]
        nextID = 1
    }

    /// Whether `win` is a leaf of this tree.
    public func contains(_ win: WindowID) -> Bool { leaves[win] != nil }

    /// The number of windows in the tree.
    public var count: Int { leaves.count }

    /// All windows in layout order: depth first, left to right and top to bottom.
    public var windows: [WindowID] {
        var out: [WindowID] = []
        out.reserveCapacity(leaves.count)
        collectWindows(root, into: &out)
        return out
    }

    /// The size `win` has within its container, or nil if it is not in the tree.
    public func size(of win: WindowID) -> SizeSpec? {
        leaves[win].flatMap { nodes[$0]?.size }
    }

    // MARK: - Editing

    /// Splits `target`, placing the new window `new` on the given side.
    ///
    /// If `target`'s container already lays out along the split's axis, `new`
    /// is inserted next to `target` (before it for `.left`/`.above`, after it
    /// for `.right`/`.below`). Otherwise a new container on the split's axis
    /// replaces `target` (taking its size) and holds `target` and `new`.
    ///
    /// - Parameter size: the new window's size in its container. Default: the
    ///   target's weight when inserting next to a weighted target (so equal
    ///   windows stay equal), otherwise weight 1.
    /// - Throws: `KernelError.notFound` if `target` is not in the tree,
    ///   `KernelError.invalidArgument` if `new` already is, and
    ///   `KernelError.outOfRange` for a non-positive size.
    public mutating func split(_ target: WindowID, new: WindowID, direction: SplitDirection,
                               size: SizeSpec? = nil) throws {
        guard let t = leaves[target], let tNode = nodes[t] else {
            throw KernelError.notFound("window \(target) is not in the layout")
        }
        guard leaves[new] == nil else {
            throw KernelError.invalidArgument("window \(new) is already in the layout")
        }
        try size?.validate(context: "split")
        let axis = direction.axis
        let leaf: LayoutNodeID
        if let p = tNode.parent, case .container(let pAxis, var kids)? = nodes[p]?.content, pAxis == axis {
            var fallback = SizeSpec.defaultWeight
            if case .weight = tNode.size { fallback = tNode.size }
            leaf = addNode(parent: p, size: size ?? fallback, content: .leaf(new))
            let at = kids.firstIndex(of: t) ?? kids.count - 1
            kids.insert(leaf, at: direction.insertsBefore ? max(0, at) : at + 1)
            nodes[p]?.content = .container(axis, kids)
        } else {
            let wrapper = addNode(parent: tNode.parent, size: tNode.size, content: .container(axis, []))
            replaceChild(of: tNode.parent, old: t, new: wrapper)
            nodes[t]?.parent = wrapper
            nodes[t]?.size = .defaultWeight
            leaf = addNode(parent: wrapper, size: size ?? .defaultWeight, content: .leaf(new))
            nodes[wrapper]?.content = .container(axis, direction.insertsBefore ? [leaf, t] : [t, leaf])
        }
        leaves[new] = leaf
    }

    /// Removes `win` from the tree; a container left with one child is
    /// replaced by that child.
    ///
    /// - Throws: `KernelError.notFound` if `win` is not in the tree;
    ///   `KernelError.invalidState` if it is the last window.
    public mutating func remove(_ win: WindowID) throws {
        guard let id = leaves[win] else {
            throw KernelError.notFound("window \(win) is not in the layout")
        }
        guard leaves.count > 1 else {
            throw KernelError.invalidState("window \(win) is the last window in the layout and cannot be removed")
        }
        leaves[win] = nil
        detach(id)
    }

    /// Sets the size of `win` (or of the ancestor that holds it along `axis`).
    ///
    /// With `axis == nil` the size applies along the axis of `win`'s own
    /// container. With `.row` it applies to the width: the nearest node on the
    /// path from `win` up whose container is a row; `.col` likewise for height.
    ///
    /// - Throws: `KernelError.notFound` if `win` is not in the tree,
    ///   `KernelError.outOfRange` for a non-positive size, and
    ///   `KernelError.invalidArgument` if no container on that axis holds it.
    public mutating func resize(_ win: WindowID, size: SizeSpec, along axis: LayoutAxis? = nil) throws {
        guard var id = leaves[win] else {
            throw KernelError.notFound("window \(win) is not in the layout")
        }
        try size.validate(context: "resize")
        guard let axis else {
            nodes[id]?.size = size
            return
        }
        while let p = nodes[id]?.parent {
            if case .container(let a, _)? = nodes[p]?.content, a == axis {
                nodes[id]?.size = size
                return
            }
            id = p
        }
        let extent = axis == .row ? "width" : "height"
        throw KernelError.invalidArgument(
            "window \(win) spans the full \(extent) of the layout; there is no split to resize along that axis")
    }

    // MARK: - Arena helpers

    /// Adds a node and returns its id.
    mutating func addNode(parent: LayoutNodeID?, size: SizeSpec, content: LayoutNode.Content) -> LayoutNodeID {
        let id = LayoutNodeID(raw: nextID)
        nextID += 1
        nodes[id] = LayoutNode(parent: parent, size: size, content: content)
        return id
    }

    /// Makes `new` take `old`'s place among `parent`'s children (or as root).
    private mutating func replaceChild(of parent: LayoutNodeID?, old: LayoutNodeID, new: LayoutNodeID) {
        guard let parent else {
            root = new
            return
        }
        guard case .container(let axis, var kids)? = nodes[parent]?.content,
              let i = kids.firstIndex(of: old) else { return }
        kids[i] = new
        nodes[parent]?.content = .container(axis, kids)
    }

    /// Deletes node `id` and repairs its ancestors: an emptied container is
    /// deleted too; a container left with one child is replaced by it.
    private mutating func detach(_ id: LayoutNodeID) {
        let parent = nodes[id]?.parent
        nodes[id] = nil
        guard let p = parent, case .container(let axis, var kids)? = nodes[p]?.content else { return }
        kids.removeAll { $0 == id }
        nodes[p]?.content = .container(axis, kids)
        if kids.isEmpty {
            detach(p)
        } else if kids.count == 1 {
            collapse(p, into: kids[0])
        }
    }

    /// Replaces container `p` by its only child, which takes `p`'s size.
    private mutating func collapse(_ p: LayoutNodeID, into only: LayoutNodeID) {
        guard let pNode = nodes[p] else { return }
        nodes[only]?.parent = pNode.parent
        nodes[only]?.size = pNode.size
        replaceChild(of: pNode.parent, old: p, new: only)
        nodes[p] = nil
    }

    private func collectWindows(_ id: LayoutNodeID, into out: inout [WindowID]) {
        switch nodes[id]?.content {
        case .leaf(let w)?: out.append(w)
        case .container(_, let kids)?: for k in kids { collectWindows(k, into: &out) }
        case nil: break
        }
    }
}

/// The typed id of a node in a `LayoutTree` arena (not stable across trees).
struct LayoutNodeID: Hashable, Sendable {
    let raw: Int
}

/// One node of the layout arena.
struct LayoutNode: Hashable, Sendable {
    /// What a node holds.
    enum Content: Hashable, Sendable {
        /// A window.
        case leaf(WindowID)
        /// A container laying its children out along the axis, in order.
        case container(LayoutAxis, [LayoutNodeID])
    }

    /// The containing node (nil for the root).
    var parent: LayoutNodeID?
    /// This node's size along its parent's axis (ignored for the root).
    var size: SizeSpec
    /// Leaf or container.
    var content: Content
}
