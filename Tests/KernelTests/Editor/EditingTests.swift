import Testing
@testable import Kernel

@Suite struct EditingTests {
    func make(_ lines: [String]) throws -> (Editor, Buffer, Window) {
        let e = Editor()
        let b = try e.createBuffer()
        try b.setLines(0, -1, lines)
        let w = try e.openWindow(buffer: b.id, WindowSpec())
        return (e, b, w)
    }

    @Test func insertMovesTheCursorAfterTheText() throws {
        let (e, b, w) = try make(["ab"])
        w.cursor = Position(row: 0, col: 1)
        try e.insertText("é", in: w)
        #expect(b.lines == ["aéb"])
        #expect(w.cursor == Position(row: 0, col: 3))
        try e.insertText("x\ny", in: w)
        #expect(b.lines == ["aéx", "yb"])
        #expect(w.cursor == Position(row: 1, col: 1))
    }

    @Test func backspaceDeletesWholeCharactersAndJoinsLines() throws {
        let (e, b, w) = try make(["a👩‍👩‍👧", "b"])
        w.cursor = Position(row: 0, col: b.line(0)!.utf8.count)
        try e.deleteBackward(in: w)
        #expect(b.lines == ["a", "b"])
        w.cursor = Position(row: 1, col: 0)
        try e.deleteBackward(in: w)
        #expect(b.lines == ["ab"])
        #expect(w.cursor == Position(row: 0, col: 1))
        w.cursor = Position(row: 0, col: 0)
        try e.deleteBackward(in: w)
        #expect(b.lines == ["ab"])
    }

    @Test func deleteForwardAndCursorMoves() throws {
        let (e, b, w) = try make(["中a", "b"])
        w.cursor = Position(row: 0, col: 0)
        try e.moveCursor(w, dx: 1)
        #expect(w.cursor == Position(row: 0, col: 3))
        try e.moveCursor(w, dx: 2)
        #expect(w.cursor == Position(row: 1, col: 0))
        try e.moveCursor(w, dx: -1)
        #expect(w.cursor == Position(row: 0, col: 4))
        try e.deleteForward(in: w)
        #expect(b.lines == ["中ab"])
        try e.moveCursor(w, dy: 5)
        #expect(w.cursor.row == 0)
    }

    @Test func setCursorValidatesAndSnapsToCharacters() throws {
        let (e, _, w) = try make(["中a"])
        try e.setCursor(w, row: 0, col: 1)
        #expect(w.cursor == Position(row: 0, col: 0))
        try e.setCursor(w, row: 0, col: 99)
        #expect(w.cursor == Position(row: 0, col: 4))
        #expect(throws: KernelError.self) { try e.setCursor(w, row: 3, col: 0) }
    }
}
