import Testing
@testable import Kernel

private func w(_ n: Int) -> WindowID { WindowID(n) }
private let known: Set<WindowID> = Set((1000...1009).map(WindowID.init))

/// +------+------+
/// |      | 1001 |
/// | 1000 +------+   1000 is 30 cells wide; 1002 has weight 2
/// |      | 1002 |
/// +------+------+
private func sample() throws -> LayoutTree {
    var tree = LayoutTree(root: w(1000))
    try tree.split(w(1000), new: w(1001), direction: .right)
    try tree.split(w(1001), new: w(1002), direction: .below, size: .weight(2))
    try tree.resize(w(1000), size: .cells(30))
    return tree
}

private func expectError(_ expected: KernelError, _ spec: LayoutSpec,
                         sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(throws: expected, sourceLocation: sourceLocation) {
        _ = try LayoutTree.validated(spec, known: known)
    }
}

private func expectValueError(_ message: String, _ value: Value,
                              sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(throws: KernelError.invalidArgument(message), sourceLocation: sourceLocation) {
        _ = try LayoutSpec(value: value)
    }
}

@Suite("LayoutSpec")
struct LayoutSpecTests {
    @Test func exportCarriesExplicitSizes() throws {
        #expect(try sample().toSpec() == .container(kind: .row, children: [
            .leaf(win: w(1000), size: 30),
            .container(kind: .col, children: [
                .leaf(win: w(1001), weight: 1), .leaf(win: w(1002), weight: 2),
            ], weight: 1),
        ], weight: 1))
    }

    @Test func exportImportRoundTrip() throws {
        let tree = try sample()
        let copy = try LayoutTree.validated(tree.toSpec(), known: known)
        #expect(copy == tree)
        #expect(copy.windows == tree.windows)
        let area = Rect(row: 0, col: 0, width: 90, height: 31)
        #expect(copy.compute(in: area) == tree.compute(in: area))
        try copy.checkInvariants()
    }

    @Test func valueShapeMatchesTheLuaAPI() throws {
        let value = try sample().toSpec().value
        let expected: Value = .table([
            "kind": "row", "weight": 1,
            "children": .array([
                .table(["win": 1000, "size": 30]),
                .table(["kind": "col", "weight": 1, "children": .array([
                    .table(["win": 1001, "weight": 1]),
                    .table(["win": 1002, "weight": 2]),
                ])]),
            ]),
        ])
        #expect(value == expected)
        #expect(try LayoutSpec(value: value) == sample().toSpec())
        #expect(LayoutSpec.leaf(win: w(1), weight: 0.5).value == .table(["win": 1, "weight": .double(0.5)]))
    }

    @Test func valueImportAcceptsLuaStyleNumbersAndOmissions() throws {
        let value: Value = .table(["kind": "col", "children": .array([
            .table(["win": .double(1000), "size": .double(4)]),
            .table(["win": 1001, "weight": .double(1.5)]),
            .table(["win": 1002, "size": .null]),
        ])])
        let spec = try LayoutSpec(value: value)
        #expect(spec == .container(kind: .col, children: [
            .leaf(win: w(1000), size: 4), .leaf(win: w(1001), weight: 1.5), .leaf(win: w(1002)),
        ]))
        let tree = try LayoutTree.validated(spec, known: known)
        #expect(tree.size(of: w(1002)) == .weight(1))
        #expect(try LayoutSpec(value: .table(["kind": "row", "children": .table([:])]))
            == .container(kind: .row, children: []))
    }

    @Test func valueImportErrorsNameThePath() {
        expectValueError("layout: expected a node table, got number", 3)
        // A list is a table to Lua: the message must not read "expected a table, got table".
        expectValueError("layout: expected a node table, got a list (a node is a table with 'win' or 'kind')",
                         .array([.table(["win": 1000])]))
        expectValueError("layout: a node needs 'win' (a window) or 'kind' (\"row\" or \"col\")", .table([:]))
        expectValueError("layout: a node has either 'win' (a window) or 'kind' (a container), not both",
                         .table(["win": 1000, "kind": "row"]))
        expectValueError("layout.kind: expected \"row\" or \"col\", got \"column\"",
                         .table(["kind": "column", "children": .array([])]))
        expectValueError("layout.children: missing (a container needs a list of children)",
                         .table(["kind": "row"]))
        expectValueError("layout.children: expected a list, got string",
                         .table(["kind": "row", "children": "x"]))
        expectValueError("layout.children[2].win: expected a window id, got string",
                         .table(["kind": "row", "children": .array([.table(["win": 1000]), .table(["win": "a"])])]))
        expectValueError("layout.children[1]: unknown key 'wieght' (expected size, weight, win)",
                         .table(["kind": "row", "children": .array([.table(["win": 1000, "wieght": 2])])]))
        expectValueError("layout: unknown key 'name' (expected children, kind, size, weight)",
                         .table(["kind": "row", "name": "x", "children": .array([])]))
        expectValueError("layout.size: expected an integer, got 1.5", .table(["win": 1000, "size": .double(1.5)]))
        expectValueError("layout.weight: expected a number, got \"big\"", .table(["win": 1000, "weight": "big"]))
        // NaN is not a number a spec can hold: read back, it would not equal
        // itself (found by FuzzLuaValues).
        expectValueError("layout.weight: expected a number, got nan", .table(["win": 1000, "weight": .double(.nan)]))
    }

    @Test func validationErrors() {
        let a = LayoutSpec.leaf(win: w(1000))
        expectError(.notFound("layout.children[2].win: window 42 does not exist"),
                    .container(kind: .row, children: [a, .leaf(win: w(42))]))
        expectError(.invalidArgument("layout.children[2].children[1].win: window 1000 appears more than once in the layout"),
                    .container(kind: .row, children: [a, .container(kind: .col, children: [a, .leaf(win: w(1001))])]))
        expectError(.invalidArgument("layout.children[2]: container has no children (remove it or add windows)"),
                    .container(kind: .row, children: [a, .container(kind: .col, children: [])]))
        expectError(.invalidArgument("layout: the tree names no windows (it needs at least one)"),
                    .container(kind: .row, children: []))
        expectError(.invalidArgument("layout: the tree names no windows (it needs at least one)"),
                    .container(kind: .row, children: [.container(kind: .col, children: [])]))
        expectError(.outOfRange("layout.children[1]: size must be a positive number of cells, got 0"),
                    .container(kind: .row, children: [.leaf(win: w(1000), size: 0), .leaf(win: w(1001))]))
        expectError(.outOfRange("layout: size must be a positive number of cells, got -3"),
                    .leaf(win: w(1000), size: -3))
        expectError(.outOfRange("layout.children[2]: weight must be a positive finite number, got 0.0"),
                    .container(kind: .row, children: [a, .leaf(win: w(1001), weight: 0)]))
        expectError(.outOfRange("layout.children[2]: weight must be a positive finite number, got -1.0"),
                    .container(kind: .row, children: [a, .leaf(win: w(1001), weight: -1)]))
        expectError(.outOfRange("layout: weight must be a positive finite number, got nan"),
                    .leaf(win: w(1000), weight: .nan))
        expectError(.outOfRange("layout.children[1]: weight must be a positive finite number, got inf"),
                    .container(kind: .col, children: [.leaf(win: w(1000), weight: .infinity), .leaf(win: w(1001))]))
    }

    @Test func deepNestingIsRejected() {
        var spec = LayoutSpec.leaf(win: w(1000))
        for _ in 0...LayoutTree.maxDepth {
            spec = .container(kind: .row, children: [spec, .leaf(win: w(1001))])
        }
        let error = #expect(throws: KernelError.self) { _ = try LayoutTree.validated(spec, known: known) }
        #expect(error?.description.hasSuffix("containers are nested more than \(LayoutTree.maxDepth) deep") == true)
    }

    @Test func failedImportLeavesTheOldTree() throws {
        var tree = try sample()
        let before = tree
        do {
            tree = try LayoutTree.validated(.container(kind: .row, children: [.leaf(win: w(1000)), .leaf(win: w(77))]),
                                            known: known)
        } catch {}
        #expect(tree == before)
    }

    @Test func singleChildContainersAreCollapsedOnImport() throws {
        // +------+----------------+
        // | 1000 | col[row[1001]] |  the wrappers vanish; 1001 keeps the outer 5-cell size
        // +------+----------------+
        let spec = LayoutSpec.container(kind: .row, children: [
            .leaf(win: w(1000)),
            .container(kind: .col, children: [
                .container(kind: .row, children: [.leaf(win: w(1001), weight: 9)]),
            ], size: 5),
        ])
        let tree = try LayoutTree.validated(spec, known: known)
        #expect(tree.description == "row[1000 w1, 1001 5c] w1")
        try tree.checkInvariants()
        let lone = try LayoutTree.validated(.container(kind: .col, children: [.leaf(win: w(1003))]), known: known)
        #expect(lone == LayoutTree(root: w(1003)))
        try lone.checkInvariants()
    }

    @Test func sizeWinsOverWeight() throws {
        let spec = LayoutSpec.container(kind: .row, children: [.leaf(win: w(1000), size: 4, weight: 7), .leaf(win: w(1001))])
        let tree = try LayoutTree.validated(spec, known: known)
        #expect(tree.size(of: w(1000)) == .cells(4))
        #expect(spec.sizeSpec == .weight(1))
        #expect(spec.windows == [w(1000), w(1001)])
    }

    @Test func fixedSizesMustFitWhenAnAreaIsGiven() throws {
        // +--30--+------+
        // |      | 1001 |
        // | 1000 +------+   needs 30 columns (plus 0 for the weighted column)
        // |      | 1002 |   and 2 + 3 rows
        // +------+------+
        let spec = LayoutSpec.container(kind: .row, children: [
            .leaf(win: w(1000), size: 30),
            .container(kind: .col, children: [.leaf(win: w(1001), size: 2), .leaf(win: w(1002), size: 3)]),
        ])
        #expect(spec.minimumSize == Size(width: 30, height: 5))
        _ = try LayoutTree.validated(spec, known: known, fitting: Size(width: 30, height: 5))
        #expect(throws: KernelError.outOfRange("layout: the fixed sizes need at least 30x5 cells but the screen is 29x40")) {
            _ = try LayoutTree.validated(spec, known: known, fitting: Size(width: 29, height: 40))
        }
        #expect(throws: KernelError.self) {
            _ = try LayoutTree.validated(spec, known: known, fitting: Size(width: 80, height: 4))
        }
        #expect(LayoutSpec.leaf(win: w(1), size: 99).minimumSize == Size(width: 0, height: 0))
    }
}
