/// A node of `LineStore`'s tree: a leaf holding lines (height 0) or an
/// internal node holding children of equal height with their line counts.
/// Nodes are shared between copies of a store and copied before a write
/// when shared (`LineStore.unique`).
///
/// The stored properties skip Swift's run-time exclusivity checks (about
/// 90 instructions per property access, most of a line lookup's cost):
/// nodes are only touched through `LineStore`, whose methods never
/// overlap a read and a write of one node.
final class LineNode {
    /// The lines of a leaf (empty for internal nodes).
    @exclusivity(unchecked) var lines: [String]
    /// The children of an internal node (empty for leaves).
    @exclusivity(unchecked) var children: [LineNode]
    /// `counts[k] == children[k].count`, kept next to the references so a
    /// descent reads one small array.
    @exclusivity(unchecked) var counts: [Int]
    /// Lines in this subtree.
    @exclusivity(unchecked) var count: Int
    /// 0 for a leaf, 1 + the children's height otherwise.
    let height: Int

    /// A leaf.
    init(lines: [String]) {
        self.lines = lines
        self.children = []
        self.counts = []
        self.count = lines.count
        self.height = 0
    }

    /// An internal node over `children` (non-empty, all of one height).
    init(children: [LineNode]) {
        self.lines = []
        self.children = children
        self.counts = children.map(\.count)
        self.count = counts.reduce(0, +)
        self.height = children[0].height + 1
    }

    private init(copying n: LineNode) {
        lines = n.lines
        children = n.children
        counts = n.counts
        count = n.count
        height = n.height
    }

    /// A shallow copy (arrays shared until written).
    func copy() -> LineNode { LineNode(copying: self) }

    /// Lines of a leaf or children of an internal node.
    var size: Int { height == 0 ? lines.count : children.count }
}
