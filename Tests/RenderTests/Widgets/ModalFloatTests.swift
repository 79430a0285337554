import Kernel
import Testing
@testable import Render

@Suite struct ModalFloatTests {
    /// An editor with one focused tiled window in mode "composer".
    func editor(_ size: Size = Size(width: 80, height: 24)) throws -> (Editor, Window) {
        let e = Editor(size: size)
        var spec = WindowSpec()
        spec.enter = true
        let w = try e.openWindow(buffer: try e.createBuffer(name: "main").id, spec)
        try e.setMode("composer")
        return (e, w)
    }

    @Test func opensFocusedInItsModeAndGivesBothBackOnClose() throws {
        let (e, main) = try editor()
        var pressed = 0
        let f = try ModalFloat(editor: e, name: "ask", mode: "ask", title: "Sure?", lines: ["Really?"],
                               keys: [.init(lhs: "y", desc: "yes") { pressed += 1 }])
        #expect(e.mode == "ask" && e.currentWindowID == f.window.id)
        #expect(f.buffer.lines == ["", " Really?", ""])
        #expect(try e.keymaps.get(mode: "ask", lhs: "y")?.options.nowait == true)
        try e.feedKeys("y")
        #expect(pressed == 1)
        f.close()
        #expect(e.mode == "composer" && e.currentWindowID == main.id)
        #expect(e.windows[f.window.id] == nil && e.buffers[f.buffer.id] == nil)
        #expect(try e.keymaps.get(mode: "ask", lhs: "y") == nil)
        #expect(e.events.list(event: "resize").isEmpty)
        f.close()   // twice: nothing
        #expect(e.mode == "composer")
    }

    @Test func footerIsInTheBorderAndWidensTheFloat() throws {
        let (e, _) = try editor()
        let f = try ModalFloat(editor: e, name: "ask", mode: "ask", title: "T", lines: ["ab"],
                               footer: "[y] yes  [n] no", minWidth: 1, padding: 1)
        #expect(f.window.footer == "[y] yes  [n] no" && f.window.footerPos == .center)
        #expect(f.buffer.lines == ["", " ab", ""], "the footer is not part of the text")
        #expect(f.window.floatConfig?.width == 17, "15 cells of footer + a space each side")
    }

    @Test func isCentredAndFitsItsText() throws {
        let (e, _) = try editor()
        let f = try ModalFloat(editor: e, name: "ask", mode: "ask", title: "T", lines: ["abcdef", "", "xy"],
                               minWidth: 4, padding: 1)
        // Framed: 5 rows; widest " abcdef" (7) + right margin 1 + padding 1.
        #expect(f.window.floatConfig?.width == 9)
        #expect(f.window.floatConfig?.height == 5)
        #expect(f.window.floatConfig?.row == (24 - 5) / 2 - 1)
        #expect(f.window.floatConfig?.col == (80 - 9 - 2) / 2)
        f.show(["a much longer line of text than before"])
        #expect(f.window.floatConfig?.width == 41 && f.window.floatConfig?.height == 3)
        #expect(f.window.view.topline == 0)
    }

    @Test func selectMarksOneRowAndKeepsItInView() throws {
        let (e, _) = try editor()
        let f = try ModalFloat(editor: e, name: "pick", mode: "pick", title: "T",
                               lines: (0..<40).map { "row \($0)" })
        let ns = e.namespaces.create(name: "pick")
        let inner = f.window.floatConfig?.height ?? 0
        #expect(inner == 20, "24 rows less the 2-cell margins")
        f.select(row: 30, ns: ns)
        #expect(f.buffer.extmarks.list(ns: ns).map(\.start.row) == [30])
        #expect(f.buffer.extmarks.list(ns: ns).first?.decoration.lineHl == "Visual")
        #expect(f.window.view.topline == 30 + 2 - inner, "the row below it is in view")
        f.select(row: 5, ns: ns)
        #expect(f.buffer.extmarks.list(ns: ns).map(\.start.row) == [5], "the old selection is cleared")
        #expect(f.window.view.topline == 4, "the row above it is in view")
        f.select(row: 8, ns: ns)
        #expect(f.window.view.topline == 4, "a row already in view does not scroll")
    }

    @Test func refitsOnEveryResizeUnlessMovedBySomeoneElse() throws {
        let (e, _) = try editor()
        let f = try ModalFloat(editor: e, name: "ask", mode: "ask", title: "T", lines: [String(repeating: "x", count: 60)])
        #expect(f.window.floatConfig?.width == 63, "margin + 60 + margin + padding")
        e.screenSize = Size(width: 40, height: 10)
        e.emit(.resize)
        #expect(f.window.floatConfig?.width == 36, "within 2 cells of each edge")
        #expect(f.window.floatConfig?.col == 1)
        e.screenSize = Size(width: 100, height: 30)
        e.emit(.resize)
        #expect(f.window.floatConfig?.width == 63 && f.window.floatConfig?.col == (100 - 63 - 2) / 2)
        var moved = try #require(f.window.floatConfig)
        moved.row = 0
        moved.col = 0
        try e.setPlacement(f.window.id, float: moved)
        e.screenSize = Size(width: 70, height: 20)
        e.emit(.resize)
        #expect(f.window.floatConfig == moved, "a float placed by Lua stays where it was put")
    }

    @Test func scrollsWithinItsBuffer() throws {
        let (e, _) = try editor()
        let f = try ModalFloat(editor: e, name: "ask", mode: "ask", title: "T", lines: (1...50).map { "\($0)" })
        f.scroll(10)
        #expect(f.window.view.topline == 10)
        f.scroll(-100)
        #expect(f.window.view.topline == 0)
        f.scroll(1000)
        #expect(f.window.view.topline == f.buffer.lineCount - 1)
    }
}
