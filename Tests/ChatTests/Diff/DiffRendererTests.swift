import Kernel
import Testing
@testable import Chat

@Suite struct DiffRendererTests {
    @Test func rowsHaveNumbersSignsAndColours() {
        let d = FileDiff.make(old: "a\nlet x = 1\nc\n", new: "a\nlet x = 2\nc\n", path: "f")
        let lines = DiffRenderer.lines(d, indent: "  ")
        #expect(lines.map(\.text) == ["  1   a", "  2 - let x = 1", "  2 + let x = 2", "  3   c"])
        #expect(lines.map(\.lineHl) == ["DiffContext", "DiffDelete", "DiffAdd", "DiffContext"])
        #expect(lines[1].spans == [StyledSpan(2..<3, "DiffLineNr"), StyledSpan(14..<15, "DiffDeleteText")])
        #expect(lines[2].spans == [StyledSpan(2..<3, "DiffLineNr"), StyledSpan(14..<15, "DiffAddText")])
    }

    @Test func hunkSeparatorAndWideNumbers() {
        let old = (1...120).map(String.init).joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "\n5\n", with: "\nfive\n").replacingOccurrences(of: "\n110\n", with: "\n\n")
        let rows = DiffRenderer.lines(FileDiff.make(old: old, new: new, path: "n")).map(\.text)
        #expect(rows.contains("  ⋮"))
        #expect(rows.contains("110 - 110") && rows.contains("  5 + five"))
    }

    @Test func viewWritesABufferWithMarks() throws {
        let editor = Editor(size: Size(width: 40, height: 10))
        let buf = try editor.createBuffer(scratch: true)
        let n = try DiffView.show(FileDiff.make(old: "a\n", new: "b\n", path: "x"), in: buf, editor: editor)
        #expect(n == 2 && buf.lines == ["1 - a", "1 + b"])
        let ns = editor.namespaces.create(name: DiffView.namespaceName)
        let marks = buf.extmarks.list(ns: ns)
        #expect(marks.contains { $0.decoration.lineHl == "DiffDelete" })
        #expect(marks.contains { $0.decoration.lineHl == "DiffAdd" })
        try DiffView.show(FileDiff.make(old: "a\n", new: "a\n", path: "x"), in: buf, editor: editor)
        #expect(buf.lines == ["(no changes)"])
    }
}
