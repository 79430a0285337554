import Testing
@testable import Kernel

private func w(_ n: Int) -> WindowID { WindowID(n) }
private func rect(_ row: Int, _ col: Int, _ width: Int, _ height: Int) -> Rect {
    Rect(row: row, col: col, width: width, height: height)
}

/// Checks that `rects` holds exactly `tree`'s windows and tiles `area`.
private func expectTiles(_ tree: LayoutTree, _ area: Rect, _ rects: [WindowID: Rect],
                         sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(Set(rects.keys) == Set(tree.windows), sourceLocation: sourceLocation)
    let total = rects.values.reduce(0) { $0 + $1.width * $1.height }
    #expect(total == area.width * area.height, "cells covered", sourceLocation: sourceLocation)
    let list = Array(rects.values)
    for i in list.indices {
        let r = list[i]
        #expect(r.width >= 0 && r.height >= 0, sourceLocation: sourceLocation)
        if !r.isEmpty { #expect(area.intersection(r) == r, "\(r) inside \(area)", sourceLocation: sourceLocation) }
        for j in list.indices where j > i {
            #expect(r.intersection(list[j]).isEmpty, "\(r) overlaps \(list[j])", sourceLocation: sourceLocation)
        }
    }
}

@Suite("LayoutTree")
struct LayoutTreeTests {
    @Test func singleWindowFillsTheArea() throws {
        let tree = LayoutTree(root: w(1000))
        #expect(tree.windows == [w(1000)])
        #expect(tree.compute(in: rect(1, 2, 80, 24)) == [w(1000): rect(1, 2, 80, 24)])
        try tree.checkInvariants()
    }

    @Test func sameAxisSplitsAppendInOneContainer() throws {
        // +----------+----------+-----------+
        // |   1000   |   1001   |   1002    |   31 wide: 10 + 10 + 11
        // +----------+----------+-----------+
        var tree = LayoutTree(root: w(1000))
        try tree.split(w(1000), new: w(1001), direction: .right)
        try tree.split(w(1001), new: w(1002), direction: .right)
        #expect(tree.windows == [w(1000), w(1001), w(1002)])
        #expect(tree.toSpec() == .container(kind: .row, children: [
            .leaf(win: w(1000), weight: 1), .leaf(win: w(1001), weight: 1), .leaf(win: w(1002), weight: 1),
        ], weight: 1))
        #expect(tree.compute(in: rect(0, 0, 31, 4)) == [
            w(1000): rect(0, 0, 10, 4), w(1001): rect(0, 10, 10, 4), w(1002): rect(0, 20, 11, 4),
        ])
        try tree.checkInvariants()
    }

    @Test func crossAxisSplitWrapsTheTarget() throws {
        // +------+------+
        // |      | 1001 |
        // | 1000 +------+
        // |      | 1002 |
        // +------+------+
        var tree = LayoutTree(root: w(1000))
        try tree.split(w(1000), new: w(1001), direction: .right)
        try tree.split(w(1001), new: w(1002), direction: .below)
        #expect(tree.description == "row[1000 w1, col[1001 w1, 1002 w1] w1] w1")
        #expect(tree.compute(in: rect(0, 0, 40, 10)) == [
            w(1000): rect(0, 0, 20, 10), w(1001): rect(0, 20, 20, 5), w(1002): rect(5, 20, 20, 5),
        ])
        try tree.checkInvariants()
    }

    @Test func leftAndAboveInsertBeforeTheTarget() throws {
        // +------+------+
        // |      | 1002 |
        // | 1001 +------+
        // |      | 1000 |
        // +------+------+
        var tree = LayoutTree(root: w(1000))
        try tree.split(w(1000), new: w(1001), direction: .left)
        try tree.split(w(1000), new: w(1002), direction: .above)
        #expect(tree.windows == [w(1001), w(1002), w(1000)])
        #expect(tree.compute(in: rect(0, 0, 10, 6)) == [
            w(1001): rect(0, 0, 5, 6), w(1002): rect(0, 5, 5, 3), w(1000): rect(3, 5, 5, 3),
        ])
        try tree.checkInvariants()
    }

    @Test func sameAxisSplitOfANestedWindowStaysInItsContainer() throws {
        // +------+------+
        // |      | 1001 |
        // | 1000 +------+
        // |      | 1003 |
        // |      +------+
        // |      | 1002 |
        // +------+------+
        var tree = LayoutTree(root: w(1000))
        try tree.split(w(1000), new: w(1001), direction: .right)
        try tree.split(w(1001), new: w(1002), direction: .below)
        try tree.split(w(1002), new: w(1003), direction: .above)
        #expect(tree.description == "row[1000 w1, col[1001 w1, 1003 w1, 1002 w1] w1] w1")
        #expect(tree.compute(in: rect(0, 0, 20, 9))[w(1003)] == rect(3, 10, 10, 3))
    }

    @Test func fixedCellsFirstThenWeightsShareTheRest() throws {
        // +--10--+---10---+-----30------+
        // | 1000 |  1001  |    1002     |   1000 fixed, 1001:1002 = 1:3
        // +------+--------+-------------+
        var tree = LayoutTree(root: w(1000))
        try tree.split(w(1000), new: w(1001), direction: .right)
        try tree.split(w(1001), new: w(1002), direction: .right, size: .weight(3))
        try tree.resize(w(1000), size: .cells(10))
        #expect(tree.compute(in: rect(0, 0, 50, 2)) == [
            w(1000): rect(0, 0, 10, 2), w(1001): rect(0, 10, 10, 2), w(1002): rect(0, 20, 30, 2),
        ])
    }

    @Test func defaultSplitSizeKeepsEqualWindowsEqual() throws {
        var tree = LayoutTree(root: w(1000))
        try tree.split(w(1000), new: w(1001), direction: .below)
        try tree.resize(w(1001), size: .weight(2))
        try tree.split(w(1001), new: w(1002), direction: .below)
        #expect(tree.size(of: w(1002)) == .weight(2))
        try tree.resize(w(1000), size: .cells(3))
        try tree.split(w(1000), new: w(1003), direction: .below)
        #expect(tree.size(of: w(1003)) == .weight(1))
        #expect(tree.size(of: w(999)) == nil)
    }

    @Test func fixedSizesThatDoNotFitAreShrunkInOrder() {
        #expect(LayoutTree.distribute(40, among: [.cells(30), .cells(30), .weight(1)]) == [30, 10, 0])
        #expect(LayoutTree.distribute(20, among: [.cells(5), .cells(5)]) == [5, 15])
        #expect(LayoutTree.distribute(10, among: [.weight(1), .weight(1), .weight(1)]) == [3, 3, 4])
        #expect(LayoutTree.distribute(13, among: Array(repeating: .weight(1), count: 7)) == [1, 2, 2, 2, 2, 2, 2])
        #expect(LayoutTree.distribute(0, among: [.cells(3), .weight(1)]) == [0, 0])
        #expect(LayoutTree.distribute(-5, among: [.weight(1), .weight(2)]) == [0, 0])
        #expect(LayoutTree.distribute(9, among: []) == [])
        #expect(LayoutTree.distribute(10, among: [.weight(1e300), .weight(1e300)]) == [5, 5])
        #expect(LayoutTree.distribute(10, among: [.weight(.nan), .weight(-1)]) == [5, 5])
        #expect(LayoutTree.distribute(Int.max, among: [.weight(1), .weight(1)]).count == 2)
    }

    @Test func removeCollapsesSingleChildContainers() throws {
        // before:              after removing 1002:    after removing 1000:
        // +------+------+      +------+------+         +-------------+
        // |      | 1001 |      |      |      |         |             |
        // | 1000 +------+      | 1000 | 1001 |         |    1001     |
        // |      | 1002 |      |      |      |         |             |
        // +------+------+      +------+------+         +-------------+
        var tree = LayoutTree(root: w(1000))
        try tree.split(w(1000), new: w(1001), direction: .right)
        try tree.split(w(1001), new: w(1002), direction: .below, size: .cells(2))
        try tree.resize(w(1001), size: .cells(7), along: .row)
        try tree.remove(w(1002))
        #expect(tree.description == "row[1000 w1, 1001 7c] w1")
        try tree.checkInvariants()
        try tree.remove(w(1000))
        #expect(tree.windows == [w(1001)])
        #expect(tree.compute(in: rect(0, 0, 12, 5)) == [w(1001): rect(0, 0, 12, 5)])
        try tree.checkInvariants()
        #expect(tree.nodes.count == 1)
    }

    @Test func removeCanPromoteAContainerToRoot() throws {
        var tree = LayoutTree(root: w(1000))
        try tree.split(w(1000), new: w(1001), direction: .below)
        try tree.split(w(1001), new: w(1002), direction: .right)
        try tree.remove(w(1000))
        #expect(tree.description == "row[1001 w1, 1002 w1] w1")
        try tree.checkInvariants()
    }

    @Test func editingErrors() throws {
        var tree = LayoutTree(root: w(1000))
        #expect(throws: KernelError.invalidState(
            "window 1000 is the last window in the layout and cannot be removed")) { try tree.remove(w(1000)) }
        #expect(throws: KernelError.notFound("window 7 is not in the layout")) { try tree.remove(w(7)) }
        #expect(throws: KernelError.notFound("window 7 is not in the layout")) {
            try tree.split(w(7), new: w(8), direction: .left)
        }
        #expect(throws: KernelError.invalidArgument("window 1000 is already in the layout")) {
            try tree.split(w(1000), new: w(1000), direction: .left)
        }
        #expect(throws: KernelError.outOfRange("split: size must be a positive number of cells, got 0")) {
            try tree.split(w(1000), new: w(1001), direction: .left, size: .cells(0))
        }
        #expect(throws: KernelError.outOfRange("resize: weight must be a positive finite number, got -1.0")) {
            try tree.resize(w(1000), size: .weight(-1))
        }
        #expect(throws: KernelError.invalidArgument(
            "window 1000 spans the full height of the layout; there is no split to resize along that axis")) {
            try tree.resize(w(1000), size: .cells(3), along: .col)
        }
        #expect(tree == LayoutTree(root: w(1000)), "failed edits leave the tree unchanged")
    }

    @Test func resizeAlongAnAxisTargetsTheRightAncestor() throws {
        // +--8---+------+
        // |      | 1001 |   resizing 1001's width sets the col container's size
        // | 1000 +------+   resizing 1001's height sets 1001's own size
        // |      | 1002 |
        // +------+------+
        var tree = LayoutTree(root: w(1000))
        try tree.split(w(1000), new: w(1001), direction: .right)
        try tree.split(w(1001), new: w(1002), direction: .below)
        try tree.resize(w(1001), size: .cells(8), along: .row)
        try tree.resize(w(1001), size: .cells(2), along: .col)
        #expect(tree.description == "row[1000 w1, col[1001 2c, 1002 w1] 8c] w1")
        #expect(tree.compute(in: rect(0, 0, 20, 6)) == [
            w(1000): rect(0, 0, 12, 6), w(1001): rect(0, 12, 8, 2), w(1002): rect(2, 12, 8, 4),
        ])
    }

    @Test(arguments: [rect(0, 0, 0, 0), rect(0, 0, 1, 1), rect(5, 5, 3, 2), rect(0, 0, 1, 40), rect(0, 0, 0, 9)])
    func tinyAreasNeverCrash(area: Rect) throws {
        var tree = LayoutTree(root: w(1000))
        let directions = SplitDirection.allCases
        for i in 1...15 {
            let target = tree.windows[(i * 7) % tree.count]
            let size: SizeSpec? = i % 3 == 0 ? .cells(i) : (i % 3 == 1 ? .weight(Double(i)) : nil)
            try tree.split(target, new: w(1000 + i), direction: directions[i % 4], size: size)
        }
        let rects = tree.compute(in: area)
        expectTiles(tree, area, rects)
        try tree.checkInvariants()
    }

    @Test func checkInvariantsDetectsCorruption() throws {
        var tree = LayoutTree(root: w(1000))
        try tree.split(w(1000), new: w(1001), direction: .right)
        var broken = tree
        if let leaf = broken.leaves[w(1001)] { broken.nodes[leaf]?.parent = nil }
        #expect(throws: KernelError.self) { try broken.checkInvariants() }
        broken = tree
        if let leaf = broken.leaves[w(1001)] { broken.nodes[leaf] = nil }
        #expect(broken.invariantViolations().contains("node 2 is referenced but missing"))
        broken = tree
        broken.nodes[broken.root]?.content = .container(.row, [broken.leaves[w(1000)] ?? broken.root])
        #expect(broken.invariantViolations().contains { $0.contains("has 1 children") })
        #expect(broken.invariantViolations().contains { $0.contains("unreachable") })
    }
}
