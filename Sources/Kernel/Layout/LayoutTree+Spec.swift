// MARK: - Export and import as plain data

extension LayoutTree {
    /// Containers nested deeper than this are rejected by `validated`.
    public static let maxDepth = 200

    /// The whole tree as plain data. Every node carries an explicit `size`
    /// (fixed cells) or `weight`, so `validated(toSpec())` rebuilds an equal tree.
    public func toSpec() -> LayoutSpec {
        spec(of: root, depth: 0)
    }

    private func spec(of id: LayoutNodeID, depth: Int) -> LayoutSpec {
        guard let node = nodes[id], depth <= nodes.count else {
            return .container(kind: .row, children: [])
        }
        var size: Int?, weight: Double?
        switch node.size {
        case .cells(let n): size = n
        case .weight(let w): weight = w
        }
        switch node.content {
        case .leaf(let win):
            return .leaf(win: win, size: size, weight: weight)
        case .container(let axis, let kids):
            return .container(kind: axis, children: kids.map { spec(of: $0, depth: depth + 1) },
                              size: size, weight: weight)
        }
    }

    /// Builds a new tree from `spec` after checking it; the caller's current
    /// tree is not touched, so on error the old layout simply stays.
    ///
    /// Normalisation: a container with a single child is replaced by that
    /// child, which takes the container's size (so `toSpec()` of the result
    /// may differ from `spec` in that way only).
    ///
    /// - Parameters:
    ///   - known: the windows that exist and may be tiled.
    ///   - area: when given, the fixed sizes must fit in it (see
    ///     `LayoutSpec.minimumSize`); when nil, sizes that do not fit are
    ///     shrunk at compute time.
    /// - Throws: a `KernelError` whose message names the node's path
    ///   (`layout.children[2].win`): `.invalidArgument` when the spec names no
    ///   window, a window appears twice, a container has no children or the
    ///   nesting is deeper than `maxDepth`; `.notFound` for a window not in
    ///   `known`; `.outOfRange` for a size or weight that is not positive, or
    ///   fixed sizes that do not fit in `area`.
    public static func validated(_ spec: LayoutSpec, known: Set<WindowID>, fitting area: Size? = nil) throws -> LayoutTree {
        let windows = spec.windows
        guard let first = windows.first else {
            throw KernelError.invalidArgument("layout: the tree names no windows (it needs at least one)")
        }
        var seen: Set<WindowID> = []
        try check(spec, path: "layout", depth: 0, known: known, seen: &seen)
        if let area {
            let need = spec.minimumSize
            if need.width > area.width || need.height > area.height {
                throw KernelError.outOfRange(
                    "layout: the fixed sizes need at least \(need) cells but the screen is \(area)")
            }
        }
        var tree = LayoutTree(root: first)
        tree.nodes = [:]
        tree.leaves = [:]
        tree.root = tree.build(spec, parent: nil, size: spec.sizeSpec)
        return tree
    }

    private static func check(_ spec: LayoutSpec, path: String, depth: Int, known: Set<WindowID>,
                              seen: inout Set<WindowID>) throws {
        guard depth <= maxDepth else {
            throw KernelError.invalidArgument("\(path): containers are nested more than \(maxDepth) deep")
        }
        if let size = spec.size { try SizeSpec.cells(size).validate(context: path) }
        if let weight = spec.weight { try SizeSpec.weight(weight).validate(context: path) }
        switch spec {
        case .leaf(let win, _, _):
            guard known.contains(win) else {
                throw KernelError.notFound("\(path).win: window \(win) does not exist")
            }
            guard seen.insert(win).inserted else {
                throw KernelError.invalidArgument("\(path).win: window \(win) appears more than once in the layout")
            }
        case .container(_, let children, _, _):
            guard !children.isEmpty else {
                throw KernelError.invalidArgument("\(path): container has no children (remove it or add windows)")
            }
            for (i, child) in children.enumerated() {
                try check(child, path: "\(path).children[\(i + 1)]", depth: depth + 1, known: known, seen: &seen)
            }
        }
    }

    /// Adds the nodes of a checked spec under `parent`, returning the node id.
    private mutating func build(_ spec: LayoutSpec, parent: LayoutNodeID?, size: SizeSpec) -> LayoutNodeID {
        switch spec {
        case .leaf(let win, _, _):
            let id = addNode(parent: parent, size: size, content: .leaf(win))
            leaves[win] = id
            return id
        case .container(_, let children, _, _) where children.count == 1:
            return build(children[0], parent: parent, size: size)
        case .container(let kind, let children, _, _):
            let id = addNode(parent: parent, size: size, content: .container(kind, []))
            let kids = children.map { build($0, parent: id, size: $0.sizeSpec) }
            nodes[id]?.content = .container(kind, kids)
            return id
        }
    }
}

// MARK: - Equatable, CustomStringConvertible

extension LayoutTree: Equatable, CustomStringConvertible {
    /// Two trees are equal when they describe the same layout.
    public static func == (a: LayoutTree, b: LayoutTree) -> Bool {
        a.toSpec() == b.toSpec()
    }

    /// The compact form of `toSpec()`, e.g. `row[1000 w1, col[1001 w1, 1002 10c] w1] w1`.
    public var description: String { toSpec().description }
}
