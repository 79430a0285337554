import Testing
@testable import Kernel

private func rect(_ row: Int, _ col: Int, _ width: Int, _ height: Int) -> Rect {
    Rect(row: row, col: col, width: width, height: height)
}
private let editor = rect(0, 0, 80, 24)

@Suite("Float config and layout")
struct FloatLayoutTests {
    @Test func borderCharacters() throws {
        #expect(BorderStyle.single.chars.map(\.char).joined() == "┌─┐│┘─└│")
        #expect(BorderStyle.double.chars.map(\.char).joined() == "╔═╗║╝═╚║")
        #expect(BorderStyle.rounded.chars.map(\.char).joined() == "╭─╮│╯─╰│")
        #expect(BorderStyle.solid.chars.map(\.char) == Array(repeating: " ", count: 8))
        #expect(BorderStyle.none.chars.isEmpty)
        #expect(BorderStyle.none.thickness == 0)
        #expect(BorderStyle.rounded.thickness == 1)
        #expect(BorderStyle.custom([]).thickness == 0)
        #expect(BorderStyle.custom(Array(repeating: BorderChar(char: ""), count: 8)).thickness == 0)
        let plus = BorderChar(char: "+", hl: "FloatBorder"), dash = BorderChar(char: "-")
        #expect(try BorderStyle.make([plus, dash]).chars == [plus, dash, plus, dash, plus, dash, plus, dash])
        #expect(try BorderStyle.make([plus]).chars == Array(repeating: plus, count: 8))
        #expect(BorderStyle.custom([plus, dash, plus]).chars.count == 8)
        #expect(throws: KernelError.invalidArgument("border: expected 1, 2, 4 or 8 characters, got 3")) {
            _ = try BorderStyle.make([plus, dash, plus])
        }
        #expect(BorderStyle(name: "double") == .double)
        #expect(BorderStyle(name: "fancy") == nil)
    }

    @Test func configDefaultsAndValidation() throws {
        let cfg = FloatConfig(row: 1, col: 2, width: 10, height: 3)
        #expect(cfg.relative == .editor && cfg.anchor == .NW && cfg.zindex == 50)
        #expect(cfg.border == .none && cfg.title == nil && cfg.titlePos == .left && cfg.focusable)
        try cfg.validate()
        #expect(throws: KernelError.outOfRange("width must be at least 1, got 0")) {
            try FloatConfig(row: 0, col: 0, width: 0, height: 3).validate()
        }
        #expect(throws: KernelError.outOfRange("height must be at least 1, got -2")) {
            try FloatConfig(row: 0, col: 0, width: 3, height: -2).validate()
        }
        #expect(throws: KernelError.outOfRange("zindex must not be negative, got -1")) {
            try FloatConfig(row: 0, col: 0, width: 3, height: 2, zindex: -1).validate()
        }
        #expect(throws: KernelError.invalidArgument("title needs a border (set border = \"single\" or another style)")) {
            try FloatConfig(row: 0, col: 0, width: 3, height: 2, title: "x").validate()
        }
        #expect(SplitDirection(rawValue: "below")?.axis == .col)
        #expect(Anchor(rawValue: "SE")?.isEast == true)
    }

    @Test(arguments: [
        // anchor, expected outer rect for a 20x5 float at (10, 40) without border
        (Anchor.NW, rect(10, 40, 20, 5)),
        (Anchor.NE, rect(10, 20, 20, 5)),
        (Anchor.SW, rect(5, 40, 20, 5)),
        (Anchor.SE, rect(5, 20, 20, 5)),
    ])
    func anchorsShiftByTheFloatSize(anchor: Anchor, expected: Rect) {
        let f = FloatLayout(config: FloatConfig(row: 10, col: 40, width: 20, height: 5, anchor: anchor), editor: editor)
        #expect(f.outer == expected)
        #expect(f.inner == expected)
    }

    @Test func borderAddsAroundTheInnerSize() {
        //  col 18               col 40
        //  ┌────────────────────┐  row 10
        //  │ inner 20x5 @11,19  │
        //  └────────────────────┘  row 16
        let cfg = FloatConfig(row: 10, col: 40, width: 20, height: 5, anchor: .NE, border: .rounded)
        let f = FloatLayout(config: cfg, editor: editor)
        #expect(f.outer == rect(10, 18, 22, 7))
        #expect(f.inner == rect(11, 19, 20, 5))
    }

    @Test func relativeToWindowAndCursor() {
        let win = rect(3, 50, 30, 20)
        let cfg = FloatConfig(relative: .win(WindowID(1001)), row: 1, col: 2, width: 10, height: 4)
        #expect(FloatLayout(config: cfg, editor: editor, window: win).outer == rect(4, 52, 10, 4))
        #expect(FloatLayout(config: cfg, editor: editor).outer == rect(1, 2, 10, 4), "no window: editor origin")
        let below = FloatConfig(relative: .cursor, row: 1, col: 0, width: 10, height: 4, border: .single)
        #expect(FloatLayout(config: below, editor: editor, cursor: Position(row: 7, col: 9)).outer == rect(8, 9, 12, 6))
        let above = FloatConfig(relative: .cursor, row: 0, col: 0, width: 10, height: 4, anchor: .SW)
        #expect(FloatLayout(config: above, editor: editor, cursor: Position(row: 7, col: 9)).outer == rect(3, 9, 10, 4))
    }

    @Test func floatsAreMovedToStayOnScreen() {
        let right = FloatConfig(row: 20, col: 75, width: 10, height: 6)
        #expect(FloatLayout(config: right, editor: editor).outer == rect(18, 70, 10, 6))
        let left = FloatConfig(row: -4, col: -9, width: 10, height: 6, border: .single)
        let f = FloatLayout(config: left, editor: editor)
        #expect(f.outer == rect(0, 0, 12, 8))
        #expect(f.inner == rect(1, 1, 10, 6))
        let offset = rect(1, 0, 80, 22) // e.g. below a tab line
        #expect(FloatLayout(config: FloatConfig(row: 0, col: 0, width: 5, height: 5), editor: offset).outer == rect(1, 0, 5, 5))
    }

    @Test func oversizedFloatsAreCutToTheEditor() {
        let huge = FloatConfig(row: 3, col: 3, width: 200, height: 100, border: .double)
        let f = FloatLayout(config: huge, editor: editor)
        #expect(f.outer == editor)
        #expect(f.inner == rect(1, 1, 78, 22))
        let tiny = FloatLayout(config: huge, editor: rect(0, 0, 1, 1))
        #expect(tiny.outer == rect(0, 0, 1, 1))
        #expect(tiny.inner.isEmpty)
        let none = FloatLayout(config: huge, editor: rect(0, 0, 0, 0))
        #expect(none.outer.isEmpty && none.inner.isEmpty)
        let extreme = FloatConfig(row: Int.max, col: Int.min, width: Int.max, height: -5, anchor: .SE, border: .single)
        let e = FloatLayout(config: extreme, editor: editor)
        #expect(e.outer.width >= 0 && e.outer.height >= 0 && e.inner.width >= 0 && e.inner.height >= 0)
        #expect(editor.intersection(e.outer) == e.outer)
    }

    @Test func stackOrdersByZIndexThenCreation() {
        var stack = FloatStack()
        let a = WindowID(1003), b = WindowID(1004), c = WindowID(1005), d = WindowID(1006)
        stack.add(a, zindex: 50)
        stack.add(b, zindex: 10)
        stack.add(c, zindex: 50)
        stack.add(d, zindex: 200)
        #expect(stack.ordered == [b, a, c, d])
        stack.add(a, zindex: 50) // re-adding keeps a's creation order
        #expect(stack.ordered == [b, a, c, d])
        let changed = stack.setZIndex(b, 300)
        #expect(changed)
        #expect(stack.ordered == [a, c, d, b])
        let missing = stack.setZIndex(WindowID(9), 1)
        let removed = stack.remove(d), again = stack.remove(d)
        #expect(!missing && removed && !again)
        #expect(stack.ordered == [a, c, b] && stack.count == 3 && stack.zindex(of: b) == 300)
        let rects = [a: rect(0, 0, 10, 10), c: rect(5, 5, 10, 10), b: rect(20, 20, 2, 2)]
        #expect(stack.topmost(at: Position(row: 6, col: 6), rects: rects) == c)
        #expect(stack.topmost(at: Position(row: 1, col: 1), rects: rects) == a)
        #expect(stack.topmost(at: Position(row: 30, col: 1), rects: rects) == nil)
    }
}
