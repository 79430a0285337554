// MARK: - Invariant check (for tests and debugging)

extension LayoutTree {
    /// Checks the arena's shape; meant for tests and debug builds.
    ///
    /// Holds when: the root has no parent; every child's parent link points
    /// to the container listing it; every container has at least two children
    /// (a lone window is a leaf root, never a container with one child); every
    /// node is reachable from the root exactly once; every window appears once
    /// and `leaves` maps it to its leaf; weights and sizes are positive.
    ///
    /// - Throws: `KernelError.invalidState` listing every violation found.
    public func checkInvariants() throws {
        let problems = invariantViolations()
        if !problems.isEmpty {
            throw KernelError.invalidState("layout invariants violated: " + problems.joined(separator: "; "))
        }
    }

    /// Every violated invariant, described (empty when the tree is sound).
    func invariantViolations() -> [String] {
        var problems: [String] = []
        var visited: Set<LayoutNodeID> = []
        var windows: [WindowID: Int] = [:]
        if nodes[root]?.parent != nil { problems.append("root node \(root.raw) has a parent") }
        var stack: [LayoutNodeID] = [root]
        while let id = stack.popLast() {
            guard visited.insert(id).inserted else {
                problems.append("node \(id.raw) is reachable twice")
                continue
            }
            guard let node = nodes[id] else {
                problems.append("node \(id.raw) is referenced but missing")
                continue
            }
            do { try node.size.validate(context: "node \(id.raw)") } catch { problems.append("\(error)") }
            switch node.content {
            case .leaf(let w):
                windows[w, default: 0] += 1
                if leaves[w] != id { problems.append("window \(w) maps to the wrong leaf") }
            case .container(_, let kids):
                if kids.count < 2 { problems.append("container \(id.raw) has \(kids.count) children") }
                for k in kids {
                    if nodes[k]?.parent != id { problems.append("node \(k.raw) has a wrong parent link") }
                    stack.append(k)
                }
            }
        }
        if visited.count != nodes.count {
            problems.append("\(nodes.count - visited.count) node(s) are unreachable from the root")
        }
        for (w, n) in windows where n > 1 { problems.append("window \(w) appears \(n) times") }
        if windows.count != leaves.count { problems.append("leaf map has \(leaves.count) windows, tree has \(windows.count)") }
        return problems
    }
}
