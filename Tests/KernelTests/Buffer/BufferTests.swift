import Testing
@testable import Kernel

@Suite struct BufferTests {
    func make(_ lines: [String]) throws -> Buffer {
        let b = Buffer(id: BufferID(1))
        try b.setLines(0, -1, lines)
        return b
    }

    @Test func newBufferHasOneEmptyLine() throws {
        let b = Buffer(id: BufferID(1))
        #expect(b.lineCount == 1)
        #expect(try b.getLines(0, -1) == [""])
    }

    @Test func negativeIndicesCountFromTheEnd() throws {
        let b = try make(["a", "b", "c"])
        #expect(try b.getLines(0, -1) == ["a", "b", "c"])
        #expect(try b.getLines(-2, -1) == ["c"])
        #expect(try b.getLines(-4, -3) == ["a"])
        #expect(try b.getLines(1, 1) == [])
        #expect(try b.getLines(3, 3) == [])
    }

    @Test func outOfRangeAndInvertedRangesAreErrors() throws {
        let b = try make(["a", "b"])
        #expect(throws: KernelError.self) { try b.getLines(0, 3) }
        #expect(throws: KernelError.self) { try b.getLines(-5, -1) }
        #expect(throws: KernelError.self) { try b.getLines(2, 1) }
        #expect(try b.getLines(0, 10, strict: false) == ["a", "b"])
    }

    @Test func setLinesInsertsReplacesDeletes() throws {
        let b = try make(["a", "b", "c"])
        try b.setLines(1, 1, ["x"])
        #expect(b.lines == ["a", "x", "b", "c"])
        try b.setLines(0, 2, ["y"])
        #expect(b.lines == ["y", "b", "c"])
        try b.setLines(-1, -1, ["z"])
        #expect(b.lines == ["y", "b", "c", "z"])
        try b.setLines(0, -1, [])
        #expect(b.lines == [""])
    }

    /// `line(_:)` answers from the leaf it read last; every edit must
    /// forget that leaf (inserts shift rows, deletes can free it).
    @Test func lineReadsSeeEveryEdit() throws {
        var shadow = (0..<300).map { "line \($0)" }
        let b = try make(shadow)
        func check() {
            for row in [0, 1, 63, 64, 65, 150, shadow.count - 1] where row < shadow.count {
                #expect(b.line(row) == shadow[row], "row \(row)")
            }
            #expect(b.line(shadow.count) == nil)
            #expect(b.line(-1) == nil)
        }
        check()
        try b.setLines(0, 0, ["top"])
        shadow.insert("top", at: 0)
        check()
        try b.setLines(10, 200, [])
        shadow.removeSubrange(10..<200)
        check()
        try b.setText(5, 0, 5, 0, ["x"])
        shadow[5] = "x" + shadow[5]
        check()
        try b.setLines(0, -1, ["only"])
        shadow = ["only"]
        check()
    }

    @Test func newlinesInLinesAreRejected() throws {
        let b = try make(["a"])
        #expect(throws: KernelError.self) { try b.setLines(0, 1, ["a\nb"]) }
        #expect(b.lines == ["a"])
    }

    @Test func changeEventsDescribeEveryEdit() throws {
        let b = try make(["a", "b", "c"])
        var seen: [BufferChange] = []
        b.onChange = { seen.append($0) }
        try b.setLines(1, 2, ["x", "y"])
        try b.setText(0, 0, 0, 1, ["q"])
        try b.append(["end"])
        #expect(seen.map { [$0.first, $0.lastOld, $0.lastNew] } == [[1, 2, 3], [0, 1, 1], [4, 4, 5]])
        #expect(seen.last?.tick == b.tick)
    }

    @Test func getAndSetTextUseByteColumns() throws {
        let b = try make(["héllo", "wörld"])
        #expect(try b.getText(0, 0, 0, 3) == ["hé"])
        #expect(try b.getText(0, 3, 1, 1) == ["llo", "w"])
        try b.setText(0, 1, 1, 1, ["EY", "X"])
        #expect(b.lines == ["hEY", "Xörld"])
        try b.setText(0, 3, 1, 0, [])
        #expect(b.lines == ["hEYXörld"])
        try b.setText(0, 0, 0, 0, ["a", "b", ""])
        #expect(b.lines == ["a", "b", "hEYXörld"])
    }

    @Test func columnsInsideACharacterOrPastTheLineAreErrors() throws {
        let b = try make(["é"])
        #expect(throws: KernelError.self) { try b.getText(0, 1, 0, 2) }
        #expect(throws: KernelError.self) { try b.getText(0, 0, 0, 3) }
        #expect(throws: KernelError.self) { try b.setText(0, 2, 0, 0, ["x"]) }
        #expect(throws: KernelError.self) { try b.getText(1, 0, 1, 0) }
    }

    @Test func unmodifiableBuffersRefuseEdits() throws {
        let b = try make(["a"])
        b.modifiable = false
        #expect(throws: KernelError.notModifiable(BufferID(1))) { try b.setLines(0, 1, ["b"]) }
        #expect(throws: KernelError.self) { try b.setText(0, 0, 0, 0, ["b"]) }
        #expect(b.lines == ["a"])
    }

    @Test func extmarksFollowLineEdits() throws {
        let b = try make(["a", "b", "c"])
        let ns = NamespaceID(1)
        let id = try b.extmarks.set(ns: ns, start: Position(row: 2, col: 0))
        try b.setLines(0, 0, ["new"])
        #expect(b.extmarks.get(ns: ns, id: id)?.start == Position(row: 3, col: 0))
        try b.setText(3, 0, 3, 0, ["xy"])
        #expect(b.extmarks.get(ns: ns, id: id)?.start == Position(row: 3, col: 2))
        try b.setText(2, 1, 3, 0, [])  // join lines 2 and 3
        #expect(b.extmarks.get(ns: ns, id: id)?.start == Position(row: 2, col: 3))
    }
}
