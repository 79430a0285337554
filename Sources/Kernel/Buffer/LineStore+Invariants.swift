// Debug-only deep consistency check of LineStore.

extension LineStore {
    /// Every violated invariant of the tree, described (empty when all
    /// hold): equal leaf depth, node sizes within their bounds (the root
    /// excepted), counts that match the subtrees, no empty node but an empty
    /// root. Debug builds only; release builds return [] at once. O(n).
    public func checkInvariants() -> [String] {
        #if DEBUG
        var problems: [String] = []
        Self.check(root, isRoot: true, path: "root", &problems)
        return problems
        #else
        return []
        #endif
    }

    private static func check(_ node: LineNode, isRoot: Bool, path: String, _ problems: inout [String]) {
        let leaf = node.height == 0
        let (lo, hi) = leaf ? (leafMin, leafMax) : (innerMin, innerMax)
        if node.size > hi || (!isRoot && node.size < lo) || (isRoot && !leaf && node.size < 2) {
            problems.append("\(path): \(node.size) entries at height \(node.height)")
        }
        if leaf {
            if node.count != node.lines.count { problems.append("\(path): count \(node.count) for \(node.lines.count) lines") }
            if !node.children.isEmpty || !node.counts.isEmpty { problems.append("\(path): leaf with children") }
            return
        }
        if !node.lines.isEmpty { problems.append("\(path): internal node with lines") }
        if node.counts.count != node.children.count { problems.append("\(path): \(node.counts.count) counts for \(node.children.count) children") }
        var total = 0
        for (k, child) in node.children.enumerated() {
            if child.height != node.height - 1 { problems.append("\(path).\(k): height \(child.height) under \(node.height)") }
            if k < node.counts.count, node.counts[k] != child.count {
                problems.append("\(path).\(k): counted \(node.counts[k]), holds \(child.count)")
            }
            total += child.count
            check(child, isRoot: false, path: "\(path).\(k)", &problems)
        }
        if total != node.count { problems.append("\(path): count \(node.count), children hold \(total)") }
    }
}
