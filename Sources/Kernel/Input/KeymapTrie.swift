/// A trie of mappings for one (mode, buffer scope): each edge is a ``Key``,
/// and a node holds the mapping whose left-hand side ends there.
///
/// Invariants (see ``checkInvariants()``): every non-root node has a mapping
/// or at least one child (deleting prunes empty branches); a mapping's keys
/// equal the path from the root to its node; ``count`` equals the number of
/// mappings; every edge is a key in canonical form.
final class KeymapTrie {
    /// A node: the mapping ending here, and the continuations.
    final class Node {
        var entry: KeymapEntry?
        var children: [Key: Node] = [:]

        /// Whether some longer mapping continues from this node.
        var hasChildren: Bool { !children.isEmpty }
    }

    /// The root (the empty key sequence; never holds a mapping).
    let root = Node()
    /// The number of mappings stored.
    private(set) var count = 0

    /// Whether the trie holds no mappings.
    var isEmpty: Bool { count == 0 }

    /// Stores `entry` at `keys`, replacing any mapping already there.
    /// `keys` must not be empty (the caller checks).
    func insert(_ keys: [Key], _ entry: KeymapEntry) {
        var node = root
        for k in keys {
            if let next = node.children[k] {
                node = next
            } else {
                let next = Node()
                node.children[k] = next
                node = next
            }
        }
        if node.entry == nil { count += 1 }
        node.entry = entry
    }

    /// Removes the mapping at `keys`, pruning branches left empty. Returns
    /// false when there was none.
    @discardableResult
    func remove(_ keys: [Key]) -> Bool {
        var path: [Node] = [root]
        for k in keys {
            guard let next = path[path.count - 1].children[k] else { return false }
            path.append(next)
        }
        guard keys.count > 0, path[path.count - 1].entry != nil else { return false }
        path[path.count - 1].entry = nil
        count -= 1
        // Prune: walk back up while the node is empty.
        var depth = keys.count
        while depth > 0, path[depth].entry == nil, !path[depth].hasChildren {
            path[depth - 1].children[keys[depth - 1]] = nil
            depth -= 1
        }
        return true
    }

    /// The node reached by `keys`, or nil when no mapping starts with them.
    func node(_ keys: ArraySlice<Key>) -> Node? {
        var node = root
        for k in keys {
            guard let next = node.children[k] else { return nil }
            node = next
        }
        return node
    }

    /// Every mapping, in lexicographic key order.
    func entries() -> [KeymapEntry] {
        var out: [KeymapEntry] = []
        collect(root, into: &out)
        return out
    }

    private func collect(_ node: Node, into out: inout [KeymapEntry]) {
        if let e = node.entry { out.append(e) }
        for k in node.children.keys.sorted(by: { $0.token < $1.token }) {
            if let child = node.children[k] { collect(child, into: &out) }
        }
    }

    /// Checks the invariants; returns one message per violation (empty when sound).
    func checkInvariants() -> [String] {
        var problems: [String] = []
        if root.entry != nil { problems.append("root holds a mapping") }
        var seen = 0
        check(root, path: [], seen: &seen, problems: &problems)
        if seen != count { problems.append("count \(count) but \(seen) mappings stored") }
        return problems
    }

    private func check(_ node: Node, path: [Key], seen: inout Int, problems: inout [String]) {
        if let e = node.entry {
            seen += 1
            if e.keys != path {
                problems.append("mapping \(e.keys.map(\.token)) stored at \(path.map(\.token))")
            }
        } else if !path.isEmpty && !node.hasChildren {
            problems.append("empty node left at \(path.map(\.token))")
        }
        for (k, child) in node.children {
            if (try? Key(token: k.token)) != k {
                problems.append("edge '\(k)' under \(path.map(\.token)) is not a canonical key")
            }
            check(child, path: path + [k], seen: &seen, problems: &problems)
        }
    }
}
